"""The pupil's pages: home, cards, the reveal, the end, and help."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Blueprint, abort, current_app, make_response, render_template, request

from .content import Card, Content, Deck
from .forms import AnswerForm

bp = Blueprint("quiz", __name__)


def content() -> Content:
    return current_app.extensions["quiz_content"]


def deck_or_404(deck_id: str) -> Deck:
    deck = content().deck(deck_id)
    if deck is None:
        abort(404)
    return deck


def cached_page(view: Callable[..., str]) -> Callable[..., str]:
    """Render a page once per app and keep its HTML, for pages that are the same for
    everyone. Unknown decks and cards abort before anything is kept, so the cache holds at
    most one entry per page of content. Never use it on the reveal: an answer must not
    outlive its response."""

    @wraps(view)
    def wrapper(**kwargs) -> str:
        key = (request.endpoint, tuple(sorted(kwargs.items())), request.args.get("keys") == "off")
        pages = current_app.extensions["quiz_pages"]
        if key not in pages:
            pages[key] = view(**kwargs)
        return pages[key]

    return wrapper


def card_or_404(deck: Deck, number: int) -> Card:
    card = deck.card(number)
    if card is None:
        abort(404)
    return card


@bp.get("/")
@cached_page
def home():
    return render_template("home.html", decks=content().decks)


@bp.get("/help")
@cached_page
def help_page():
    return render_template("help.html", page=content().help.page)


@bp.get("/quiz/<deck_id>/<int:number>")
@cached_page
def card(deck_id: str, number: int):
    deck = deck_or_404(deck_id)
    card = card_or_404(deck, number)
    return render_template("card.html", deck=deck, number=number, card=card)


@bp.post("/quiz/<deck_id>/reveal")
def reveal(deck_id: str):
    deck = deck_or_404(deck_id)
    # formdata is given explicitly so that a JSON body is never read as an answer.
    form = AnswerForm(deck_size=len(deck.cards), formdata=request.form)
    if not form.validate():
        abort(400)
    number = form.card.data
    page = render_template(
        "reveal.html",
        deck=deck,
        number=number,
        card=deck.card(number),
        said_true=form.said_true,
    )
    response = make_response(page)
    # The page shows what this pupil answered: no browser or proxy may keep it.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/healthz")
def healthz():
    """For load balancers: cheap, and never cached so that it always tells the truth."""
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


@bp.get("/quiz/<deck_id>/end")
@cached_page
def end(deck_id: str):
    return render_template("end.html", deck=deck_or_404(deck_id))
