// A Print button for the notes and the handout, shown only where a script can print.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll('[data-module="print-button"]'), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
