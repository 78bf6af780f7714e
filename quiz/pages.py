"""What the pupil's and the teacher's pages share: the content, the deck and card an
address names (or a friendly 404), and keeping a page that is the same for everyone."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort, request

from .model import Card, Content, Deck
from .state import state


def content() -> Content:
    return state().content


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


def cached_page(view: Callable[..., str]) -> Callable[..., bytes]:
    """Render a page once per app and keep its HTML, for pages that are the same for
    everyone. Unknown decks and cards abort before anything is kept, so the cache holds at
    most one entry per page of content. The key ignores the query string, so a page that
    depends on it must not be kept. The page is kept as the UTF-8 bytes that are sent: its
    curly quotes made encoding it a tenth of a card's time in the app (bench/PROFILE.md)."""

    @wraps(view)
    def wrapper(**kwargs) -> bytes:
        key = (request.endpoint, tuple(sorted(kwargs.items())))
        pages = state().pages
        page = pages.get(key)
        if page is None:
            page = pages[key] = view(**kwargs).encode()
        return page

    return wrapper
