"""Checks of single values that go into addresses and links, shared by the content's
model and the settings. Each returns what is wrong, in words that finish "field 'x' ...",
or None."""

from __future__ import annotations

import re
from datetime import date

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HREF = re.compile(r"(https://|tel:|mailto:)\S+")
_HTTPS_URL = re.compile(r"https://[^\s\"'<>\\]+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAILTO_OR_HTTPS = re.compile(r"(https://|mailto:)\S+")


def is_id(value: str) -> str | None:
    return None if _ID.fullmatch(value) else "use only lowercase letters, digits and single hyphens"


def is_href(value: str) -> str | None:
    if _HREF.fullmatch(value):
        return None
    return "must start with https://, tel: or mailto: and contain no spaces"


def https_url_problem(value: str) -> str | None:
    """What is wrong with an exit address, or None: for `site.exit_url` and QUIZ_EXIT_URL."""
    if _HTTPS_URL.fullmatch(value):
        return None
    return "must be an https:// address with no spaces or quotes"


def is_mailto_or_https(value: str) -> str | None:
    if _MAILTO_OR_HTTPS.fullmatch(value):
        return None
    return "must start with mailto: or https:// and contain no spaces"


def iso_day(value: str) -> date | None:
    """The day a text writes as YYYY-MM-DD, or None: by the digits written, so that no time
    zone or time of day can creep in (for the content's dates and the school's)."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
