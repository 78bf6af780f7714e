"""Requests are answered only for the host names the app is served under."""

from __future__ import annotations

from functools import lru_cache

from flask import Flask, abort, current_app, request
from werkzeug.sansio.utils import host_is_trusted


# Werkzeug's check encodes every trusted name for every request, a tenth of a card page's
# time; nearly every request names the same host. Bounded, so that a client sending many
# different Host headers cannot grow it.
@lru_cache(maxsize=64)
def is_trusted(host: str, trusted: tuple[str, ...]) -> bool:
    return host_is_trusted(host, trusted)


def refuse_untrusted_host() -> None:
    """The friendly 400 for a Host header that is not one of QUIZ_TRUSTED_HOSTS.

    This is the check Flask makes for its TRUSTED_HOSTS setting, made here instead: Flask
    makes it before routing and then leaves the request with nothing to build links with,
    so its error page could not be rendered and the pupil got a bare 500.
    """
    # Host names are case-insensitive; Werkzeug compares them as they come.
    host = request.headers.get("Host", "").lower()
    if not is_trusted(host, current_app.config["QUIZ_TRUSTED_HOSTS"]):
        abort(400)


def register(app: Flask) -> None:
    app.before_request(refuse_untrusted_host)
