// The speaker view, on the teacher's own screen: the slide the class sees, the next one,
// the notes for it and the time. It follows the presenter window that opened it, and
// moving here moves the presenter (postMessage, checked by its source: on file:// the
// origin is "null" for every page, so the origin cannot tell windows apart).
(function () {
  "use strict";
  var body = document.body;
  if (body.getAttribute("data-module") !== "speaker-view") return;
  var shared = window.quizSlides;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".speaker-now [data-slide]"));
  var notes = document.querySelectorAll("[data-notes-for]");
  var nextTitle = document.querySelector("[data-next-title]");
  var nextSummary = document.querySelector("[data-next-summary]");
  var clock = document.querySelector("[data-clock]");
  var backButton = document.querySelector("[data-speaker-back]");
  var nextButton = document.querySelector("[data-speaker-next]");
  var presenter = window.opener;
  var current = 0;
  var started = Date.now();

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

  function tick() {
    var seconds = Math.floor((Date.now() - started) / 1000);
    var rest = seconds % 60;
    clock.textContent = Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  document.querySelector("[data-speaker-without-script]").hidden = true;
  Array.prototype.forEach.call(document.querySelectorAll(".speaker-bar [hidden]"), function (control) {
    control.hidden = false;
  });
  backButton.addEventListener("click", function () { show(current - 1); });
  nextButton.addEventListener("click", function () { show(current + 1); });
  document.querySelector("[data-clock-restart]").addEventListener("click", function () {
    started = Date.now();
    tick();
  });
  window.setInterval(tick, 1000);
  show(0, true);

  window.addEventListener("message", function (event) {
    if (!presenter || event.source !== presenter || !event.data || event.data.type !== shared.MESSAGE) return;
    if (event.data.slide) show(indexOf(event.data.slide), true);
  });

  document.addEventListener("keydown", function (event) {
    var action = shared.keyAction(event);
    if (action !== "forward" && action !== "back") return;
    if (shared.isControlKey(event)) return;
    event.preventDefault();
    show(action === "forward" ? current + 1 : current - 1);
  });

  // Ask the presenter where it is: it answers with its slide's name.
  tellPresenter({ type: shared.MESSAGE });
})();
