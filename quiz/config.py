"""Settings, read from environment variables with safe defaults (see the README's table)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "QUIZ_CONTENT": str(ROOT / "questions.yaml"),
    # Empty means: use `site.exit_url` from the content file.
    "QUIZ_EXIT_URL": "",
    "QUIZ_FRAME_ANCESTORS": "'self'",
    # An answer is two short fields; anything near this size is not a pupil's answer.
    "QUIZ_MAX_BODY_BYTES": "2048",
}

# The body limit is read into memory in full for a chunked body, so it has a ceiling too.
BODY_BYTES = range(256, 1024 * 1024 + 1)
# Printable ASCII with no spaces, quotes or semicolons: a value goes into a link or a
# response header, where any of those could end it and start something else.
_URL = re.compile(r"https://[!#-&(-:<-~]+")
_SOURCE = re.compile(r"'self'|https://[A-Za-z0-9*.-]+(:[0-9]+)?(/[!#-&(-+\--:<-~]*)?")


class SettingError(ValueError):
    pass


def _exit_url(value: str) -> str | None:
    if value and not _URL.fullmatch(value):
        return "must be an https:// address with no spaces, quotes or semicolons"
    return None


def _frame_ancestors(value: str) -> str | None:
    sources = value.split(" ")
    if value == "'none'" or all(_SOURCE.fullmatch(source) for source in sources):
        return None
    return "must be 'none', or 'self' and https:// origins separated by single spaces"


def _body_bytes(value: str) -> str | None:
    # fullmatch on [0-9], not isdigit(): isdigit() also accepts '²', which int() refuses.
    if re.fullmatch(r"[0-9]{1,8}", value) and int(value) in BODY_BYTES:
        return None
    return f"must be a whole number of bytes from {BODY_BYTES.start} to {BODY_BYTES.stop - 1}"


_CHECKS = {
    "QUIZ_EXIT_URL": _exit_url,
    "QUIZ_FRAME_ANCESTORS": _frame_ancestors,
    "QUIZ_MAX_BODY_BYTES": _body_bytes,
}


def from_environment(environ: Mapping[str, str]) -> dict[str, object]:
    """Flask config from QUIZ_* variables, falling back to DEFAULTS. Raises SettingError
    listing every bad setting, each with what it must be and what it was."""
    settings = {name: environ.get(name) or default for name, default in DEFAULTS.items()}
    problems = [
        f"{name} {problem}; got {settings[name]!r}"
        for name, check in _CHECKS.items()
        if (problem := check(settings[name]))
    ]
    if problems:
        raise SettingError("\n".join(problems))
    settings["MAX_CONTENT_LENGTH"] = int(settings.pop("QUIZ_MAX_BODY_BYTES"))
    return settings
