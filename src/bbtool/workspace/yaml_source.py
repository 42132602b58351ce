"""Read YAML safely into plain data, remembering where every value stood.

PyYAML is asked only to *parse* the text into events, once (with the C parser when
present); turning events into Python values is done here, so that:

- every key and value keeps its line and column, for messages that point at them;
- a key given twice in one mapping is an error, not a silently lost answer (spaces
  around a key are no part of it, so `" leadership"` is `leadership` given again);
- anchors and aliases are refused, so an alias bomb cannot expand;
- tags that would construct objects (``!!python/object`` and friends) are refused;
- files are bounded in size and nesting depth;
- text holding a control character (``"\\0"``, ``"\\e[2J"`` written as escapes) is
  refused, so no value can smuggle a terminal escape sequence or a NUL into a report.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from bbtool.core.models import CONTROL
from bbtool.errors import InputError, Problem
from bbtool.workspace.yaml_hints import syntax_hint

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_KEY = 200  # characters in a key: ids and section names are short

Loc = tuple[str | int, ...]

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null")}
_TEXT_TAGS = {_STD + t for t in ("timestamp", "binary", "value", "merge")}
# C0 and C1 controls and DEL, but not tab and line feed. The YAML reader refuses them
# written raw; double-quoted escapes ("\0", "\e", "\x9b") would let them through.
_CONTROL = CONTROL

try:  # the C parser is several times faster; both keep marks on events
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,unused-ignore]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


class Mark(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Document:
    """A parsed YAML file: its data and where each part of it was written.

    Where things were written is worked out only when asked (for a message): most
    files have nothing to report, and recording a mark for every value took a third
    of the time of reading them. The parse events are kept until then."""

    path: str
    data: Any
    text: str = field(default="", repr=False, compare=False)  # as read, for hints
    _events: list[yaml.Event] | None = field(default=None, repr=False, compare=False)
    _start: int = field(default=0, repr=False, compare=False)
    _marks: tuple[dict[Loc, Mark], dict[Loc, Mark]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def values(self) -> dict[Loc, Mark]:
        """Where each value was written (its first character)."""
        return self._where()[0]

    @property
    def keys(self) -> dict[Loc, Mark]:
        """Where each key of a mapping was written."""
        return self._where()[1]

    def _where(self) -> tuple[dict[Loc, Mark], dict[Loc, Mark]]:
        if self._marks is None:
            values: dict[Loc, Mark] = {}
            keys: dict[Loc, Mark] = {}
            if self._events is not None:
                # the same events built again, recording marks: it succeeded before
                _Builder(self.path, self._events, self._start, (values, keys)).build((), 0)
            self._marks, self._events = (values, keys), None
        return self._marks

    def locate(self, loc: Loc, *, key: bool = False) -> Mark | None:
        """The mark of ``loc``, or of its nearest written ancestor."""
        if key and loc in self.keys:
            return self.keys[loc]
        for end in range(len(loc), -1, -1):
            mark = self.values.get(loc[:end])
            if mark is not None:
                return mark
        return None

    def problem(
        self, loc: Loc, message: str, *, key: bool = False, warning: bool = False
    ) -> Problem:
        mark = self.locate(loc, key=key)
        return Problem(
            self.path,
            mark.line if mark else None,
            mark.column if mark else None,
            message,
            "warning" if warning else "error",
        )


def _mark(event: yaml.Event) -> Mark:
    start: Any = event.start_mark  # always set by the parser
    return Mark(start.line + 1, start.column + 1)


def _short(text: str, limit: int = 60) -> str:
    """Text quoted from a file, cut short: a message never repeats a huge input."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _tag(tag: str) -> str:
    """A tag as it is written in a file: ``!!python/object``, not its long form."""
    return _short("!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag)


def _field(loc: Loc) -> str:
    """``scores.leadership: `` for a place inside the file, list positions counted from
    1 as every message counts them (``actions item 2: ``); nothing at the top."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f" item {part + 1}"
        else:
            text += f".{part}" if text else str(part)
    return text + ": " if loc else ""


# Score files repeat the same few scalars ("4", "skip", ids) thousands of times: what a
# plain scalar resolves to, and what a short scalar of a known tag means, depend on its
# text alone, so both are remembered (the values are immutable: int, str, bool, None).
_CACHE_LIMIT = 20_000
_CACHE_TEXT = 64
_resolved: dict[tuple[str, tuple[bool, bool]], str] = {}
_constructed: dict[tuple[str, str], Any] = {}
_resolver: Any = yaml.SafeLoader("")  # resolves and constructs scalars as PyYAML's loaders do


class _Builder:
    """Python values from the events of one document, as PyYAML's composer would nest
    them into nodes: the same tags, the same marks, but no node tree in between."""

    def __init__(
        self,
        path: str,
        events: list[yaml.Event],
        start: int,
        record: tuple[dict[Loc, Mark], dict[Loc, Mark]] | None = None,
    ) -> None:
        self.path = path
        self.events = events
        self.at = start  # the next event to read
        # where values and keys were written: recorded only when asked for
        self.values: dict[Loc, Mark] | None = record[0] if record is not None else None
        self.keys: dict[Loc, Mark] | None = record[1] if record is not None else None

    def fail(self, event: yaml.Event, message: str, loc: Loc = ()) -> InputError:
        m = _mark(event)
        return InputError([Problem(self.path, m.line, m.column, _field(loc) + message)])

    def refuse_tag(self, event: yaml.Event, tag: str, loc: Loc) -> InputError:
        message = f"the tag {_tag(tag)} is not allowed; write a plain value, without a tag"
        return self.fail(event, message, loc)

    def build(self, loc: Loc, depth: int) -> Any:
        event = self.events[self.at]
        if depth > MAX_DEPTH:
            message = f"nested more than {MAX_DEPTH} levels deep; score files are flat"
            raise self.fail(event, message)
        if isinstance(event, yaml.AliasEvent):  # refused with the events already
            message = "anchors and aliases (& and *) are not allowed; write values out"
            raise self.fail(event, message, loc)
        if self.values is not None:
            self.values[loc] = _mark(event)
        self.at += 1
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(event, loc, depth)
        if isinstance(event, yaml.SequenceStartEvent):
            tag = _collection_tag(event, yaml.SequenceNode)
            if tag != _STD + "seq":
                raise self.refuse_tag(event, tag, loc)
            items: list[Any] = []
            while not isinstance(self.events[self.at], yaml.SequenceEndEvent):
                items.append(self.build((*loc, len(items)), depth + 1))
            self.at += 1
            return items
        return self.scalar(event, loc)

    def mapping(self, event: yaml.MappingStartEvent, loc: Loc, depth: int) -> dict[Any, Any]:
        tag = _collection_tag(event, yaml.MappingNode)
        if tag != _STD + "map":
            raise self.refuse_tag(event, tag, loc)
        out: dict[Any, Any] = {}
        first: dict[Hashable, yaml.Event] = {}
        while True:
            key_event = self.events[self.at]
            if isinstance(key_event, yaml.MappingEndEvent):
                self.at += 1
                return out
            if not isinstance(key_event, yaml.ScalarEvent):
                raise self.fail(key_event, "keys must be plain names, not lists or mappings", loc)
            self.at += 1
            if len(key_event.value) > MAX_KEY:
                message = (
                    f"a key of {len(key_event.value):,} characters; "
                    f"keys are short names (at most {MAX_KEY})"
                )
                raise self.fail(key_event, message, loc)
            key_tag = _scalar_tag(key_event)
            if key_tag == _STD + "merge":
                raise self.fail(key_event, "merge keys (<<) are not allowed; write values out", loc)
            key = self.value(key_event, key_tag, loc)
            if not isinstance(key, str) and key is not None:
                key = key_event.value  # ids are text: "2" is the key "2"
            # spaces around a key are no part of it: '" leadership": 5' is leadership's
            # answer, and written after 'leadership: 1' it is the same key given twice
            written = key
            key = key.strip() if key is not None else None
            if not key:
                raise self.fail(key_event, "a key is empty; write a name before the colon", loc)
            if key in first:
                was = _mark(first[key])
                spaced = f" (here as {written!r})" if written != key else ""
                raise self.fail(
                    key_event,
                    f"{key!r} is given twice{spaced} (first on line {was.line}); "
                    "keep one, or the other answer would be lost",
                    loc,
                )
            first[key] = key_event
            here = (*loc, key)
            if self.keys is not None:
                self.keys[here] = _mark(key_event)
            out[key] = self.build(here, depth + 1)

    def scalar(self, event: yaml.Event, loc: Loc) -> Any:
        assert isinstance(event, yaml.ScalarEvent)
        return self.value(event, _scalar_tag(event), loc)

    def value(self, event: yaml.ScalarEvent, tag: str, loc: Loc) -> Any:
        text: str = event.value
        if tag in _SCALAR_TAGS:
            try:
                return _constructed[tag, text]  # seen before, so it passed the checks below
            except KeyError:
                pass
        control = _CONTROL.search(text)  # escapes are already decoded here
        if control is not None:
            message = f"holds the control character U+{ord(control.group()):04X}; write plain text"
            raise self.fail(event, message, loc)
        if tag in _SCALAR_TAGS:
            marks: tuple[Any, Any] = (event.start_mark, event.end_mark)
            node = yaml.ScalarNode(tag, text, *marks, event.style)
            value = _resolver.construct_object(node)
            _resolver.constructed_objects.clear()
            if len(text) <= _CACHE_TEXT and len(_constructed) < _CACHE_LIMIT:
                _constructed[tag, text] = value
            return value
        if tag in _TEXT_TAGS and tag != _STD + "merge":
            return str(event.value)  # an unquoted date stays the text that was typed
        raise self.refuse_tag(event, tag, loc)


def _scalar_tag(event: yaml.ScalarEvent) -> str:
    """The scalar's tag as PyYAML's composers settle it: as written, else resolved."""
    tag: str | None = event.tag
    if tag is not None and tag != "!":
        return tag
    key = (event.value, event.implicit)
    resolved = _resolved.get(key)
    if resolved is None:
        resolved = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if len(event.value) <= _CACHE_TEXT and len(_resolved) < _CACHE_LIMIT:
            _resolved[key] = resolved
    return resolved


def _collection_tag(event: yaml.CollectionStartEvent, kind: type[yaml.Node]) -> str:
    tag: str | None = event.tag
    if tag is not None and tag != "!":
        return tag
    return str(_resolver.resolve(kind, None, event.implicit))


def _syntax_problem(path: str, exc: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.MarkedYAMLError):
        what = exc.problem or exc.context or "unreadable YAML"
        if exc.problem and exc.context:
            # "did not find expected key (while parsing a block mapping from line 3)"
            start = exc.context_mark
            since = f" from line {start.line + 1}" if start is not None else ""
            what = f"{exc.problem} ({exc.context}{since})"
    else:
        what = str(exc).splitlines()[0] if str(exc) else "unreadable YAML"
    message = f"not valid YAML: {_short(what, 160)}"
    if mark is not None:
        lines = text.splitlines()
        if mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
            message += "; indent with spaces, not tabs"
        elif isinstance(exc, yaml.MarkedYAMLError) and exc.problem:
            began = exc.context_mark.line if exc.context_mark is not None else None
            hint = syntax_hint(text, exc.problem, mark.line, mark.column, began)
            if hint is not None:
                return Problem(path, hint.line, hint.column, hint.message)
        return Problem(path, mark.line + 1, mark.column + 1, message)
    return Problem(path, None, None, message)


def _events(text: str, path: str) -> list[yaml.Event]:
    """Every event of the stream, parsed once (with the C parser when present).

    Deep nesting and anchors are refused here, before anything is built: PyYAML's
    composers recurse once per level (the C one without any limit), so ``[[[[...`` a
    few thousand deep would take seconds and some tens of thousands deep crash the
    interpreter. Values are then built from these events (:class:`_Builder`)."""
    events: list[yaml.Event] = []
    depth = 0
    parser: Any = _Loader(text)
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.AliasEvent:
                if event.anchor is not None:
                    raise _anchor(event, path)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None:
                    raise _anchor(event, path)
                depth += 1
                if depth > MAX_DEPTH + 1:  # the document's own mapping is level 0
                    m = event.start_mark
                    message = f"nested more than {MAX_DEPTH} levels deep; score files are flat"
                    line, column = (m.line + 1, m.column + 1) if m else (None, None)
                    raise InputError([Problem(path, line, column, message)])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
            elif kind is yaml.StreamEndEvent:
                events.append(event)
                return events
            events.append(event)
    finally:
        parser.dispose()


def _anchor(event: yaml.Event, path: str) -> InputError:
    m: Any = event.start_mark
    return InputError(
        [
            Problem(
                path,
                m.line + 1 if m else None,
                m.column + 1 if m else None,
                "anchors and aliases (& and *) are not allowed; write values out",
            )
        ]
    )


def _single_document(events: list[yaml.Event]) -> int | None:
    """Where the one document's top node starts; None for an empty stream. A second
    document is refused as PyYAML's ``compose`` refuses it."""
    starts = [i for i, e in enumerate(events) if isinstance(e, yaml.DocumentStartEvent)]
    if not starts:
        return None
    if len(starts) > 1:
        marks: tuple[Any, Any] = (events[starts[0] + 1].start_mark, events[starts[1]].start_mark)
        raise yaml.composer.ComposerError(
            "expected a single document in the stream",
            marks[0],
            "but found another document",
            marks[1],
        )
    return starts[0] + 1


def parse(text: str, path: str) -> Document:
    """Parse one YAML document from text; raise InputError naming the place on failure."""
    try:
        events = _events(text, path)
        top = _single_document(events)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; no mark
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        message = f"not valid YAML: character #x{exc.character:04x}: {exc.reason}"
        raise InputError([Problem(path, line, column, message)]) from None
    except yaml.YAMLError as exc:
        raise InputError([_syntax_problem(path, exc, text)]) from None
    except RecursionError:
        raise InputError([Problem(path, None, None, "nested too deeply to read")]) from None
    if top is None:
        return Document(path, None, text)
    data = _Builder(path, events, top).build((), 0)
    return Document(path, data, text, events, top)


def decode(raw: bytes, path: str) -> str:
    """UTF-8 (a byte-order mark is fine); anything else is a clear error."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # exc.start counts from after a byte-order mark: read the bytes it counts in
        data = exc.object
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        # count characters, not bytes, as YAML's own marks do
        column = len(data[start : exc.start].decode("utf-8")) + 1
        raise InputError(
            [
                Problem(
                    path,
                    line,
                    column,
                    "is not UTF-8 text; save the file as UTF-8 (byte "
                    f"0x{data[exc.start]:02x} cannot be read)",
                )
            ]
        ) from None


def read_bytes(file: Path, path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file, refusing one larger than ``max_bytes``."""
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise InputError(
                [Problem(path, None, None, f"is {size:,} bytes; the limit is {max_bytes:,}")]
            )
        with file.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError([Problem(path, None, None, f"cannot be read: {exc.strerror}")]) from None
    if len(raw) > max_bytes:
        raise InputError([Problem(path, None, None, f"is larger than {max_bytes:,} bytes")])
    return raw


def load(file: Path, path: str, max_bytes: int = MAX_BYTES) -> Document:
    """Read, decode and parse one YAML file."""
    return parse(decode(read_bytes(file, path, max_bytes), path), path)
