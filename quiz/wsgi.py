"""The app for a WSGI server, from a checkout or an installed wheel alike. From a wheel,
production is `gunicorn -c python:quiz.gunicorn_conf quiz.wsgi:app`: the wheel carries the
repository's gunicorn.conf.py as that module (see pyproject.toml)."""

import sys

from . import create_app
from .config import SettingError, ownership
from .content import ContentError

try:
    app = create_app()
except (ContentError, SettingError) as error:
    # One short message saying what to fix, not a traceback.
    raise SystemExit(str(error)) from None
# Starts anyway: the pages say honestly that no one is named, and the log says what to set.
for warning in ownership(app.config).unset():
    print(warning, file=sys.stderr)
