"""Presenter mode, teacher notes and handout, through Flask's test client."""

from __future__ import annotations

import re

import pytest

from tests.test_http import assert_help_and_exit, escaped, page_text, verdict_of, verdicts_in


def presenter_screens(deck):
    yield f"/present/{deck.id}"
    for number in range(1, len(deck.cards) + 1):
        yield f"/present/{deck.id}/{number}"
        yield f"/present/{deck.id}/{number}/answer"
    yield f"/present/{deck.id}/help"


def data_link(html: str, name: str) -> str | None:
    found = re.search(rf'data-{name}="([^"]+)"', html)
    return found.group(1) if found else None


def test_home_page_links_to_the_teacher_features(client, deck):
    html = page_text(client.get("/"))
    assert f'href="/present/{deck.id}">Present to a class' in html
    assert f'href="/teacher/{deck.id}">Teacher notes' in html


def test_presenter_screens_chain_from_ground_rules_to_help_and_back(client, deck):
    screens = list(presenter_screens(deck))
    for index, path in enumerate(screens):
        html = page_text(client.get(path))
        expected_next = screens[index + 1] if index + 1 < len(screens) else None
        expected_prev = screens[index - 1] if index else None
        assert data_link(html, "next") == expected_next, path
        assert data_link(html, "prev") == expected_prev, path
        if expected_next:
            assert f'href="{expected_next}" rel="next"' in html
        if expected_prev:
            assert f'href="{expected_prev}" rel="prev"' in html


def test_presenter_starts_with_ground_rules_and_ends_on_help(client, content, deck):
    start = page_text(client.get(f"/present/{deck.id}"))
    for rule in content.classroom.ground_rules:
        assert escaped(rule) in start
    end = page_text(client.get(f"/present/{deck.id}/help"))
    assert "Where to get help" in end and "0800 1111" in end and "CEOP" in end


def test_presenter_card_has_no_answer_buttons_or_score(client, deck):
    html = page_text(client.get(f"/present/{deck.id}/1"))
    assert "<form" not in html
    assert "Reveal answer" in html
    assert "score" not in html.lower()


def test_presenter_answer_shows_verdict_fact_and_discussion(client, deck):
    for number, card in enumerate(deck.cards, start=1):
        html = page_text(client.get(f"/present/{deck.id}/{number}/answer"))
        assert verdicts_in(html, card) == [verdict_of(card)]
        if card.discuss:
            assert "Ask the class" in html
        for prompt in card.discuss:
            assert escaped(prompt.ask) in html
            # Model answers are for the teacher, never the projection.
            assert escaped(prompt.answer) not in html


def test_shortcuts_off_is_carried_along_every_presenter_link(client, deck):
    html = page_text(client.get(f"/present/{deck.id}/1?keys=off"))
    assert 'data-keys="off"' in html
    assert data_link(html, "next") == f"/present/{deck.id}/1/answer?keys=off"
    assert data_link(html, "prev") == f"/present/{deck.id}?keys=off"
    assert f'href="/present/{deck.id}/1">Turn keyboard shortcuts on' in html
    html = page_text(client.get(f"/present/{deck.id}/1"))
    assert 'data-keys="on"' in html
    assert f'href="/present/{deck.id}/1?keys=off">Turn keyboard shortcuts off' in html


@pytest.mark.parametrize(
    "path",
    ["/present/{deck}", "/present/{deck}/1", "/present/{deck}/1/answer", "/present/{deck}/help"],
)
def test_every_presenter_screen_has_help_and_the_exit(client, deck, path):
    html = page_text(client.get(path.format(deck=deck.id)))
    assert 'id="help-strip-heading"' in html
    assert "0800 1111" in html
    assert 'data-module="exit-this-page"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/present/nope",
        "/present/{deck}/0",
        "/present/{deck}/999",
        "/present/{deck}/999/answer",
        "/teacher/nope",
        "/handout/nope",
    ],
)
def test_unknown_presenter_or_notes_pages_are_friendly_404s(client, deck, path):
    response = client.get(path.format(deck=deck.id))
    assert response.status_code == 404
    assert_help_and_exit(page_text(response))


def test_teacher_notes_cover_every_card_with_answer_fact_prompts_and_model_answers(
    client, content, deck
):
    html = page_text(client.get(f"/teacher/{deck.id}"))
    notes = content.classroom.teacher_notes
    assert escaped(notes.duration) in html
    for card in deck.cards:
        assert escaped(card.fact) in html
        for prompt in card.discuss:
            assert escaped(prompt.ask) in html
            assert escaped(prompt.answer) in html
        if card.teacher_note:
            assert escaped(card.teacher_note) in html
    assert html.count("Answer: True.") == sum(card.answer for card in deck.cards)
    assert html.count("Answer: False, one of the lies abusers tell.") == sum(
        card.lie for card in deck.cards
    )
    assert html.count("Answer: False.") == sum(
        not card.answer and not card.lie for card in deck.cards
    )
    assert html.count("use a private vote") == sum(card.sensitive for card in deck.cards)
    assert "Designated Safeguarding Lead" in html
    assert "0800 1111" in html


def test_handout_has_every_key_fact_and_the_help_contacts(client, deck):
    html = page_text(client.get(f"/handout/{deck.id}"))
    for card in deck.cards:
        assert escaped(card.recap) in html
    assert "0800 1111" in html and "CEOP" in html


def test_end_page_and_teacher_notes_link_to_the_handout(client, deck):
    for path in (f"/quiz/{deck.id}/end", f"/teacher/{deck.id}"):
        assert f'href="/handout/{deck.id}"' in page_text(client.get(path))
