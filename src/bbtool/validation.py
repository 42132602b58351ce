"""Checks on a score file that need the framework, and plain words for pydantic errors.

Pure: data in, findings out. A finding carries the path of the value inside the
file (``("scores", "leadership")``); the loader turns that into a line and column.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from bbtool.errors import Severity
from bbtool.models import SKIP, Framework, ScoreFile
from bbtool.yaml_source import Loc


@dataclass(frozen=True)
class Finding:
    loc: Loc
    message: str
    at_key: bool = False
    severity: Severity = "error"


def dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _known(what: str, choices: Sequence[str]) -> str:
    if len(choices) <= 14:
        return f"; {what} are: {', '.join(choices)}"
    return f"; every template made by 'bbtool init' lists the {len(choices)} {what}"


def _noun(what: str) -> str:
    """'an enabler' -> 'enabler'."""
    return what.split(" ", 1)[-1]


def translate(error: ValidationError, fields: dict[Loc, Sequence[str]]) -> list[Finding]:
    """Turn pydantic's errors into findings worded for the person who wrote the file.

    ``fields`` maps a mapping's location to the keys allowed in it, for messages
    about unknown or missing keys.
    """
    findings = []
    for err in error.errors(include_url=False, include_input=False):
        loc: Loc = tuple(p for p in err["loc"] if not _is_union_tag(p))
        kind = err["type"]
        where = dotted(loc)
        if kind == "extra_forbidden":
            parent, name = loc[:-1], str(loc[-1])
            allowed = list(fields.get(parent, ()))
            message = f"unknown key {name!r}{did_you_mean(name, allowed)}"
            if allowed and not did_you_mean(name, allowed):
                message += f"; allowed here: {', '.join(allowed)}"
            findings.append(Finding(loc, message, at_key=True))
            continue
        if kind == "missing":
            message = f"{where} is required"
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            message = f"{where or 'the file'} must be a mapping of names to values (name: value)"
        elif kind == "list_type":
            message = f"{where} must be a list, written [a, b] or one '- item' per line"
        elif kind == "string_type":
            message = f"{where} must be text"
        elif kind == "string_too_short":
            message = f"{where} is empty"
        elif kind == "value_error":
            # a model's own check: its text without pydantic's "Value error, " prefix
            message = str((err.get("ctx") or {}).get("error") or err["msg"])
            message = f"{where}: {message}" if where else message
        elif kind == "string_too_long":
            limit = (err.get("ctx") or {}).get("max_length")
            message = f"{where} is too long (at most {limit} characters)"
        else:
            message = f"{where}: {err['msg']}" if where else err["msg"]
            if kind.startswith(("score_", "text_", "name_")):
                message = f"{where} {err['msg']}" if where else err["msg"]
        findings.append(Finding(loc, message))
    return findings


def _is_union_tag(part: Any) -> bool:
    # pydantic inserts the union member it tried ("int", "literal['skip']") into locs
    return isinstance(part, str) and (part in ("int", "str", "none") or part.startswith("literal["))


def score_file_fields(framework: Framework) -> dict[Loc, Sequence[str]]:
    return {
        (): list(ScoreFile.model_fields),
        ("participant",): ["name", "organisation", "sector", "level"],
    }


def check_score_file(answers: ScoreFile, framework: Framework) -> list[Finding]:
    """Everything wrong with a structurally valid score file, given the framework."""
    scale = framework.scale
    enablers = [e.id for e in framework.enablers]
    indicators = [i.id for _, i in framework.indicators]
    themes = [t.id for t in framework.themes]
    challenges = [c.id for c in framework.challenges]
    findings: list[Finding] = []

    def scored(section: str, ids: list[str], what: str, values: dict[str, Any]) -> None:
        known = set(ids)
        for key, value in values.items():
            if key not in known:
                findings.append(
                    Finding(
                        (section, key),
                        f"{section}: {key!r} is not {what}"
                        + (did_you_mean(key, ids) or _known(_noun(what) + " ids", ids)),
                        at_key=True,
                    )
                )
            elif isinstance(value, int) and value not in scale.values:
                findings.append(
                    Finding(
                        (section, key),
                        f"{section}.{key}: {value} is not on the scale; "
                        f"use a whole number from {scale.min} to {scale.max}, or {SKIP}",
                    )
                )

    scored("scores", enablers, "an enabler", answers.scores)
    scored("indicators", indicators, "an indicator", answers.indicators)
    for section, ids, what, values in (
        ("evidence", enablers, "an enabler", answers.evidence),
        ("reflections", themes, "a theme", answers.reflections),
    ):
        for key in values:
            if key not in ids:
                hint = did_you_mean(key, ids) or _known(_noun(what) + " ids", ids)
                findings.append(
                    Finding((section, key), f"{section}: {key!r} is not {what}{hint}", True)
                )
    seen: set[str] = set()
    for i, challenge in enumerate(answers.challenges):
        if challenge not in challenges:
            hint = did_you_mean(challenge, challenges) or _known("challenge ids", challenges)
            findings.append(
                Finding(("challenges", i), f"challenges: {challenge!r} is not a challenge{hint}")
            )
        elif challenge in seen:
            findings.append(
                Finding(
                    ("challenges", i),
                    f"challenges: {challenge!r} is listed twice",
                    severity="warning",
                )
            )
        seen.add(challenge)
    return findings


def advice(answers: ScoreFile, framework: Framework) -> list[Finding]:
    """Warnings that do not make a file invalid but that a facilitator would raise."""
    findings: list[Finding] = []
    enablers = framework.enablers
    missing = [e.id for e in enablers if answers.scores.get(e.id) is None]
    if missing:
        listed = ", ".join(missing)
        message = f"{len(missing)} of {len(enablers)} enablers not answered yet: {listed}"
        findings.append(Finding(("scores",), message, severity="warning"))
    counted = [v for v in answers.scores.values() if isinstance(v, int)]
    middle = (framework.scale.min + framework.scale.max) / 2
    if len(counted) >= 3 and sum(v == middle for v in counted) * 2 > len(counted):
        findings.append(
            Finding(
                ("scores",),
                f"{sum(v == middle for v in counted)} of {len(counted)} scores are "
                f"{middle:g}; the tool's advice: do not be tempted to score everything "
                f"an average {middle:g}",
                severity="warning",
            )
        )
    return findings
