"""The app for a WSGI server, from a checkout or an installed wheel alike:
`gunicorn quiz.wsgi:app`, or `flask --app quiz.wsgi run` for development."""

from . import create_app
from .config import SettingError
from .content import ContentError

try:
    app = create_app()
except (ContentError, SettingError) as error:
    # One short message saying what to fix, not a traceback.
    raise SystemExit(str(error)) from None
