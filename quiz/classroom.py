"""The teacher's pages: the lesson presenter and its speaker view, teacher notes and a
pupil handout.

Every presenter page holds every slide of the lesson, the one asked for shown and the rest
hidden, so the script can change slides in place (full screen and the teacher's place
survive) while each slide keeps its own address for a refresh, for browsers without
JavaScript, and for the static copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, wraps

import segno
from flask import Blueprint, abort, current_app, render_template, request, url_for
from markupsafe import Markup

from .model import Activity, Card, Classroom, Deck
from .pages import cached_page, content, deck_or_404
from .presenter_keys import KEYS, key_map

bp = Blueprint("classroom", __name__)

_CARD_NUMBER = re.compile(r"[0-9]{1,4}")


@dataclass(frozen=True)
class Slide:
    """One projected screen of the lesson. `id` names it to the speaker view's script;
    `kind` (rules, baseline, card, answer, endpoint or help) says what the templates show."""

    id: str
    kind: str
    endpoint: str
    activity: Activity | None = None
    card: Card | None = None
    number: int | None = None
    args: dict[str, int | str] = field(default_factory=dict)


def named(kind: str, activity: Activity | None = None) -> Slide:
    """A slide that is not a card: at /present/<deck>/<kind>."""
    return Slide(kind, kind, "classroom.present_slide", activity, args={"slide": kind})


def chosen_cards(deck: Deck) -> tuple[int, ...]:
    """The card numbers the teacher chose, from `?cards=1,2,5` (or the start page's
    `cards=1&cards=2`), in the deck's order; every card when there is no choice. Anything
    else is a friendly 404, as for any other wrong address."""
    values = request.args.getlist("cards")
    if not values:
        return tuple(range(1, len(deck.cards) + 1))
    parts = [part for value in values for part in value.split(",")]
    if not all(_CARD_NUMBER.fullmatch(part) for part in parts):
        abort(404)
    numbers = sorted({int(part) for part in parts})
    if numbers[0] < 1 or numbers[-1] > len(deck.cards):
        abort(404)
    return tuple(numbers)


def choice_args(deck: Deck, chosen: tuple[int, ...]) -> dict[str, str]:
    """What every link must carry so the choice survives: nothing for the whole deck."""
    if len(chosen) == len(deck.cards):
        return {}
    return {"cards": ",".join(map(str, chosen))}


def lesson(deck: Deck, chosen: tuple[int, ...], classroom: Classroom) -> list[Slide]:
    """The lesson in order: ground rules, baseline, each chosen card and its answer,
    end-point activity (which revisits the baseline), help."""
    slides = [named("rules", classroom.ground_rules), named("baseline", classroom.baseline)]
    for number in chosen:
        card = deck.cards[number - 1]
        args = {"number": number}
        slides.append(
            Slide(str(number), "card", "classroom.present_card", None, card, number, args)
        )
        slides.append(
            Slide(
                f"{number}-answer", "answer", "classroom.present_answer", None, card, number, args
            )
        )
    slides.append(named("endpoint", classroom.endpoint))
    slides.append(named("help"))
    return slides


def cached_unless_chosen(view: Callable[..., str]) -> Callable[..., str | bytes]:
    """Keep the page for the whole deck; render a chosen set each time, so that any number
    of different choices cannot fill the memory."""
    cached = cached_page(view)

    @wraps(view)
    def wrapper(**kwargs) -> str | bytes:
        return view(**kwargs) if "cards" in request.args else cached(**kwargs)

    return wrapper


def render_lesson(template: str, deck: Deck, current: str | None = None, **context) -> str:
    """A page that shows the lesson's slides: the presenter (at slide `current`, which must
    be in the chosen set) or the speaker view."""
    chosen = chosen_cards(deck)
    keep = choice_args(deck, chosen)
    slides = lesson(deck, chosen, content().classroom)
    ids = [slide.id for slide in slides]
    if current is not None and current not in ids:
        abort(404)
    return render_template(
        template,
        deck=deck,
        classroom=content().classroom,
        slides=slides,
        current=ids.index(current) if current is not None else 0,
        chosen=chosen,
        keep=keep,
        url_of=lambda slide: url_for(slide.endpoint, deck_id=deck.id, **slide.args, **keep),
        keys=KEYS,
        key_map=key_map(),
        **context,
    )


def render_teachers_page(template: str, deck: Deck, **context) -> str:
    """A teacher's page about a deck, which offers the suggested lesson's cards and uses
    the classroom's words."""
    return render_template(
        template,
        deck=deck,
        suggested=deck.lesson_numbers(),
        classroom=content().classroom,
        **context,
    )


@bp.get("/present/<deck_id>")
@cached_unless_chosen
def present_start(deck_id: str):
    deck = deck_or_404(deck_id)
    chosen = chosen_cards(deck)
    return render_teachers_page(
        "present/start.html", deck, chosen=chosen, keep=choice_args(deck, chosen)
    )


@bp.get("/present/<deck_id>/<any(rules, baseline, endpoint, help):slide>")
@cached_unless_chosen
def present_slide(deck_id: str, slide: str):
    return render_lesson("present/deck.html", deck_or_404(deck_id), slide)


@bp.get("/present/<deck_id>/<int:number>")
@cached_unless_chosen
def present_card(deck_id: str, number: int):
    return render_lesson("present/deck.html", deck_or_404(deck_id), str(number))


@bp.get("/present/<deck_id>/<int:number>/answer")
@cached_unless_chosen
def present_answer(deck_id: str, number: int):
    return render_lesson("present/deck.html", deck_or_404(deck_id), f"{number}-answer")


@bp.get("/present/<deck_id>/speaker")
@cached_unless_chosen
def present_speaker(deck_id: str):
    return render_lesson("present/speaker.html", deck_or_404(deck_id))


@bp.get("/teacher/<deck_id>")
@cached_page
def teacher_notes(deck_id: str):
    return render_teachers_page(
        "teacher_notes.html", deck_or_404(deck_id), notes=content().classroom.teacher_notes
    )


@bp.get("/teacher/letter")
@cached_page
def letter():
    return render_template("printable.html", page=content().classroom.letter)


@bp.get("/teacher/briefing")
@cached_page
def briefing():
    return render_template("printable.html", page=content().classroom.briefing)


@bp.get("/contacts-card")
@cached_page
def contacts_card():
    return render_template("contacts_card.html", card=content().classroom.contacts_card)


@bp.get("/quick-start/<deck_id>")
@cached_page
def quick_start(deck_id: str):
    return render_teachers_page("quick_start.html", deck_or_404(deck_id))


# The ready-made lesson pack's documents, beside the static copy's pages (`flask pack`).
# Only the pack's pages link them: a plain export or the served app has none. The lesson
# comes as PowerPoint files for the suggested lesson and every card, each at both shapes
# of a classroom screen (quiz/powerpoint.py): widescreen 16:9, and the squarer 4:3 of many
# school projectors, as PowerPoint's Slide Size menu names them.
SLIDE_SHAPES = {"16:9": "widescreen-16x9", "4:3": "standard-4x3"}
# Each lesson's name in the pages' links, and in its file's name.
PACK_LESSONS = {
    "suggested": ("suggested lesson", "suggested-lesson"),
    "every": ("every card", "every-card"),
}


def slides_key(lesson: str, shape: str) -> str:
    """A PowerPoint file's key in PACK_NAMES and pack_files: a lesson at a shape."""
    return f"{lesson} {shape}"


# The PowerPoint files, in the order the pages list them.
PACK_SLIDES = tuple(slides_key(key, shape) for key in PACK_LESSONS for shape in SLIDE_SHAPES)
PACK_NAMES = {
    **{
        slides_key(key, shape): f"{name}, {shape}"
        for key, (name, _file) in PACK_LESSONS.items()
        for shape in SLIDE_SHAPES
    },
    "notes": "PDF",
    "handout": "PDF",
    "quick": "PDF",
}
# Links to them are built like any other, so the copy's are relative; nothing is served.
bp.add_url_rule("/<path:file>", endpoint="pack_file", build_only=True)


def pack_files(deck: Deck) -> dict[str, str]:
    """Where each of the pack's documents lives in the copy, by its key in PACK_NAMES."""
    slides = {
        slides_key(key, shape): f"powerpoint/{deck.id}-{file}-{tail}.pptx"
        for key, (_name, file) in PACK_LESSONS.items()
        for shape, tail in SLIDE_SHAPES.items()
    }
    return {
        **slides,
        "notes": f"pdf/{deck.id}-teacher-notes.pdf",
        "handout": f"pdf/{deck.id}-handout.pdf",
        "quick": f"pdf/{deck.id}-quick-start.pdf",
    }


def pack_link(deck: Deck, key: str) -> str:
    return url_for("classroom.pack_file", file=pack_files(deck)[key])


@lru_cache(maxsize=4)
def qr_code(address: str) -> Markup:
    """The address as a QR code in inline SVG. segno's SVG has no style attribute, which
    the Content-Security-Policy would block; its size comes from the stylesheet."""
    svg = segno.make(address, error="m").svg_inline(omitsize=True, svgclass="qr", lineclass=None)
    # segno's own markup, made from an https address checked at start-up.
    return Markup(svg)  # noqa: S704  # nosec B704


@bp.get("/handout/<deck_id>")
@cached_unless_chosen
def handout(deck_id: str):
    deck = deck_or_404(deck_id)
    chosen = chosen_cards(deck)
    address = current_app.config["QUIZ_PUBLIC_URL"]
    return render_template(
        "handout.html",
        deck=deck,
        chosen=chosen,
        cards=[(number, deck.cards[number - 1]) for number in chosen],
        classroom=content().classroom,
        handout=content().classroom.handout,
        address=address,
        qr=qr_code(address) if address else None,
    )
