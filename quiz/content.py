"""Load and validate the quiz content (questions.yaml) into the typed, immutable objects of
quiz/model.py.

The loader walks PyYAML's node tree rather than the plain parsed data, so every problem
can name the line it is on, and so values such as `yes` or `on` (which YAML 1.1 quietly
turns into booleans) can be refused. It knows nothing of HTTP.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from datetime import date
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from .checks import iso_day
from .model import Content, check_of

_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
# libyaml, the C parser inside PyYAML's wheels: it reads questions.yaml about 18 times as
# fast as PyYAML's own, and the app, gunicorn's workers and every command read it at start.
_LOADER = yaml.CSafeLoader
# Far beyond any real content file (questions.yaml is a few dozen KB, and nests 5 deep),
# and far below what would exhaust memory (QUIZ_CONTENT=/dev/zero read until MemoryError)
# or Python's recursion (5,000 levels said only "maximum recursion depth exceeded").
MAX_BYTES = 1024 * 1024
MAX_DEPTH = 20


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


# A model class's field types, read once per class, not once per card: reading them took
# half the loader's time.
_type_hints = functools.cache(typing.get_type_hints)


def _build(cls: type, node: Node, path: str, problems: _Problems):
    if not isinstance(node, MappingNode):
        problems.add(node, path, "should be a set of named fields")
        return None
    where = _where(cls, node, path)
    hints = _type_hints(cls)
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
            check = check_of(spec)
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
    day = iso_day(node.value) if isinstance(node, ScalarNode) else None
    if day is not None:
        return day
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


_TOO_DEEP = f"lists and sections nest more than {MAX_DEPTH} deep here"


def _check_depth(text: str, path: str) -> None:
    """Raise ContentError at the first list or mapping nested deeper than MAX_DEPTH. PyYAML
    builds its tree, and this loader walks it, by recursion; its events come one by one."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1
                raise ContentError(path, [(line, _TOO_DEEP)])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def parse(text: str, path: str = "questions.yaml") -> Content:
    """Validate YAML text into Content, or raise ContentError listing every problem."""
    try:
        _check_depth(text, path)
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = f"this is not valid YAML: {error.problem or error.context}"
        if error.problem == "exceeded maximum nesting depth":
            # libyaml's own limit (1,000), met while it reads ahead in a [ ... ] list,
            # before the events reach ours.
            problem = _TOO_DEEP
        raise ContentError(path, [(line, problem)]) from None
    except ReaderError as error:
        # A control character, say: libyaml gives only its position, in UTF-8 bytes.
        line = text.encode()[: error.position].count(b"\n") + 1
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
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise ContentError(shown, [(0, f"cannot be read: {error.strerror}")]) from None
    if len(data) > MAX_BYTES:
        problem = f"is larger than {MAX_BYTES // 1024} KB, far more than any quiz needs"
        raise ContentError(shown, [(0, problem)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(shown, [(line, "this is not UTF-8 text; save it as UTF-8")]) from None
    return parse(text, shown)
