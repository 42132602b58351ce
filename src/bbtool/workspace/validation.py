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

from bbtool.core.models import (
    SKIP,
    AgreedFile,
    Framework,
    Scale,
    ScoreFile,
    person_key,
    same_level,
)
from bbtool.errors import Severity
from bbtool.workspace.yaml_hints import value_hint
from bbtool.workspace.yaml_source import Loc


@dataclass(frozen=True)
class Finding:
    loc: Loc
    message: str
    at_key: bool = False
    severity: Severity = "error"


def dotted(loc: Loc) -> str:
    """``scores.leadership``; list positions counted from 1: ``challenges item 2``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f" item {part + 1}"
        else:
            text += f".{part}" if text else part
    return text


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


Nouns = dict[Loc, tuple[str, str]]  # where -> what its keys are: ("a setting", "settings")


def _shown(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _score_message(kind: str, where: str, value: Any, scale: Scale | None) -> str:
    """What is wrong with a score as written, and what to write instead."""
    allowed = f"from {scale.min} to {scale.max}" if scale is not None else "on the scale"
    use = f"use a whole number {allowed}, or {SKIP}"
    if kind == "score_bool":
        return f"{where}: yes/true/no/false is not a score; {use}"
    if kind == "score_float":
        return f"{where}: {value!r} is not a whole number; {use}"
    if kind == "score_quoted":
        return f"{where}: {_shown(value)} is text in quotes; write the number without quotes"
    if kind == "score_str":
        return f"{where}: {_shown(value)} is not a score; {use}"
    return f"{where}: a list or mapping is not a score; {use}"


def translate(
    error: ValidationError,
    fields: dict[Loc, Sequence[str]],
    scale: Scale | None = None,
    nouns: Nouns | None = None,
) -> list[Finding]:
    """Turn pydantic's errors into findings worded for the person who wrote the file.

    ``fields`` maps a mapping's location to the keys allowed in it, for messages
    about unknown or missing keys, and ``nouns`` what those keys are called there;
    with ``scale``, score messages name its range.
    """
    findings = []
    for err in error.errors(include_url=False):
        kind = err["type"]
        loc: Loc = tuple(err["loc"])
        # a union member's tag comes last, after the key; the key itself may be any
        # word a person typed ("int", "literal["), so only a trailing tag is dropped
        if kind != "extra_forbidden" and len(loc) > 1 and _is_union_tag(loc[-1]):
            loc = loc[:-1]
        hint = _text_for_mapping(kind, err["input"])
        if kind == "extra_forbidden":
            findings.append(Finding(loc, _unknown_key(loc, fields, nouns), at_key=True))
        elif hint is not None:
            findings.append(Finding(loc, f"{dotted(loc) or 'the file'}: {hint}"))
        else:
            findings.append(Finding(loc, _message(kind, dotted(loc), err, scale)))
    return findings


def _text_for_mapping(kind: str, value: Any) -> str | None:
    """Advice for a section written as one text where names and values were wanted,
    when it looks like "leadership:4"; None otherwise."""
    if kind in ("dict_type", "model_type", "model_attributes_type") and isinstance(value, str):
        return value_hint(value)
    return None


def _unknown_key(loc: Loc, fields: dict[Loc, Sequence[str]], nouns: Nouns | None) -> str:
    parent, name = loc[:-1], str(loc[-1])
    allowed = list(fields.get(parent, ()))
    hint = did_you_mean(name, allowed)
    noun = (nouns or {}).get(parent)
    if noun is not None:
        listed = f"; {noun[1]} are: {', '.join(allowed)}" if allowed else ""
        message = f"{name!r} is not {noun[0]}{hint or listed}"
    else:
        listed = f"; allowed here: {', '.join(allowed)}" if allowed else ""
        message = f"unknown key {name!r}{hint or listed}"
    return f"{dotted(parent)}: {message}" if parent else message


# pydantic's error kinds that need only the place: what to say about it
_PLAIN = {
    "missing": "{where} is required",
    "dict_type": "{where_or_file} must be a mapping of names to values (name: value)",
    "model_type": "{where_or_file} must be a mapping of names to values (name: value)",
    "model_attributes_type": "{where_or_file} must be a mapping of names to values (name: value)",
    "list_type": "{where} must be a list, written [a, b] or one '- item' per line",
    "string_too_short": "{where} is empty; write it as text",
    "int_type": "{where} must be a whole number",
    "int_parsing": "{where} must be a whole number",
    "int_from_float": "{where} must be a whole number",
    "float_type": "{where} must be a number",
    "float_parsing": "{where} must be a number",
    "finite_number": (
        "{where} must be a finite number, not .nan or .inf; write a number such as 2.5"
    ),
}
_BOUNDS = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}


def _message(kind: str, where: str, err: Any, scale: Scale | None) -> str:
    """What to say of one of pydantic's errors (not an unknown key) at ``where``."""
    ctx = err.get("ctx") or {}
    if kind.startswith("score_"):
        return _score_message(kind, where, err["input"], scale)
    if kind in _PLAIN:
        return _PLAIN[kind].format(where=where, where_or_file=where or "the file")
    if kind == "string_type":
        if err["input"] is None:
            return f"{where} is empty; write it as text"
        return f"{where} must be text; put it in quotes"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(f"{_BOUNDS[k]} {v}" for k, v in ctx.items() if k in _BOUNDS)
        return f"{where} must be {bound}"
    if kind == "value_error":
        # a model's own check: its text without pydantic's "Value error, " prefix
        message = str(ctx.get("error") or err["msg"])
        return f"{where}: {message}" if where else message
    if kind == "too_short":
        least = ctx.get("min_length")
        if where.endswith("scale.points"):
            return f"{where}: a scale needs at least {least} points, a lowest and a highest"
        return f"{where} needs at least {least} item{'s' if least != 1 else ''}"
    if kind == "string_too_long":
        return f"{where} is too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_long":
        most = ctx.get("max_length")
        return f"{where} has {ctx.get('actual_length')}; at most {most} are allowed"
    if kind.startswith(("text_", "name_")):
        return f"{where} {err['msg']}" if where else str(err["msg"])
    return f"{where}: {err['msg']}" if where else str(err["msg"])


def _is_union_tag(part: Any) -> bool:
    # pydantic inserts the union member it tried ("int", "literal['skip']") into locs
    return isinstance(part, str) and (part in ("int", "str", "none") or part.startswith("literal["))


SCORE_FILE_NOUNS: Nouns = {(): ("a section", "sections")}


def score_file_fields(framework: Framework) -> dict[Loc, Sequence[str]]:
    return {
        (): list(ScoreFile.model_fields),
        ("participant",): ["name", "organisation", "sector", "level"],
    }


@dataclass(frozen=True)
class _Ids:
    """A framework's ids as the checks look them up, worked out once per framework."""

    enablers: list[str]
    indicators: list[str]
    themes: list[str]
    challenges: list[str]
    by_enabler: dict[str, list[str]]
    enabler_set: frozenset[str]
    indicator_set: frozenset[str]
    scale_values: frozenset[int]


_ids_of: dict[int, tuple[Framework, _Ids]] = {}


def _ids(framework: Framework) -> _Ids:
    """The ids of ``framework`` (frozen), remembered: a workspace's thousands of score
    files are all checked against the same one."""
    known = _ids_of.get(id(framework))
    if known is not None and known[0] is framework:
        return known[1]
    enablers = [e.id for e in framework.enablers]
    indicators = [i.id for _, i in framework.indicators]
    ids = _Ids(
        enablers=enablers,
        indicators=indicators,
        themes=[t.id for t in framework.themes],
        challenges=[c.id for c in framework.challenges],
        by_enabler={e.id: [i.id for i in e.indicators] for e in framework.enablers},
        enabler_set=frozenset(enablers),
        indicator_set=frozenset(indicators),
        scale_values=frozenset(framework.scale.values),
    )
    if len(_ids_of) >= 8:
        _ids_of.clear()
    _ids_of[id(framework)] = (framework, ids)
    return ids


def check_score_file(answers: ScoreFile, framework: Framework) -> list[Finding]:
    """Everything wrong with a structurally valid score file, given the framework."""
    scale = framework.scale
    known_ids = _ids(framework)
    enablers, indicators = known_ids.enablers, known_ids.indicators
    themes, challenges = known_ids.themes, known_ids.challenges
    findings: list[Finding] = []

    by_enabler = known_ids.by_enabler

    def suggest(key: str, ids: list[str], what: str) -> str:
        if what == "an indicator":  # an enabler's id, alone or with a number it lacks
            enabler = key if key in by_enabler else key.rpartition(".")[0]
            own = by_enabler.get(enabler)
            if own:
                return f"; the indicators of {enabler} are {own[0]} to {own[-1]}"
        return did_you_mean(key, ids) or _known(_noun(what) + " ids", ids)

    def scored(section: str, ids: list[str], what: str, values: dict[str, Any]) -> None:
        known = known_sets[section]
        for key, value in values.items():
            if key not in known:
                findings.append(
                    Finding(
                        (section, key),
                        f"{section}: {key!r} is not {what}{suggest(key, ids, what)}",
                        at_key=True,
                    )
                )
            elif isinstance(value, int) and value not in on_scale:
                findings.append(
                    Finding(
                        (section, key),
                        f"{section}.{key}: {value} is not on the scale; "
                        f"use a whole number from {scale.min} to {scale.max}, or {SKIP}",
                    )
                )

    known_sets = {"scores": known_ids.enabler_set, "indicators": known_ids.indicator_set}
    on_scale = known_ids.scale_values
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
    findings += _challenge_findings(answers.challenges, challenges)
    findings += level_findings(answers.participant.level, framework.levels)
    return findings


def level_message(level: str, levels: Sequence[str]) -> str | None:
    """What is wrong with ``level`` given the allowed ``levels`` (capitals and spaces
    aside), with a suggestion for a near miss; None when it is one of them."""
    if same_level(level, levels) is not None:
        return None
    by_key = {person_key(allowed): allowed for allowed in levels}
    close = difflib.get_close_matches(person_key(level), list(by_key), n=1, cutoff=0.6)
    if close:
        return f"{level!r} is not a level; did you mean {by_key[close[0]]!r}?"
    listed = ", ".join(levels)
    return (
        f"{level!r} is not a level; the levels are: {listed} (a workspace sets its own "
        "in bbtool.yaml, levels:)"
    )


def level_findings(level: str | None, levels: Sequence[str]) -> list[Finding]:
    message = level_message(level, levels) if level else None
    if message is None:
        return []
    return [Finding(("participant", "level"), f"participant.level: {message}")]


def _challenge_findings(named: Sequence[str], challenges: list[str]) -> list[Finding]:
    """A challenge the framework does not have is an error; one named twice, a warning."""
    findings: list[Finding] = []
    seen: set[str] = set()
    for i, challenge in enumerate(named):
        if challenge not in challenges:
            hint = did_you_mean(challenge, challenges) or _known("challenge ids", challenges)
            findings.append(
                Finding(
                    ("challenges", i), f"challenges: {_shown(challenge)} is not a challenge{hint}"
                )
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


AGREED_NOUNS: Nouns = {(): ("a section", "sections")}


def agreed_fields() -> dict[Loc, Sequence[str]]:
    return {(): list(AgreedFile.model_fields)}


def check_agreed(agreed: AgreedFile, framework: Framework) -> list[Finding]:
    """Everything wrong with a structurally valid agreed file, given the framework;
    and a warning where a target is below the score agreed."""
    scale = framework.scale
    enablers = [e.id for e in framework.enablers]
    findings: list[Finding] = []
    sections: tuple[tuple[str, dict[str, Any]], ...] = (
        ("agreed", agreed.agreed),
        ("targets", agreed.targets),
        ("notes", agreed.notes),
    )
    for section, values in sections:
        for key, value in values.items():
            if key not in enablers:
                hint = did_you_mean(key, enablers) or _known("enabler ids", enablers)
                message = f"{section}: {key!r} is not an enabler{hint}"
                findings.append(Finding((section, key), message, at_key=True))
            elif section != "notes" and isinstance(value, int) and value not in scale.values:
                findings.append(
                    Finding(
                        (section, key),
                        f"{section}.{key}: {value} is not on the scale; "
                        f"use a whole number from {scale.min} to {scale.max}, or {SKIP}",
                    )
                )
    for key, target in agreed.targets.items():
        now = agreed.agreed.get(key)
        if not (isinstance(target, int) and isinstance(now, int)):
            continue
        if target in scale.values and now in scale.values and target < now:
            findings.append(
                Finding(
                    ("targets", key),
                    f"targets.{key}: {target} is below the agreed score, {now}; "
                    "a target is usually at least where the partnership stands",
                    severity="warning",
                )
            )
    return findings


def advice(answers: ScoreFile, framework: Framework) -> list[Finding]:
    """Warnings that do not make a file invalid but that a facilitator would raise."""
    findings: list[Finding] = []
    enablers = framework.enablers
    missing = [e.id for e in enablers if answers.scores.get(e.id) is None]
    if not answers.answered:  # a template or a form not filled in: one line, not a list
        message = "no answer yet (not returned): not counted until it holds an answer"
        findings.append(Finding(("scores",), message, at_key=True, severity="warning"))
    elif missing:
        listed = ", ".join(missing)
        message = f"{len(missing)} of {len(enablers)} enablers not answered yet: {listed}"
        # pointed at the "scores:" line: the warning is about the whole section
        findings.append(Finding(("scores",), message, at_key=True, severity="warning"))
    counted = [v for v in answers.scores.values() if isinstance(v, int)]
    middle = framework.scale.middle  # none on a scale of an even number of points
    if (
        middle is not None
        and len(counted) >= 3
        and sum(v == middle for v in counted) * 2 > len(counted)
    ):
        findings.append(
            Finding(
                ("scores",),
                f"{sum(v == middle for v in counted)} of {len(counted)} scores are "
                f"{middle}; the tool's advice: do not be tempted to score everything "
                f"an average {middle}",
                at_key=True,
                severity="warning",
            )
        )
    return findings
