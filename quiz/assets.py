"""The stylesheet and script: each built once at start-up from small per-component
files, minified, and served from memory under fingerprinted URLs so that browsers may
keep them for a year."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import rcssmin
import rjsmin
from flask import Blueprint, Flask, Response, abort, current_app, request

from .state import state

ONE_YEAR = 365 * 24 * 3600


def cssmin(source: str) -> str:
    """rcssmin, then what it leaves that every pupil page's 14 KiB can use: a number's
    leading zero (0.75rem is .75rem) and the space in "@media ("."""
    css = rcssmin.cssmin(source)
    return re.sub(r"(?<![\w.])0\.(?=\d)", ".", css).replace("@media (", "@media(")


# rcssmin and rjsmin are small, well-kept minifiers; they save pupils on slow school
# networks about a third of every first page load.
MINIFIERS = {
    ".css": ("text/css", cssmin),
    ".js": ("text/javascript", rjsmin.jsmin),
    ".svg": ("image/svg+xml", str.strip),
}

# One file a component, as GOV.UK Frontend's are, joined into a few downloads. Every page
# fetches style.css and exit.js; a card and its answer add quiz.css, a card answer.js,
# and the end its own end.css; the teacher's pages (presenter, speaker view, notes,
# handout) fetch their own pair, and the notes and handout the print styles. So each page
# fetches only what it uses: the help page, the most urgent of all, stays as light as a card.
# Order matters in a stylesheet: later rules build on earlier ones.
BUNDLES = {
    # The tab's icon, a speech bubble on blue: a file every page links to, not a data URL
    # that every page would carry (a valid one, percent-encoded, cost 265 bytes a page).
    "icon.svg": ["icon.svg"],
    "style.css": ["css/base.css", "css/exit-this-page.css", "css/help.css"],
    "quiz.css": ["css/quiz.css"],
    "end.css": ["css/end.css"],
    "presenter.css": ["css/presenter.css", "css/speaker-view.css", "css/teacher.css"],
    "print.css": ["css/print.css"],
    "exit.js": ["js/exit-this-page.js"],
    "answer.js": ["js/answer.js"],
    # Each file adds its part to window.quizPresenter, so the shared parts come first:
    # card choice, keys, slide steps and the message protocol; then the presenter's parts,
    # then presenter.js, which starts them; then the speaker view and its clock, which use
    # only the shared parts, and the print button. Each starts only on its own page.
    "presenter.js": [
        "js/card-choice.js",
        "js/presenter-keys.js",
        "js/slide-steps.js",
        "js/slide-messages.js",
        "js/present-deck.js",
        "js/present-projection.js",
        "js/present-controls.js",
        "js/present-speaker-link.js",
        "js/presenter.js",
        "js/speaker-view.js",
        "js/speaker-clock.js",
        "js/print-button.js",
    ],
}


@dataclass(frozen=True)
class Asset:
    body: bytes
    mimetype: str
    fingerprint: str


def build(folder: Path) -> dict[str, Asset]:
    assets = {}
    for name, parts in BUNDLES.items():
        mimetype, minify = MINIFIERS[Path(name).suffix]
        source = "\n".join((folder / part).read_text(encoding="utf-8") for part in parts)
        body = minify(source).encode("utf-8")
        fingerprint = hashlib.sha256(body).hexdigest()[:12]
        assets[name] = Asset(body, mimetype, fingerprint)
    return assets


bp = Blueprint("assets", __name__)


def init_app(app: Flask, folder: Path) -> None:
    state(app).assets = build(folder)
    app.register_blueprint(bp)


def url(name: str) -> str:
    asset = state().assets[name]
    # Through url_for, so that the static copy's links to assets are file paths too.
    return current_app.url_for("assets.serve", fingerprint=asset.fingerprint, name=name)


def data_url(name: str) -> str:
    """The asset inside the page itself, percent-encoded as valid HTML needs: for a page
    whose address changes in place, where a relative link, read again against the new
    address, would miss in the static copy."""
    asset = state().assets[name]
    return f"data:{asset.mimetype},{quote(asset.body, safe='')}"


@bp.get("/static/<fingerprint>/<name>")
def serve(fingerprint: str, name: str) -> Response:
    asset = state().assets.get(name)
    if asset is None or fingerprint != asset.fingerprint:
        abort(404)
    response = Response(asset.body, mimetype=asset.mimetype)
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response.set_etag(asset.fingerprint)
    return response.make_conditional(request)
