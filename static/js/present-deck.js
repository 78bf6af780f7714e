// The slides of the lesson, all in the page, shown one at a time in place: so full screen
// and the teacher's place survive, while the address bar follows the slide (replaceState:
// a refresh resumes there, and slides add no history entries).
(function () {
  "use strict";
  var shared = window.quizPresenter;

  // `changed` is called after each move that the speaker view did not ask for.
  function Deck(root, changed) {
    var deck = this;
    this.slides = Array.prototype.slice.call(root.querySelectorAll("[data-slide]"));
    this.steps = new shared.Steps(this.slides);
    this.changed = changed;
    // Resolved once, now: a static copy's relative addresses would resolve differently
    // once replaceState has changed the page's own address.
    this.urls = this.slides.map(function (slide) {
      return deck.resolve(slide.getAttribute("data-url"));
    });
    this.backLink = root.querySelector("[data-present-back]");
    this.nextLink = root.querySelector("[data-present-next]");
    this.status = root.querySelector("[data-slide-status]");
    this.titleEnd = root.getAttribute("data-title-end");
    // The slide the page was rendered for, unless the fragment names one (see show); a
    // static copy's page may be for a card left out of the choice: then the first.
    var named = this.steps.indexOf(window.location.hash.slice(1));
    this.current = named !== -1 ? named : this.slides.findIndex(function (slide) { return !slide.hidden; });
    if (this.current === -1) this.current = 0;
    this.backLink.addEventListener("click", function (event) {
      event.preventDefault();
      deck.move("back");
    });
    this.nextLink.addEventListener("click", function (event) {
      event.preventDefault();
      deck.move("forward");
    });
  }

  Deck.prototype.resolve = function (url) {
    return new URL(shared.withChoice(url), window.location.href).href;
  };

  Deck.prototype.name = function () {
    return this.steps.name(this.current);
  };

  function setLink(link, url) {
    link.hidden = !url;
    if (url) link.href = url;
  }

  Deck.prototype.show = function (index, quietly) {
    if (index < 0 || index >= this.slides.length) return;
    var moved = index !== this.current;
    var slide = this.slides[index];
    this.current = index;
    this.slides.forEach(function (other) {
      other.hidden = other !== slide;
    });
    setLink(this.backLink, this.urls[index - 1]);
    setLink(this.nextLink, this.urls[index + 1]);
    this.nextLink.textContent = slide.getAttribute("data-next-label");
    document.title = slide.getAttribute("data-title") + this.titleEnd;
    if (moved) this.status.textContent = slide.getAttribute("data-title");
    try {
      window.history.replaceState(null, "", this.urls[index]);
    } catch (error) {
      // Chromium lets a file:// page change only its fragment, so a static copy opened
      // from disk keeps the slide's name there instead: a refresh still resumes on it.
      window.history.replaceState(null, "", "#" + this.name());
    }
    if (!quietly) this.changed();
  };

  // Forward, back, first or last; at either end, nothing.
  Deck.prototype.move = function (action) {
    var to = this.steps.target(action, this.current);
    if (to !== -1 && to !== this.current) this.show(to);
  };

  shared.Deck = Deck;
})();
