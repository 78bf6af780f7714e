"""The video-chat myth-vs-fact quiz: a Flask app factory."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from flask import Flask, url_for

from . import classroom, cli, errors, views
from .config import ROOT, from_environment
from .content import load
from .security import add_headers, security_headers

ONE_YEAR = 365 * 24 * 3600


def create_app(settings: Mapping[str, object] | None = None) -> Flask:
    """Build the app. Raises ContentError, naming file and line, if the content is bad."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(from_environment(os.environ))
    app.config.update(settings or {})
    # Asset URLs carry a hash of the file, so browsers may keep them for a year.
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = ONE_YEAR

    content = load(app.config["QUIZ_CONTENT"])
    app.extensions["quiz_content"] = content
    exit_url = app.config["QUIZ_EXIT_URL"] or content.site.exit_url
    fingerprints = _fingerprints(Path(app.static_folder))

    def asset(name: str) -> str:
        return url_for("static", filename=name, v=fingerprints[name])

    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(
        site=content.site, help=content.help, exit_url=exit_url, asset=asset
    )

    headers = security_headers(app.config["QUIZ_FRAME_ANCESTORS"])
    app.after_request(lambda response: add_headers(response, headers))

    app.register_blueprint(views.bp)
    app.register_blueprint(classroom.bp)
    errors.register(app)
    app.cli.add_command(cli.check)
    return app


def _fingerprints(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for path in folder.iterdir()
        if path.is_file()
    }
