"""The YAML mistakes people really make, recognised in the text and said in plain words.

A parser that stops reports where it noticed the trouble, in its own terms ("mapping
values are not allowed", "did not find expected key"), often a line or two after the
mistake. Here the lines around that place are read for the few slips a person editing
a score file makes, and each is said at its own line and column, with what to type:

- ``leadership:4``: no space after the colon;
- ``leadership: We meet monthly: the board attends``: a colon in unquoted text;
- ``organisation: 'Siobhán's team'``: an apostrophe inside single quotes;
- ``leadership: #1 priority``: an answer after ``#`` is a comment, read as nothing
  (a warning; the file is valid YAML).

Pure text in, findings out; no file is read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# a key as score files write them (an id, a section), its colon and what follows
_NO_SPACE = re.compile(r"^(?P<indent>\s*)(?P<key>[A-Za-z][\w.-]*):(?P<rest>[^\s/:].*)$")
# a single-quoted value closed early by an apostrophe: 'Siobhán's team'
_APOSTROPHE = re.compile(
    r"^[ \t]*(?:- )?[^\s#'\"][^#'\"]*?:[ \t]+(?P<value>'(?:[^']|'')*'[^\s#].*)$"
)
# the first "key:" of a line (its colon), after any indent and "- "
_KEY = re.compile(r"^[ \t]*(?:- )?(?P<key>[^\s#'\"][^#'\"]*?):(?=\s|$)")
# "key:   # a comment" in an indented mapping: the value is empty, the words a comment
_COMMENT_ONLY = re.compile(
    r"^(?P<indent>[ \t]+)(?P<key>[^\s#'\"][^#'\"]*?):[ \t]+(?P<comment>#.*)$"
)
# lines longer than this are not read for hints (a person's slip is in a short line;
# a huge one is someone else's doing, and the parser's place is enough)
MAX_LINE = 25_000
_SECTION = re.compile(r"^(?P<key>[A-Za-z][\w-]*):")


@dataclass(frozen=True)
class Hint:
    line: int  # 1-based
    column: int  # 1-based
    message: str


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _quoted(text: str) -> str:
    """``text`` as it would be written in double quotes."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _no_space(lines: list[str], first: int, last: int) -> Hint | None:
    """``key:value`` on one of the lines ``first``..``last`` (0-based), the nearest
    to ``last`` first."""
    for i in range(min(last, len(lines) - 1), max(first, 0) - 1, -1):
        found = _NO_SPACE.match(lines[i])
        if found is not None and not lines[i].lstrip().startswith("#"):
            key, rest = found["key"], found["rest"].rstrip()
            column = len(found["indent"]) + len(key) + 2
            return Hint(
                i + 1,
                column,
                f"{key}: put a space after the colon: write '{key}: {_short(rest)}', "
                f"not '{key}:{_short(rest)}'",
            )
    return None


def _apostrophe(lines: list[str], first: int, last: int) -> Hint | None:
    for i in range(max(first, 0), min(last, len(lines) - 1) + 1):
        found = _APOSTROPHE.match(lines[i])
        if found is not None:
            written = found["value"].rstrip()
            inner = (written[1:-1] if written.endswith("'") else written[1:]).replace("''", "'")
            key = _KEY.match(lines[i])
            named = f"{key['key'].strip()}: " if key is not None else ""
            return Hint(
                i + 1,
                found.start("value") + 1,
                f"{named}an apostrophe ends text in single quotes; use double quotes "
                f"around text with an apostrophe: {_short(_quoted(inner), 60)}",
            )
    return None


def _colon_in_text(lines: list[str], line: int, column: int) -> Hint | None:
    """A colon and space inside a value written without quotes, at or before
    ``column`` (0-based) of ``line``: the parser stops at the second colon."""
    if line >= len(lines):
        return None
    text = lines[line]
    key = _KEY.match(text)
    if key is None or column < key.end():
        return None  # the parser stopped at this line's own key: the trouble is above
    after = text[key.end() :]
    value = after.strip()
    return Hint(
        line + 1,
        key.end() + 1 + len(after) - len(after.lstrip()),
        f"{key['key'].strip()}: the text holds a colon and a space (': '); put the text "
        f"in double quotes: {_short(_quoted(value), 60)}",
    )


def syntax_hint(text: str, problem: str, line: int, column: int, since: int | None) -> Hint | None:
    """What a person most likely did where the parser stopped, with ``problem`` (the
    parser's words) at ``line`` and ``column`` (0-based), noticed ``since`` the line
    (0-based) its context began; None when it is none of the slips known here."""
    lines = [text if len(text) <= MAX_LINE else "" for text in text.splitlines()]
    start = line if since is None else min(since, line)
    hint = _apostrophe(lines, start, line)
    if hint is not None:
        return hint
    if problem.startswith("mapping values are not allowed"):
        hint = _colon_in_text(lines, line, column)
        if hint is not None:
            return hint
        # a plain value runs on over the lines below it: "leadership:4" then
        # "  shared-vision: 3" read as one text, stopped at the second line's colon
        return _no_space(lines, max(start - 5, 0), line)
    if problem.startswith(("could not find expected ':'", "did not find expected key")):
        return _no_space(lines, start, line)
    return None


def value_hint(value: str) -> str | None:
    """For a section written as one text where a mapping was wanted (``scores:``
    holding ``leadership:4``): the advice; None when the text does not look so."""
    found = _NO_SPACE.match(value.split(" ", 1)[0])
    if found is None:
        return None
    key, rest = found["key"], found["rest"]
    return f"put a space after the colon: write '{key}: {_short(rest)}'"


@dataclass(frozen=True)
class EmptyWithComment:
    section: str
    key: str
    line: int  # 1-based, the comment's
    column: int
    comment: str


def comments_after_empty_values(text: str, sections: tuple[str, ...]) -> list[EmptyWithComment]:
    """Each ``key: # words`` in one of ``sections`` (top-level keys): a value left
    empty with a comment after it, which YAML reads as nothing."""
    if "#" not in text:
        return []
    found: list[EmptyWithComment] = []
    section: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        top = _SECTION.match(line)
        if top is not None:
            section = top["key"]
            continue
        if section not in sections:
            continue
        entry = _COMMENT_ONLY.match(line) if "#" in line and len(line) <= MAX_LINE else None
        if entry is not None:
            column = entry.start("comment") + 1
            found.append(
                EmptyWithComment(section, entry["key"].strip(), number, column, entry["comment"])
            )
    return found
