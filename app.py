"""Entry point: `flask --app app run` for development, `gunicorn app:app` in production."""

from quiz import create_app
from quiz.config import SettingError
from quiz.content import ContentError

try:
    app = create_app()
except (ContentError, SettingError) as error:
    # One short message saying what to fix, not a traceback.
    raise SystemExit(str(error)) from None
