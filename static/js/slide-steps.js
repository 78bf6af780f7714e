// What both windows know about moving through the lesson: a slide's place by its name,
// where each key that moves goes, and that on a blank projection it only brings the
// slide back.
(function () {
  "use strict";
  var shared = (window.quizPresenter = window.quizPresenter || {});

  function Steps(slides) {
    this.slides = slides;
  }

  // The place of the slide named `name` (data-slide), or -1.
  Steps.prototype.indexOf = function (name) {
    return this.slides.findIndex(function (slide) { return slide.getAttribute("data-slide") === name; });
  };

  Steps.prototype.name = function (index) {
    return this.slides[index].getAttribute("data-slide");
  };

  // Where a move from `current` lands, or -1 for an action that does not move.
  Steps.prototype.target = function (action, current) {
    var last = this.slides.length - 1;
    var to = { forward: current + 1, back: current - 1, first: 0, last: last }[action];
    return to === undefined ? -1 : Math.max(0, Math.min(last, to));
  };

  // On a black screen the next move, or B again, only brings the slide back, as in
  // PowerPoint, so the class never misses a slide that went by unseen.
  Steps.prototype.onlyUnblanks = function (action, blank) {
    return !!blank && (action === "blank" || this.target(action, 0) !== -1);
  };

  shared.Steps = Steps;
})();
