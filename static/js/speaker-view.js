// The speaker view, on the teacher's own screen: the slide the class sees, the next one
// and the notes for it (the time is speaker-clock.js). It follows the slides window that
// opened it, or the one where S was pressed since ("connect"), and moving here moves that
// window (the messages are in slide-messages.js).
(function () {
  "use strict";
  var body = document.body;
  if (body.getAttribute("data-module") !== "speaker-view") return;
  var shared = window.quizPresenter;
  var messages = shared.messages;
  var ASK_EVERY = 1500;
  var LOST_AFTER = 5000;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".speaker-now [data-slide]"));
  var steps = new shared.Steps(slides);
  var notes = document.querySelectorAll("[data-notes-for]");
  var nextTitle = document.querySelector("[data-next-title]");
  var nextSummary = document.querySelector("[data-next-summary]");
  var backButton = document.querySelector("[data-speaker-back]");
  var nextButton = document.querySelector("[data-speaker-next]");
  var link = document.querySelector("[data-speaker-link]");
  var presenter = window.opener;
  var current = 0;
  // When the slides window last answered, whether its screen is blank, and whether this
  // view has moved to another tab's slides.
  var heard = Date.now();
  var blank = false;
  var movedTab = false;
  // When S was pressed in the window followed: a slides window asks to be followed until
  // it is answered (or for 12 s), and a late ask from one where S was pressed before must
  // not take this view back from the tab where it was pressed last. It is not answered:
  // its "connected" handler would load that tab's speaker address here.
  var pressed = 0;

  function show(index, quietly) {
    if (index < 0 || index >= slides.length) return;
    slides[current].hidden = true;
    current = index;
    var name = steps.name(current);
    slides[current].hidden = false;
    Array.prototype.forEach.call(notes, function (note) {
      note.hidden = note.getAttribute("data-notes-for") !== name;
    });
    var next = slides[current + 1];
    nextTitle.textContent = next ? next.getAttribute("data-title") : "";
    nextSummary.textContent = next ? next.getAttribute("data-summary") : "";
    backButton.disabled = current === 0;
    nextButton.disabled = !next;
    if (!quietly) messages.send(presenter, "go", { slide: name });
  }

  function move(action) {
    if (steps.onlyUnblanks(action, blank)) messages.send(presenter, "toggle-blank");
    else show(steps.target(action, current));
  }

  // Say so when the slides window has stopped answering (closed, or on another page), and
  // when it is blank, so the teacher never drives slides the class cannot see.
  function sayLink() {
    var text = "";
    if (Date.now() - heard > LOST_AFTER) {
      text = "Not connected to the slides. Open the slides and press S there.";
    } else if (blank) {
      text = "The projector is blank. Press B, or Next, to show the slide.";
    } else if (movedTab) {
      text = "Now following the slides in the tab where S was pressed last.";
    }
    if (link.textContent !== text) link.textContent = text;
  }

  function heardFrom(message) {
    heard = Date.now();
    blank = !!message.blank;
    show(steps.indexOf(message.slide), true);
    sayLink();
  }

  document.querySelector("[data-speaker-without-script]").hidden = true;
  Array.prototype.forEach.call(document.querySelectorAll(".speaker-bar [hidden]"), function (control) {
    control.hidden = false;
  });
  backButton.addEventListener("click", function () { move("back"); });
  nextButton.addEventListener("click", function () { move("forward"); });
  show(0, true);

  messages.listen({
    state: function (message, source) {
      if (presenter && source === presenter) heardFrom(message);
    },
    // S pressed in a slides window: follow it from now on.
    connect: function (message, source) {
      // Slides loaded before `pressed` was sent count as pressed at the start.
      var at = message.pressed || 0;
      if (!source || at < pressed) return;
      pressed = at;
      movedTab = movedTab || source !== presenter;
      presenter = source;
      heardFrom(message);
      messages.send(presenter, "connected", { url: window.location.href });
    }
  });

  document.addEventListener("keydown", function (event) {
    var action = shared.keyAction(event);
    if (action !== "blank" && steps.target(action, 0) === -1) return;
    if (shared.isControlKey(event)) return;
    event.preventDefault();
    if (action === "blank") messages.send(presenter, "toggle-blank");
    else move(action);
  });

  // Ask the slides window where it is, now and every little while: it answers with its
  // slide's name. Asking again is what finds it after a refresh of that window.
  function ask() {
    messages.send(presenter, "hello", { url: window.location.href });
    sayLink();
  }
  ask();
  window.setInterval(ask, ASK_EVERY);

  // One speaker view at a time, the newest: a slides tab that cannot reach the open one
  // (a tab opened on its own) opens its own, and the older one closes (or, where a script
  // may not close it, says so).
  if ("BroadcastChannel" in window) {
    var others = new window.BroadcastChannel(messages.SPEAKER_WINDOW);
    others.onmessage = function (event) {
      if (event.data !== "opened") return;
      presenter = null;
      movedTab = false;
      heard = 0;
      window.close();
    };
    others.postMessage("opened");
  }
})();
