// The speaker view's clock: the time since it opened, or since Restart the clock.
(function () {
  "use strict";
  var clock = document.querySelector("[data-clock]");
  var restart = document.querySelector("[data-clock-restart]");
  if (!clock || !restart) return;
  var started = Date.now();

  function tick() {
    var seconds = Math.floor((Date.now() - started) / 1000);
    var rest = seconds % 60;
    clock.textContent = Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  restart.addEventListener("click", function () {
    started = Date.now();
    tick();
  });
  window.setInterval(tick, 1000);
})();
