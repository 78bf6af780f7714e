"""Take the README's screenshots in Debian's Chromium: `.venv/bin/python scripts/screenshots.py`
(add `pupil`, `teacher` or `pack` to take only those). Each is the first screen as its user
sees it, at the size they see it: a pupil's phone, a laptop, a projector. `pack` shows the
ready-made copy in site/ (make it first: `flask --app app pack site`), and three of its
PowerPoint slides (16:9 and 4:3) as LibreOffice Impress draws them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from pptx import Presentation
from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quiz import create_app  # noqa: E402
from quiz.state import state  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def powerpoint_slides(deck) -> None:
    """Card 2 and its answer from the whole lesson's .pptx in site/, and that answer from
    the 4:3 file, drawn by LibreOffice Impress (PDF, then each page to PNG by poppler's
    pdftoppm), at a projector's width: 1024 pixels."""
    folder = ROOT / "site" / "powerpoint"
    card, answer = (
        f"Card 2 of {len(deck.cards)}: {end}" for end in ("true or false?", "the answer")
    )
    shots = {
        "widescreen-16x9": {
            "powerpoint-card": card,
            "powerpoint-answer": answer,
        },
        "standard-4x3": {"powerpoint-4x3-answer": answer},
    }
    with tempfile.TemporaryDirectory() as work:
        for shape, wanted in shots.items():
            pptx = folder / f"{deck.id}-every-card-{shape}.pptx"
            subprocess.run(
                [
                    shutil.which("soffice") or "soffice",
                    f"-env:UserInstallation=file://{work}/profile",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    work,
                    str(pptx),
                ],
                check=True,
                capture_output=True,
            )
            pdf = Path(work) / (pptx.stem + ".pdf")
            titles = [
                " ".join(slide.shapes.title.text_frame.text.split())
                for slide in Presentation(str(pptx)).slides
            ]
            for name, title in wanted.items():
                number = str(titles.index(title) + 1)
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-singlefile",
                        *("-f", number, "-l", number),
                        *("-scale-to-x", "1024", "-scale-to-y", "-1"),
                        str(pdf),
                        str(OUT / name),
                    ],
                    check=True,
                )
                print(OUT / f"{name}.png")


def main(which: list[str]) -> None:
    app = create_app()
    deck = state(app).content.decks[0]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1024, "height": 768}, base_url=base)

        def shot(name: str, target=None, *, full_page: bool = False) -> None:
            # Exactly as the user sees it: focus and everything else left as it is.
            (target or page).screenshot(path=OUT / f"{name}.png", full_page=full_page)
            print(OUT / f"{name}.png")

        def number_of(card_id: str) -> int:
            return next(n for n, card in enumerate(deck.cards, 1) if card.id == card_id)

        if "pupil" in which:
            # A pupil's first screen on a phone, tapping: the home page, a card, and an
            # answer of each kind, shown in place as the script does it.
            phone = browser.new_page(viewport={"width": 375, "height": 667}, base_url=base)
            phone.goto("/")
            shot("phone-home", phone)
            lie = number_of("leave-you-alone")
            phone.goto(f"/quiz/{deck.id}/{lie}")
            shot("phone-card", phone)
            phone.get_by_role("button", name="False", exact=True).click()
            shot("phone-answer-right", phone)
            true_card = number_of("recorded-and-shared")
            phone.goto(f"/quiz/{deck.id}/{true_card}")
            phone.get_by_role("button", name="False", exact=True).click()
            shot("phone-answer-not-right", phone)
            # The same card on a phone held sideways, and with the browser's text size at
            # 200 % (Chromium's own default font size setting, not the page's styles).
            sideways = browser.new_page(viewport={"width": 667, "height": 375}, base_url=base)
            sideways.goto(f"/quiz/{deck.id}/{lie}")
            shot("phone-sideways-card", sideways)
            large = browser.new_page(viewport={"width": 375, "height": 667}, base_url=base)
            large.context.new_cdp_session(large).send(
                "Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 29}}
            )
            large.goto(f"/quiz/{deck.id}/{lie}")
            shot("phone-large-text-card", large)
            large.get_by_role("button", name="False", exact=True).click()
            shot("phone-large-text-answer", large)
            # At a laptop, by keyboard, so the focus shows where it is.
            belief = number_of("only-older-men")
            page.goto(f"/quiz/{deck.id}/{belief}")
            for _ in range(12):
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.textContent.trim()") == "True":
                    break
            page.keyboard.press("Enter")
            shot("laptop-answer-by-keyboard")
            page.goto(f"/quiz/{deck.id}/end")
            shot("laptop-end")
        if "teacher" in which:
            # The teacher's screens at a 1024x768 projector, as a teacher reaches them: the
            # slides by key, the speaker view from S (at 1024x680, a small laptop). Focus
            # is left where it is.
            page.goto(f"/present/{deck.id}/rules")
            page.wait_for_load_state("load")
            # Baseline, card 1, its answer, card 2.
            for _ in range(4):
                page.keyboard.press("PageDown")
            shot("presenter-card")
            page.keyboard.press("PageDown")
            shot("presenter-answer")
            # Headless Chromium has one screen, so S warns first, as on a laptop whose
            # projector mirrors it.
            page.keyboard.press("s")
            page.get_by_role("dialog", name="Can the class see your screen?").wait_for()
            shot("presenter-speaker-warning")
            with page.expect_popup() as popup:
                page.get_by_role("button", name="Open the speaker view").click()
            speaker = popup.value
            # A small laptop's screen, where "Next" must still be on the first screen.
            speaker.set_viewport_size({"width": 1024, "height": 680})
            speaker.wait_for_load_state("load")
            speaker.locator('.speaker-now [data-slide="2-answer"]:not([hidden])').wait_for()
            speaker.screenshot(path=OUT / "speaker-view.png")
            print(OUT / "speaker-view.png")
            page.goto(f"/teacher/{deck.id}")
            page.screenshot(path=OUT / "teacher-notes.png")
            print(OUT / "teacher-notes.png")
        if "pack" in which:
            # The ready-made copy opened from disk, as a teacher opens site/index.html.
            page.goto((ROOT / "site" / "present" / deck.id / "index.html").as_uri())
            page.wait_for_load_state("load")
            shot("pack-present-start")
        browser.close()
    server.shutdown()
    if "pack" in which:
        powerpoint_slides(deck)


if __name__ == "__main__":
    # `screenshots.py teacher` (or `pupil`, or `pack`) retakes only those screenshots.
    main(sys.argv[1:] or ["pupil", "teacher", "pack"])
