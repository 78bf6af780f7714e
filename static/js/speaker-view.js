// The speaker view, on the teacher's own screen: the slide the class sees, the next one,
// the notes for it and the time. It follows the presenter window that opened it, and
// moving here moves the presenter (postMessage, checked by its source: on file:// the
// origin is "null" for every page, so the origin cannot tell windows apart).
(function () {
  "use strict";
  var body = document.body;
  if (body.getAttribute("data-module") !== "speaker-view") return;
  var shared = window.quizSlides;
  var ASK_EVERY = 1500;
  var LOST_AFTER = 5000;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".speaker-now [data-slide]"));
  var notes = document.querySelectorAll("[data-notes-for]");
  var nextTitle = document.querySelector("[data-next-title]");
  var nextSummary = document.querySelector("[data-next-summary]");
  var clock = document.querySelector("[data-clock]");
  var backButton = document.querySelector("[data-speaker-back]");
  var nextButton = document.querySelector("[data-speaker-next]");
  var link = document.querySelector("[data-speaker-link]");
  var presenter = window.opener;
  var current = 0;
  var started = Date.now();
  // When the slides window last answered, and whether its screen is blank.
  var heard = started;
  var blank = false;

  function indexOf(name) {
    return slides.findIndex(function (slide) { return slide.getAttribute("data-slide") === name; });
  }

  function tellPresenter(message) {
    if (presenter && !presenter.closed) presenter.postMessage(message, "*");
  }

  function show(index, quietly) {
    if (index < 0 || index >= slides.length) return;
    slides[current].hidden = true;
    current = index;
    var name = slides[current].getAttribute("data-slide");
    slides[current].hidden = false;
    Array.prototype.forEach.call(notes, function (note) {
      note.hidden = note.getAttribute("data-notes-for") !== name;
    });
    var next = slides[current + 1];
    nextTitle.textContent = next ? next.getAttribute("data-title") : "";
    nextSummary.textContent = next ? next.getAttribute("data-summary") : "";
    backButton.disabled = current === 0;
    nextButton.disabled = !next;
    if (!quietly) tellPresenter({ type: shared.MESSAGE, slide: name });
  }

  function toggleBlank() {
    tellPresenter({ type: shared.MESSAGE, blank: true });
  }

  // On a black projection the next move only brings the slide back, as it does in the
  // slides window, so both windows stay on the same slide.
  function step(by) {
    if (blank) toggleBlank();
    else show(current + by);
  }

  // Say so when the slides window has stopped answering (closed, or on another page), and
  // when it is blank, so the teacher never drives slides the class cannot see.
  function sayLink() {
    var text = "";
    if (Date.now() - heard > LOST_AFTER) {
      text = "Not connected to the slides. Open the slides and press S there.";
    } else if (blank) {
      text = "The projector is blank. Press B, or Next, to show the slide.";
    }
    if (link.textContent !== text) link.textContent = text;
  }

  function tick() {
    var seconds = Math.floor((Date.now() - started) / 1000);
    var rest = seconds % 60;
    clock.textContent = Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  document.querySelector("[data-speaker-without-script]").hidden = true;
  Array.prototype.forEach.call(document.querySelectorAll(".speaker-bar [hidden]"), function (control) {
    control.hidden = false;
  });
  backButton.addEventListener("click", function () { step(-1); });
  nextButton.addEventListener("click", function () { step(1); });
  document.querySelector("[data-clock-restart]").addEventListener("click", function () {
    started = Date.now();
    tick();
  });
  window.setInterval(tick, 1000);
  show(0, true);

  window.addEventListener("message", function (event) {
    if (!presenter || event.source !== presenter || !event.data || event.data.type !== shared.MESSAGE) return;
    heard = Date.now();
    blank = !!event.data.blank;
    if (event.data.slide) show(indexOf(event.data.slide), true);
    sayLink();
  });

  document.addEventListener("keydown", function (event) {
    var action = shared.keyAction(event);
    if (action !== "forward" && action !== "back" && action !== "blank") return;
    if (shared.isControlKey(event)) return;
    event.preventDefault();
    if (action === "blank") toggleBlank();
    else step(action === "forward" ? 1 : -1);
  });

  // Ask the slides window where it is, now and every little while: it answers with its
  // slide's name. Asking again is what finds it after a refresh of that window.
  function ask() {
    tellPresenter({ type: shared.MESSAGE });
    sayLink();
  }
  ask();
  window.setInterval(ask, ASK_EVERY);
})();
