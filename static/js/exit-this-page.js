// Exit this page (after GOV.UK's component). The link works on its own; with script we
// cover the page at once and use location.replace, so that Back does not return here.
// Shift pressed three times also leaves. Escape is not used: clickers send it.
// While the next site loads (slowly, on a poor network) the page is inert and hidden
// behind the cover: a screen reader or Tab cannot go on through the quiz, and the cover
// says, as an alert, that the page is closing.
(function () {
  "use strict";
  var exitLink = document.querySelector('[data-module="exit-this-page"]');
  if (!exitLink) return;
  var exitLinks = document.querySelectorAll('[data-module="exit-this-page"], [data-exit]');
  var exitStatus = document.querySelector("[data-exit-status]");
  var presses = 0;
  var timer = null;

  function say(message) {
    if (exitStatus) exitStatus.textContent = message;
  }

  function leave() {
    Array.prototype.forEach.call(document.body.children, function (element) {
      element.inert = true;
    });
    document.body.classList.add("exit-leaving");
    var cover = document.createElement("div");
    cover.className = "exit-overlay";
    cover.setAttribute("role", "alert");
    document.body.appendChild(cover);
    // Its words once it is in the page: screen readers announce the change more surely.
    cover.textContent = "Closing this page.";
    window.location.replace(exitLink.href);
  }

  Array.prototype.forEach.call(exitLinks, function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      if (presses) {
        presses = 0;
        window.clearTimeout(timer);
        say("");
      }
      return;
    }
    if (event.repeat) return;
    presses += 1;
    window.clearTimeout(timer);
    if (presses === 3) {
      leave();
      return;
    }
    say("Shift, press " + (3 - presses) + " more time" + (presses === 2 ? "" : "s") + " to exit.");
    timer = window.setTimeout(function () {
      presses = 0;
      say("Exit this page expired.");
    }, 5000);
  });
})();
