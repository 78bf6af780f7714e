"""Friendly error pages, in the site's layout and with the help panel, for every failure."""

from __future__ import annotations

import logging

from flask import Flask, make_response, render_template
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError


class AnswerNotReceived(BadRequest):
    """A card's form came without a True or False the quiz can read."""


# Said in place of the plain 400's words, which also answer a bad Host or a request
# nginx or gunicorn cannot parse, where no answer was sent.
ANSWER_NOT_RECEIVED = (
    "That answer did not come through",
    "Something in what your browser sent was missing or changed. "
    "Go back a page and choose True or False again, or start the quiz from the beginning.",
)

# What a pupil is told, by status code: what happened, then what to do.
MESSAGES = {
    400: (
        "Your browser sent something we could not read",
        "It is not something you did. Go back a page and try again, "
        "or start the quiz from the beginning.",
    ),
    404: (
        "We cannot find that page",
        "The link may be wrong or out of date. You can start the quiz again from the home page.",
    ),
    405: (
        "That page cannot be used like that",
        "Use the buttons and links on the page to move through the quiz.",
    ),
    413: (
        "That was too much to send",
        "The quiz only needs you to choose True or False. Go back a page and try again.",
    ),
    500: (
        "Something went wrong on our side",
        "It is not something you did. Please try again in a moment.",
    ),
}

OTHER_CLIENT = (
    "That did not work",
    "Go back and try again, or start again from the home page.",
)
OTHER_SERVER = MESSAGES[500]

log = logging.getLogger(__name__)


def render_error(error: HTTPException):
    code = error.code or 500
    if isinstance(error, AnswerNotReceived):
        title, advice = ANSWER_NOT_RECEIVED
    else:
        title, advice = MESSAGES.get(code) or (OTHER_SERVER if code >= 500 else OTHER_CLIENT)
    response = make_response(render_template("error.html", title=title, advice=advice), code)
    # Keep headers the error carries, such as Allow on a 405.
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    response.headers["Cache-Control"] = "no-store"
    return response


def render_unexpected(error: Exception):
    # Logged without the request body, so no answer reaches the log.
    log.error("Unhandled %s", type(error).__name__, exc_info=error)
    return render_error(InternalServerError())


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(Exception, render_unexpected)
