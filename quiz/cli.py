"""`flask --app app check [FILE]`: validate a content file without serving it."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .content import ContentError, display_path, load


@click.command("check")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def check(file: Path | None) -> None:
    """Check a questions file (by default the one the app serves) and list every problem."""
    path = file or Path(current_app.config["QUIZ_CONTENT"])
    try:
        content = load(path)
    except ContentError as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None
    cards = sum(len(deck.cards) for deck in content.decks)
    decks = len(content.decks)
    click.echo(f"{display_path(path)}: OK: {decks} deck{'s' if decks != 1 else ''}, {cards} cards")
