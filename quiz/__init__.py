"""The video-chat myth-vs-fact quiz: a Flask app factory."""

from __future__ import annotations

import os
from collections.abc import Mapping

from flask import Flask

from . import assets, bodies, classroom, errors, hosts, proxy, typography, views
from .config import ROOT, from_environment, ownership
from .content import load
from .security import SecurityHeaders, content_security_policy, security_headers


def create_app(
    settings: Mapping[str, object] | None = None, app_class: type[Flask] = Flask
) -> Flask:
    """Build the app. Raises ContentError, naming file and line, if the content is bad.
    `app_class` is quiz.export.StaticCopy when it renders the static copy."""
    # Static files are served by the assets blueprint, minified and fingerprinted.
    app = app_class(__name__, template_folder=str(ROOT / "templates"), static_folder=None)
    static_copy = getattr(app, "static_copy", False)
    app.config.from_mapping(from_environment(os.environ))
    app.config.update(settings or {})

    content = load(app.config["QUIZ_CONTENT"])
    app.extensions["quiz_content"] = content
    exit_url = app.config["QUIZ_EXIT_URL"] or content.site.exit_url
    app.extensions["quiz_assets"] = assets.build(ROOT / "static")
    app.extensions["quiz_pages"] = {}
    # Werkzeug would answer a doubled slash, or an empty path (`GET http://host HTTP/1.1`),
    # with a redirect to the tidied path, built from the Host header the client sent: a
    # forged Host in a cacheable 308. Without these, no URL is redirected.
    app.url_map.merge_slashes = False
    app.url_map.strict_slashes = False
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.finalize = typography.keep_numbers_whole
    app.jinja_env.template_class = typography.CompactTemplate
    headers = security_headers(app.config["QUIZ_FRAME_ANCESTORS"])
    app.jinja_env.globals.update(
        site=content.site,
        help=content.help,
        exit_url=exit_url,
        # The school's own settings: who owns this copy, its contact and review dates.
        school=ownership(app.config),
        asset=assets.url,
        static_copy=static_copy,
        # A static host sends no headers, so the copy's pages carry the policy themselves.
        content_security_policy=content_security_policy(frame_ancestors=None),
    )

    app.wsgi_app = SecurityHeaders(app.wsgi_app, headers)

    app.register_blueprint(views.bp)
    app.register_blueprint(assets.bp)
    app.register_blueprint(classroom.bp)
    # First, so that nothing else is done for a request to another host.
    hosts.register(app)
    bodies.register(app)
    errors.register(app)
    app.cli.add_command(proxy.error_pages)
    # The static copy sends nothing, so it has no answer pages.
    app.extensions["quiz_answers"] = {} if static_copy else views.render_answers(app)
    return app
