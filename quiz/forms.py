"""The one form a pupil sends: their answer to a card."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField
from wtforms.validators import InputRequired, ValidationError


class AnswerForm(FlaskForm):
    class Meta:
        # No CSRF token: answering changes nothing on the server and is never stored, so a
        # forged answer can do no harm, and a token would need a session cookie, which
        # this app promises never to set.
        csrf = False

    card = IntegerField(validators=[InputRequired()])
    # Rendered by hand as two submit buttons; the field only checks the value sent.
    answer = RadioField(choices=["true", "false"], validators=[InputRequired()])

    def __init__(self, deck_size: int, **kwargs):
        super().__init__(**kwargs)
        self.deck_size = deck_size

    def validate_card(self, field: IntegerField) -> None:
        # None means the value was not a whole number; WTForms has already said so.
        if field.data is not None and not 1 <= field.data <= self.deck_size:
            raise ValidationError(f"There is no card {field.data}.")

    @property
    def said_true(self) -> bool:
        return self.answer.data == "true"
