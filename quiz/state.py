"""The app's own state, typed and in one place: the content, the built assets, the pages
kept for everyone, and the answer pages. Each part is filled in by the module that owns
it, from its `init_app` (as Flask's tutorial sets up its database in db.py); every module
reads it through `state()`, never through a key of its own in `app.extensions`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask import Flask, current_app

if TYPE_CHECKING:
    from .assets import Asset
    from .model import Content

_KEY = "quiz"


@dataclass
class QuizState:
    content: Content
    # The stylesheets and scripts by name, built once at start-up (assets.init_app).
    assets: dict[str, Asset] = field(default_factory=dict)
    # Pages that are the same for everyone, kept once first rendered (pages.cached_page).
    pages: dict[tuple, bytes] = field(default_factory=dict)
    # Every answer page, rendered at start-up (views.init_app); none in the static copy.
    answers: dict[tuple[str, int, bool], bytes] = field(default_factory=dict)


def init_app(app: Flask, content: Content) -> None:
    app.extensions[_KEY] = QuizState(content)


def state(app: Flask | None = None) -> QuizState:
    """The state of `app`, or of the app handling the request."""
    return (app or current_app).extensions[_KEY]
