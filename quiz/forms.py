"""The one form a pupil sends: their answer to a card."""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import Request
from flask_wtf import FlaskForm
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from wtforms import StringField
from wtforms.validators import AnyOf, InputRequired, ValidationError

# What the card's True and False buttons send: the same length, one byte.
TRUE, FALSE = "T", "F"

# What a browser sends the card's form as, exactly (templates/card.html sets no enctype).
URLENCODED = "application/x-www-form-urlencoded"


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


def sent_fields(request: Request) -> MultiDict[str, str]:
    """The fields of a form sent to a card: what Werkzeug's request.form holds, read more
    cheaply for the one body a browser sends.

    Werkzeug reads a form in general (any content type, any stream) and, under gunicorn,
    reads the stream to its end through two layers of buffering: about a quarter of the
    answer's time beyond a card (bench/PROFILE.md). A browser sends its answer as a few
    bytes with a Content-Length under the limit, so exactly that many are read here and
    parsed as Werkzeug parses them (the same call). Anything else (multipart, a charset
    given, no length or an odd one, a body over MAX_CONTENT_LENGTH) is request.form's, with
    its answers and its 413. A body not in UTF-8 gives no fields, as Werkzeug gives (and so
    the 400).
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
    try:
        text = environ["wsgi.input"].read(int(length)).decode()
    except UnicodeDecodeError:
        return ImmutableMultiDict()
    return ImmutableMultiDict(parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote"))
