// The choice of cards from the address, for the presenter, its speaker view and the start
// page. A static copy serves the same file whatever its query, so where
// the address chooses other cards than the page was rendered with (data-rendered-cards),
// the choice (?cards=1,2,5) is applied here; the served app has applied it already.
(function () {
  "use strict";
  // The chosen card numbers, in order, where they differ from the page's own; else null.
  // (A choice that makes no sense is the served app's 404 page: here it changes nothing.)
  function chosenCards() {
    var numbers = [];
    var rendered = document.body.getAttribute("data-rendered-cards");
    var params = new URLSearchParams(window.location.search);
    var valid = params.getAll("cards").every(function (value) {
      return value.split(",").every(function (part) {
        if (!/^[0-9]{1,4}$/.test(part)) return false;
        numbers.push(Number(part));
        return true;
      });
    });
    numbers = numbers
      .sort(function (a, b) { return a - b; })
      .filter(function (number, index) { return number !== numbers[index - 1]; });
    return valid && numbers.length && numbers.join(",") !== rendered ? numbers : null;
  }

  function applyChoice() {
    var chosen = chosenCards();
    if (!chosen) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-card]"), function (element) {
      if (chosen.indexOf(Number(element.getAttribute("data-card"))) === -1) element.remove();
    });
    Array.prototype.forEach.call(document.querySelectorAll('input[name="cards"]'), function (box) {
      box.checked = chosen.indexOf(Number(box.value)) !== -1;
    });
    var kept = [];
    Array.prototype.forEach.call(document.querySelectorAll("[data-card]"), function (element) {
      var number = element.getAttribute("data-card");
      if (kept.indexOf(number) === -1) kept.push(number);
    });
    var count = String(kept.length || chosen.length);
    // Renumber "Card 3 of 18" to the card's place in the choice, in its title too.
    Array.prototype.forEach.call(document.querySelectorAll("[data-progress]"), function (element) {
      var slide = element.closest("[data-card]");
      var before = element.textContent;
      element.querySelector("[data-position]").textContent = String(
        kept.indexOf(slide.getAttribute("data-card")) + 1
      );
      element.querySelector("[data-count]").textContent = count;
      var number = slide.getAttribute("data-card");
      // The card's answer slide has no progress line, but its title names the card too.
      Array.prototype.forEach.call(document.querySelectorAll('[data-card="' + number + '"][data-title]'), function (titled) {
        titled.setAttribute("data-title", titled.getAttribute("data-title").replace(before, element.textContent));
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-count]"), function (element) {
      element.textContent = count;
    });
    Array.prototype.forEach.call(document.querySelectorAll("a[data-keeps-choice]"), function (link) {
      link.href = withChoice(link.getAttribute("href"));
    });
  }

  // A rendered address, carrying the choice where the page was not rendered for it.
  function withChoice(url) {
    var chosen = chosenCards();
    if (!chosen) return url;
    return url + (url.indexOf("?") === -1 ? "?" : "&") + "cards=" + chosen.join(",");
  }

  if (document.body.hasAttribute("data-rendered-cards")) applyChoice();
  // The copy's note that choosing needs a script, where one runs.
  Array.prototype.forEach.call(document.querySelectorAll("[data-needs-script]"), function (note) {
    note.hidden = true;
  });

  var shared = (window.quizPresenter = window.quizPresenter || {});
  shared.withChoice = withChoice;
})();
