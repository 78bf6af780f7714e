// Presenter keys, as in PowerPoint and reveal.js, so a clicker can drive the slides.
(function () {
  "use strict";
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
