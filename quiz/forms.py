"""The one form a pupil sends: their answer to a card."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

# What the card's True and False buttons send: the same length, one byte.
TRUE, FALSE = "T", "F"
# Rendered by hand as two submit buttons (templates/card.html); this only checks the value
# sent. The card is the one at the address the form is sent to. The two values are one
# byte each, so that a request's length, which TLS does not hide, is the same whichever
# was pressed ("answer=false" was a byte longer than "answer=true"). The old words are
# still taken from a card page a browser kept from before.
SAID_TRUE = {TRUE: True, "true": True, FALSE: False, "false": False}


class AnswerForm:
    """The answer field, checked by hand: a pupil's one form has one field with four
    possible values, and Flask-WTF's form and its validation took 76 µs of an answer's
    ~140 µs in the app (bench/load: the answer was short of 0.8× a bare Flask page).

    No CSRF token: answering changes nothing on the server and is never stored, so a
    forged answer can do no harm, and a token would need a session cookie, which this app
    promises never to set."""

    def __init__(self, formdata: MultiDict[str, str]):
        self.values = formdata.getlist("answer")

    def validate(self) -> bool:
        # Exactly one value: a field sent twice ("true" and "false") is not one answer.
        return len(self.values) == 1 and self.values[0] in SAID_TRUE

    @property
    def said_true(self) -> bool:
        return SAID_TRUE[self.values[0]]
