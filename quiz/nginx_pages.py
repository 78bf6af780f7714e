"""`flask nginx-pages DIR`: every page that is the same for everyone, for nginx to serve.

Nearly every page a pupil fetches (home, cards, help, the end, the teacher's pages) is the
same for everyone, so nginx serves it from a file at file-server speed (deploy/nginx) and
gunicorn answers only what must be computed: /healthz, a page asked for with a query
string, any answer not sent exactly as a card's button sends it, and anything not found.
The files are rendered by the static copy's crawler (quiz/export.py) through the served
app itself, so they are byte for byte the pages the app would send, with its own links;
the error pages, assets and header directives of `flask error-pages` go beside them.

The answer pages are the same for everyone too: the app renders them all at start-up
(quiz/views.py). So each card's two are written here, into ONE file under answers/ (the
page for True, then the page for False, each the same length), for nginx's answer handler
(deploy/nginx/quiz-answer.js) to send one half of. One file for both, never a file for
each, so that reading it (its access time) never tells which answer was given. No
location serves answers/ to a GET.

A deploy must never leave old pages served beside new ones (a card from the old
questions.yaml linking to a help page from the new one). So each run renders into a new
folder and then points DIR/current at it with one rename, which is atomic: nginx sees
the old set or the new, never a mix. The folder before is kept, for requests that
started reading it, and older ones are removed.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import click
from flask import Flask, current_app, url_for
from flask.cli import with_appcontext

from .nginx_error_pages import write_error_pages
from .state import state

CURRENT = "current"
PREFIX = "pages-"
HOSTS_FILE = "trusted-hosts.conf"
ANSWERS = "answers"


def trusted_hosts_check(trusted: tuple[str, ...]) -> str:
    """QUIZ_TRUSTED_HOSTS as an nginx check, so that a page nginx serves from its file
    gets the same friendly 400 for another Host as the app gives (quiz/hosts.py). Names
    are letters, digits, hyphens and dots (quiz/config.py), so escaped they are safe in
    nginx's regex; a leading dot trusts the name and every name under it, as Werkzeug's
    check does. nginx's $host is already lowercase and without a port."""
    names = [
        rf"(?:[^/]+\.)?{re.escape(name[1:])}" if name.startswith(".") else re.escape(name)
        for name in trusted
    ]
    return f"if ($host !~* ^(?:{'|'.join(names)})$) {{\n    return 400;\n}}\n"


def write_answers(app: Flask, folder: Path) -> None:
    """Each card's two answer pages in one file, True then False, at answers/ and the
    path the card's form is sent to. The app pads every answer page to one length
    (quiz/views.py), so nginx's handler takes either half without parsing anything."""
    pages = state(app).answers
    with app.test_request_context():
        for deck_id, number in {(deck_id, number) for deck_id, number, _ in pages}:
            path = folder / ANSWERS / url_for("quiz.answer", deck_id=deck_id, number=number)[1:]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pages[deck_id, number, True] + pages[deck_id, number, False])


def render_pages(app: Flask, directory: Path) -> Path:
    """Render into a new folder in directory, switch directory/current to it, and return
    it."""
    # Here, not at the top: quiz.export builds apps with create_app, from this package.
    from .export import export

    directory.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=directory))
    # mkdtemp's folder is its owner's alone; nginx's workers run as another user.
    folder.chmod(0o755)
    try:
        # Any trusted name will do: no page holds the host it was asked by.
        host = app.config["QUIZ_TRUSTED_HOSTS"][0].lstrip(".")
        export(app, folder, host=host)
        write_error_pages(app, folder)
        write_answers(app, folder)
        (folder / HOSTS_FILE).write_text(trusted_hosts_check(app.config["QUIZ_TRUSTED_HOSTS"]))
    except BaseException:
        shutil.rmtree(folder)
        raise
    link = directory / CURRENT
    previous = link.resolve() if link.is_symlink() else None
    staged = directory / f".{CURRENT}-{folder.name}"
    staged.symlink_to(folder.name)
    os.replace(staged, link)
    for old in directory.glob(f"{PREFIX}*"):
        if old not in (folder, previous):
            shutil.rmtree(old)
    return folder


@click.command("nginx-pages")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def nginx_pages(directory: Path) -> None:
    """Render the pages nginx serves into a new folder in DIRECTORY, with the error pages
    and the answer pages, then point DIRECTORY/current at it."""
    folder = render_pages(current_app, directory)
    pages = sum(1 for _ in folder.rglob("index.html"))
    click.echo(f"{directory / CURRENT} -> {folder.name}: {pages} pages")
