// The messages between the slides window and the speaker view, after reveal.js's notes
// plugin: window.postMessage, which also works between the windows of a static copy
// opened from disk (where every page's origin is "null", so each side checks which
// window a message came from, never its origin). Every message is
// {namespace: "quiz-presenter", type: ..., and the fields its type names}:
//
//   slides  -> speaker  "connect" {slide, blank,  Follow this window (sent by S, so the
//                                 pressed}        tab where S was last pressed leads);
//                                                 again every 0.3 s until "connected",
//                                                 or "hello" from its own address.
//                                                 `pressed` is when S was pressed
//                                                 (Date.now()): a late try from a tab
//                                                 where S was pressed earlier is
//                                                 neither followed nor answered.
//   speaker -> slides   "connected" {url}         Following you, from this address (a
//                                                 speaker view for another choice of
//                                                 cards is sent to the slides' own).
//   slides  -> speaker  "state"   {slide, blank}  Where the slides are and whether the
//                                                 projection is blank: after every change,
//                                                 and in answer to "hello".
//   speaker -> slides   "hello"   {url}           Where are you? From this address, to
//                                                 the window followed only: on opening
//                                                 and every 1.5 s, which finds a
//                                                 refreshed window.
//   speaker -> slides   "go"      {slide}         Show this slide.
//   speaker -> slides   "toggle-blank"            Blank the projection, or bring it back.
//
// Speaker views also tell each other "opened" on a BroadcastChannel named as the speaker
// window, so that only the newest stays open (see speaker-view.js).
// A slide is named by its data-slide ("rules", "3", "3-answer", "help").
(function () {
  "use strict";
  var shared = (window.quizPresenter = window.quizPresenter || {});
  var NAMESPACE = "quiz-presenter";

  function send(target, type, fields) {
    if (!target || target.closed) return;
    var message = { namespace: NAMESPACE, type: type };
    Object.keys(fields || {}).forEach(function (key) {
      message[key] = fields[key];
    });
    target.postMessage(message, "*");
  }

  // Calls handlers[type](message, source) for each message of the protocol.
  function listen(handlers) {
    window.addEventListener("message", function (event) {
      var message = event.data;
      if (!message || message.namespace !== NAMESPACE) return;
      if (Object.prototype.hasOwnProperty.call(handlers, message.type)) {
        handlers[message.type](message, event.source);
      }
    });
  }

  shared.messages = { send: send, listen: listen, SPEAKER_WINDOW: "quiz-speaker" };
})();
