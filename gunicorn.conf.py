"""Production settings for `gunicorn app:app`, which reads this file from the repository root."""

import os

from gunicorn.glogging import Logger

from quiz.config import whole_number_problem

bind = os.environ.get("QUIZ_BIND", "127.0.0.1:8000")
_workers = os.environ.get("QUIZ_WORKERS") or "2"
if _problem := whole_number_problem(_workers, range(1, 65)):
    raise SystemExit(f"QUIZ_WORKERS {_problem}; got {_workers!r}")
workers = int(_workers)

# Load the app once, in the master, before any worker starts: a bad content file or
# setting then stops gunicorn with its one-line message, where otherwise every worker
# would fail on start and be restarted for ever.
preload_app = True


class AccessLogger(Logger):
    """Writes every field with its control characters escaped: the path arrives
    percent-decoded, so `%0a` in a URL would otherwise start a forged second line."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # gunicorn itself escapes quotes; backslashes and control characters it leaves.
        # A request gunicorn refuses has no path at all (None), so only text is touched.
        return {
            name: value.encode("unicode_escape").decode("ascii")
            if isinstance(value, str)
            else value
            for name, value in atoms.items()
        }


logger_class = AccessLogger
# One line per request: method, path without its query string, status, size and time.
# No address, user agent or referrer, so nothing in the log points at a pupil; and no
# answer, since answers only ever travel in a POST body, which is never logged.
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
