"""Valid HTML: the W3C Nu HTML Checker finds no error on any page, served (each card
answered both ways, a choice of cards, the error pages) or in the static copy.

The checker runs once over a folder of every page: one Java start, a few seconds. It is
vnu.jar from npm (pinned in tests/vnu/package.json) on Debian's Java; scripts/test
installs both where missing."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from quiz import create_app
from quiz.export import app_path
from quiz.state import state
from tests.helpers import ERRORS

VNU = Path(__file__).parent / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# For one short run: Java's quick compiler only, and one garbage collector thread, take
# the checker from 10 CPU-seconds to 4 over the copy; its quick-compiled code needs a
# deeper stack than the default for the HTML schema.
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss2m"]


def served_pages(copy: Path) -> dict[str, bytes]:
    """Every page the copy has, as the served app answers it, and the states only the
    served app has: each card's answer page both ways, a choice of cards, the errors."""
    client = create_app().test_client()
    deck = state(client.application).content.decks[0]
    responses = {}
    for file in sorted(copy.rglob("*.html")):
        path = app_path(file.relative_to(copy).as_posix())
        if file.name != "404.html":
            responses[path] = client.get(path)
    for number in range(1, len(deck.cards) + 1):
        for said in ("true", "false"):
            path = f"/quiz/{deck.id}/{number}"
            responses[f"{path} said {said}"] = client.post(path, data={"answer": said})
    for path in (f"/present/{deck.id}", f"/present/{deck.id}/rules", f"/handout/{deck.id}"):
        responses[f"{path} chosen"] = client.get(path, query_string={"cards": "1,3"})
    for method, path, status in ERRORS:
        responses[f"{method} {path} {status}"] = client.open(
            path.format(deck=deck.id), method=method
        )
    return {name: response.data for name, response in responses.items()}


def test_every_page_served_and_in_the_copy_is_valid_html(static_copy, tmp_path):
    if not VNU.exists() or shutil.which("java") is None:
        pytest.fail("vnu.jar or Java is missing: scripts/test installs both")
    served = tmp_path / "served"
    served.mkdir()
    names = {}
    for index, (name, html) in enumerate(served_pages(static_copy).items()):
        (served / f"{index}.html").write_bytes(html)
        names[f"{index}.html"] = name
    run = subprocess.run(
        ["java", *JAVA_OPTIONS, "-jar", str(VNU), "--errors-only", "--format", "json"]
        + ["--skip-non-html", str(served), str(static_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr)["messages"]
    errors = sorted(
        {
            f"{names.get(Path(m['url']).name, m['url'].split(static_copy.name)[-1])}: "
            f"{m['message']} [{m.get('extract', '').strip()[:80]}]"
            for m in messages
        }
    )
    assert len(names) > 50
    assert errors == [], f"{len(messages)} errors:\n" + "\n".join(errors[:60])
