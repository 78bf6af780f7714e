"""What the tests share outside a browser: reading a page as a pupil reads it, sending an
answer, the lesson's addresses, and a real server on loopback for an app."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask
from markupsafe import escape
from werkzeug.serving import make_server

from quiz.forms import FALSE, TRUE

# Childline's number as every page prints it: joined by a no-break space, so that it never
# breaks across two lines (test_phone_numbers_never_break_across_lines).
CHILDLINE_NUMBER = "0800\u00a01111"


def escaped(text: str) -> str:
    """Text as Jinja writes it into a page."""
    return str(escape(text))


def page_text(response) -> str:
    """A page's HTML, with the no-break spaces that hold numbers together (see
    test_phone_numbers_never_break_across_lines) read as plain spaces."""
    return response.get_data(as_text=True).replace(CHILDLINE_NUMBER, "0800 1111")


def assert_help_and_exit(html: str) -> None:
    html = html.replace(CHILDLINE_NUMBER, "0800 1111")
    assert 'id="help-panel-heading"' in html
    assert "0800 1111" in html
    assert 'data-module="exit-this-page"' in html
    assert "Exit this page" in html


def result_of(card, said: bool) -> str:
    """The first words a pupil reads after answering: what they said, and whether it
    matched."""
    matched = said == card.answer
    verdict = "That’s right." if matched else f"This one is {'true' if card.answer else 'false'}."
    return f"You said {'True' if said else 'False'}. {verdict}"


def answer(client, deck, number, said):
    """Send an answer as the card's form does without JavaScript."""
    return client.post(f"/quiz/{deck.id}/{number}", data={"answer": TRUE if said else FALSE})


def lesson_paths(deck, chosen=None):
    """Every slide's address in lesson order, for the whole deck or chosen card numbers."""
    numbers = chosen or range(1, len(deck.cards) + 1)
    query = f"?cards={','.join(map(str, chosen))}" if chosen else ""
    yield f"/present/{deck.id}/rules{query}"
    yield f"/present/{deck.id}/baseline{query}"
    for number in numbers:
        yield f"/present/{deck.id}/{number}{query}"
        yield f"/present/{deck.id}/{number}/answer{query}"
    yield f"/present/{deck.id}/endpoint{query}"
    yield f"/present/{deck.id}/help{query}"


@contextmanager
def serve(app: Flask | Callable, ssl_context: tuple[str, str] | None = None) -> Iterator[str]:
    """A WSGI app served over real HTTP on loopback (HTTPS with `ssl_context`, a
    certificate and its key), for a browser; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, ssl_context=ssl_context)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    scheme = "https" if ssl_context else "http"
    try:
        yield f"{scheme}://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def cards_that_differ(deck) -> list[int]:
    """The cards a browser checks one by one, by number: those that take different paths
    through the templates (the first of each kind, the first sensitive one, the last,
    which has Finish for Next card) and the heaviest (most words above True and False,
    in the answer, and in the presenter's recap). Every card's words are checked through
    the test client."""
    numbered = list(enumerate(deck.cards, start=1))
    chosen = {len(numbered)}
    for kind in ("true", "lie", "belief", "own"):
        chosen |= {next((n for n, card in numbered if card.kind == kind), 1)}
    chosen.add(next((n for n, card in numbered if card.sensitive), 1))
    chosen.add(max(numbered, key=lambda item: len(item[1].lead + item[1].statement))[0])
    chosen.add(max(numbered, key=lambda item: len(item[1].verdict or "") + len(item[1].fact))[0])
    chosen.add(max(numbered, key=lambda item: len(item[1].verdict or "") + len(item[1].recap))[0])
    return sorted(chosen)


# Requests that must each get a friendly error page with help, by method, path and status.
ERRORS = [
    ("GET", "/no-such-page", 404),
    ("GET", "/quiz/no-such-deck/1", 404),
    ("GET", "/quiz/{deck}/0", 404),
    ("GET", "/quiz/{deck}/999", 404),
    ("GET", "/quiz/{deck}/abc", 404),
    ("GET", "/quiz/{deck}/999/help", 404),
    ("GET", "/quiz/no-such-deck/end", 404),
    ("POST", "/quiz/no-such-deck/1", 404),
    ("POST", "/quiz/{deck}/0", 404),
    ("POST", "/quiz/{deck}/999", 404),
    ("POST", "/quiz/{deck}/1", 400),
    ("POST", "/quiz/{deck}/end", 405),
    ("POST", "/help", 405),
    ("PUT", "/", 405),
]


# A school's own settings, all set (quiz.config.ownership).
SCHOOL = {
    "QUIZ_OWNER": "Hillside School, PSHE department",
    "QUIZ_CONTACT": "mailto:pshe@hillside.example",
    "QUIZ_REVIEWED": "2026-12-01",
    "QUIZ_NEXT_REVIEW": "2027-12-01",
    "QUIZ_SCHOOL_CONTACT": "your head of year, in Student Services",
}
