// One small script. Every page works without it: it adds the Shift-three-times exit, an
// instant cover on exit, focus on a revealed answer, and the presenter's keys.
(function () {
  "use strict";

  // Exit this page (after GOV.UK's component). The link works on its own; with script we
  // cover the page at once and use location.replace, so that Back does not return here.
  var exitLink = document.querySelector('[data-module="exit-this-page"]');
  var exitLinks = document.querySelectorAll('[data-module="exit-this-page"], [data-exit]');
  var exitStatus = document.querySelector("[data-exit-status]");
  var presses = 0;
  var timer = null;

  function say(message) {
    if (exitStatus) exitStatus.textContent = message;
  }

  function leave() {
    var cover = document.createElement("div");
    cover.className = "exit-overlay";
    document.body.appendChild(cover);
    window.location.replace(exitLink.href);
  }

  Array.prototype.forEach.call(exitLinks, function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
  });

  if (exitLink) {
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
        say("Exit this page activated");
        leave();
        return;
      }
      say("Shift, press " + (3 - presses) + " more time" + (presses === 2 ? "" : "s") + " to exit.");
      timer = window.setTimeout(function () {
        presses = 0;
        say("Exit this page expired.");
      }, 5000);
    });
  }

  // Browsers that ignore autofocus still move focus to the verdict, so it is read out;
  // but a script that arrives late must not pull back a pupil who has already tabbed on.
  var verdict = document.querySelector(".verdict[autofocus]");
  var focusMoved = document.activeElement && document.activeElement !== document.body;
  if (verdict && !focusMoved) verdict.focus();

  // Presenter keys, as in PowerPoint and reveal.js, so a clicker can drive the slides.
  var body = document.body;
  if (body.getAttribute("data-module") !== "presenter") return;
  var FORWARD = ["PageDown", "ArrowRight", "ArrowDown", " ", "n", "N", "Enter"];
  var BACK = ["PageUp", "ArrowLeft", "ArrowUp", "p", "P", "Backspace"];
  var dialog = document.getElementById("present-keys");
  var blank = null;
  document.querySelector("[data-present-tools]").hidden = false;

  function toggleKeys() {
    if (dialog.open) dialog.close();
    else dialog.showModal();
  }

  function toggleBlank() {
    if (blank) {
      blank.remove();
      blank = null;
    } else {
      blank = document.createElement("div");
      blank.className = "blank-screen";
      blank.setAttribute("data-blank", "");
      body.appendChild(blank);
    }
  }

  function toggleFullScreen() {
    var change = document.fullscreenElement
      ? document.exitFullscreen()
      : document.documentElement.requestFullscreen();
    if (change) change.catch(function () {});
  }

  document.querySelector("[data-keys-open]").addEventListener("click", toggleKeys);
  document.querySelector("[data-keys-close]").addEventListener("click", toggleKeys);

  document.addEventListener("keydown", function (event) {
    var key = event.key;
    var target = event.target;
    if (body.dataset.keys === "off" || event.altKey || event.ctrlKey || event.metaKey) return;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    var forward = FORWARD.indexOf(key) !== -1;
    var back = BACK.indexOf(key) !== -1;
    var blankKey = key === "b" || key === "B" || key === ".";
    if (blank && (forward || back || blankKey)) {
      // On a black screen the next press only brings the slide back, as in PowerPoint,
      // so the class never misses a card that went by unseen.
      toggleBlank();
      event.preventDefault();
      return;
    }
    // Enter or Space on a focused link or button does what that control does.
    if (target.closest("a, button") && (key === "Enter" || key === " ")) return;
    if (dialog.open && key !== "?") return;
    var goTo = null;
    if (forward) goTo = body.dataset.next;
    else if (back) goTo = body.dataset.prev;
    else if (blankKey) toggleBlank();
    else if (key === "f" || key === "F") toggleFullScreen();
    else if (key === "?") toggleKeys();
    else return;
    event.preventDefault();
    if (goTo) window.location.assign(goTo);
  });
})();
