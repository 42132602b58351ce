"""Frameworks of other shapes, written as YAML for tests: any scale of 2 to 11 points
starting at 0 or 1, 1 to 40 enablers, long titles, with or without challenges and case
studies; and a workspace scoring one, with participants whose scores spread over the
scale (some low, some split) so every kind of flag and section appears.

Nothing here is Beyond Boundaries wording: tests search every output of these
frameworks for ``BUILT_IN_WORDS`` and fail on any.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bbtool.core.results import Report
    from bbtool.workspace.loader import Workspace

# Words from the built-in framework, its sources or its place that must never reach
# the outputs of another framework: case-insensitive, but for "Box" before an id
# (a form's "pale yellow box" is bbtool's own word).
BUILT_IN_WORDS = (
    re.compile(r"Box [A-Za-z0-9]"),
    *(
        re.compile(re.escape(word), re.IGNORECASE)
        for word in (
            "Beyond Boundaries",
            "Boxes A",
            "Annex",
            "London",
            "The six",
            "six common",
            "Published title",
            "young children",
            "families",
            "early years",
            "integration",
            "No knowledge of this area",
            "leadership",
            "information-sharing",
            "Purpose and priorities",
        )
    ),
)


@dataclass(frozen=True)
class Shape:
    """What a generated framework looks like."""

    points: int = 5
    start: int = 1
    themes: int = 3
    enablers: int = 12
    indicators: int = 3
    challenges: int = 0
    case_studies: int = 0
    long: bool = False
    short_name: str = ""
    skip_label: str = "I cannot judge this"
    theme_ids: tuple[str, ...] = ()

    @property
    def values(self) -> list[int]:
        return list(range(self.start, self.start + self.points))


LONG = (
    "A deliberately long title that goes on and on about shared working arrangements, "
    "measured commitments and other matters a framework author might well write out "
    "in full, so that layouts must wrap it"
)


def _title(kind: str, number: str, shape: Shape) -> str:
    text = f"{kind} {number}"
    return f"{text}: {LONG}"[:200] if shape.long else f"{text} of the Zephyr grid"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML strings


def _spread(count: int, parts: int) -> list[int]:
    """``count`` enablers over ``parts`` themes, as even as can be, none empty."""
    parts = max(1, min(parts, count))
    return [count // parts + (1 if i < count % parts else 0) for i in range(parts)]


def _thresholds(shape: Shape) -> list[str]:
    """Thresholds on the shape's scale (the 1-5 defaults do not fit every scale)."""
    lo, hi = shape.values[0], shape.values[-1]
    low_camp = lo + (hi - lo) // 4 if hi - lo >= 4 else lo
    high_camp = hi - (hi - lo) // 4 if hi - lo >= 4 else hi
    return [
        "thresholds:",
        f"  low: {lo + (hi - lo) * 0.375}",
        f"  low_camp: {low_camp}",
        f"  high_camp: {high_camp}",
    ]


def enabler_ids(shape: Shape) -> list[str]:
    return [f"e{n:02d}" for n in range(1, shape.enablers + 1)]


def _theme_ids(shape: Shape) -> list[str]:
    counts = _spread(shape.enablers, shape.themes)
    given = list(shape.theme_ids)
    return [given[i] if i < len(given) else f"t{i + 1}" for i in range(len(counts))]


def write_framework(folder: Path, shape: Shape) -> Path:
    """Write ``enablers.yaml`` (and challenges/case studies when the shape has them)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        f"name: {_q('The Zephyr grid: ' + LONG if shape.long else 'The Zephyr grid')}",
        f"short_name: {_q(shape.short_name)}" if shape.short_name else "",
        'credit: "Written for bbtool tests"',
        f"skip_label: {_q(shape.skip_label)}",
        *_thresholds(shape),
        "scale:",
        "  points:",
    ]
    for v in shape.values:
        lines += [f"    - value: {v}", f'      label: "Level {v}"', f'      descriptor: "At {v}."']
    lines.append("themes:")
    ids = iter(enabler_ids(shape))
    for t, (theme_id, count) in enumerate(
        zip(_theme_ids(shape), _spread(shape.enablers, shape.themes), strict=True), 1
    ):
        lines += [
            f"  - id: {theme_id}",
            f"    title: {_q(_title('Theme', str(t), shape))}",
            "    enablers:",
        ]
        for _ in range(count):
            e = next(ids)
            short = _q(f"Short {e} " + ("with a long spoke name" if shape.long else ""))
            lines += [
                f"      - id: {e}",
                f"        title: {_q(_title('Enabler', e, shape))}",
                f"        short_title: {short}",
                "        indicators:",
            ]
            for i in range(1, shape.indicators + 1):
                text = _q(_title("Indicator", f"{e}.{i}", shape))
                lines += [f"          - id: {e}.{i}", f"            text: {text}"]
            if not shape.indicators:
                lines[-1] = "        indicators: []"
    (folder / "enablers.yaml").write_text("\n".join(x for x in lines if x) + "\n", "utf-8")
    _write_notes(folder, shape)
    return folder


def _write_notes(folder: Path, shape: Shape) -> None:
    if shape.challenges:
        out = ["challenges:"]
        for c in range(1, shape.challenges + 1):
            out += [
                f"  - id: c{c}",
                f"    title: {_q(_title('Hurdle', str(c), shape))}",
                '    summary: "A hurdle."',
                '    factors: ["One factor"]',
            ]
        (folder / "challenges.yaml").write_text("\n".join(out) + "\n", "utf-8")
    if shape.case_studies:
        ids = enabler_ids(shape)
        out = ["case_studies:"]
        for s in range(1, shape.case_studies + 1):
            out += [
                f"  - id: s{s}",
                f"    title: {_q(_title('Story', str(s), shape))}",
                '    place: "Elsewhere"',
                '    issues: ["An issue"]',
                f"    enablers: [{', '.join(ids[: min(len(ids), 3 * s)])}]",
                '    summary: "What happened there."',
            ]
        (folder / "casestudies.yaml").write_text("\n".join(out) + "\n", "utf-8")


def _score(shape: Shape, person: int, enabler: int) -> int | str:
    """Scores that give low, polarised and unflagged enablers: enabler 1 low for all,
    enabler 2 split between the ends, the rest rising with the person."""
    lo, hi = shape.values[0], shape.values[-1]
    if enabler == 0:
        return lo
    if enabler == 1:
        return lo if person % 2 else hi
    if (person + enabler) % 7 == 0:
        return "skip"
    return shape.values[(person + enabler) % shape.points]


def write_workspace(root: Path, shape: Shape, participants: int = 6) -> Path:
    """A workspace at ``root`` whose bbtool.yaml names a generated framework beside it."""
    write_framework(root / "framework", shape)
    (root / "participants").mkdir(parents=True)
    (root / "bbtool.yaml").write_text(
        'area: Zedtown\nround: "2031 autumn"\nframework: framework\n', "utf-8"
    )
    ids = enabler_ids(shape)
    for p in range(1, participants + 1):
        lines = [
            "participant:",
            f"  name: Person {p}",
            f"  organisation: Org {p % 3}",
            f"  sector: {('health', 'council', 'education')[p % 3]}",
            f"  level: {('strategic', 'operational')[p % 2]}",
            "scores:",
        ]
        lines += [f"  {e}: {_score(shape, p, n)}" for n, e in enumerate(ids)]
        if shape.indicators:
            lines.append("indicators:")
            for n, e in enumerate(ids):
                lines += [
                    f"  {e}.{i}: {shape.values[(p + n + i) % shape.points]}"
                    for i in range(1, shape.indicators + 1)
                ]
        lines += ["evidence:", f'  {ids[0]}: "Person {p} saw it."']
        if shape.challenges:
            lines.append(f"challenges: [c{1 + p % shape.challenges}]")
        path = root / "participants" / f"{p:02d}-person-{p}.yaml"
        path.write_text("\n".join(lines) + "\n", "utf-8")
    return root


def _png_text(data: bytes) -> str:
    """The text chunks (tEXt, zTXt, iTXt) of a PNG, as one string."""
    import struct
    import zlib

    out, at = [], 8
    while at + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + size]
        if kind == b"tEXt":
            out.append(body.replace(b"\0", b" ").decode("latin-1"))
        elif kind == b"zTXt":
            key, _, rest = body.partition(b"\0")
            out.append(key.decode("latin-1") + " " + zlib.decompress(rest[1:]).decode("latin-1"))
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            compressed, rest = rest[0], rest[2:]
            _, _, rest = rest.partition(b"\0")  # language
            _, _, text = rest.partition(b"\0")  # translated keyword
            out.append(
                key.decode() + " " + (zlib.decompress(text) if compressed else text).decode()
            )
        at += 12 + size
    return "\n".join(out)


def output_texts(folder: Path) -> dict[str, str]:
    """Every text an output folder holds, by file (a workbook by its XML parts, a PNG
    by its text chunks): what a search for built-in wording must cover."""
    import zipfile

    texts: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                for part in book.namelist():
                    texts[f"{name}:{part}"] = book.read(part).decode("utf-8", "replace")
        elif path.suffix == ".png":
            texts[name] = _png_text(path.read_bytes())
        else:
            texts[name] = path.read_text("utf-8")
    return texts


def built_in_words(texts: dict[str, str]) -> list[str]:
    """Each place a built-in word appears, as 'file: word in ...context...'."""
    found = []
    for name, text in texts.items():
        for word in BUILT_IN_WORDS:
            match = word.search(text)
            if match:
                at = match.start()
                context = text[max(0, at - 60) : at + 60]
                found.append(f"{name}: {word.pattern!r} in ...{context!r}...")
    return found


def scored(root: Path, shape: Shape, participants: int = 6) -> tuple[Workspace, Report]:
    """A workspace of ``shape`` at ``root``, loaded, and its report."""
    from bbtool.workspace.loader import load_workspace

    workspace = load_workspace(write_workspace(root, shape, participants))
    return workspace, workspace.score()
