"""A framework folder to a :class:`~bbtool.core.models.Framework`: ``enablers.yaml``
(required), ``challenges.yaml`` and ``casestudies.yaml`` (optional), each holding only
its own part, every problem in any of them reported at once with its file, line and
column.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bbtool.core.frameworks import Fault, framework_faults
from bbtool.core.models import Framework
from bbtool.errors import InputError, Problem, Problems
from bbtool.workspace import yaml_source
from bbtool.workspace.layout import display_path
from bbtool.workspace.validation import did_you_mean, translate
from bbtool.workspace.yaml_source import Document

FRAMEWORK_FILES = ("enablers.yaml", "challenges.yaml", "casestudies.yaml")


def _owner(key: str) -> str:
    """The file a top-level key of a framework belongs in: challenges.yaml holds the
    keys that start with "challenge", casestudies.yaml those that start with
    "case_stud", and enablers.yaml every other."""
    if key.startswith("challenge"):
        return FRAMEWORK_FILES[1]
    if key.startswith("case_stud"):
        return FRAMEWORK_FILES[2]
    return FRAMEWORK_FILES[0]


# the framework's fields that a workspace's bbtool.yaml sets, never a framework file
ROUND_FIELDS = ("levels",)


def own_keys(file_name: str) -> list[str]:
    """The top-level keys ``file_name`` (one of FRAMEWORK_FILES) may hold."""
    return [
        key
        for key in Framework.model_fields
        if _owner(key) == file_name and key not in ROUND_FIELDS
    ]


def builtin_framework_dir() -> Path:
    """The framework shipped with bbtool (inside the installed package)."""
    packaged = Path(str(resources.files("bbtool"))) / "framework"
    if (packaged / FRAMEWORK_FILES[0]).is_file():
        return packaged
    # running from a source checkout (editable install): the top-level folder beside src/
    return Path(str(resources.files("bbtool"))).resolve().parents[1] / "framework"


def _stray_keys(doc: Document, name: str) -> list[Problem]:
    """A problem at each top-level key of ``doc`` (the file ``name``) that is not its own."""
    own = own_keys(name)
    found = []
    for key in doc.data:
        if key in own:
            continue
        owner = _owner(str(key))
        if str(key) in ROUND_FIELDS:
            message = f"'{key}:' belongs in a workspace's bbtool.yaml, not in {name}"
        elif str(key) in Framework.model_fields and owner != name:
            message = (
                f"'{key}:' belongs in {owner}, not in {name}; each framework file holds "
                "its own part"
            )
        else:
            hint = did_you_mean(str(key), own) or f"; {name} holds: {', '.join(own)}"
            message = f"unknown key {str(key)!r}{hint}"
        found.append(doc.problem((key,), message, key=True))
    return found


def _read(directory: Path) -> tuple[dict[str, Any], dict[str, Document], list[Problem]]:
    """Each file's own keys merged, the document of each file, and a problem at each
    key a file holds that is not its own; InputError when a file cannot be read as a
    mapping at all."""
    merged: dict[str, Any] = {}
    docs: dict[str, Document] = {}
    problems = Problems()
    stray: list[Problem] = []
    for name in FRAMEWORK_FILES:
        file = directory / name
        if not file.is_file():
            continue
        try:
            doc = yaml_source.load(file, display_path(file))
        except InputError as exc:
            problems.add(*exc.problems)
            continue
        docs[name] = doc
        if doc.data is None and name != FRAMEWORK_FILES[0]:
            continue  # an optional file with nothing in it (or only comments)
        if not isinstance(doc.data, dict):
            problems.add(Problem(doc.path, None, None, "must be a mapping of names to values"))
            continue
        stray += _stray_keys(doc, name)
        merged.update({k: v for k, v in doc.data.items() if k in own_keys(name)})
    problems.raise_any()
    return merged, docs, stray


def _placed(fault: Fault, doc: Document) -> Problem:
    message = fault.message
    if fault.first is not None:
        mark = doc.locate(fault.first)
        if mark is not None:
            message += f" (the first is at line {mark.line})"
    return doc.problem(fault.loc, message)


def load_framework(directory: Path | None = None) -> Framework:
    """Load ``enablers.yaml`` (required), ``challenges.yaml`` and ``casestudies.yaml``;
    InputError with every problem in them, each at its file, line and column."""
    directory = directory or builtin_framework_dir()
    if not (directory / FRAMEWORK_FILES[0]).is_file():
        raise InputError(
            [Problem(display_path(directory), None, None, f"has no {FRAMEWORK_FILES[0]}")]
        )
    merged, docs, found = _read(directory)

    def doc_of(loc: tuple[Any, ...]) -> Document:
        return (
            docs.get(_owner(str(loc[0])) if loc else FRAMEWORK_FILES[0]) or docs[FRAMEWORK_FILES[0]]
        )

    try:
        framework = Framework.model_validate(merged, context={"faults": "mine"})
    except ValidationError as exc:
        found += [doc_of(f.loc).problem(f.loc, f.message, key=f.at_key) for f in translate(exc, {})]
        raise InputError(found) from None
    found += [_placed(f, doc_of(f.loc)) for f in framework_faults(framework)]
    if found:
        raise InputError(found)
    return framework
