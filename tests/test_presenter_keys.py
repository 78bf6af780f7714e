"""The presenter's keys come from one list (quiz/presenter_keys.py): the key map the
scripts read, the Keys dialog and the README's table."""

from __future__ import annotations

import html
import json
import re

from quiz.config import ROOT
from quiz.presenter_keys import KEYS, key_map


def test_the_readme_keys_table_is_the_presenter_keys_list():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| Keys | What they do |") :].split("\n\n")[0]
    rows = [line.strip("|").split(" | ") for line in table.splitlines()[2:]]
    assert [(names.strip(), does.strip()) for names, does in rows] == [
        (keys.names, keys.does) for keys in KEYS
    ]


def test_the_keys_dialog_and_the_key_map_come_from_the_list(client, deck):
    page = client.get(f"/present/{deck.id}/1").get_data(as_text=True)
    dialog = page[page.index('id="present-keys"') : page.index("</dialog>")]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", dialog)
    assert [(html.unescape(a), html.unescape(b)) for a, b in rows] == [
        (keys.names, keys.does) for keys in KEYS
    ]
    for path in (f"/present/{deck.id}/1", f"/present/{deck.id}/speaker"):
        page = client.get(path).get_data(as_text=True)
        rendered = html.unescape(re.search(r'data-key-map="([^"]*)"', page)[1])
        assert json.loads(rendered) == json.loads(key_map())


def test_every_key_a_clicker_or_keyboard_user_expects_has_its_action():
    actions = json.loads(key_map())
    expected = {
        "PageDown": "forward",
        " ": "forward",
        "PageUp": "back",
        "Shift+ ": "back",
        "Home": "first",
        "End": "last",
        ".": "blank",
    }
    assert {key: actions[key] for key in expected} == expected
