"""The video-chat myth-vs-fact quiz: a Flask app factory."""

from __future__ import annotations

import os
from collections.abc import Mapping

from flask import Flask

from . import (
    assets,
    chunked_body_limit,
    classroom,
    errors,
    hosts,
    nginx_error_pages,
    nginx_pages,
    state,
    template_output,
    views,
)
from .config import ROOT, from_environment, ownership
from .content import load
from .forms import FALSE, TRUE
from .routing import RememberingMap
from .security import SecurityHeaders, content_security_policy, security_headers


def create_app(
    settings: Mapping[str, object] | None = None, app_class: type[Flask] = Flask
) -> Flask:
    """Build the app. Raises ContentError, naming file and line, if the content is bad.
    `app_class` is quiz.export.StaticCopy when it renders the static copy, with
    QUIZ_STATIC_COPY set."""
    # Static files are served by the assets blueprint, minified and fingerprinted.
    app = app_class(__name__, template_folder=str(ROOT / "templates"), static_folder=None)
    # Flask makes its URL map as it starts; it has no rule yet (no static folder).
    app.url_map = RememberingMap()
    app.config.from_mapping(from_environment(os.environ))
    # Set only by quiz.export.static_app: the app that renders the static copy.
    app.config["QUIZ_STATIC_COPY"] = False
    app.config.update(settings or {})

    content = load(app.config["QUIZ_CONTENT"])
    state.init_app(app, content)
    exit_url = app.config["QUIZ_EXIT_URL"] or content.site.exit_url
    # Werkzeug would answer a doubled slash, or an empty path (`GET http://host HTTP/1.1`),
    # with a redirect to the tidied path, built from the Host header the client sent: a
    # forged Host in a cacheable 308. Without these, no URL is redirected.
    app.url_map.merge_slashes = False
    app.url_map.strict_slashes = False
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.finalize = template_output.keep_numbers_whole
    app.jinja_env.template_class = template_output.CompactTemplate
    headers = security_headers(app.config["QUIZ_FRAME_ANCESTORS"])
    app.jinja_env.globals.update(
        site=content.site,
        help=content.help,
        exit_url=exit_url,
        # The school's own settings: who owns this copy, its contact and review dates.
        school=ownership(app.config),
        asset=assets.url,
        asset_inline=assets.data_url,
        static_copy=app.config["QUIZ_STATIC_COPY"],
        # Links to the lesson pack's PowerPoint files and PDFs, in a copy made by `flask pack`.
        pack_file=classroom.pack_link if app.config.get("QUIZ_PACK") else None,
        pack_names=classroom.PACK_NAMES,
        pack_slides=classroom.PACK_SLIDES,
        answer_values={"true": TRUE, "false": FALSE},
        # A static host sends no headers, so the copy's pages carry the policy themselves.
        content_security_policy=content_security_policy(frame_ancestors=None),
    )

    app.wsgi_app = SecurityHeaders(app.wsgi_app, headers)

    assets.init_app(app, ROOT / "static")
    app.register_blueprint(classroom.bp)
    # First, so that nothing else is done for a request to another host.
    hosts.register(app)
    chunked_body_limit.register(app)
    errors.register(app)
    app.cli.add_command(nginx_error_pages.error_pages)
    app.cli.add_command(nginx_pages.nginx_pages)
    # Last: it renders every answer page, which links to the other blueprints' pages and
    # to the assets.
    views.init_app(app)
    return app
