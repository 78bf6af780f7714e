// The revealed answer. Browsers that ignore autofocus still move focus to the verdict, so
// it is read out; but a script that arrives late must not pull back a pupil who has
// already tabbed on.
(function () {
  "use strict";
  var verdict = document.querySelector(".verdict[autofocus]");
  if (!verdict) return;
  var focusMoved = document.activeElement && document.activeElement !== document.body;
  if (!focusMoved) verdict.focus();
})();
