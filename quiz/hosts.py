"""Requests are answered only for the host names the app is served under."""

from __future__ import annotations

from flask import Flask, abort, current_app, request
from werkzeug.sansio.utils import host_is_trusted


def refuse_untrusted_host() -> None:
    """The friendly 400 for a Host header that is not one of QUIZ_TRUSTED_HOSTS.

    This is the check Flask makes for its TRUSTED_HOSTS setting, made here instead: Flask
    makes it before routing and then leaves the request with nothing to build links with,
    so its error page could not be rendered and the pupil got a bare 500.
    """
    # Host names are case-insensitive; Werkzeug compares them as they come.
    host = request.headers.get("Host", "").lower()
    if not host_is_trusted(host, current_app.config["QUIZ_TRUSTED_HOSTS"]):
        abort(400)


def register(app: Flask) -> None:
    app.before_request(refuse_untrusted_host)
