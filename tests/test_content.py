"""The content loader: the real deck's shape, and a clear, line-numbered error for bad files."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from quiz.config import ROOT
from quiz.content import MAX_BYTES, MAX_DEPTH, ContentError, load, parse
from tests.sample import VALID, line_of

GUIDANCE = ROOT.parent / "shared" / "seed" / "video-chat-guidance.txt"


def problems_of(text: str) -> list[tuple[int, str]]:
    with pytest.raises(ContentError) as caught:
        parse(text)
    return caught.value.problems


def test_sample_file_loads_into_typed_objects():
    content = parse(VALID)
    deck = content.deck("sample")
    assert deck.card(1).answer is False
    assert deck.card(2).answer is True
    assert deck.card(3) is None and deck.card(0) is None
    assert deck.card(1).discuss[0].answer == "It is live and nothing seems saved."
    assert deck.card(1).sensitive is True and deck.card(2).sensitive is False
    assert deck.card(2).discuss == () and deck.card(2).teacher_note is None
    assert content.site.reviewed == date(2026, 11, 25)
    assert content.help.contacts[1].href is None
    assert content.help.page.sections[0].points == ()


def test_loaded_content_is_immutable():
    card = parse(VALID).decks[0].cards[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.answer = True
    assert isinstance(parse(VALID).decks[0].cards, tuple)


def test_real_deck_has_18_to_24_cards_and_at_least_five_true(deck):
    assert 18 <= len(deck.cards) <= 24
    assert sum(card.answer for card in deck.cards) >= 5


def test_every_real_card_has_discussion_prompts_with_model_answers(deck):
    assert all(card.discuss for card in deck.cards)


def test_real_cards_on_blame_and_trouble_ask_for_a_private_vote(deck):
    sensitive = {card.id for card in deck.cards if card.sensitive}
    assert {"your-fault", "in-trouble"} <= sensitive


def test_real_deck_has_every_lie_from_the_guidance_as_a_false_card(deck):
    lies = [card for card in deck.cards if card.source == "Lies and truths"]
    assert len(lies) >= 6
    assert all(card.lie and card.answer is False for card in lies)
    assert all(card.source == "Lies and truths" for card in deck.cards if card.lie)


def test_real_cards_cite_a_section_of_the_guidance(deck):
    if not GUIDANCE.exists():
        pytest.skip("the guidance is kept beside the repository, in ../shared")
    lines = ["", *GUIDANCE.read_text(encoding="utf-8").splitlines(), ""]
    # A heading stands alone between blank lines, is short and is not a sentence.
    headings = {
        line.strip()
        for before, line, after in zip(lines, lines[1:], lines[2:], strict=False)
        if not before.strip()
        and not after.strip()
        and line.strip()
        and len(line.split()) <= 8
        and line.rstrip()[-1] not in ".:"
        and "•" not in line
    }
    assert {"Lies and truths", "Want to talk to someone privately?"} <= headings
    # The part about CEOP has lost its own heading (two blank lines stand where it was),
    # so cards backed by it cite the heading it now sits under, which a reader can find.
    for card in deck.cards:
        assert card.source in headings, f"{card.id}: {card.source!r} is not a heading"


def test_real_help_contacts_include_childline_ceop_adult_and_999(content):
    actions = " ".join(contact.action for contact in content.help.contacts)
    assert "0800 1111" in actions
    assert "CEOP" in actions
    assert "adult you trust" in actions
    assert "999" in actions


def test_real_help_panel_offers_childline_by_phone_and_by_online_chat(content):
    # A school computer cannot call: the chat must sit beside the number.
    childline = next(contact for contact in content.help.contacts if contact.id == "childline")
    assert childline.href == "tel:08001111"
    assert childline.also.href.startswith("https://www.childline.org.uk/")


@pytest.mark.parametrize("value", ["yes", "no", "on", "off", "True", "'true'", "1", "maybe"])
def test_answer_other_than_true_or_false_is_refused_with_its_line(value):
    text = VALID.replace("answer: false", f"answer: {value}", 1)
    assert problems_of(text) == [
        (
            line_of(VALID, "answer: false"),
            f"card 'first': field 'answer' must be true or false, not '{value.strip(chr(39))}'",
        )
    ]


def test_missing_field_names_the_card_and_field():
    text = VALID.replace('        recap: "It is never too late."\n', "")
    assert problems_of(text) == [
        (line_of(VALID, "id: second"), "card 'second': missing field 'recap'")
    ]


def test_unknown_field_is_refused():
    text = VALID.replace(
        '        source: "So what?"', '        source: "So what?"\n        colour: red'
    )
    assert problems_of(text) == [
        (line_of(VALID, 'source: "So what?"') + 1, "card 'first': unknown field 'colour'")
    ]


def test_duplicate_card_id_points_at_the_second_card():
    text = VALID.replace("id: second", "id: first")
    assert problems_of(text) == [
        (line_of(VALID, "id: second"), "card 'first': this id is used twice")
    ]


@pytest.mark.parametrize("blank", ['"   "', "", "~"])
def test_empty_text_is_refused(blank):
    text = VALID.replace('statement: "Video chat is private."', f"statement: {blank}")
    assert problems_of(text) == [
        (line_of(VALID, "Video chat is private"), "card 'first': field 'statement' is empty")
    ]


def test_a_lie_must_be_false():
    text = VALID.replace(
        'answer: true\n        fact: "There is always help."',
        'answer: true\n        lie: true\n        fact: "There is always help."',
    )
    assert problems_of(text) == [
        (
            line_of(VALID, "It is never too late to get help.") + 2,
            "card 'second': field 'lie': a lie must have answer: false",
        )
    ]


def test_a_verdict_of_its_own_is_for_false_cards_only():
    text = VALID.replace(
        'answer: true\n        fact: "There is always help."',
        'answer: true\n        verdict: "This is a threat"\n        fact: "There is always help."',
    )
    assert problems_of(text) == [
        (
            line_of(VALID, "It is never too late to get help.") + 2,
            "card 'second': field 'verdict': only a false card may have its own verdict",
        )
    ]


def test_a_discussion_prompt_without_a_model_answer_is_refused():
    text = VALID.replace('            answer: "It is live and nothing seems saved."\n', "")
    assert problems_of(text) == [
        (
            line_of(VALID, "Why might it feel private?"),
            "card 'first'.discuss[1]: missing field 'answer'",
        )
    ]


@pytest.mark.parametrize("value", ["2026-02-30", "25/11/2026", "2026-11", "soon", "'2026-13-01'"])
def test_review_date_must_be_a_real_date(value):
    text = VALID.replace("reviewed: 2026-11-25", f"reviewed: {value}")
    assert problems_of(text) == [
        (
            line_of(VALID, "reviewed:"),
            "site: field 'reviewed' must be a real date written YYYY-MM-DD, "
            f"not '{value.strip(chr(39))}'",
        )
    ]


def test_review_date_may_be_quoted():
    text = VALID.replace("reviewed: 2026-11-25", 'reviewed: "2026-11-25"')
    assert parse(text).site.reviewed == date(2026, 11, 25)


def test_text_that_is_not_a_string_is_refused():
    text = VALID.replace('statement: "Video chat is private."', "statement: 42")
    assert problems_of(text) == [
        (line_of(VALID, "Video chat is private"), "card 'first': field 'statement' should be text")
    ]


def test_bad_id_and_bad_link_are_refused():
    text = VALID.replace("id: first", "id: First Card").replace("tel:08001111", "javascript:x()")
    assert problems_of(text) == [
        (
            line_of(VALID, "tel:08001111"),
            "contact 'childline': field 'href' must start with https://, tel: or mailto: "
            "and contain no spaces",
        ),
        (
            line_of(VALID, "id: first"),
            "card 'First Card': field 'id' use only lowercase letters, digits and single hyphens",
        ),
    ]


@pytest.mark.parametrize("address", ["tel:08001111", "http://www.bbc.co.uk/weather", "https://a b"])
def test_exit_address_must_be_https(address):
    text = VALID.replace('exit_url: "https://www.bbc.co.uk/weather"', f'exit_url: "{address}"')
    assert problems_of(text) == [
        (
            line_of(VALID, "exit_url:"),
            "site: field 'exit_url' must be an https:// address with no spaces or quotes",
        )
    ]


def test_every_problem_is_listed_at_once_in_line_order():
    text = (
        VALID.replace("answer: false", "answer: yes")
        .replace("id: second", "id: first")
        .replace('  reminder: "It is never your fault."\n', "")
    )
    lines = [line for line, _ in problems_of(text)]
    assert len(lines) == 3
    assert lines == sorted(lines)


def test_message_names_file_line_and_field_in_one_short_block(tmp_path):
    path = tmp_path / "questions.yaml"
    path.write_text(VALID.replace("answer: true", "answer: on"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load(path)
    message = str(caught.value)
    expected_line = line_of(VALID, "answer: true")
    assert message.splitlines() == [
        f"{path} has 1 problem:",
        f"{path}:{expected_line}: card 'second': field 'answer' must be true or false, not 'on'",
    ]


def test_invalid_yaml_gives_the_line_of_the_mistake():
    text = VALID.replace(
        'statement: "Video chat is private."', 'statement: "Video chat is private.'
    )
    [(line, message)] = problems_of(text)
    assert message.startswith("this is not valid YAML")
    assert line >= line_of(VALID, "Video chat is private")


@pytest.mark.parametrize("text", ["", "# only a comment\n", "just text\n", "- a\n- list\n"])
def test_empty_or_wrong_shaped_file_gives_a_content_error(text):
    assert problems_of(text)


def test_missing_file_gives_a_content_error(tmp_path):
    with pytest.raises(ContentError, match="cannot be read"):
        load(tmp_path / "nope.yaml")


def test_file_that_is_not_utf8_gives_its_line(tmp_path):
    path = tmp_path / "questions.yaml"
    path.write_bytes(VALID.encode().replace(b"Video chat is private.", b"Video \xff chat"))
    with pytest.raises(ContentError) as caught:
        load(path)
    assert caught.value.problems == [
        (line_of(VALID, "Video chat is private"), "this is not UTF-8 text; save it as UTF-8")
    ]


def test_folded_text_is_joined_into_one_paragraph():
    text = VALID.replace(
        'fact: "It can be recorded."', "fact: >-\n          It can be\n          recorded."
    )
    assert parse(text).decks[0].cards[0].fact == "It can be recorded."


def test_an_endless_or_huge_file_is_refused_without_reading_it_all(tmp_path):
    # QUIZ_CONTENT=/dev/zero read until MemoryError.
    for path in (Path("/dev/zero"), tmp_path / "huge.yaml"):
        if path.name == "huge.yaml":
            path.write_text(VALID + "#" * MAX_BYTES)
        with pytest.raises(ContentError) as caught:
            load(path)
        assert caught.value.problems == [
            (0, "is larger than 1024 KB, far more than any quiz needs")
        ]


@pytest.mark.parametrize(
    "nested",
    [
        "site: " + "[" * 5000 + "]" * 5000,
        "site:\n" + "".join("  " * depth + "- \n" for depth in range(1, 40)),
    ],
    ids=["flow", "block"],
)
def test_deep_nesting_is_refused_with_its_line(nested):
    # 5,000 levels said only "maximum recursion depth exceeded", with no file or line.
    line = 1 if nested.startswith("site: [") else MAX_DEPTH + 1
    assert problems_of(nested) == [
        (line, f"lists and sections nest more than {MAX_DEPTH} deep here")
    ]
