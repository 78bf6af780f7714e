// The presenter: every slide of the lesson is in the page, and this moves between them in
// place, so full screen and the teacher's place survive, while the address bar follows
// the slide (replaceState: a refresh resumes there, and slides add no history entries).
// Keys as in PowerPoint and reveal.js, so a clicker can drive it; S opens the speaker view
// in a second window, and either window moves the other (postMessage, which also works
// between windows of a static copy opened from disk).
(function () {
  "use strict";
  var body = document.body;
  if (body.getAttribute("data-module") !== "presenter") return;
  var shared = window.quizSlides;
  var slides = Array.prototype.slice.call(document.querySelectorAll("[data-slide]"));
  // Resolved once, now: a static copy's relative addresses would resolve differently once
  // replaceState has changed the page's own address.
  function resolve(url) {
    return new URL(shared.withChoice(url), window.location.href).href;
  }
  var urls = slides.map(function (slide) {
    return resolve(slide.getAttribute("data-url"));
  });
  var speakerUrl = resolve(body.getAttribute("data-speaker-url"));
  var backLink = document.querySelector("[data-present-back]");
  var nextLink = document.querySelector("[data-present-next]");
  var status = document.querySelector("[data-slide-status]");
  var controls = document.querySelector("[data-present-controls]");
  var dialog = document.getElementById("present-keys");
  var shortcuts = document.querySelector("[data-shortcuts]");
  var titleEnd = document.title.slice(document.title.lastIndexOf(" – "));
  // The slide the page was rendered for, unless the fragment names one (see show).
  var current = slides.findIndex(function (slide) { return !slide.hidden; });
  var blank = null;
  var speaker = null;
  var idle = null;

  function indexOf(name) {
    return slides.findIndex(function (slide) { return slide.getAttribute("data-slide") === name; });
  }

  function setLink(link, index) {
    link.hidden = index < 0 || index >= slides.length;
    if (!link.hidden) link.href = urls[index];
  }

  function tellSpeaker() {
    if (speaker && !speaker.closed) {
      var slide = slides[current].getAttribute("data-slide");
      speaker.postMessage({ type: shared.MESSAGE, slide: slide, blank: !!blank }, "*");
    }
  }

  // A speaker view this window opened before a refresh is still open, and still asks
  // where the slides are: take it back, so the two stay in step without pressing S.
  function adopt(source) {
    try {
      if (!source || source.opener !== window) return false;
    } catch (error) {
      return false;
    }
    speaker = source;
    return true;
  }

  function show(index, quietly) {
    if (index < 0 || index >= slides.length) return;
    var moved = index !== current;
    current = index;
    var slide = slides[current];
    slides.forEach(function (other) {
      other.hidden = other !== slide;
    });
    setLink(backLink, current - 1);
    setLink(nextLink, current + 1);
    nextLink.textContent = slide.getAttribute("data-next-label");
    document.title = slide.getAttribute("data-title") + titleEnd;
    if (moved) status.textContent = slide.getAttribute("data-title");
    try {
      window.history.replaceState(null, "", urls[current]);
    } catch (error) {
      // Chromium lets a file:// page change only its fragment, so a static copy opened
      // from disk keeps the slide's name there instead: a refresh still resumes on it.
      window.history.replaceState(null, "", "#" + slide.getAttribute("data-slide"));
    }
    if (!quietly) tellSpeaker();
  }

  function toggleBlank() {
    if (blank) {
      blank.remove();
      blank = null;
    } else {
      blank = document.createElement("div");
      blank.className = "blank-screen";
      blank.setAttribute("data-blank", "");
      body.appendChild(blank);
    }
    tellSpeaker();
  }

  function toggleKeys() {
    if (dialog.open) dialog.close();
    else dialog.showModal();
  }

  function toggleFullScreen() {
    var change = document.fullscreenElement
      ? document.exitFullscreen()
      : document.documentElement.requestFullscreen();
    if (change) change.catch(function () {});
  }

  function openSpeaker() {
    if (speaker && !speaker.closed) speaker.focus();
    else speaker = window.open(speakerUrl, "quiz-speaker", "popup,width=1100,height=720");
  }

  // Controls stay out of the class's sight until the mouse moves; focus shows them too
  // (the stylesheet), so keyboard users still reach them.
  function wake() {
    body.classList.add("controls-awake");
    window.clearTimeout(idle);
    idle = window.setTimeout(function () {
      body.classList.remove("controls-awake");
    }, 3000);
  }

  if (indexOf(window.location.hash.slice(1)) !== -1) current = indexOf(window.location.hash.slice(1));
  // A static copy's page may be for a card left out of the choice: start at the top.
  if (current === -1) current = 0;
  body.classList.add("presenter-enhanced");
  Array.prototype.forEach.call(document.querySelectorAll("[data-present-controls] [hidden]"), function (tool) {
    if (tool !== backLink && tool !== nextLink) tool.hidden = false;
  });
  show(current, true);

  backLink.addEventListener("click", function (event) {
    event.preventDefault();
    show(current - 1);
  });
  nextLink.addEventListener("click", function (event) {
    event.preventDefault();
    show(current + 1);
  });
  document.querySelector("[data-keys-open]").addEventListener("click", toggleKeys);
  document.querySelector("[data-keys-close]").addEventListener("click", toggleKeys);
  document.querySelector("[data-speaker-open]").addEventListener("click", openSpeaker);
  shortcuts.addEventListener("click", function () {
    shortcuts.setAttribute("aria-pressed", String(shortcuts.getAttribute("aria-pressed") !== "true"));
  });
  document.addEventListener("mousemove", wake);

  window.addEventListener("message", function (event) {
    if (!event.data || event.data.type !== shared.MESSAGE) return;
    if (event.source !== speaker && !adopt(event.source)) return;
    // A slide's name moves this window, "blank" blanks it or brings it back, and a
    // message with neither asks where we are.
    if (event.data.blank) toggleBlank();
    else if (event.data.slide) show(indexOf(event.data.slide), true);
    else tellSpeaker();
  });

  document.addEventListener("keydown", function (event) {
    if (shortcuts.getAttribute("aria-pressed") !== "true") return;
    var action = shared.keyAction(event);
    if (!action) return;
    if (blank && (action === "forward" || action === "back" || action === "blank")) {
      // On a black screen the next press only brings the slide back, as in PowerPoint,
      // so the class never misses a slide that went by unseen.
      toggleBlank();
      event.preventDefault();
      return;
    }
    if (shared.isControlKey(event)) return;
    if (dialog.open && action !== "keys") return;
    if (action === "forward" || action === "back") {
      show(action === "forward" ? current + 1 : current - 1);
      // A control last clicked keeps focus, and a key press makes that focus show (and
      // the controls with it): a teacher driving with the keys is done with the controls.
      if (controls.contains(document.activeElement)) document.activeElement.blur();
    } else if (action === "blank") {
      toggleBlank();
    } else if (action === "full") {
      toggleFullScreen();
    } else if (action === "speaker") {
      openSpeaker();
    } else {
      toggleKeys();
    }
    event.preventDefault();
  });
})();
