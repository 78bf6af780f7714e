"""The teacher's pages: presenter mode for a projector, teacher notes and a pupil handout."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for

from .content import Deck
from .views import cached_page, card_or_404, content, deck_or_404

bp = Blueprint("classroom", __name__)


def steps(deck: Deck) -> list[tuple[str, dict[str, int]]]:
    """Every presenter screen in order: ground rules, each card then its answer, help."""
    order = [("classroom.present_start", {})]
    for number in range(1, len(deck.cards) + 1):
        order.append(("classroom.present_card", {"number": number}))
        order.append(("classroom.present_answer", {"number": number}))
    order.append(("classroom.present_help", {}))
    return order


def present(deck: Deck, index: int, template: str, **context):
    """Render one presenter screen with links to the screens either side of it.

    `?keys=off` (the shortcuts-off control, WCAG 2.1.4) is carried along those links, since
    the app keeps no state between pages.
    """
    order = steps(deck)
    keys_off = request.args.get("keys") == "off"
    keep = {"keys": "off"} if keys_off else {}

    def url(position: int) -> str | None:
        if not 0 <= position < len(order):
            return None
        endpoint, args = order[position]
        return url_for(endpoint, deck_id=deck.id, **args, **keep)

    here_endpoint, here_args = order[index]
    toggle_args = {} if keys_off else {"keys": "off"}
    return render_template(
        template,
        deck=deck,
        prev_url=url(index - 1),
        next_url=url(index + 1),
        keys_off=keys_off,
        toggle_url=url_for(here_endpoint, deck_id=deck.id, **here_args, **toggle_args),
        **context,
    )


@bp.get("/present/<deck_id>")
@cached_page
def present_start(deck_id: str):
    return present(deck_or_404(deck_id), 0, "present/start.html", classroom=content().classroom)


@bp.get("/present/<deck_id>/<int:number>")
@cached_page
def present_card(deck_id: str, number: int):
    deck = deck_or_404(deck_id)
    card = card_or_404(deck, number)
    return present(deck, 2 * number - 1, "present/card.html", card=card, number=number)


@bp.get("/present/<deck_id>/<int:number>/answer")
@cached_page
def present_answer(deck_id: str, number: int):
    deck = deck_or_404(deck_id)
    card = card_or_404(deck, number)
    return present(deck, 2 * number, "present/answer.html", card=card, number=number)


@bp.get("/present/<deck_id>/help")
@cached_page
def present_help(deck_id: str):
    deck = deck_or_404(deck_id)
    return present(deck, 2 * len(deck.cards) + 1, "present/help.html")


@bp.get("/teacher/<deck_id>")
@cached_page
def teacher_notes(deck_id: str):
    return render_template(
        "teacher_notes.html",
        deck=deck_or_404(deck_id),
        notes=content().classroom.teacher_notes,
        classroom=content().classroom,
    )


@bp.get("/handout/<deck_id>")
@cached_page
def handout(deck_id: str):
    return render_template("handout.html", deck=deck_or_404(deck_id), classroom=content().classroom)
