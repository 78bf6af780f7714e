"""Requests are answered only for the host names the app is served under."""

from __future__ import annotations

from functools import lru_cache

from flask import Flask, abort, request
from werkzeug.sansio.utils import host_is_trusted


def register(app: Flask) -> None:
    # Werkzeug's check encodes every trusted name for every request, a tenth of a card
    # page's time; nearly every request names the same host, so each host's answer is
    # kept, for this app's names (read once: they are fixed when the app is built).
    # Bounded, so that a client sending many different Host headers cannot grow it.
    trusted = app.config["QUIZ_TRUSTED_HOSTS"]

    @lru_cache(maxsize=64)
    def is_trusted(host: str) -> bool:
        # Host names are case-insensitive; Werkzeug compares them as they come.
        return host_is_trusted(host.lower(), trusted)

    def refuse_untrusted_host() -> None:
        """The friendly 400 for a Host header that is not one of QUIZ_TRUSTED_HOSTS.

        This is the check Flask makes for its TRUSTED_HOSTS setting, made here instead:
        Flask makes it before routing and then leaves the request with nothing to build
        links with, so its error page could not be rendered and the pupil got a bare 500.
        """
        # The header as sent, from the environ: Werkzeug's headers object finds the same.
        if not is_trusted(request.environ.get("HTTP_HOST", "")):
            abort(400)

    app.before_request(refuse_untrusted_host)
