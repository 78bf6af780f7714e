"""The pupil's pages: home, cards and their answers, the end, help, and about."""

from __future__ import annotations

from flask import Blueprint, Flask, abort, render_template, request

from .errors import AnswerNotReceived
from .forms import sent_answer
from .pages import cached_page, card_or_404, content, deck_or_404
from .state import state

bp = Blueprint("quiz", __name__)

# An answer page may stay in the pupil's own browser, as any page they saw does, so that
# Back to it shows it again instead of the browser's "Confirm Form Resubmission" error
# (which `no-store` caused). `private` keeps it out of every shared cache; `no-cache`
# makes a browser ask again before showing it for a new visit. With its Content-Type, so
# that Flask copies the pairs as they are rather than looking for one and adding it.
ANSWER_HEADERS = (
    ("Content-Type", "text/html; charset=utf-8"),
    ("Cache-Control", "private, no-cache"),
)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    # The static copy sends nothing, so it has no answer pages.
    if not app.config["QUIZ_STATIC_COPY"]:
        state(app).answers = render_answers(app)


def render_answers(app: Flask) -> dict[tuple[str, int, bool], bytes]:
    """Every answer page, for every card and both answers, rendered once at start-up and
    kept as the UTF-8 bytes sent (encoding one took 2 to 4 µs of every answer:
    bench/PROFILE.md).

    Not a cache that fills as pupils answer: how fast an answer came back would then tell
    which answers had been given before.

    Every page is padded to one length, in bytes, so that the answer cannot be read from
    a page's size: not on the wire, where TLS hides the words but not their length, nor in
    an access log that records sizes. (deploy/nginx sends these pages uncompressed, since
    a compressed length depends on the words.)"""
    with app.test_request_context():
        pages = {
            (deck.id, number, said): render_template(
                "answer.html", deck=deck, number=number, card=card, said=said
            ).encode()
            for deck in state(app).content.decks
            for number, card in enumerate(deck.cards, start=1)
            for said in (True, False)
        }
    return pad_to_one_length(pages)


def pad_to_one_length(
    pages: dict[tuple[str, int, bool], bytes],
) -> dict[tuple[str, int, bool], bytes]:
    """Each page with an HTML comment of spaces at its end, making all as long as the
    longest: one length for every card, so not even which card a pupil answered shows."""
    longest = max(map(len, pages.values()), default=0)
    return {
        key: page + b"<!--" + b" " * (longest - len(page)) + b"-->" for key, page in pages.items()
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
    pages = state().answers
    # Every card, and nothing else, has its answer pages: an address without them is not
    # a card, and gets the 404 a card's address does, before the form is read. (One
    # lookup, the same for every card, where finding the deck and card by name took
    # 2.4 µs: bench/PROFILE.md.)
    if (deck_id, number, True) not in pages:
        abort(404)
    # Only a form's fields are read, so a JSON body is never an answer. The request
    # itself, not Flask's stand-in for it, which looks it up on each use.
    said_true = sent_answer(request._get_current_object())
    if said_true is None:
        raise AnswerNotReceived()
    return pages[deck_id, number, said_true], ANSWER_HEADERS


@bp.get("/healthz")
def healthz():
    """For load balancers: cheap, and never cached so that it always tells the truth."""
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


@bp.get("/quiz/<deck_id>/end")
@cached_page
def end(deck_id: str):
    return render_template("end.html", deck=deck_or_404(deck_id))
