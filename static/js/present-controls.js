// The presenter's controls (Back, Next, Speaker view, Keys, Keyboard shortcuts): out of
// the class's sight until the mouse moves; focus shows them too (the stylesheet), so
// keyboard users still reach them. And the Keys dialog they open.
(function () {
  "use strict";
  var shared = window.quizPresenter;
  var AWAKE_FOR = 3000;

  function Controls(root) {
    var controls = this;
    this.root = root;
    this.bar = root.querySelector("[data-present-controls]");
    this.dialog = root.querySelector("#present-keys");
    this.shortcuts = root.querySelector("[data-shortcuts]");
    this.idle = null;
    Array.prototype.forEach.call(this.bar.querySelectorAll(".present-tools [hidden]"), function (tool) {
      tool.hidden = false;
    });
    root.querySelector("[data-keys-open]").addEventListener("click", function () { controls.toggleKeys(); });
    root.querySelector("[data-keys-close]").addEventListener("click", function () { controls.toggleKeys(); });
    this.shortcuts.addEventListener("click", function () {
      controls.shortcuts.setAttribute("aria-pressed", String(!controls.shortcutsOn()));
    });
    // Only a pointer that moves from where it last was: Chromium also sends a mousemove
    // that moves nowhere when the slide changes under a pointer at rest, which would show
    // the controls to the class at every slide. By position, not movementX, which some
    // Safari versions give only while the pointer is locked.
    var at = null;
    document.addEventListener("mousemove", function (event) {
      var now = event.screenX + "," + event.screenY;
      if (at !== null && now !== at) controls.wake();
      at = now;
    });
  }

  Controls.prototype.shortcutsOn = function () {
    return this.shortcuts.getAttribute("aria-pressed") === "true";
  };

  Controls.prototype.wake = function () {
    var root = this.root;
    root.classList.add("controls-awake");
    window.clearTimeout(this.idle);
    this.idle = window.setTimeout(function () {
      root.classList.remove("controls-awake");
    }, AWAKE_FOR);
  };

  Controls.prototype.toggleKeys = function () {
    if (this.dialog.open) this.dialog.close();
    else this.dialog.showModal();
  };

  // A control last clicked keeps focus, and a key press makes that focus show (and the
  // controls with it): a teacher driving with the keys is done with the controls.
  Controls.prototype.letGo = function () {
    if (this.bar.contains(document.activeElement)) document.activeElement.blur();
  };

  shared.Controls = Controls;
})();
