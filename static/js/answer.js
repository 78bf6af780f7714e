// Answering a card. The card page holds what the pupil may have said and the result, so
// with this script the answer is shown in place and no request is sent: the answer never
// leaves the pupil's device, and Back and refresh behave as on any page. Without the
// script the form is sent as usual (or, in the static copy, a <details> opens), and the
// answer page that comes back takes focus by itself (autofocus).
(function () {
  "use strict";

  // Moves focus to a result so that screen readers read it out, and brings the top of
  // the page into view: the pupil lands on the result with the fact below it.
  function focusResult(heading) {
    heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  var card = document.querySelector('[data-module="answer"]');
  if (card) {
    // A click on True or False (Enter and Space on one click it too), button or summary.
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
      focusResult(said.querySelector(".result-heading"));
    });
  }

  // On an answer page, browsers that ignore autofocus still move focus to the result; but
  // a script that arrives late must not pull back a pupil who has already tabbed on.
  var heading = document.querySelector(".result-heading[autofocus]");
  var focusMoved = document.activeElement && document.activeElement !== document.body;
  if (heading && !focusMoved) focusResult(heading);
})();
