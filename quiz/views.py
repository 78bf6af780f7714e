"""The pupil's pages: home, cards and their answers, the end, help, and about."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Blueprint, Flask, abort, current_app, render_template, request

from .content import Card, Content, Deck
from .errors import AnswerNotReceived
from .forms import AnswerForm

bp = Blueprint("quiz", __name__)

# An answer page may stay in the pupil's own browser, as any page they saw does, so that
# Back to it shows it again instead of the browser's "Confirm Form Resubmission" error
# (which `no-store` caused). `private` keeps it out of every shared cache; `no-cache`
# makes a browser ask again before showing it for a new visit.
ANSWER_HEADERS = {"Cache-Control": "private, no-cache"}


def content() -> Content:
    return current_app.extensions["quiz_content"]


def deck_or_404(deck_id: str) -> Deck:
    deck = content().deck(deck_id)
    if deck is None:
        abort(404)
    return deck


def card_or_404(deck: Deck, number: int) -> Card:
    card = deck.card(number)
    if card is None:
        abort(404)
    return card


def cached_page(view: Callable[..., str]) -> Callable[..., str]:
    """Render a page once per app and keep its HTML, for pages that are the same for
    everyone. Unknown decks and cards abort before anything is kept, so the cache holds at
    most one entry per page of content. The key ignores the query string, so a page that
    depends on it must not be kept."""

    @wraps(view)
    def wrapper(**kwargs) -> str:
        key = (request.endpoint, tuple(sorted(kwargs.items())))
        pages = current_app.extensions["quiz_pages"]
        if key not in pages:
            pages[key] = view(**kwargs)
        return pages[key]

    return wrapper


def render_answers(app: Flask) -> dict[tuple[str, int, bool], str]:
    """Every answer page, for every card and both answers, rendered once at start-up.

    Not a cache that fills as pupils answer: how fast an answer came back would then tell
    which answers had been given before."""
    with app.test_request_context():
        return {
            (deck.id, number, said): render_template(
                "answer.html", deck=deck, number=number, card=card, said=said
            )
            for deck in app.extensions["quiz_content"].decks
            for number, card in enumerate(deck.cards, start=1)
            for said in (True, False)
        }


@bp.get("/")
@cached_page
def home():
    return render_template("home.html", decks=content().decks)


@bp.get("/help")
@cached_page
def help_page():
    return render_template("help.html", page=content().help.page)


@bp.get("/help/private")
@cached_page
def private_help():
    """How to use a private window, which Exit this page cannot stand in for."""
    return render_template("private.html", page=content().help.private)


@bp.get("/about")
@cached_page
def about():
    return render_template("about.html", page=content().site.about)


@bp.get("/quiz/<deck_id>/<int:number>/help")
@cached_page
def card_help(deck_id: str, number: int):
    """The help page, with a way back to the card the pupil left (by its number only)."""
    deck = deck_or_404(deck_id)
    card_or_404(deck, number)
    return render_template("help.html", page=content().help.page, deck=deck, number=number)


@bp.get("/quiz/<deck_id>/<int:number>")
@cached_page
def card(deck_id: str, number: int):
    deck = deck_or_404(deck_id)
    card = card_or_404(deck, number)
    return render_template("card.html", deck=deck, number=number, card=card)


@bp.post("/quiz/<deck_id>/<int:number>")
def answer(deck_id: str, number: int):
    """Without JavaScript, the card's form comes here. The card is the one at this
    address, so a restored tab, which asks for it again with GET, shows the card."""
    deck = deck_or_404(deck_id)
    card_or_404(deck, number)
    # formdata is given explicitly so that a JSON body is never read as an answer.
    form = AnswerForm(formdata=request.form)
    if not form.validate():
        raise AnswerNotReceived()
    page = current_app.extensions["quiz_answers"][deck.id, number, form.said_true]
    return page, 200, ANSWER_HEADERS


@bp.get("/healthz")
def healthz():
    """For load balancers: cheap, and never cached so that it always tells the truth."""
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


@bp.get("/quiz/<deck_id>/end")
@cached_page
def end(deck_id: str):
    return render_template("end.html", deck=deck_or_404(deck_id))
