"""Settings, read from environment variables with safe defaults (see the README's table)."""

from __future__ import annotations

import difflib
import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from .checks import https_url_problem, is_mailto_or_https, iso_day


def _root() -> Path:
    """The folder holding templates/, static/ and questions.yaml."""
    # A wheel carries them inside the package (pyproject.toml's force-include). A checkout
    # or an editable install has them at the repository's top level, beside quiz/, so a
    # teacher's edit there is what the app serves. Flask and Jinja read folders on disk,
    # and pip always unpacks a wheel into one, so the package is a real path.
    package = Path(resources.files(__package__))
    return package if (package / "questions.yaml").is_file() else package.parent


ROOT = _root()

DEFAULTS = {
    "QUIZ_CONTENT": str(ROOT / "questions.yaml"),
    # Empty means: use `site.exit_url` from the content file.
    "QUIZ_EXIT_URL": "",
    "QUIZ_FRAME_ANCESTORS": "'self'",
    # An answer is two short fields; anything near this size is not a pupil's answer.
    "QUIZ_MAX_BODY_BYTES": "2048",
    # The quiz's public address, for the handout's link and QR code. Empty: neither.
    "QUIZ_PUBLIC_URL": "",
    # The names `flask run` and the tests' servers are reached by. Behind a proxy the app
    # is asked for the public name (the proxy passes the pupil's Host), which must be set.
    "QUIZ_TRUSTED_HOSTS": "127.0.0.1 localhost",
    # Who publishes this copy and answers for its words: usually the school, e.g.
    # "Hillside School, PSHE department". Empty: the About page and the teacher notes say
    # the copy has no named owner yet, and check, export and production start-up warn.
    "QUIZ_OWNER": "",
    # Where to tell the owner about a mistake: a mailto: or https:// link.
    "QUIZ_CONTACT": "",
    # When the owner last reviewed the words, and when they will next (YYYY-MM-DD).
    "QUIZ_REVIEWED": "",
    "QUIZ_NEXT_REVIEW": "",
    # Who pupils can talk to in school: a role and a place, never a pupil's data, e.g.
    # "your head of year or the school nurse, in Student Services".
    "QUIZ_SCHOOL_CONTACT": "",
}

# Read by gunicorn.conf.py, not the app: where gunicorn listens, whether the proxy in front
# is on another host, and how many workers it runs.
SERVER_SETTINGS = {
    "QUIZ_BIND": "127.0.0.1:8000",
    "QUIZ_REMOTE_PROXY": "",
    "QUIZ_WORKERS": "2",
}
# Filled into deploy/nginx/quiz.conf.template by envsubst, not read by the app or gunicorn,
# but often set in the same shell (tests/test_deploy.py checks this list against it).
DEPLOY_SETTINGS = (
    "QUIZ_ACCESS_LOG",
    "QUIZ_ERROR_LOG",
    "QUIZ_HTTPS_LISTEN",
    "QUIZ_HTTP_LISTEN",
    "QUIZ_PAGES",
    "QUIZ_SERVER_NAME",
    "QUIZ_TLS_CERTIFICATE",
    "QUIZ_TLS_KEY",
    "QUIZ_UPSTREAM_1",
    "QUIZ_UPSTREAM_2",
)
KNOWN_SETTINGS = (*DEFAULTS, *SERVER_SETTINGS, *DEPLOY_SETTINGS)

# The body limit is read into memory in full for a chunked body, so it has a ceiling too.
BODY_BYTES = range(256, 1024 * 1024 + 1)
# A frame-ancestors source goes into the CSP header, where a space would start another
# source, ";" another directive, "," another policy and a newline another header. So: a
# host (or *. and a host) of letters, digits and hyphens, a port (or *), and a path with
# none of those characters, nor "?" or "#", which make browsers ignore the source.
_HOST = r"(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_PATH = r"/[A-Za-z0-9._~!$&()*+=:@%/-]*"
_SOURCE = re.compile(rf"'self'|https://{_HOST}(?::(?:[0-9]{{1,5}}|\*))?(?:{_PATH})?")
# A trusted host is a name or an IPv4 address without a port, or a name after a dot for
# every name under it. Werkzeug compares names as the client sends them, and clients send
# them in lower case; it cannot match an IPv6 address (it cuts the reference at its first
# colon), so one is refused here rather than never matching.
_TRUSTED_HOST = re.compile(r"\.?[a-z0-9-]+(?:\.[a-z0-9-]+)*")


class SettingError(ValueError):
    pass


def setting(environ: Mapping[str, str], name: str) -> str:
    """One setting's value: from the environment unless unset or empty, else the default."""
    return environ.get(name) or DEFAULTS[name]


def _exit_url(value: str) -> str | None:
    # Empty means the content file's own exit address, which the loader has checked.
    return https_url_problem(value) if value else None


def _frame_ancestors(value: str) -> str | None:
    sources = value.split(" ")
    if value == "'none'" or all(_SOURCE.fullmatch(source) for source in sources):
        return None
    return "must be 'none', or 'self' and https:// origins separated by single spaces"


def _trusted_hosts(value: str) -> str | None:
    if all(_TRUSTED_HOST.fullmatch(host) for host in value.split(" ")):
        return None
    return (
        "must be lower-case host names or IPv4 addresses without ports, separated by "
        "single spaces (a leading dot takes every name under it)"
    )


def whole_number_problem(value: str, allowed: range, unit: str = "") -> str | None:
    """What is wrong with a count from the environment, or None. Also used by
    gunicorn.conf.py for QUIZ_WORKERS."""
    # [0-9], not isdigit(): isdigit() also accepts '²', which int() refuses. No more digits
    # than the largest allowed value has, so int() never meets a huge string.
    digits = len(str(allowed.stop - 1))
    if re.fullmatch(rf"[0-9]{{1,{digits}}}", value) and int(value) in allowed:
        return None
    return f"must be a whole number{unit} from {allowed.start} to {allowed.stop - 1}"


def _body_bytes(value: str) -> str | None:
    return whole_number_problem(value, BODY_BYTES, " of bytes")


def _contact(value: str) -> str | None:
    problem = is_mailto_or_https(value) if value else None
    return problem and f"must be empty, or {problem.removeprefix('must ')}"


def _date(value: str) -> str | None:
    return (
        None if not value or iso_day(value) else "must be empty or a real date written YYYY-MM-DD"
    )


def _one_line(value: str) -> str | None:
    # Short, too: the school's contact goes on the help page, which has little room left
    # in its 14 KiB budget.
    if value.isprintable() and len(value) <= 80:
        return None
    return "must be one line of text, at most 80 characters"


_CHECKS = {
    "QUIZ_EXIT_URL": _exit_url,
    "QUIZ_FRAME_ANCESTORS": _frame_ancestors,
    "QUIZ_MAX_BODY_BYTES": _body_bytes,
    # Checked as the exit address is: empty, or an https:// address.
    "QUIZ_PUBLIC_URL": _exit_url,
    "QUIZ_TRUSTED_HOSTS": _trusted_hosts,
    "QUIZ_OWNER": _one_line,
    "QUIZ_CONTACT": _contact,
    "QUIZ_REVIEWED": _date,
    "QUIZ_NEXT_REVIEW": _date,
    "QUIZ_SCHOOL_CONTACT": _one_line,
}


def unknown_settings(environ: Mapping[str, str]) -> list[str]:
    """A line for each QUIZ_* variable the quiz does not know, with the closest known name:
    a misspelt QUIZ_TRUSTED_HOST was ignored, and every page answered 400 without a word."""
    problems = []
    for name in sorted(environ):
        if name.startswith("QUIZ_") and name not in KNOWN_SETTINGS:
            close = difflib.get_close_matches(name, KNOWN_SETTINGS, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}?" if close else "; see the README's settings"
            problems.append(f"{name} is not a setting the quiz knows{hint}")
    return problems


def _bind(value: str, remote_proxy: str) -> str | None:
    """What is wrong with QUIZ_BIND, or None. gunicorn must never face pupils: its sync
    workers each wait on one client. So it listens on loopback, where only the proxy on
    this machine reaches it, unless QUIZ_REMOTE_PROXY=yes says the proxy is elsewhere."""
    if value.startswith("unix:"):
        return None if len(value) > len("unix:") else "must name a socket after unix:"
    host, colon, port = value.rpartition(":")
    if not colon or whole_number_problem(port, range(1, 65536)):
        return "must be an address and a port from 1 to 65535, such as 127.0.0.1:8000"
    host = host.removeprefix("[").removesuffix("]")
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return "must be an IP address (or localhost) and a port, such as 127.0.0.1:8000"
    if loopback or remote_proxy == "yes":
        return None
    return (
        "must be a loopback address such as 127.0.0.1:8000, so that only the proxy in "
        "front reaches gunicorn (QUIZ_REMOTE_PROXY=yes if that proxy is on another host)"
    )


def server_settings(environ: Mapping[str, str]) -> tuple[str, int]:
    """gunicorn's bind address and number of workers from QUIZ_* variables. Raises
    SettingError listing every bad one, as from_environment does."""
    values = {name: environ.get(name) or default for name, default in SERVER_SETTINGS.items()}
    checks = {
        "QUIZ_REMOTE_PROXY": lambda value: None if value in ("", "yes") else "must be yes or unset",
        "QUIZ_BIND": lambda value: _bind(value, values["QUIZ_REMOTE_PROXY"]),
        "QUIZ_WORKERS": lambda value: whole_number_problem(value, range(1, 65)),
    }
    problems = [
        f"{name} {problem}; got {values[name]!r}"
        for name, check in checks.items()
        if (problem := check(values[name]))
    ]
    if problems:
        raise SettingError("\n".join(problems))
    return values["QUIZ_BIND"], int(values["QUIZ_WORKERS"])


@dataclass(frozen=True)
class Ownership:
    """Who answers for this copy's words, and who pupils can talk to in school: the
    school's settings, shown on the About page, the teacher notes and the help pages."""

    owner: str
    contact: str
    reviewed: date | None
    next_review: date | None
    school_contact: str

    def unset(self) -> list[str]:
        """A warning for each setting a school should fill in before using the quiz."""
        wanted = {
            "QUIZ_OWNER": (self.owner, "who publishes this copy and is responsible for its words"),
            "QUIZ_CONTACT": (self.contact, "a mailto: or https:// link to report a mistake"),
            "QUIZ_REVIEWED": (self.reviewed, "the day the owner last reviewed the words"),
            "QUIZ_NEXT_REVIEW": (self.next_review, "the day of the next review"),
            "QUIZ_SCHOOL_CONTACT": (self.school_contact, "who pupils can talk to in school"),
        }
        return [
            f"warning: {name} is not set: {what}"
            for name, (value, what) in wanted.items()
            if not value
        ]


def ownership(settings: Mapping[str, object]) -> Ownership:
    return Ownership(
        owner=str(settings["QUIZ_OWNER"]),
        contact=str(settings["QUIZ_CONTACT"]),
        reviewed=iso_day(str(settings["QUIZ_REVIEWED"])),
        next_review=iso_day(str(settings["QUIZ_NEXT_REVIEW"])),
        school_contact=str(settings["QUIZ_SCHOOL_CONTACT"]),
    )


def from_environment(environ: Mapping[str, str]) -> dict[str, object]:
    """Flask config from QUIZ_* variables, falling back to DEFAULTS. Raises SettingError
    listing every unknown or bad setting, each with what it must be and what it was."""
    settings = {name: setting(environ, name) for name in DEFAULTS}
    problems = unknown_settings(environ) + [
        f"{name} {problem}; got {settings[name]!r}"
        for name, check in _CHECKS.items()
        if (problem := check(settings[name]))
    ]
    reviewed, next_review = (
        iso_day(settings["QUIZ_REVIEWED"]),
        iso_day(settings["QUIZ_NEXT_REVIEW"]),
    )
    if reviewed and next_review and next_review <= reviewed:
        problems.append("QUIZ_NEXT_REVIEW must be after QUIZ_REVIEWED")
    if problems:
        raise SettingError("\n".join(problems))
    settings["MAX_CONTENT_LENGTH"] = int(settings.pop("QUIZ_MAX_BODY_BYTES"))
    settings["QUIZ_TRUSTED_HOSTS"] = tuple(settings["QUIZ_TRUSTED_HOSTS"].split(" "))
    return settings
