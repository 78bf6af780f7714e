"""The presenter's keys, in one list: the scripts' key map (a JSON block on the slides and
speaker view pages), the Keys dialog and the README's table all come from it, and a test
holds the README to it. Keys as PowerPoint and reveal.js users know them, so a clicker
works."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Keys:
    names: str  # As a teacher reads them, in the dialog and the README.
    does: str
    # KeyboardEvent.key values; "Shift+" before one means with Shift held.
    values: tuple[str, ...] = ()
    # What the presenter's scripts do; None for a key another script owns (Exit).
    action: str | None = None


KEYS = (
    Keys(
        "Page Down, →, ↓, Space, N, Enter",
        "Reveal the answer, then the next slide",
        ("PageDown", "ArrowRight", "ArrowDown", " ", "n", "N", "Enter"),
        "forward",
    ),
    Keys(
        "Page Up, ←, ↑, Shift+Space, P, Backspace",
        "Go back",
        ("PageUp", "ArrowLeft", "ArrowUp", "Shift+ ", "p", "P", "Backspace"),
        "back",
    ),
    Keys("Home", "Go to the first slide", ("Home",), "first"),
    Keys("End", "Go to the last slide: where to get help", ("End",), "last"),
    Keys(
        "B or .",
        "Blank the screen; press it again, or any key that moves, to bring back the same slide",
        ("b", "B", "."),
        "blank",
    ),
    Keys("F", "Full screen on or off", ("f", "F"), "full"),
    Keys(
        "S",
        "Open the speaker view for your own screen; it follows the tab where S was pressed last",
        ("s", "S"),
        "speaker",
    ),
    Keys("?", "Show or hide the list of keys", ("?",), "keys"),
    Keys("Shift three times", "Exit this page"),
)


def key_map() -> str:
    """{key value: action} as JSON, for the scripts."""
    return json.dumps(
        {value: keys.action for keys in KEYS if keys.action for value in keys.values},
        ensure_ascii=False,
        separators=(",", ":"),
    )
