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
        return self.answer.data in (TRUE, "true")


def parsed(body: bytes) -> ImmutableMultiDict[str, str]:
    """A urlencoded body's fields, parsed as Werkzeug parses them (the same call); none
    for a body not in UTF-8, as Werkzeug gives none."""
    try:
        text = body.decode()
    except UnicodeDecodeError:
        return ImmutableMultiDict()
    return ImmutableMultiDict(parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote"))


# The bodies the card's buttons send, parsed once: the fields of each, which no request
# changes (ImmutableMultiDict; WTForms reads them as copies). Fixed here, never added to by
# a request, and the same lookup whichever button was pressed.
BUTTON_BODIES = {body: parsed(body) for body in (f"answer={value}".encode() for value in ANSWERS)}


def sent_fields(request: Request) -> ImmutableMultiDict[str, str]:
    """The fields of a form sent to a card: what Werkzeug's request.form holds, read more
    cheaply for the one body a browser sends.

    Werkzeug reads a form in general (any content type, any stream) and, under gunicorn,
    reads the stream to its end through two layers of buffering: about a quarter of the
    answer's time beyond a card (bench/PROFILE.md). A browser sends its answer as a few
    bytes with a Content-Length under the limit, so exactly that many are read here; a
    button's body has its fields ready, any other is parsed as Werkzeug parses it.
    Anything else (multipart, a charset given, no length or an odd one, a body over
    MAX_CONTENT_LENGTH) is request.form's, with its answers and its 413.
    """
    environ = request.environ
    length = environ.get("CONTENT_LENGTH", "")
    limit = request.max_content_length
    if (
        environ.get("CONTENT_TYPE") != URLENCODED
        or not (length.isascii() and length.isdigit())
        or (limit is not None and int(length) > limit)
    ):
        return request.form
    body = environ["wsgi.input"].read(int(length))
    fields = BUTTON_BODIES.get(body)
    return parsed(body) if fields is None else fields
