"""Read YAML safely into plain data, remembering where every value stood.

PyYAML is asked only to *compose* a node tree (with the C parser when present);
turning nodes into Python values is done here, so that:

- every key and value keeps its line and column, for messages that point at them;
- a key given twice in one mapping is an error, not a silently lost answer;
- anchors and aliases are refused, so an alias bomb cannot expand;
- tags that would construct objects (``!!python/object`` and friends) are refused;
- files are bounded in size and nesting depth.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bbtool.errors import InputError, Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 32

Loc = tuple[str | int, ...]

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null")}
_TEXT_TAGS = {_STD + t for t in ("timestamp", "binary", "value", "merge")}

try:  # the C parser is several times faster; both keep marks on nodes
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,unused-ignore]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Document:
    """A parsed YAML file: its data and where each part of it was written."""

    path: str
    data: Any
    values: dict[Loc, Mark] = field(default_factory=dict)
    keys: dict[Loc, Mark] = field(default_factory=dict)

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


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _tag(tag: str) -> str:
    """A tag as it is written in a file: ``!!python/object``, not its long form."""
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


def _field(loc: Loc) -> str:
    """``scores.leadership: `` for a place inside the file; nothing at the top."""
    return ".".join(str(part) for part in loc) + ": " if loc else ""


class _Builder:
    def __init__(self, path: str) -> None:
        self.doc = Document(path, None)
        self.seen: set[int] = set()
        self.scalar_loader = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, message: str, loc: Loc = ()) -> InputError:
        m = _mark(node)
        return InputError([Problem(self.doc.path, m.line, m.column, _field(loc) + message)])

    def refuse_tag(self, node: yaml.Node, loc: Loc) -> InputError:
        message = f"the tag {_tag(node.tag)} is not allowed; write a plain value, without a tag"
        return self.fail(node, message, loc)

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nested more than {MAX_DEPTH} levels deep; score files are flat")
        if id(node) in self.seen:
            message = "anchors and aliases (& and *) are not allowed; write values out"
            raise self.fail(node, message, loc)
        self.seen.add(id(node))
        self.doc.values[loc] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _STD + "seq":
                raise self.refuse_tag(node, loc)
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, loc)

    def mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        if node.tag != _STD + "map":
            raise self.refuse_tag(node, loc)
        out: dict[Any, Any] = {}
        first: dict[Hashable, Mark] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "keys must be plain names, not lists or mappings", loc)
            if key_node.tag == _STD + "merge":
                raise self.fail(key_node, "merge keys (<<) are not allowed; write values out", loc)
            key = self.scalar(key_node, loc)
            if key is None:
                raise self.fail(key_node, "a key is empty; write a name before the colon", loc)
            if not isinstance(key, str):
                key = key_node.value  # ids are text: "2" is the key "2"
            if key in first:
                was = first[key]
                raise self.fail(
                    key_node,
                    f"{key!r} is given twice (first on line {was.line}); "
                    "keep one, or the other answer would be lost",
                    loc,
                )
            first[key] = _mark(key_node)
            here = (*loc, key)
            self.doc.keys[here] = _mark(key_node)
            out[key] = self.build(value_node, here, depth + 1)
        return out

    def scalar(self, node: yaml.Node, loc: Loc) -> Any:
        if node.tag in _SCALAR_TAGS:
            return self.scalar_loader.construct_object(node)
        if node.tag in _TEXT_TAGS and node.tag != _STD + "merge":
            return str(node.value)  # an unquoted date stays the text that was typed
        raise self.refuse_tag(node, loc)


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
    message = f"not valid YAML: {what}"
    if mark is not None:
        lines = text.splitlines()
        if mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
            message += "; indent with spaces, not tabs"
        return Problem(path, mark.line + 1, mark.column + 1, message)
    return Problem(path, None, None, message)


def _check_events(text: str, path: str) -> None:
    """Refuse deep nesting and anchors before a node tree is built: PyYAML's composers
    recurse once per level (the C one without any limit), so ``[[[[...`` a few thousand
    deep takes seconds and some tens of thousands deep crash the interpreter."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            m = event.start_mark
            raise InputError(
                [
                    Problem(
                        path,
                        m.line + 1 if m else None,
                        m.column + 1 if m else None,
                        "anchors and aliases (& and *) are not allowed; write values out",
                    )
                ]
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:  # the document's own mapping is level 0
                m = event.start_mark
                message = f"nested more than {MAX_DEPTH} levels deep; score files are flat"
                line, column = (m.line + 1, m.column + 1) if m else (None, None)
                raise InputError([Problem(path, line, column, message)])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def parse(text: str, path: str) -> Document:
    """Parse one YAML document from text; raise InputError naming the place on failure."""
    builder = _Builder(path)
    try:
        _check_events(text, path)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; no mark
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        message = f"not valid YAML: character #x{exc.character:04x}: {exc.reason}"
        raise InputError([Problem(path, line, column, message)]) from None
    except yaml.YAMLError as exc:
        raise InputError([_syntax_problem(path, exc, text)]) from None
    except RecursionError:
        raise InputError([Problem(path, None, None, "nested too deeply to read")]) from None
    if node is None:
        builder.doc.data = None
        return builder.doc
    builder.doc.data = builder.build(node, (), 0)
    return builder.doc


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
