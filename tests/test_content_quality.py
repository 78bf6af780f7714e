"""The real cards cannot be answered from their form, and a 12-year-old can read them.

A pupil who has not learnt the facts should not beat the quiz by spotting a pattern:
"quote marks mean false", "absolute words mean false", "the long ones are true", "the
answer is the opposite of the last one", "a private vote means false". For each such cue,
the best guess from the cue alone (for each value of the cue, the answer most cards with
that value have) must not get more than 13 of 18 answers right, or the same share of a
deck of another size: at most 7 of the suggested lesson's 10. The lesson is checked as the
class meets it, its cards in the deck's order. Chance, guessing the commoner answer for
every card, gets about half.
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
FUTURE = {"will", "won’t", "shall"}


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


def has_future(card: Card) -> bool:
    found = words(card.statement)
    return bool(FUTURE & set(found)) or any(word.endswith("’ll") for word in found)


def per_card(cue: Callable[[Card], object]) -> Callable[[Sequence[Card]], list[object]]:
    return lambda cards: [cue(card) for card in cards]


def long_statements(cards: Sequence[Card]) -> list[object]:
    median = statistics.median(len(card.statement) for card in cards)
    return [len(card.statement) > median for card in cards]


def after_last_answer(cards: Sequence[Card]) -> list[object]:
    """The answer before each card (none before the first): a guess of "the opposite of
    the last answer", or "the same again", scores by this cue."""
    return [None, *(card.answer for card in cards[:-1])]


# The presenter shows the statement without its framing line, so each is a cue of its own.
CUES: dict[str, Callable[[Sequence[Card]], list[object]]] = {
    "framing line": per_card(lambda card: card.lead),
    "quote marks": per_card(is_quoted),
    "absolute word": per_card(has_absolute),
    "first person": per_card(has_first_person),
    "negation": per_card(has_negation),
    "long statement": long_statements,
    "will or won’t": per_card(has_future),
    "last answer": after_last_answer,
    # The teacher asks for a private vote on a sensitive card, so the class sees the flag.
    "private vote": per_card(lambda card: card.sensitive),
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


def test_the_last_answer_cue_scores_flips_and_repeats():
    # Answers that always flip: "the opposite of the last" gets all but the first card.
    cards = [Card("c", "l", "s", answer, "f", "r", "src") for answer in (True, False) * 5]
    assert best_guess_score(after_last_answer(cards), [c.answer for c in cards]) == 10


def lesson(deck) -> list[Card]:
    """The suggested lesson's cards, in the order the class meets them."""
    return [deck.cards[number - 1] for number in deck.lesson_numbers()]


def test_no_surface_cue_gives_away_the_answers(content):
    for deck in content.decks:
        assert guessable_cues(deck.cards) == {}, deck.id


def test_no_surface_cue_gives_away_the_suggested_lesson(content):
    for deck in content.decks:
        if deck.lesson_cards:
            assert guessable_cues(lesson(deck)) == {}, deck.id


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


def test_the_suggested_lesson_meets_every_aim(deck):
    # The safeguarding review found the short lesson dropped these: each is on a recap
    # the class sees in the suggested set.
    recaps = " ".join(card.recap for card in lesson(deck))
    assert "in-trouble" in deck.lesson_cards
    assert "pressured, tricked or threatened won’t be in trouble" in recaps
    assert "blocked and reported" in recaps
    assert "someone they know or another young person" in recaps
    assert "Childline" in recaps and "CEOP" in recaps


def teacher_words(content) -> list[str]:
    """Everything a teacher or pupil reads that could state the law: notes, model
    answers, facts and the help page."""
    notes = content.classroom.teacher_notes
    found = [*notes.disclosure.points, *notes.aims]
    for section in (*notes.sections, *content.help.page.sections):
        found += [*section.paragraphs, *section.points]
    for deck in content.decks:
        for card in deck.cards:
            found += [card.fact, card.recap, card.teacher_note or ""]
            found += [text for item in card.discuss for text in (item.ask, item.answer)]
    return found


def test_no_note_or_model_answer_says_only_the_abuser_broke_the_law(content):
    # The law on nude images of under-18s covers an image a young person made of
    # themselves (statutory RSE guidance); blame is another matter. Never merge the two,
    # and never claim the guidance says what it does not.
    wrong = ("only the person who pressured them did", "guidance is clear", "breaking the law")
    said = [text for text in teacher_words(content) for phrase in wrong if phrase in text.lower()]
    assert not said, said


def test_the_law_is_stated_as_the_field_notes_check_it(deck):
    card = next(card for card in deck.cards if card.id == "its-a-crime")
    note = card.teacher_note
    for claim in (
        "always the abuser",
        "nude picture of anyone under 18 is against the law, even one a young person took",
        "statutory RSE guidance",
        "there to protect young people",
        "pressured, tricked or threatened into sharing is treated as a victim and supported",
        "Don’t tell pupils that only the abuser broke the law",
    ):
        assert claim in note, claim
    answer = card.discuss[0].answer
    assert "to blame, always" in answer and "protect young people" in answer
