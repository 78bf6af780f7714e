// Which key does what, in the slides window and the speaker view. The map is the page's
// data-key-map, rendered from quiz/presenter_keys.py: the one list that the Keys dialog
// and the README's table come from too.
(function () {
  "use strict";
  var shared = (window.quizPresenter = window.quizPresenter || {});
  var map = JSON.parse(document.body.getAttribute("data-key-map") || "{}");
  // The link or button the mouse last pressed. It keeps focus, but the keys pressed after
  // it are the presenter's: a teacher who clicked Next once goes on with Space.
  var clicked = null;

  document.addEventListener("mousedown", function (event) {
    clicked = event.target.closest ? event.target.closest("a, button") : null;
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Tab") clicked = null;
  }, true);

  // What a key press asks for (forward, back, first, last, blank, full, speaker or keys),
  // or null. Shift+Space is not Space: it goes back, as on any web page.
  function keyAction(event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) return null;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return null;
    return (event.shiftKey && map["Shift+" + event.key]) || map[event.key] || null;
  }

  // Enter on a link, or Enter or Space on a button, that the keyboard reached does what
  // that control does, not what the key does on a slide.
  function isControlKey(event) {
    var control = event.target.closest && event.target.closest("a[href], button");
    if (!control || control === clicked) return false;
    return event.key === "Enter" || (event.key === " " && control.tagName === "BUTTON");
  }

  shared.keyAction = keyAction;
  shared.isControlKey = isControlKey;
})();
