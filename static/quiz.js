// One small script. Every page works without it; it only adds the Shift-three-times exit,
// an instant cover on exit, answering without a page reload, and the presenter's keys.
(function () {
  "use strict";

  // Exit this page (after GOV.UK's component): the link works on its own; with script we
  // cover the page at once and use location.replace so that Back does not return here.
  var exitLink = document.querySelector('[data-module="exit-this-page"]');
  var exitStatus = document.querySelector("[data-exit-status]");
  var shiftPresses = 0;
  var shiftTimer = null;

  function leave() {
    var cover = document.createElement("div");
    cover.className = "exit-overlay";
    document.body.appendChild(cover);
    document.title = "Exit this page";
    window.location.replace(exitLink.href);
  }

  function resetShift(message) {
    shiftPresses = 0;
    window.clearTimeout(shiftTimer);
    if (exitStatus) exitStatus.textContent = message || "";
  }

  if (exitLink) {
    exitLink.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") {
        if (shiftPresses) resetShift();
        return;
      }
      if (event.repeat) return;
      shiftPresses += 1;
      window.clearTimeout(shiftTimer);
      if (shiftPresses >= 3) {
        if (exitStatus) exitStatus.textContent = "Exit this page activated";
        leave();
        return;
      }
      var left = 3 - shiftPresses;
      if (exitStatus) {
        exitStatus.textContent =
          "Shift, press " + left + " more time" + (left === 1 ? "" : "s") + " to exit.";
      }
      shiftTimer = window.setTimeout(function () {
        resetShift("Exit this page expired.");
      }, 5000);
    });
  }

  function focusVerdict() {
    var verdict = document.querySelector('[data-module="reveal"] .verdict');
    if (verdict) verdict.focus();
  }

  // Answer without a reload: post the same form, then swap in the reveal's main content.
  // Any failure falls back to an ordinary form submission, which always works.
  function enhanceAnswerForm(form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !window.fetch || !window.DOMParser) return;
      event.preventDefault();
      var body = new URLSearchParams(new FormData(form));
      body.set(button.name, button.value);
      fetch(form.action, { method: "POST", body: body, cache: "no-store" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var main = page.querySelector("main");
          if (!main) throw new Error("no main");
          document.querySelector("main").replaceChildren.apply(
            document.querySelector("main"),
            Array.prototype.slice.call(main.childNodes).map(function (node) {
              return document.importNode(node, true);
            })
          );
          document.title = page.title;
          focusVerdict();
        })
        .catch(function () {
          var hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = button.name;
          hidden.value = button.value;
          form.appendChild(hidden);
          HTMLFormElement.prototype.submit.call(form);
        });
    });
  }

  // Presenter keys, as in PowerPoint and reveal.js, so a clicker can drive the slides.
  var FORWARD = ["PageDown", "ArrowRight", "ArrowDown", " ", "n", "N", "Enter"];
  var BACK = ["PageUp", "ArrowLeft", "ArrowUp", "p", "P", "Backspace"];

  function enhancePresenter(body) {
    var dialog = document.getElementById("present-keys");
    var tools = document.querySelector("[data-present-tools]");
    var blank = null;
    if (tools) tools.hidden = false;

    function toggleKeys() {
      if (dialog.open) dialog.close();
      else dialog.showModal();
    }

    function toggleBlank() {
      if (blank) {
        blank.remove();
        blank = null;
        return;
      }
      blank = document.createElement("div");
      blank.className = "blank-screen";
      blank.setAttribute("data-blank", "");
      document.body.appendChild(blank);
    }

    function toggleFullScreen() {
      var request = document.fullscreenElement
        ? document.exitFullscreen()
        : document.documentElement.requestFullscreen();
      if (request && request.catch) request.catch(function () {});
    }

    document.querySelector("[data-keys-open]").addEventListener("click", toggleKeys);
    document.querySelector("[data-keys-close]").addEventListener("click", toggleKeys);

    document.addEventListener("keydown", function (event) {
      if (body.dataset.keys === "off" || event.altKey || event.ctrlKey || event.metaKey) return;
      var target = event.target;
      if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
      // Enter or Space on a focused link or button should do what that control does.
      var onControl = target.closest && target.closest("a, button, summary");
      if (onControl && (event.key === "Enter" || event.key === " ")) return;
      if (dialog.open && event.key !== "?") return;
      var goTo = null;
      if (FORWARD.indexOf(event.key) !== -1) goTo = body.dataset.next;
      else if (BACK.indexOf(event.key) !== -1) goTo = body.dataset.prev;
      else if (event.key === "b" || event.key === "B" || event.key === ".") toggleBlank();
      else if (event.key === "f" || event.key === "F") toggleFullScreen();
      else if (event.key === "?") toggleKeys();
      else return;
      event.preventDefault();
      if (goTo) window.location.assign(goTo);
    });
  }

  var presenter = document.querySelector('body[data-module="presenter"]');
  if (presenter) enhancePresenter(presenter);

  var answerForm = document.querySelector('[data-module="answer-form"]');
  if (answerForm) enhanceAnswerForm(answerForm);
  focusVerdict();
})();
