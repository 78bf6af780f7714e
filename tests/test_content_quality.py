"""The real cards cannot be answered from their form, and a 12-year-old can read them.

A pupil who has not learnt the facts should not beat the quiz by spotting a pattern:
"quote marks mean false", "absolute words mean false", "the long ones are true". For
each such cue, the best guess from the cue alone (for each value of the cue, the answer
most cards with that value have) must not get more than 13 of 18 answers right, or the
same share of a deck of another size. Chance, guessing the commoner answer for every card,
gets about half.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence

import textstat

from quiz.model import Card

# The most a cue alone may get right, as a share of the deck.
MOST_RIGHT = (13, 18)

ABSOLUTE = {
    *("always", "only", "never", "all", "every", "everyone", "everybody", "everything"),
    *("nobody", "nothing", "none"),  # and "no one", two words
}
FIRST_PERSON = {"i", "me", "my", "mine", "myself", "i’m", "i’ll", "i’ve", "i’d"}
NEGATION = {"not", "no", "never", "nobody", "nothing", "none"}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+(?:’[a-z]+)?", text.lower().replace("'", "’"))


def is_quoted(card: Card) -> bool:
    return bool(re.search('[“”"]', card.statement))


def has_absolute(card: Card) -> bool:
    return bool(ABSOLUTE & set(words(card.statement))) or "no one" in card.statement.lower()


def has_first_person(card: Card) -> bool:
    return bool(FIRST_PERSON & set(words(card.statement)))


def has_negation(card: Card) -> bool:
    found = words(card.statement)
    return bool(NEGATION & set(found)) or any(word.endswith("n’t") for word in found)


def per_card(cue: Callable[[Card], object]) -> Callable[[Sequence[Card]], list[object]]:
    return lambda cards: [cue(card) for card in cards]


def long_statements(cards: Sequence[Card]) -> list[object]:
    median = statistics.median(len(card.statement) for card in cards)
    return [len(card.statement) > median for card in cards]


# The presenter shows the statement without its framing line, so each is a cue of its own.
CUES: dict[str, Callable[[Sequence[Card]], list[object]]] = {
    "framing line": per_card(lambda card: card.lead),
    "quote marks": per_card(is_quoted),
    "absolute word": per_card(has_absolute),
    "first person": per_card(has_first_person),
    "negation": per_card(has_negation),
    "long statement": long_statements,
}


def best_guess_score(values: Sequence[object], answers: Sequence[bool]) -> int:
    """How many answers are right if, for each value of a cue, one guesses the answer
    that most cards with that value have."""
    counts = Counter(zip(values, answers, strict=True))
    return sum(max(counts[value, True], counts[value, False]) for value in set(values))


def guessable_cues(cards: Sequence[Card]) -> dict[str, int]:
    answers = [card.answer for card in cards]
    most, out_of = MOST_RIGHT
    scores = {name: best_guess_score(cue(cards), answers) for name, cue in CUES.items()}
    return {name: score for name, score in scores.items() if score * out_of > most * len(cards)}


def test_best_guess_takes_the_majority_answer_for_each_value_of_a_cue():
    # The old deck's pattern: every quoted card false, most others true.
    quoted = [True] * 6 + [False] * 12
    answers = [False] * 6 + [True] * 9 + [False] * 3
    assert best_guess_score(quoted, answers) == 15
    assert best_guess_score([True] * 18, answers) == 9


def test_no_surface_cue_gives_away_the_answers(content):
    for deck in content.decks:
        assert guessable_cues(deck.cards) == {}, deck.id


def test_every_statement_and_fact_reads_at_grade_7_or_below(content):
    hard = [
        f"{card.id} {field}: grade {grade:.1f}"
        for deck in content.decks
        for card in deck.cards
        for field in ("statement", "fact")
        if (grade := textstat.flesch_kincaid_grade(getattr(card, field))) > 7
    ]
    assert not hard, "\n".join(hard)


def test_the_facts_together_read_at_grade_6_or_below(content):
    for deck in content.decks:
        facts = " ".join(card.fact for card in deck.cards)
        assert textstat.flesch_kincaid_grade(facts) <= 6, deck.id


def test_only_quoted_words_speak_to_you_on_what_is_projected(content):
    # Statements and recaps are projected in class, so they speak of "a young person";
    # only the quoted words of an abuser, a friend or a helper say "you".
    you = {"you", "your", "yours", "yourself", "you’re", "you’ll", "you’ve", "you’d"}
    for deck in content.decks:
        for card in deck.cards:
            assert is_quoted(card) or not you & set(words(card.statement)), card.id
            assert not you & set(words(card.recap)), card.id
