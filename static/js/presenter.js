// The presenter: every slide of the lesson is in the page (present-deck.js), with the
// black screen and full screen (present-projection.js), the controls and Keys dialog
// (present-controls.js) and the speaker view (present-speaker-link.js). This starts them
// on the page whose body is data-module="presenter", and gives each key press to one.
(function () {
  "use strict";
  var body = document.body;
  if (body.getAttribute("data-module") !== "presenter") return;
  var shared = window.quizPresenter;
  var link = null;
  function tell() {
    if (link) link.tell();
  }
  var deck = new shared.Deck(body, tell);
  var projection = new shared.Projection(body, tell);
  var controls = new shared.Controls(body);
  link = new shared.SpeakerLink(body, deck.resolve(body.getAttribute("data-speaker-url")), deck, projection);
  var keysDialog = controls.dialog;

  body.classList.add("presenter-enhanced");
  deck.show(deck.current, true);

  document.addEventListener("keydown", function (event) {
    if (!controls.shortcutsOn()) return;
    var action = shared.keyAction(event);
    if (!action) return;
    if (deck.steps.onlyUnblanks(action, projection.isBlank())) {
      projection.toggleBlank();
      event.preventDefault();
      return;
    }
    if (shared.isControlKey(event)) return;
    // In the Keys dialog only "?" (which closes it) is a shortcut; in another dialog none.
    var dialog = document.querySelector("dialog[open]");
    if (dialog && !(dialog === keysDialog && action === "keys")) return;
    if (deck.steps.target(action, 0) !== -1) {
      deck.move(action);
      controls.letGo();
    } else if (action === "blank") {
      projection.toggleBlank();
    } else if (action === "full") {
      projection.toggleFullScreen();
    } else if (action === "speaker") {
      link.open();
    } else {
      controls.toggleKeys();
    }
    event.preventDefault();
  });
})();
