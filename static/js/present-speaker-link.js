// The slides window's side of the speaker view: S opens it in a second window (after a
// warning where the class could see it), and the two keep in step by the messages in
// slide-messages.js. The speaker view follows the slides tab where S was last pressed.
(function () {
  "use strict";
  var shared = window.quizPresenter;
  var messages = shared.messages;
  var FEATURES = "popup,width=1100,height=720";
  var CONNECT_EVERY = 300;
  var CONNECT_TRIES = 40;

  function SpeakerLink(root, url, deck, projection) {
    var link = this;
    this.url = url;
    this.deck = deck;
    this.projection = projection;
    this.speaker = null;
    this.connecting = null;
    this.warning = root.querySelector("[data-speaker-warning]");
    // Asked once a page: a teacher who has read the warning need not read it again.
    this.warned = false;
    root.querySelector("[data-speaker-open]").addEventListener("click", function () { link.open(); });
    this.warning.querySelector("[data-speaker-anyway]").addEventListener("click", function () {
      link.warning.close();
      link.warned = true;
      link.open();
    });
    this.warning.querySelector("[data-speaker-cancel]").addEventListener("click", function () {
      link.warning.close();
    });
    messages.listen({
      // The speaker view asks only the window it follows, so whoever asks is ours: that
      // finds it again after this window is refreshed. From our own speaker address it
      // is also the answer "connect" waits for: asking on after it was heard could reach
      // a speaker view another tab has since loaded its cards into, and take it over.
      hello: function (message, source) {
        link.speaker = source;
        if (message.url === link.url) window.clearInterval(link.connecting);
        link.tell();
      },
      go: function (message, source) {
        if (source === link.speaker) deck.show(deck.steps.indexOf(message.slide), true);
      },
      "toggle-blank": function (message, source) {
        if (source === link.speaker) projection.toggleBlank();
      },
      connected: function (message, source) {
        if (source !== link.speaker) return;
        if (message.url === link.url) {
          window.clearInterval(link.connecting);
        } else if (!link.loading) {
          // A speaker view for another choice of cards: load ours in its window, once.
          link.loading = true;
          source.location.replace(link.url);
        }
      }
    });
  }

  SpeakerLink.prototype.state = function () {
    return { slide: this.deck.name(), blank: this.projection.isBlank() };
  };

  SpeakerLink.prototype.tell = function () {
    messages.send(this.speaker, "state", this.state());
  };

  // Whether the class may see a second window: Chromium says whether the display is
  // extended (screen.isExtended); other browsers cannot tell, and the warning says so.
  SpeakerLink.prototype.mayBeSeen = function () {
    return window.screen.isExtended !== true;
  };

  SpeakerLink.prototype.open = function () {
    if (!this.warned && this.mayBeSeen()) {
      var known = typeof window.screen.isExtended === "boolean";
      this.warning.querySelector("[data-when-mirrored]").hidden = !known;
      this.warning.querySelector("[data-when-unknown]").hidden = known;
      this.warning.showModal();
      return;
    }
    // By name, so a speaker view already open for this browsing session is found (and
    // taken over) rather than a second one opened; a new window starts blank.
    var speaker = window.open("", messages.SPEAKER_WINDOW, FEATURES);
    if (!speaker) return;
    var fresh;
    try {
      fresh = speaker.location.href === "about:blank";
    } catch (error) {
      // Another page's window: on file:// every page is its own origin.
      fresh = false;
    }
    this.speaker = speaker;
    this.pressed = Date.now();
    this.loading = fresh;
    if (fresh) speaker.location.replace(this.url);
    this.connect();
    speaker.focus();
  };

  // As reveal.js's notes do: "connect" until the speaker view answers "connected" from
  // this window's own speaker address (a window still loading misses messages).
  SpeakerLink.prototype.connect = function () {
    var link = this;
    var tries = 0;
    function attempt() {
      var fields = link.state();
      fields.pressed = link.pressed;
      messages.send(link.speaker, "connect", fields);
      tries += 1;
      if (tries >= CONNECT_TRIES) window.clearInterval(link.connecting);
    }
    window.clearInterval(this.connecting);
    this.connecting = window.setInterval(attempt, CONNECT_EVERY);
    attempt();
  };

  shared.SpeakerLink = SpeakerLink;
})();
