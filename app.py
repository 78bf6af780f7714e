"""Entry point from the repository: `flask --app app run` for development, `gunicorn app:app`
in production (which reads gunicorn.conf.py from here). The app itself is quiz.wsgi's, which
an installed wheel serves without the repository."""

from quiz.wsgi import app

__all__ = ["app"]
