"""Response headers that keep pupils private and the pages hard to abuse."""

from __future__ import annotations

from flask import Response


def security_headers(frame_ancestors: str) -> dict[str, str]:
    # No 'unsafe-inline' anywhere: all script and style come from our own files.
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


def add_headers(response: Response, headers: dict[str, str]) -> Response:
    response.headers.update(headers)
    if response.mimetype == "text/html" and "Cache-Control" not in response.headers:
        # Pages are the same for everyone, so a short shared cache is safe; anything
        # that depends on a pupil's answer sets no-store itself.
        response.headers["Cache-Control"] = "public, max-age=300"
    return response
