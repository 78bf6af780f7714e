// Exit this page (after GOV.UK's component). The link works on its own; with script we
// cover the page at once and use location.replace, so that Back does not return here.
// Shift pressed three times also leaves. Escape is not used: clickers send it.
// While the next site loads (slowly, on a poor network) every part of the page is inert,
// out of the tab order and the accessibility tree, and the cover says, as an alert, that
// the page is closing.
(function () {
  var exitLink = document.querySelector('[data-module="exit-this-page"]');
  if (!exitLink) return;
  var status = document.querySelector("[data-exit-status]");
  var presses = 0;
  var timer;

  function say(message) {
    status.textContent = message;
  }

  function leave() {
    for (var part of document.body.children) part.inert = true;
    var cover = document.createElement("div");
    cover.className = "exit-overlay";
    cover.setAttribute("role", "alert");
    document.body.appendChild(cover);
    // Its words once it is in the page: screen readers announce the change more surely.
    cover.textContent = "Closing this page.";
    location.replace(exitLink.href);
  }

  document.querySelectorAll('[data-module="exit-this-page"], [data-exit]').forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.repeat) return;
    clearTimeout(timer);
    if (event.key !== "Shift") {
      if (presses) say("");
      presses = 0;
      return;
    }
    presses += 1;
    if (presses === 3) return leave();
    say("Shift, press " + (3 - presses) + " more time" + (presses === 2 ? "" : "s") + " to exit.");
    timer = setTimeout(function () {
      presses = 0;
      say("Exit this page expired.");
    }, 5000);
  });
})();
