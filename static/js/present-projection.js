// What the class sees besides the slide: the black screen (B or ".", as in PowerPoint)
// and full screen (F).
(function () {
  "use strict";
  var shared = window.quizPresenter;

  // `changed` is called whenever the screen goes black or comes back.
  function Projection(root, changed) {
    this.root = root;
    this.changed = changed;
    this.blank = null;
  }

  Projection.prototype.isBlank = function () {
    return !!this.blank;
  };

  Projection.prototype.toggleBlank = function () {
    if (this.blank) {
      this.blank.remove();
      this.blank = null;
    } else {
      this.blank = document.createElement("div");
      this.blank.className = "blank-screen";
      this.blank.setAttribute("data-blank", "");
      this.root.appendChild(this.blank);
    }
    this.changed();
  };

  Projection.prototype.toggleFullScreen = function () {
    var change = document.fullscreenElement
      ? document.exitFullscreen()
      : document.documentElement.requestFullscreen();
    if (change) change.catch(function () {});
  };

  shared.Projection = Projection;
})();
