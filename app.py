"""Entry point: `flask --app app run` for development, `gunicorn app:app` in production."""

from quiz import create_app
from quiz.content import ContentError

try:
    app = create_app()
except ContentError as error:
    # One short list of what to fix in the content file, not a traceback.
    raise SystemExit(str(error)) from None
