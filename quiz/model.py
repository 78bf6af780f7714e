"""The quiz content as typed, immutable objects: what questions.yaml holds, once the
loader (quiz/content.py) has checked it. A field whose value goes into an address or a
link carries its check, which the loader runs; rules that join two fields are each
class's `contradictions`."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .checks import https_url_problem, is_href, is_id

# A 30-minute lesson has time for 8 to 10 cards with discussion (field notes).
LESSON_SIZE = range(8, 11)


def checked(check: Callable[[str], str | None], **options):
    """A field whose text the loader checks with `check` (ids go into URLs, the rest into
    links)."""
    return dataclasses.field(metadata={"check": check}, **options)


def check_of(field: dataclasses.Field) -> Callable[[str], str | None] | None:
    return field.metadata.get("check")


@dataclass(frozen=True)
class Link:
    text: str
    href: str = checked(is_href)


@dataclass(frozen=True)
class Contact:
    """One line of the help panel that every page shows."""

    id: str = checked(is_id)
    action: str
    detail: str
    href: str | None = checked(is_href, default=None)
    # A second way to reach the same service, shown after the detail: Childline's online
    # chat beside its phone number, for a school computer that cannot call.
    also: Link | None = None


@dataclass(frozen=True)
class Section:
    """A headed block of prose, used by the help page and the teacher notes."""

    heading: str
    paragraphs: tuple[str, ...]
    points: tuple[str, ...] = ()
    link: Link | None = None


@dataclass(frozen=True)
class AboutPage:
    """The credits: where the words come from, who looks after them, how to report a
    mistake. The labels are here too, so that every word on the page is in the file. The
    owner, contact and review dates are the school's settings (quiz.config)."""

    title: str
    intro: str
    sections: tuple[Section, ...]
    care_heading: str
    owner_label: str
    school_reviewed_label: str
    next_review_label: str
    not_set: str
    reviewed_label: str
    report_label: str
    # Shown on the About page and in the teacher notes while no owner is set.
    no_owner: Section


@dataclass(frozen=True)
class Site:
    name: str
    exit_url: str = checked(https_url_problem)
    # When the shipped words were last checked, line by line, against the guidance. Who
    # answers for a copy is the school's setting (QUIZ_OWNER), not the content's.
    reviewed: date
    about: AboutPage


@dataclass(frozen=True)
class HelpPage:
    title: str
    intro: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class SharedDeviceNote:
    """One short line where a pupil starts (home and the first card): what Back and the
    history show after Exit this page, and a link to the private page's steps. Said
    before the risk, not after it."""

    text: str
    link: str


@dataclass(frozen=True)
class Help:
    panel_heading: str
    contacts: tuple[Contact, ...]
    # Before the school's own contact (QUIZ_SCHOOL_CONTACT), where it is set.
    school_label: str
    reminder: str
    page: HelpPage
    shared_device: SharedDeviceNote
    # How to use a private window in the browsers pupils use, and what it cannot hide.
    private: HelpPage


@dataclass(frozen=True)
class Discussion:
    """A prompt a teacher can put to the class once a card's answer is shown, with a
    model answer for the teacher (never projected)."""

    ask: str
    answer: str


@dataclass(frozen=True)
class Card:
    id: str = checked(is_id)
    lead: str
    statement: str
    answer: bool
    fact: str
    recap: str
    source: str
    discuss: tuple[Discussion, ...] = ()
    # One of the lies the guidance says abusers tell: its verdict says "This is a lie".
    # Other false cards are mistaken beliefs, which no one need have told the pupil.
    lie: bool = False
    # A show of hands could let a victim watch classmates vote the lie true: the teacher
    # is told to use a private vote instead.
    sensitive: bool = False
    teacher_note: str | None = None
    # What a false card's statement is, in words of its own, in place of "This is a lie
    # abusers tell" and its kin on the answer page and the presenter's answer slide, where
    # those could tell a pupil that what happened to them did not happen.
    verdict: str | None = None

    @property
    def kind(self) -> str:
        """What the card's statement is, which decides its verdict wherever it is shown:
        "true"; "lie", one abusers tell; "belief", mistaken but no one need have told it;
        or "own", a false card that says what it is in its own `verdict`."""
        if self.answer:
            return "true"
        if self.verdict:
            return "own"
        return "lie" if self.lie else "belief"

    def contradictions(self) -> list[tuple[str, str]]:
        found = []
        if self.lie and self.answer:
            found.append(("lie", "a lie must have answer: false"))
        if self.verdict and self.answer:
            found.append(("verdict", "only a false card may have its own verdict"))
        return found


@dataclass(frozen=True)
class Deck:
    id: str = checked(is_id)
    title: str
    intro: tuple[str, ...]
    content_note: str
    end_heading: str
    end_message: str
    cards: tuple[Card, ...]
    # Card ids for a 30-minute lesson; the presenter offers them as the suggested set.
    lesson_cards: tuple[str, ...] = ()

    def card(self, number: int) -> Card | None:
        """The card at a 1-based position, as pupils count them, or None."""
        if 1 <= number <= len(self.cards):
            return self.cards[number - 1]
        return None

    def lesson_numbers(self) -> tuple[int, ...]:
        """The suggested lesson's cards, by their 1-based numbers in the deck's order."""
        return tuple(
            number
            for number, card in enumerate(self.cards, start=1)
            if card.id in self.lesson_cards
        )

    def contradictions(self) -> list[tuple[str, str]]:
        if not self.lesson_cards:
            return []
        known = {card.id for card in self.cards}
        problems = [
            f"no card has the id '{unknown}'"
            for unknown in self.lesson_cards
            if unknown not in known
        ]
        if len(set(self.lesson_cards)) != len(self.lesson_cards):
            problems.append("a card is listed twice")
        if not LESSON_SIZE.start <= len(self.lesson_cards) < LESSON_SIZE.stop:
            problems.append(
                f"list {LESSON_SIZE.start} to {LESSON_SIZE.stop - 1} cards for a 30-minute "
                f"lesson, not {len(self.lesson_cards)}"
            )
        left_out = [card.id for card in self.cards if card.lie and card.id not in self.lesson_cards]
        if left_out:
            problems.append(f"keep every lie in the lesson; add {', '.join(left_out)}")
        return [("lesson_cards", problem) for problem in problems]


@dataclass(frozen=True)
class Activity:
    """A projected lesson step: a heading and what the class does, one line each, with a
    note for the teacher (speaker view and teacher notes)."""

    heading: str
    steps: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Timing:
    """One row of the lesson plan: what happens, and minutes for a short and a full lesson."""

    step: str
    what: str
    short: str
    full: str


@dataclass(frozen=True)
class TeacherNotes:
    title: str
    disclosure: Section
    # Printed as a checklist: what to do and agree before the lesson.
    preparation: Section
    aims: tuple[str, ...]
    timings: tuple[Timing, ...]
    private_vote: Section
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Handout:
    title: str
    intro: str
    address: str
    threatened: Section
    online: tuple[Link, ...]


@dataclass(frozen=True)
class ContactsCard:
    """A small card of help contacts to keep in a phone case: nothing on it may say what
    the lesson was about, to someone at home who finds it."""

    title: str
    contacts: tuple[Contact, ...]
    reminder: str


@dataclass(frozen=True)
class Classroom:
    """Words for the teacher's side: the lesson the presenter runs, the notes and handout."""

    # The guidance every card's `source` names a section of.
    guidance: Link
    ground_rules: Activity
    baseline: Activity
    endpoint: Activity
    teacher_notes: TeacherNotes
    handout: Handout
    contacts_card: ContactsCard
    # Printable pages for adopting the lesson: a letter to parents and carers, and a
    # one-page briefing for the Designated Safeguarding Lead.
    letter: HelpPage
    briefing: HelpPage
    # The help slide's line of addresses to type in later: a projected link cannot be
    # clicked.
    help_addresses: str


@dataclass(frozen=True)
class Content:
    site: Site
    help: Help
    classroom: Classroom
    decks: tuple[Deck, ...]

    def deck(self, deck_id: str) -> Deck | None:
        return next((deck for deck in self.decks if deck.id == deck_id), None)
