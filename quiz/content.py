"""Load and validate the quiz content (questions.yaml) into immutable, typed objects.

The loader walks PyYAML's node tree rather than the plain parsed data, so every problem
can name the line it is on, and so values such as `yes` or `on` (which YAML 1.1 quietly
turns into booleans) can be refused. It knows nothing of HTTP.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HREF = re.compile(r"(https://|tel:|mailto:)\S+")
_HTTPS_URL = re.compile(r"https://[^\s\"'<>\\]+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A 30-minute lesson has time for 8 to 10 cards with discussion (field notes).
LESSON_SIZE = range(8, 11)


def _is_id(value: str) -> str | None:
    return None if _ID.fullmatch(value) else "use only lowercase letters, digits and single hyphens"


def _is_href(value: str) -> str | None:
    if _HREF.fullmatch(value):
        return None
    return "must start with https://, tel: or mailto: and contain no spaces"


def https_url_problem(value: str) -> str | None:
    """What is wrong with an exit address, or None. Also used for QUIZ_EXIT_URL."""
    if _HTTPS_URL.fullmatch(value):
        return None
    return "must be an https:// address with no spaces or quotes"


# Ids go into URLs and the rest into links, so each is checked by the name of its field.
_CHECKS = {
    "id": _is_id,
    "href": _is_href,
    "exit_url": https_url_problem,
}


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Contact:
    """One line of the help panel that every page shows."""

    id: str
    action: str
    detail: str
    href: str | None = None
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
    exit_url: str
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
class Help:
    panel_heading: str
    contacts: tuple[Contact, ...]
    # Before the school's own contact (QUIZ_SCHOOL_CONTACT), where it is set.
    school_label: str
    reminder: str
    page: HelpPage


@dataclass(frozen=True)
class Discussion:
    """A prompt a teacher can put to the class once a card's answer is shown, with a
    model answer for the teacher (never projected)."""

    ask: str
    answer: str


@dataclass(frozen=True)
class Card:
    id: str
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

    def contradictions(self) -> list[tuple[str, str]]:
        found = []
        if self.lie and self.answer:
            found.append(("lie", "a lie must have answer: false"))
        if self.verdict and self.answer:
            found.append(("verdict", "only a false card may have its own verdict"))
        return found


@dataclass(frozen=True)
class Deck:
    id: str
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


class ContentError(Exception):
    """questions.yaml is not usable; the message lists every problem, one per line."""

    def __init__(self, path: str, problems: list[tuple[int, str]]):
        self.path = path
        self.problems = sorted(problems)
        lines = [
            f"{path}:{line}: {text}" if line else f"{path}: {text}" for line, text in self.problems
        ]
        count = len(lines)
        heading = f"{path} has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([heading, *lines]))


class _Problems:
    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []

    def add(self, node: Node, where: str, text: str) -> None:
        self.found.append((node.start_mark.line + 1, f"{where}: {text}" if where else text))


def _unwrap_optional(hint):
    if isinstance(hint, types.UnionType):
        return next(arg for arg in typing.get_args(hint) if arg is not type(None))
    return hint


def _id_of(node: Node) -> str | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                return value.value or None
    return None


def _where(cls: type, node: MappingNode, path: str) -> str:
    """Name a mapping for messages: by its id where it has one ("card 'x'"), else by path."""
    item_id = _id_of(node)
    return f"{cls.__name__.lower()} '{item_id}'" if item_id else path


def _build(cls: type, node: Node, path: str, problems: _Problems):
    if not isinstance(node, MappingNode):
        problems.add(node, path, "should be a set of named fields")
        return None
    where = _where(cls, node, path)
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls)}
    given: dict[str, Node] = {}
    before = len(problems.found)
    for key, value in node.value:
        name = key.value if isinstance(key, ScalarNode) else None
        if name not in known:
            problems.add(
                key, where, f"unknown field '{name}'" if name else "field names must be text"
            )
        elif name in given:
            problems.add(key, where, f"field '{name}' is given twice")
        else:
            given[name] = value
    values = {}
    for name, spec in known.items():
        if name in given:
            value = _value(hints[name], given[name], where, name, problems)
            check = _CHECKS.get(name)
            if isinstance(value, str) and check and (complaint := check(value)):
                problems.add(given[name], where, f"field '{name}' {complaint}")
            values[name] = value
        elif spec.default is dataclasses.MISSING:
            problems.add(node, where, f"missing field '{name}'")
    if len(problems.found) > before:
        return None
    item = cls(**values)
    # Rules that join two fields, named by the field to change.
    if hasattr(item, "contradictions"):
        for name, complaint in item.contradictions():
            problems.add(given.get(name, node), where, f"field '{name}': {complaint}")
    return item


def _value(hint, node: Node, where: str, name: str, problems: _Problems):
    hint = _unwrap_optional(hint)
    if hint is str:
        if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
            problems.add(node, where, f"field '{name}' is empty")
            return None
        if not isinstance(node, ScalarNode) or node.tag != _STR_TAG:
            problems.add(node, where, f"field '{name}' should be text")
            return None
        text = " ".join(node.value.split()) if node.style in (">", None) else node.value.strip()
        if not text:
            problems.add(node, where, f"field '{name}' is empty")
        return text
    if hint is date:
        return _date(node, where, name, problems)
    if hint is bool:
        if (
            isinstance(node, ScalarNode)
            and node.tag == _BOOL_TAG
            and node.value in ("true", "false")
        ):
            return node.value == "true"
        problems.add(node, where, f"field '{name}' must be true or false, not '{_shown(node)}'")
        return None
    if typing.get_origin(hint) is tuple:
        return _sequence(typing.get_args(hint)[0], node, where, name, problems)
    return _build(hint, node, f"{where}.{name}" if where else name, problems)


def _shown(node: Node) -> str:
    """A wrong value as the writer typed it, for messages."""
    return node.value if isinstance(node, ScalarNode) else "a list or mapping"


def _date(node: Node, where: str, name: str, problems: _Problems) -> date | None:
    # YAML reads an unquoted 2026-11-25 as a timestamp and a quoted one as text: both are
    # taken, by the digits written, so that no time zone or time of day can creep in.
    if isinstance(node, ScalarNode) and _ISO_DATE.fullmatch(node.value):
        try:
            return date.fromisoformat(node.value)
        except ValueError:
            pass
    problems.add(
        node, where, f"field '{name}' must be a real date written YYYY-MM-DD, not '{_shown(node)}'"
    )
    return None


def _sequence(item, node: Node, where: str, name: str, problems: _Problems):
    if not isinstance(node, SequenceNode):
        problems.add(node, where, f"field '{name}' should be a list")
        return None
    if not node.value:
        problems.add(node, where, f"field '{name}' is empty")
        return None
    prefix = f"{where}.{name}" if where else name
    items = [
        _value(item, child, where, name, problems)
        if item is str
        else _build(item, child, f"{prefix}[{index}]", problems)
        for index, child in enumerate(node.value, start=1)
    ]
    seen: set[str] = set()
    for child in node.value:
        item_id = _id_of(child)
        if item_id in seen:
            problems.add(child, f"{item.__name__.lower()} '{item_id}'", "this id is used twice")
        if item_id:
            seen.add(item_id)
    return tuple(items)


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def parse(text: str, path: str = "questions.yaml") -> Content:
    """Validate YAML text into Content, or raise ContentError listing every problem."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = error.problem or error.context
        raise ContentError(path, [(line, f"this is not valid YAML: {problem}")]) from None
    except ReaderError as error:
        # A control character, say: the reader gives only its position in the text.
        line = text[: error.position].count("\n") + 1
        problem = f"this line has a character YAML does not allow (U+{error.character:04X})"
        raise ContentError(path, [(line, f"{problem}; delete it")]) from None
    except yaml.YAMLError as error:
        raise ContentError(path, [(1, f"this is not valid YAML: {error}")]) from None
    if root is None:
        raise ContentError(path, [(1, "the file is empty")])
    problems = _Problems()
    content = _build(Content, root, "", problems)
    if problems.found:
        raise ContentError(path, problems.found)
    return content


def load(path: str | Path) -> Content:
    """Read and validate a content file, or raise ContentError naming the file and line."""
    path = Path(path)
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ContentError(shown, [(0, f"cannot be read: {error.strerror}")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(shown, [(line, "this is not UTF-8 text; save it as UTF-8")]) from None
    return parse(text, shown)
