"""The one form a pupil sends: their answer to a card."""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import Request
from flask_wtf import FlaskForm
from werkzeug.datastructures import ImmutableMultiDict
from wtforms import StringField
from wtforms.validators import AnyOf, ValidationError

# What the card's True and False buttons send: the same length, one byte.
TRUE, FALSE = "T", "F"
# Every answer taken: the old words still come from a card page a browser kept.
ANSWERS = (TRUE, FALSE, "true", "false")

# What a browser sends the card's form as, exactly (templates/card.html sets no enctype).
URLENCODED = "application/x-www-form-urlencoded"


def one_answer(form: FlaskForm, field: StringField) -> None:
    """Exactly one value sent: none is no answer, and a field sent twice ("true" and
    "false") is not one answer either, where WTForms would take the first without a word."""
    if len(field.raw_data) != 1:
        raise ValidationError("Send one answer.")


class AnswerForm(FlaskForm):
    class Meta:
        # No CSRF token: answering changes nothing on the server and is never stored, so a
        # forged answer can do no harm, and a token would need a session cookie, which
        # this app promises never to set.
        csrf = False

        def get_translations(self, form: FlaskForm) -> None:
            # No translations of WTForms' messages: no pupil ever sees them (a form that
            # does not validate gets the 400 page). Flask-WTF looks its i18n setting up on
            # the app for every form it builds, a tenth of the form's time.
            return None

    # Rendered by hand as two submit buttons (templates/card.html); the field only checks
    # the value sent. The card is the one at the address the form is sent to. The two
    # values are one byte each, so that a request's length, which TLS does not hide, is
    # the same whichever was pressed ("answer=false" was a byte longer than "answer=true").
    # A text field with AnyOf takes exactly what a RadioField with these choices took, in
    # half the time: a RadioField builds its choices afresh for every form (bench/PROFILE.md).
    # What WTForms does for each form is kept small (bench/PROFILE.md): the label is given,
    # never shown, so that none is made from the name; one_answer is in the list, not a
    # validate_answer method, which WTForms looks for and adds to a new list; and with it
    # and AnyOf (which refuses an empty value) InputRequired had nothing left to refuse.
    answer = StringField("Answer", validators=[one_answer, AnyOf(ANSWERS)])

    @property
    def said_true(self) -> bool:
        return means_true(self.answer.data)


def means_true(value: str) -> bool:
    """Whether an answer taken says True."""
    return value in (TRUE, "true")


def parsed(body: bytes) -> ImmutableMultiDict[str, str]:
    """A urlencoded body's fields, parsed as Werkzeug parses them (the same call); none
    for a body not in UTF-8, as Werkzeug gives none."""
    try:
        text = body.decode()
    except UnicodeDecodeError:
        return ImmutableMultiDict()
    return ImmutableMultiDict(parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote"))


# What each of the card's buttons sends, and whether it says True: the form would take
# each of these, every time, so a button's answer is known without building one
# (tests/test_fuzz.py holds the two to the same answers). Fixed here, never added to by a
# request, and the same lookup whichever button was pressed.
BUTTON_ANSWERS = {f"answer={value}".encode(): means_true(value) for value in ANSWERS}


def sent_answer(request: Request) -> bool | None:
    """Whether the answer sent to a card says True, or None if no answer was taken (the
    400 page's case).

    A browser sends its answer as a few bytes of `application/x-www-form-urlencoded` with a
    Content-Length under the limit, and exactly that many are read here: Werkzeug reads a
    form in general (any content type, any stream) and, under gunicorn, reads the stream to
    its end through two layers of buffering, about a quarter of the answer's time beyond a
    card. A button's body is then looked up: building and validating the form for it was
    most of what was left, about 35 µs (bench/PROFILE.md). Any other body is parsed as
    Werkzeug parses it and checked by the form. Anything else (multipart, a charset given,
    no length or an odd one, a body over MAX_CONTENT_LENGTH) is request.form's, with its
    answers and its 413.
    """
    environ = request.environ
    length = environ.get("CONTENT_LENGTH", "")
    limit = request.max_content_length
    if (
        environ.get("CONTENT_TYPE") != URLENCODED
        or not (length.isascii() and length.isdigit())
        or (limit is not None and int(length) > limit)
    ):
        return form_answer(request.form)
    body = environ["wsgi.input"].read(int(length))
    said_true = BUTTON_ANSWERS.get(body)
    return form_answer(parsed(body)) if said_true is None else said_true


def form_answer(fields: ImmutableMultiDict[str, str]) -> bool | None:
    """What the form takes from these fields: whether the answer says True, or None."""
    form = AnswerForm(formdata=fields)
    return form.said_true if form.validate() else None
