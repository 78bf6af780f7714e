"""Response headers that keep pupils private and the pages hard to abuse."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def content_security_policy(frame_ancestors: str | None) -> str:
    """The policy for every page. No 'unsafe-inline' anywhere: all script and style come
    from our own files. frame_ancestors is None for the static copy's <meta> policy,
    where browsers ignore it."""
    # A page opened from disk has no origin that 'self' could match, and Firefox then
    # blocks the copy's own forms (the presenter's choice of cards) between its files.
    # `file:` lets them through: a form sent to a file on the same machine sends nothing
    # anywhere, and a page on a web host can never be sent to a file: address at all.
    form_action = (
        "form-action 'self'" if frame_ancestors is not None else "form-action 'self' file:"
    )
    directives = [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        # The tab's icon is the only image (inline on the presenter's slides); nothing
        # connects anywhere (no fetch, no beacon).
        "img-src 'self' data:",
        form_action,
        "base-uri 'none'",
    ]
    if frame_ancestors is not None:
        directives.append(f"frame-ancestors {frame_ancestors}")
    return "; ".join(directives)


def security_headers(frame_ancestors: str) -> list[tuple[str, str]]:
    return [
        ("Content-Security-Policy", content_security_policy(frame_ancestors)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), browsing-topics=()"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
    ]


# Pages are the same for everyone, so a short shared cache is safe; anything that depends
# on a pupil's answer, and every error, sets no-store itself. Only a page that was found
# (200) is cached by default: a redirect or an error a shared cache kept would outlive
# whatever caused it.
PAGE_CACHE = ("Cache-Control", "public, max-age=300")


class SecurityHeaders:
    """WSGI middleware that adds the headers to every response, error pages included.

    It appends ready-made pairs to the header list rather than going through Flask's
    per-header checks: a cached card page went from 163 to 137 microseconds in-process,
    which brought it within the load benchmark's aim. Only a 200's headers are read, once
    each, to see whether it may be kept (bench/PROFILE.md).
    """

    def __init__(self, wsgi_app: Callable, headers: Iterable[tuple[str, str]]):
        self.wsgi_app = wsgi_app
        self.headers = list(headers)

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            kept = status.startswith("200") and may_be_kept(headers)
            headers.extend(self.headers)
            if kept:
                headers.append(PAGE_CACHE)
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start)


def may_be_kept(headers: list[tuple[str, str]]) -> bool:
    """Whether a page found may be kept by a shared cache: an HTML page whose view set no
    Cache-Control of its own."""
    html = False
    for name, value in headers:
        name = name.lower()
        if name == "cache-control":
            return False
        if name == "content-type":
            html = value.startswith("text/html")
    return html
