"""The one form a pupil sends: their answer to a card."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import AnyOf, InputRequired, ValidationError

# What the card's True and False buttons send: the same length, one byte.
TRUE, FALSE = "T", "F"


class AnswerForm(FlaskForm):
    class Meta:
        # No CSRF token: answering changes nothing on the server and is never stored, so a
        # forged answer can do no harm, and a token would need a session cookie, which
        # this app promises never to set.
        csrf = False

    # Rendered by hand as two submit buttons (templates/card.html); the field only checks
    # the value sent. The card is the one at the address the form is sent to. The two
    # values are one byte each, so that a request's length, which TLS does not hide, is
    # the same whichever was pressed ("answer=false" was a byte longer than "answer=true").
    # The old words are still taken from a card page a browser kept from before.
    # A text field with AnyOf takes exactly what a RadioField with these choices took, in
    # half the time: a RadioField builds its choices afresh for every form (bench/PROFILE.md).
    answer = StringField(validators=[InputRequired(), AnyOf([TRUE, FALSE, "true", "false"])])

    def validate_answer(self, field: StringField) -> None:
        # A field sent twice ("true" and "false") is not one answer; WTForms would take
        # the first without a word.
        if len(field.raw_data) != 1:
            raise ValidationError("Send one answer.")

    @property
    def said_true(self) -> bool:
        return self.answer.data in (TRUE, "true")
