"""`flask check [FILE]`: validate a content file without serving it."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .config import SettingError, from_environment, ownership, setting
from .content import ContentError, display_path, load


# Registered through the "flask.commands" entry point (pyproject.toml), not on the app:
# Flask finds such a command without loading the app, so the check still runs, and
# says what is wrong, when the file the app serves is the broken one.
@click.command("check")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
def check(file: Path | None) -> None:
    """Check a questions file (by default the one the app serves) and list every problem."""
    path = file or Path(setting(os.environ, "QUIZ_CONTENT"))
    try:
        content = load(path)
    except ContentError as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None
    cards = sum(len(deck.cards) for deck in content.decks)
    decks = len(content.decks)
    click.echo(f"{display_path(path)}: OK: {decks} deck{'s' if decks != 1 else ''}, {cards} cards")
    # The file is fine, but a copy nobody answers for is not ready for pupils: say so,
    # without failing, since a writer checks the file long before a school sets these.
    try:
        for warning in ownership(from_environment(os.environ)).unset():
            click.echo(warning, err=True)
    except SettingError as error:
        click.echo(str(error), err=True)
