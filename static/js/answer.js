// Answering a card. The card page holds both possible results, so with this script the
// answer is shown in place and no request is sent: the answer never leaves the pupil's
// device, and Back and refresh behave as on any page. Without the script the form is
// sent as usual, and the answer page that comes back takes focus by itself (autofocus).
(function () {
  "use strict";

  // Moves focus to a result so that screen readers read it out, and brings the top of
  // the page into view: the pupil lands on the result with the fact below it.
  function focusResult(heading) {
    heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-module="answer"]'), function (card) {
    // Shows the result for "true" or "false" in place of the question. In the static
    // copy the result sits inside its <details>, so it is moved out first.
    function show(said) {
      var result = card.querySelector('[data-result="' + said + '"]');
      card.appendChild(result);
      card.querySelector("[data-question]").hidden = true;
      result.hidden = false;
      focusResult(result.querySelector(".result-heading"));
    }

    var form = card.querySelector("[data-answer-form]");
    if (form) {
      form.addEventListener("submit", function (event) {
        // Browsers too old to say which button was pressed send the form as they would
        // without this script.
        var said = event.submitter && event.submitter.value;
        if (!said) return;
        event.preventDefault();
        show(said);
      });
    }
    Array.prototype.forEach.call(card.querySelectorAll("[data-answer-choice] > summary"), function (summary) {
      summary.addEventListener("click", function (event) {
        event.preventDefault();
        show(summary.parentNode.getAttribute("data-answer-choice"));
      });
    });
  });

  // On an answer page, browsers that ignore autofocus still move focus to the result; but
  // a script that arrives late must not pull back a pupil who has already tabbed on.
  var heading = document.querySelector(".result-heading[autofocus]");
  var focusMoved = document.activeElement && document.activeElement !== document.body;
  if (heading && !focusMoved) focusResult(heading);
})();
