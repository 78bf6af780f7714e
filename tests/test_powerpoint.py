"""The lesson as a PowerPoint file (`flask slides`): read back with python-pptx as the
file a teacher opens, and rendered by LibreOffice Impress, so that text too small, off
its slide or out of its box is caught by measuring the render."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Inches, Pt

from quiz.classroom import SLIDE_SHAPES
from quiz.powerpoint import SHAPES, build, slides_command
from tests.pdf import drawn_letters

EMU_PER_POINT = 12700
CHOSEN = (1, 2, 5)
CONTINUED = " (continued)"
# Each file the tests read: its cards and its shape. Every card at both shapes, since the
# whole lesson holds every kind of slide.
FILES = {
    "every card": ("every", "16:9"),
    "chosen": (CHOSEN, "16:9"),
    "every card 4:3": ("every", "4:3"),
}


def cards_of(deck, which: str) -> tuple[int, ...]:
    chosen = FILES[which][0]
    return tuple(range(1, len(deck.cards) + 1)) if chosen == "every" else chosen


@pytest.fixture(scope="module")
def decks(app, deck, tmp_path_factory) -> dict[str, Path]:
    """Each file in FILES, written as `flask slides` writes it."""
    folder = tmp_path_factory.mktemp("slides")
    files = {}
    for name, (_cards, shape) in FILES.items():
        files[name] = folder / f"{name.replace(' ', '-').replace(':', 'x')}.pptx"
        build(app, deck, cards_of(deck, name), shape).save(str(files[name]))
    return files


@pytest.fixture(scope="module")
def files(decks) -> dict:
    """Each file as a teacher's PowerPoint opens it, read once: the tests only look."""
    return {which: Presentation(str(path)) for which, path in decks.items()}


@pytest.fixture(scope="module")
def opened(files) -> dict[str, list[list]]:
    return {which: lesson_slides(lesson) for which, lesson in files.items()}


def lesson_slides(lesson) -> list[list]:
    """The file's slides, one list for each of the lesson's slides: the slide itself, then
    any slides its words continue on, titled "… (continued)"."""
    slides: list[list] = []
    for slide in lesson.slides:
        title = slide.shapes.title.text_frame.text
        if title.endswith(CONTINUED):
            assert slides and title == slides[-1][0].shapes.title.text_frame.text + CONTINUED
            slides[-1].append(slide)
        else:
            slides.append([slide])
    return slides


def visible_text(slides) -> str:
    """What the class sees on a slide (or a slide and its continuations): every shape's
    text, not the speaker notes. Numbers are kept whole with a no-break space, as on the
    pages."""
    text = "\n".join(
        shape.text_frame.text
        for slide in (slides if isinstance(slides, list) else [slides])
        for shape in slide.shapes
        if shape.has_text_frame
    )
    return text.replace("\xa0", " ")


def presenter_titles(app, deck, chosen: tuple[int, ...]) -> list[str]:
    """The browser presenter's slide titles, in its order, from its speaker view."""
    page = app.test_client().get(f"/present/{deck.id}/speaker?cards={','.join(map(str, chosen))}")
    titles = re.findall(r'<div class="slide [^"]*" [^>]*data-title="([^"]*)"', page.text)
    return [" ".join(html.unescape(title).split()) for title in titles]


@pytest.mark.parametrize("which", list(FILES))
def test_slides_follow_the_presenters_lesson_in_order(app, deck, opened, which):
    chosen = cards_of(deck, which)
    slides = opened[which]
    titles = [group[0].shapes.title.text_frame.text.replace("\xa0", " ") for group in slides]
    assert titles == presenter_titles(app, deck, chosen)
    assert len(slides) == 2 + 2 * len(chosen) + 2
    # Each card's statement, then its answer, on the slides after the rules and baseline.
    for place, number in enumerate(chosen):
        card = deck.cards[number - 1]
        assert card.statement in visible_text(slides[2 + 2 * place])
        assert card.recap in visible_text(slides[3 + 2 * place])
    left_out = [card for number, card in enumerate(deck.cards, 1) if number not in chosen]
    everything = "\n".join(visible_text(group) for group in slides)
    assert not any(card.statement in everything for card in left_out)


def said(slides: list) -> list[str]:
    """The paragraphs a slide and its continuations say, in order, besides the title and
    the help strip."""
    return [
        paragraph.text
        for slide in slides
        for shape in slide.shapes
        if shape.name == "What the slide says"
        for paragraph in shape.text_frame.paragraphs
    ]


def test_at_4_3_words_that_do_not_fit_continue_on_the_next_slide_and_only_they(opened):
    """A 4:3 slide is three quarters as wide: the ground rules and the help slide hold more
    than fits at 28 pt, and go on to a slide of their own, every word still shown once."""
    wide, square = opened["every card"], opened["every card 4:3"]
    assert all(len(group) == 1 for group in wide)
    continued = [group[0].shapes.title.text_frame.text for group in square if len(group) > 1]
    print(f"continued at 4:3: {continued}")
    assert all(len(group) <= 2 for group in square)
    for at_wide, at_square in zip(wide, square, strict=True):
        assert said(at_square) == said(at_wide)
    # The cards, which the class reads at a glance, each stay on one slide.
    assert all(len(group) == 1 for group in square[2:-2])


@pytest.mark.parametrize("which", ["every card", "every card 4:3"])
def test_no_answer_shows_before_its_reveal_slide(deck, opened, which):
    slides = [visible_text(group) for group in opened[which]]
    verdicts = ("This is true", "This is a lie", "This is not true")
    for number, card in enumerate(deck.cards, start=1):
        answer_at = 3 + 2 * (number - 1)
        before = "\n".join(slides[:answer_at])
        assert card.recap not in before, number
        assert card.fact not in before, number
        question = slides[answer_at - 1]
        assert not any(verdict in question for verdict in verdicts), number
        if card.verdict:
            assert card.verdict.rstrip(".") not in question
        shown = slides[answer_at]
        assert card.recap in shown
        assert any(verdict in shown for verdict in verdicts) or card.verdict.rstrip(".") in shown


@pytest.mark.parametrize("which", ["every card", "every card 4:3"])
def test_speaker_notes_hold_what_the_speaker_view_shows(content, deck, opened, which):
    groups = opened[which]
    every_note = [
        [slide.notes_slide.notes_text_frame.text.replace("\xa0", " ") for slide in group]
        for group in groups
    ]
    # A slide's words continued on the next: its notes are there too.
    assert all(len(set(group)) == 1 for group in every_note)
    notes = [group[0] for group in every_note]
    assert all(note.strip() for note in notes), "every slide has notes"
    classroom = content.classroom
    assert notes[0] == classroom.ground_rules.note
    assert notes[1] == classroom.baseline.note
    assert notes[-2] == classroom.endpoint.note
    for number, card in enumerate(deck.cards, start=1):
        for note in notes[2 * number : 2 * number + 2]:
            assert ("Answer: True" if card.answer else "Answer: False") in note
            assert card.fact.replace("\xa0", " ") in note
            for prompt in card.discuss:
                assert f"Ask: {prompt.ask}" in note
                assert f"Model answer: {prompt.answer}" in note
            if card.teacher_note:
                assert card.teacher_note in note
            assert ("Sensitive: private vote" in note) == card.sensitive


@pytest.mark.parametrize("which", ["chosen", "every card 4:3"])
def test_every_slide_is_titled_carries_the_help_contacts_and_large_real_text(content, files, which):
    deck_file = files[which]
    across, down = map(int, FILES[which][1].split(":"))
    assert deck_file.slide_width * down == deck_file.slide_height * across
    assert deck_file.slide_height == Inches(7.5)
    for slide in deck_file.slides:
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        assert title.placeholder_format.type == PP_PLACEHOLDER.TITLE
        # Read first: the title is the first shape in reading order.
        assert slide.shapes[0].shape_id == title.shape_id
        text = visible_text(slide)
        for contact in content.help.contacts:
            assert contact.action.replace("\xa0", " ") in text
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text:
                sizes = {run.font.size for p in shape.text_frame.paragraphs for run in p.runs}
                assert min(sizes) >= Pt(28), shape.name
            else:
                # A shape with no words only decorates, and says so to screen readers.
                assert b"decorative" in shape._element.xml.encode() and 'val="1"' in (
                    shape._element.xml
                ), shape.name


def test_the_command_writes_the_suggested_lesson_and_a_chosen_set(app, deck, tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_APP", "app")
    runner = CliRunner()
    from flask.cli import ScriptInfo

    # The tests' own app: the command works on whichever app it is given.
    info = ScriptInfo(create_app=lambda: app)
    out = tmp_path / "lesson.pptx"
    result = runner.invoke(slides_command, [str(out), "--suggested"], obj=info)
    assert result.exit_code == 0, result.output
    suggested = deck.lesson_numbers()
    lesson = Presentation(str(out))
    assert len(lesson.slides) == 4 + 2 * len(suggested)
    assert lesson.slide_width == Inches(13 + 1 / 3)
    result = runner.invoke(slides_command, [str(out), "--cards", "5,2", "--shape", "4:3"], obj=info)
    assert result.exit_code == 0, result.output
    lesson = Presentation(str(out))
    assert (lesson.slide_width, lesson.slide_height) == (Inches(10), Inches(7.5))
    titles = [slide.shapes.title.text_frame.text for slide in lesson.slides]
    titles = [title for title in titles if not title.endswith(CONTINUED)]
    assert titles[2] == "Card 1 of 2: true or false?"
    for option, wrong in [("--cards", w) for w in ("0", "2,x", str(len(deck.cards) + 1))] + [
        ("--shape", "3:2")
    ]:
        result = runner.invoke(slides_command, [str(tmp_path / "no.pptx"), option, wrong], obj=info)
        assert result.exit_code == 2, wrong
        assert option in result.output
    assert not (tmp_path / "no.pptx").exists()


@pytest.fixture(scope="module")
def rendered(decks, tmp_path_factory) -> dict[str, Path]:
    """The whole lesson at each shape as LibreOffice Impress draws it, as PDF: both files
    in one run, since starting it is slow. Its own profile folder, so that it never waits
    on another LibreOffice running."""
    soffice = shutil.which("soffice")
    assert soffice, (
        "LibreOffice Impress (Debian's libreoffice-impress) is needed: scripts/test installs it"
    )
    folder = tmp_path_factory.mktemp("rendered")
    profile = tmp_path_factory.mktemp("libreoffice-profile")
    # Every kind of slide is in the whole lesson.
    whole = ["every card", "every card 4:3"]
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(decks[which]) for which in whole),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {which: folder / (decks[which].stem + ".pdf") for which in whole}


def boxes(slide) -> list[tuple[float, float, float, float]]:
    """Where each shape with words sits on the slide, in points: left, top, right, bottom."""
    return [
        (
            shape.left / EMU_PER_POINT,
            shape.top / EMU_PER_POINT,
            (shape.left + shape.width) / EMU_PER_POINT,
            (shape.top + shape.height) / EMU_PER_POINT,
        )
        for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text
    ]


@pytest.mark.parametrize("which", ["every card", "every card 4:3"])
def test_the_help_slide_itself_says_it_is_never_your_fault_with_every_contact(
    content, opened, which
):
    """What a pupil reads on the help slide the class sees: every contact and the
    reassurance, not left for a continuation slide (only the addresses may go there)."""
    help_slide = visible_text(opened[which][-1][0])
    for contact in content.help.contacts:
        assert contact.action.replace("\xa0", " ") in help_slide
    assert content.help.reminder in help_slide


@pytest.mark.parametrize("which", ["every card", "every card 4:3"])
def test_libreoffice_renders_every_slide_with_its_text_inside_its_box_at_28_pt(
    opened, rendered, capsys, which
):
    slides = [slide for group in opened[which] for slide in group]
    problems, shares = [], []
    pages = drawn_letters(rendered[which])
    assert len(pages) == len(slides)
    for number, (page, slide) in enumerate(zip(pages, slides, strict=True), start=1):
        width, height, text, chars = page
        title = slide.shapes.title.text_frame.text
        assert " ".join(title.split()) in " ".join(text.split())
        assert chars, f"slide {number} drew no text"
        places = boxes(slide)
        for char in chars:
            # A point's slack for the font's own side bearings.
            inside = [
                left - 1 <= char["x0"]
                and char["x1"] <= right + 1
                and top - 1 <= char["top"]
                and char["bottom"] <= bottom + 1
                for left, top, right, bottom in places
            ]
            if not any(inside):
                problems.append(f"slide {number}: {char['text']!r} outside its box")
            if not (char["x0"] >= 0 and char["x1"] <= width and char["bottom"] <= height):
                problems.append(f"slide {number}: {char['text']!r} off the slide")
        large = sum(char["size"] >= 27.9 for char in chars)
        shares.append(large / len(chars))
    with capsys.disabled():
        least = min(shares)
        print(f"\n{which}: {len(slides)} slides; least share at 28 pt or more: {least:.0%}")
    assert not problems, "\n".join(problems[:20])
    assert min(shares) >= 0.9


@pytest.mark.parametrize("which", ["chosen", "every card 4:3"])
def test_the_help_slide_links_childlines_chat_and_ceops_form(content, opened, which):
    """A file shared on Teams is opened on a computer too, where a link can be clicked."""
    help_slides = opened[which][-1]
    links = {
        run.hyperlink.address
        for slide in help_slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address
    }
    wanted = {c.href for c in content.help.contacts if (c.href or "").startswith("https:")}
    wanted |= {contact.also.href for contact in content.help.contacts if contact.also}
    assert links == wanted


def test_the_pack_makes_the_lesson_at_every_shape_the_slides_are_made_at():
    assert set(SLIDE_SHAPES) == set(SHAPES)
