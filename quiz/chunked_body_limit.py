"""The size limit for request bodies, applied to chunked bodies too."""

from __future__ import annotations

import io

from flask import Flask, current_app, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge


def buffer_chunked_body() -> None:
    """Read a body sent without Content-Length (chunked) before anything parses it.

    Werkzeug checks MAX_CONTENT_LENGTH against Content-Length, but a chunked body it
    silently cuts at the limit, so a 1 MB chunked POST was answered as if it were small.
    Reading one byte past the limit here gives it the same 413 as any other oversized
    body, and a broken chunk gets a 400 instead of a 500.
    """
    environ = request.environ
    # This runs before every request, so the cheapest test, on the raw environ, comes first.
    if "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
        return
    # Only a server that has decoded the chunks itself says the stream ends; any other
    # stream Werkzeug already treats as empty, which is safe. A Content-Length beside
    # "chunked" does not count: the chunks decide the length (RFC 9112, 6.3).
    if not environ.get("wsgi.input_terminated"):
        return
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    stream = environ["wsgi.input"]
    body = bytearray()
    try:
        # A chunked stream may return less than asked for before its end.
        while len(body) <= limit and (data := stream.read(limit + 1 - len(body))):
            body += data
    except Exception as error:
        # Each server has its own errors for a broken chunk (gunicorn's InvalidChunkSize
        # is not an OSError); whatever the server says, the body it was sent is bad.
        raise BadRequest() from error
    if len(body) > limit:
        raise RequestEntityTooLarge()
    # From here on the body is an ordinary one of known length.
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    del environ["HTTP_TRANSFER_ENCODING"]


def register(app: Flask) -> None:
    app.before_request(buffer_chunked_body)
