"""Settings, read from environment variables with safe defaults (see the README's table)."""

from __future__ import annotations

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


class SettingError(ValueError):
    pass


def from_environment(environ: Mapping[str, str]) -> dict[str, object]:
    """Flask config from QUIZ_* variables, falling back to DEFAULTS."""
    settings = {name: environ.get(name) or default for name, default in DEFAULTS.items()}
    size = settings.pop("QUIZ_MAX_BODY_BYTES")
    if not size.isdigit() or int(size) < 256:
        raise SettingError(
            f"QUIZ_MAX_BODY_BYTES must be a whole number of bytes, 256 or more; got {size!r}"
        )
    settings["MAX_CONTENT_LENGTH"] = int(size)
    return settings
