"""Production settings for `gunicorn app:app`, which reads this file from the repository root."""

import os

bind = os.environ.get("QUIZ_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("QUIZ_WORKERS", "2"))

# One line per request: method, path without its query string, status, size and time.
# No address, user agent or referrer, so nothing in the log points at a pupil; and no
# answer, since answers only ever travel in a POST body, which is never logged.
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
