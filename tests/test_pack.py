"""The ready-made lesson pack in site/ (`flask --app app pack site`): kept the same as a
fresh one, a quick start for teachers, words a teacher can act on, and an exit that
still leaves the quiz on a computer with no internet."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from quiz.classroom import PACK_NAMES, PACK_SLIDES, pack_files, slides_key
from quiz.config import ROOT
from quiz.export import static_app
from tests.browser import axe_violations, wait_until_styled
from tests.helpers import assert_help_and_exit, page_text
from tests.pdf import page_sizes

SITE = ROOT / "site"
REGENERATE = "flask --app app pack site"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """The pack as the command makes it now: made once, since Chromium prints its PDFs. In
    a process of its own, as the README runs it: its Playwright cannot start inside this
    test run's, which is already running."""
    folder = tmp_path_factory.mktemp("pack") / "site"
    made = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "pack", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert made.returncode == 0, made.stderr
    return folder


def files_in(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def text_of(path: Path) -> str:
    """What a generated document says: every slide's words and notes, or a PDF's text."""
    if path.suffix == ".pptx":
        return "\n\f".join(
            "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
            + "\nNotes: "
            + slide.notes_slide.notes_text_frame.text
            for slide in Presentation(str(path)).slides
        )
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_the_committed_pack_is_the_same_as_a_fresh_one(fresh):
    assert SITE.is_dir(), f"site/ is missing: make it with `{REGENERATE}`"
    assert files_in(SITE) == files_in(fresh), f"site/ is out of date: `{REGENERATE}`"
    stale = []
    for file in sorted(files_in(fresh)):
        committed, made = SITE / file, fresh / file
        same = committed.read_bytes() == made.read_bytes()
        if not same and file.endswith((".pptx", ".pdf")):
            # A generated document may differ in bytes that say nothing (Chromium's PDFs
            # do): it is the same if it says the same. Read only then, since reading is slow.
            same = text_of(committed) == text_of(made)
        if not same:
            stale.append(file)
    assert not stale, f"out of date (`{REGENERATE}`): {stale}"


def test_the_pack_holds_the_lesson_as_powerpoint_and_the_teachers_pages_as_pdfs(fresh, deck):
    files = pack_files(deck)
    for shape, (across, down) in {"16:9": (16, 9), "4:3": (4, 3)}.items():
        for key, cards in (("suggested", len(deck.lesson_numbers())), ("every", len(deck.cards))):
            lesson = Presentation(str(fresh / files[slides_key(key, shape)]))
            assert lesson.slide_width * down == lesson.slide_height * across
            # Words too long for a 4:3 slide continue on the next: rules and help, not cards.
            titles = [slide.shapes.title.text_frame.text for slide in lesson.slides]
            shown = [title for title in titles if not title.endswith(" (continued)")]
            assert len(shown) == 4 + 2 * cards, (shape, key)
    pages = {}
    for key in ("notes", "handout", "quick"):
        sizes = page_sizes(fresh / files[key])
        pages[key] = len(sizes)
        # A4, as the pages' print styles ask.
        assert [round(side) for side in sizes[0]] == [595, 842]
    print(f"PDF pages: {pages}")
    assert pages["quick"] == 1, "the quick start prints on one side of A4"
    # At 12 pt, as the print tests ask, every card's handout takes both sides of a sheet.
    assert pages["handout"] <= 2, "the handout prints on one sheet of A4"
    assert "If a pupil tells you something" in text_of(fresh / files["notes"])


def test_the_pack_readme_says_what_a_teacher_can_do_and_no_command(fresh):
    readme = (fresh / "README.txt").read_text(encoding="utf-8")
    for command in ("flask", "--", "$ ", "pip", "python"):
        assert command not in readme
    for needs_internet in ("Exit this page", "Childline's online chat", "CEOP's"):
        assert needs_internet in readme
    assert "powerpoint folder" in readme and "pdf folder" in readme
    # The date the words were checked, not the day the copy was made: the same every time.
    assert not re.search(r"\d{4}-\d\d-\d\d", readme)
    for page in fresh.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "flask " not in html and "QUIZ_" not in html, page


def test_the_packs_pages_link_its_powerpoint_files_and_pdfs(fresh, deck):
    files = pack_files(deck)
    start = (fresh / f"present/{deck.id}/index.html").read_text(encoding="utf-8")
    quick = (fresh / f"quick-start/{deck.id}/index.html").read_text(encoding="utf-8")
    for key in PACK_SLIDES:
        assert f'href="../../{files[key]}"' in start
        # A teacher sees which file suits which screen, by its link and its name.
        assert key.split()[1] in PACK_NAMES[key]
    assert {key.split()[1] for key in PACK_SLIDES} == {"16:9", "4:3"}
    assert {files[key].rsplit("-", 1)[1] for key in PACK_SLIDES} == {"16x9.pptx", "4x3.pptx"}
    for key in (*PACK_SLIDES, "notes", "handout", "quick"):
        assert f'href="../../{files[key]}"' in quick
    assert 'href="../../quick-start/' in start


def test_the_quick_start_is_a_teacher_page_with_help_and_the_exit(client, deck):
    response = client.get(f"/quick-start/{deck.id}")
    assert response.status_code == 200
    html = page_text(response)
    assert_help_and_exit(html)
    # The served app has no pack beside it: the quick start says where the files are.
    assert ".pptx" not in html and ".pdf" not in html
    assert "in the ready-made copy" in html
    start = page_text(client.get(f"/present/{deck.id}"))
    assert f'href="/quick-start/{deck.id}"' in start
    assert ".pptx" not in start
    # A plain export does not link documents it does not hold.
    copy = static_app().test_client().get(f"/present/{deck.id}")
    assert ".pptx" not in copy.get_data(as_text=True)
    assert client.get(f"/quick-start/{deck.id}.pptx").status_code == 404


def test_offline_exit_this_page_still_leaves_the_copy_for_a_page_about_nothing(browser, deck):
    """On a computer with no internet, the exit's destination cannot load: the browser's
    own "no internet" page takes the copy's place, and Back does not return to it."""
    context = browser.new_context()
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith("file:")
            else route.abort("internetdisconnected")
        ),
    )
    page = context.new_page()
    page.goto("about:blank")
    page.goto((SITE / f"quiz/{deck.id}/1/index.html").as_uri())
    wait_until_styled(page)
    page.get_by_role("link", name="Exit this page").first.click()
    expect(page).not_to_have_url(re.compile(r"^file:"))
    page.wait_for_load_state()
    text = page.evaluate("document.documentElement.innerText")
    for word in ("quiz", "Video chat", "Childline", deck.cards[0].statement[:20]):
        assert word.lower() not in text.lower(), word
    page.go_back()
    expect(page).to_have_url("about:blank")
    context.close()


def test_axe_finds_nothing_on_the_packs_own_pages(browser, deck):
    """The pages that differ in the pack: they link its documents."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    reports = []
    for path in (f"present/{deck.id}/index.html", f"quick-start/{deck.id}/index.html"):
        page.goto((SITE / path).as_uri())
        report = axe_violations(page)
        if report:
            reports.append(f"--- {path}\n{report}")
    context.close()
    assert not reports, "\n".join(reports)


def test_the_quick_start_covers_the_pack_three_ways_to_teach_the_safeguarding_first_and_help(
    client, content, deck
):
    html = page_text(client.get(f"/quick-start/{deck.id}"))
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert headings[:5] == [
        "What is in the pack",
        "Three ways to teach it",
        "Before the lesson",
        "With no internet",
        "Where to get help",
    ]
    ways = re.search(r"<ol>(.*?)</ol>", html, re.S).group(1)
    assert ways.count("<li>") == 3
    assert "web browser" in ways and "PowerPoint" in ways and "paper" in ways
    assert "the best way" in ways
    assert content.classroom.teacher_notes.disclosure.heading.replace("\xa0", " ") in html
    assert "Designated Safeguarding Lead" in html
    assert "who looks after the words" in html and "help contacts suit your pupils" in html
    for link in (f"/teacher/{deck.id}", f"/handout/{deck.id}", f"/present/{deck.id}"):
        assert f'href="{link}"' in html
