// Answering a card. The card page holds what the pupil may have said and the result, so
// with this script the answer is shown in place and no request is sent: the answer never
// leaves the pupil's device, and Back and refresh behave as on any page. Without the
// script the form is sent as usual (or, in the static copy, a <details> opens).
(function () {
  "use strict";
  var card = document.querySelector('[data-module="answer"]');
  if (!card) return;

  // Back to a card brings it back as it was left or, where the browser reloads it, ready
  // to answer: at its top then, not scrolled to where the answer's Next card was.
  history.scrollRestoration = "manual";

  // A click on True or False, button or summary (Enter and Space on one click it too).
  card.addEventListener("click", function (event) {
    var control = event.target.closest("[data-answer]");
    if (!control) return;
    event.preventDefault();
    var said = card.querySelector('[data-said="' + control.getAttribute("data-answer") + '"]');
    var result = card.querySelector("[data-result]");
    // In the copy what they said sits in its <details>: the copy's stylesheet shows the
    // result once a choice is open, as it does without script, and the words move out.
    var choice = said.closest("details");
    if (choice) choice.open = true;
    result.insertBefore(said, result.firstChild);
    card.querySelector("[data-question]").hidden = true;
    said.hidden = false;
    result.hidden = false;
    // Focus on the result, so that screen readers read it out, with the top of the page in
    // view: the pupil lands on the result with the fact below it.
    said.querySelector(".result-heading").focus({ preventScroll: true });
    window.scrollTo(0, 0);
  });
})();
