"""`flask export DIR`: the whole site as plain files, for a USB stick or any web host.

Every page is rendered by the app's own views and templates, asked for through the test
client as a browser would ask the served app. Only the links differ: in the copy each one
is a relative path to a file (`../4/index.html`), so the copy works from a file server,
from a subfolder of a school's website, and opened from disk, where a folder is not a
page and nothing answers a request.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import Flask, request

from . import create_app
from .config import ownership
from .state import state

# Links a page gives to other pages. A link's value is a relative file path in the copy;
# anything with a scheme (https:, tel:, data:) goes elsewhere and is left alone.
_LINK = re.compile(r'\s(?:href|src|action|data-[a-z-]+)="([^":#?]+)(?:[?#][^"]*)?"')
# Where the not-found page asks the host to put it, by the convention of most static
# hosts (GitHub Pages, Netlify, Apache and nginx set up to use it).
NOT_FOUND = "404.html"
# The not-found page is served at whatever address was asked for, so relative links
# would point nowhere: it links from the site's root instead, named by this environ key.
_LINK_ROOT = "quiz.link_root"

README = """\
{name}: a copy that needs no server
{rule}

Open it: double-click index.html in this folder (or open it from the browser's File menu).
It works from a computer, a shared drive or a USB stick, with nothing to install.
Nothing is sent anywhere while pupils answer. To teach a class, choose Present to a class
on the first page; its quick start page says what to do before the lesson.
{pack}
Without the internet everything here works, except three things that live on the
internet: the page that Exit this page goes to, Childline's online chat and CEOP's
report form. Offline, Exit this page still leaves the quiz: the browser shows its own
"no internet" page instead. Childline's and 999's phone numbers work from any phone.

Put it on a website: copy this whole folder to any web host that serves plain files, and
share the address of its index.html.

The words were last checked against the guidance on {reviewed}.
"""

# What the README adds about the lesson pack's documents (`flask pack`).
PACK_README = """
The same lesson as PowerPoint files, with speaker notes, is in the powerpoint folder: the
suggested 30-minute lesson and every card, each twice. Files ending widescreen-16x9 suit
a widescreen display; files ending standard-4x3 suit an older, squarer projector, where
they show the words larger. The teacher notes, the pupil handout and the quick start are
in the pdf folder, to print or share.
"""


def page_file(path: str) -> str:
    """Where a page or file of the served app lives in the copy: a page's address names a
    folder holding its index.html; an asset's names the file itself."""
    path = path.strip("/")
    if posixpath.splitext(path)[1]:
        return path
    return f"{path}/index.html" if path else "index.html"


def app_path(file: str) -> str:
    """The served app's address of a page in the copy: the inverse of page_file."""
    return "/" + file.removesuffix("index.html").rstrip("/")


class StaticCopy(Flask):
    """The app as the copy renders it: every link it makes is a path to a file."""

    def url_for(self, endpoint: str, *, _anchor: str | None = None, **values) -> str:
        url = urlsplit(super().url_for(endpoint, _anchor=_anchor, **values))
        target = page_file(url.path)
        root = request.environ.get(_LINK_ROOT)
        if root is not None:
            link = root + target
        else:
            link = posixpath.relpath(target, posixpath.dirname(page_file(request.path)))
        return (
            link
            + (f"?{url.query}" if url.query else "")
            + (f"#{url.fragment}" if url.fragment else "")
        )


def static_app(settings: dict[str, object] | None = None) -> StaticCopy:
    """The app that renders the copy, from the same settings as the served one. Only the
    exporter itself asks it for pages, so the host it asks by is the only one trusted."""
    # QUIZ_STATIC_COPY: no answer pages (nothing can be sent), a Content-Security-Policy
    # in each page (no server sets headers), and answering by HTML alone without
    # JavaScript.
    return create_app(
        {"QUIZ_TRUSTED_HOSTS": ("localhost",), "QUIZ_STATIC_COPY": True, **(settings or {})},
        app_class=StaticCopy,
    )


class ExportError(click.ClickException):
    pass


def write(folder: Path, file: str, data: bytes) -> None:
    # pathlib joins the parts with the system's own separator, so this works on Windows.
    path = folder.joinpath(*file.split("/"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def export(app: Flask, folder: Path, root: str = "/", host: str = "localhost") -> list[str]:
    """Write every page reachable from the home page, the assets and the not-found page
    into folder, asking by `host`. Returns the files written, home first.

    The static copy's links are relative file paths; the served app's (`flask
    nginx-pages`) are its own addresses, which start with "/"."""
    client = app.test_client()
    base_url = f"http://{host}"
    written: list[str] = []
    queue, seen = ["/"], {"/"}
    while queue:
        path = queue.pop(0)
        response = client.get(path, base_url=base_url)
        if response.status_code != 200:
            raise ExportError(f"{path} answered {response.status_code}; nothing can link to it")
        html = response.get_data(as_text=True)
        file = page_file(path)
        write(folder, file, response.data)
        written.append(file)
        here = posixpath.dirname(file)
        for link in _LINK.findall(html):
            if link.startswith("/"):
                target = page_file(link)
            else:
                target = posixpath.normpath(posixpath.join(here, link))
            if target.endswith("index.html") and (linked := app_path(target)) not in seen:
                seen.add(linked)
                queue.append(linked)
    for name, asset in state(app).assets.items():
        file = f"static/{asset.fingerprint}/{name}"
        write(folder, file, asset.body)
        written.append(file)
    missing = client.get("/" + NOT_FOUND, base_url=base_url, environ_overrides={_LINK_ROOT: root})
    write(folder, NOT_FOUND, missing.data)
    written.append(NOT_FOUND)
    return written


@click.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--root",
    default="/",
    show_default=True,
    help="The copy's address on a website, for links from the not-found page.",
)
def export_command(folder: Path, root: str) -> None:
    """Write the whole site as plain files into FOLDER, to open from disk or put on any
    web host. FOLDER is emptied first."""
    if not (root.startswith("/") and root.endswith("/")):
        raise click.BadParameter("must start and end with /, e.g. /pshe/quiz/", param_hint="--root")
    written = write_copy(static_app(), folder, root)
    pages = sum(file.endswith(".html") for file in written)
    click.echo(f"Wrote {pages} pages and {len(written) - pages} files to {folder}")


def write_copy(app: StaticCopy, folder: Path, root: str = "/") -> list[str]:
    """Empty folder, then write the copy and its README into it."""
    if folder.exists():
        shutil.rmtree(folder)
    written = export(app, folder, root)
    site = state(app).content.site
    readme = README.format(
        name=site.name,
        rule="=" * (len(site.name) + 26),
        pack=PACK_README if app.config.get("QUIZ_PACK") else "",
        reviewed=f"{site.reviewed.day} {site.reviewed.strftime('%B %Y')}",
    )
    (folder / "README.txt").write_text(readme, encoding="utf-8", newline="\r\n")
    # The school's settings this copy lacks, said where the teacher making it will see.
    for warning in ownership(app.config).unset():
        click.echo(warning, err=True)
    return written
