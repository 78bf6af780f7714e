"""`flask error-pages DIR`: what the proxy in front (deploy/) serves in the app's place.

nginx answers some requests itself (a body too large, a request it cannot parse, no
copy of the app answering) and takes over gunicorn's own error pages, which carry no
help and no security headers. So that every page a pupil meets is the app's, this writes
the app's error pages, rendered by the app itself, with the stylesheet and script they
link to, and the app's security headers as nginx directives.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from werkzeug.exceptions import default_exceptions

from . import assets
from .errors import render_error
from .security import security_headers
from .state import state

# Every status nginx answers with itself, or takes over from gunicorn or the app
# (deploy/nginx). (It closes a connection that times out without answering 408, and takes
# care of Expect itself, so gunicorn's 417 never reaches it.)
STATUSES = (400, 404, 405, 412, 413, 414, 431, 500, 501, 502, 503, 504, 505)
HEADERS_FILE = "security-headers.conf"


def nginx_add_header(name: str, value: str) -> str:
    # Inside nginx's quotes a backslash escapes and "$" starts a variable; no setting
    # should hold either, but one that did must not silently become another header.
    if any(char in value for char in '"\\$'):
        raise click.ClickException(f"{name} holds a character nginx cannot take: {value!r}")
    # "always": nginx adds headers only to 2xx and 3xx responses unless told.
    return f'add_header {name} "{value}" always;\n'


@click.command("error-pages")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def error_pages(directory: Path) -> None:
    """Write the app's error pages, the files they use, and its headers to DIRECTORY."""
    headers = write_error_pages(current_app, directory)
    click.echo(f"{directory}: {len(STATUSES)} error pages, {headers} headers")


def write_error_pages(app: Flask, directory: Path) -> int:
    """The error pages, assets and header directives in directory; returns how many
    headers. (Also part of `flask nginx-pages`.)"""
    # Checked first, so that nothing is written for a header nginx would misread.
    headers = security_headers(app.config["QUIZ_FRAME_ANCESTORS"])
    directives = "".join(nginx_add_header(name, value) for name, value in headers)
    directory.mkdir(parents=True, exist_ok=True)
    with app.test_request_context():
        for status in STATUSES:
            page = render_error(default_exceptions[status]())
            (directory / f"{status}.html").write_bytes(page.get_data())
        # Under the same paths as the app serves them, so that nginx can serve the pages'
        # stylesheet and script while no copy of the app is answering.
        for name, asset in state(app).assets.items():
            path = directory / assets.url(name).lstrip("/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(asset.body)
    (directory / HEADERS_FILE).write_text(directives)
    return len(headers)
