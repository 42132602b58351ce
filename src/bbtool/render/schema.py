"""A JSON Schema (draft 7) for score files, built from the framework.

Editors that speak the YAML language server (VS Code, and others) use it to check a
score file as it is typed and to offer the framework's ids with their titles. bbtool's
own checks remain the authority: they add what a schema cannot say (a name unique in
the workspace, a key given twice).
"""

from __future__ import annotations

from typing import Any

from bbtool.core.models import MAX_NAME, MAX_TEXT, SKIP, Framework

DRAFT = "http://json-schema.org/draft-07/schema#"


def _score(framework: Framework, title: str) -> dict[str, Any]:
    scale = framework.scale
    points = "; ".join(f"{p.value} {p.label}" for p in scale.points)
    return {
        "description": f"{title}\n\n{points}; {SKIP} = {framework.skip_label}",
        "oneOf": [
            {"type": "integer", "minimum": scale.min, "maximum": scale.max},
            {"const": SKIP},
            {"type": "null"},
        ],
    }


def _text(title: str, limit: int) -> dict[str, Any]:
    return {"description": title, "type": ["string", "null"], "maxLength": limit}


_SPECIAL = set("\\^$.|?*+()[]{}/-")


def _any_case(level: str) -> str:
    """A regular expression (ECMA 262, as JSON Schema's) for ``level`` in any capitals,
    with any run of spaces where it has one."""
    parts: list[str] = []
    for c in " ".join(level.split()):
        if c == " ":
            parts.append("\\s+")
        elif c.lower() != c.upper() and len(c.lower()) == len(c.upper()) == 1:
            parts.append(f"[{c.lower()}{c.upper()}]")
        else:
            parts.append("\\" + c if c in _SPECIAL else c)
    return "".join(parts)


def _level(levels: tuple[str, ...]) -> dict[str, Any]:
    """participant.level: one of ``levels``, capitals and spaces aside (as bbtool
    reads it), or nothing."""
    return {
        "description": f"One of: {', '.join(levels)}.",
        "type": ["string", "null"],
        "maxLength": MAX_NAME,
        "pattern": "^\\s*(?:" + "|".join(_any_case(level) for level in levels) + ")?\\s*$",
        "examples": list(levels),
    }


def _closed(properties: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": ["object", "null"],
        "properties": properties,
        "additionalProperties": False,
    }


def score_file_schema(framework: Framework) -> dict[str, Any]:
    """The schema of one participant's score file for ``framework``."""
    enablers = framework.enablers
    return {
        "$schema": DRAFT,
        "title": f"{framework.short_name or framework.name}: score file",
        "description": f"One participant's answers to the {framework.name}.",
        "type": "object",
        "required": ["participant"],
        "additionalProperties": False,
        "properties": {
            "participant": {
                "description": "Who is answering.",
                "type": "object",
                "required": ["name"],
                "additionalProperties": False,
                "properties": {
                    "name": {
                        "description": "Your name; unique in the workspace.",
                        "type": "string",
                        "minLength": 1,
                        "maxLength": MAX_NAME,
                    },
                    "organisation": _text("Your organisation or service.", MAX_NAME),
                    "sector": _text("e.g. council, health, childcare, voluntary.", MAX_NAME),
                    "level": _level(framework.levels),
                },
            },
            "scores": _closed(
                {e.id: _score(framework, e.title) for e in enablers},
                "Enabler id -> a whole number on the scale, or skip.",
            ),
            "indicators": _closed(
                {i.id: _score(framework, i.text) for _, i in framework.indicators},
                "Optional, to dig deeper: indicator id -> a whole number, or skip.",
            ),
            "evidence": _closed(
                {e.id: _text(e.title, MAX_TEXT) for e in enablers},
                "Enabler id -> what works well, and the evidence.",
            ),
            "challenges": {
                "description": "The common challenges in play.",
                "type": ["array", "null"],
                "uniqueItems": True,
                "items": {
                    "enum": [c.id for c in framework.challenges],
                    "description": "; ".join(f"{c.id}: {c.title}" for c in framework.challenges),
                },
            },
            "reflections": _closed(
                {t.id: _text(t.title, MAX_TEXT) for t in framework.themes},
                "Theme id -> key areas where progress is needed.",
            ),
        },
    }


def actions_schema(framework: Framework) -> dict[str, Any]:
    """The schema of a workspace's ``actions.yaml`` (the action plan) for ``framework``."""

    def ids(values: list[str], what: str) -> dict[str, Any]:
        item = {"enum": values, "description": what}
        return {"description": what, "oneOf": [{"type": "array", "items": item}, item]}

    date = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    action = {
        "type": "object",
        "required": ["id", "title", "enablers"],
        "additionalProperties": False,
        "properties": {
            "id": {
                "description": "A short, stable name for the action; never reused.",
                "type": ["string", "integer"],
                "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
                "maxLength": MAX_NAME,
            },
            "title": {"description": "What will be done.", "type": "string", "minLength": 1},
            "enablers": ids([e.id for e in framework.enablers], "The enablers it is for."),
            "indicators": ids([i.id for _, i in framework.indicators], "Indicators, optional."),
            "challenges": ids([c.id for c in framework.challenges], "Challenges, optional."),
            "owner": _text("Who leads it: a role or an organisation.", MAX_NAME),
            "due": {**date, "description": "When it is due: YYYY-MM-DD."},
            "status": {
                "description": "Where it stands.",
                "enum": ["proposed", "agreed", "in-progress", "done", "dropped"],
            },
            "completed": {**date, "description": "The day it was done: YYYY-MM-DD."},
            "success": _text("What success looks like.", MAX_TEXT),
            "notes": _text("How it is going; why it was dropped.", MAX_TEXT),
        },
    }
    return {
        "$schema": DRAFT,
        "title": f"{framework.short_name or framework.name}: action plan",
        "description": "The partnership's actions, each tied to enablers, with owner and due date.",
        "type": "object",
        "additionalProperties": False,
        "properties": {"actions": {"type": ["array", "null"], "items": action}},
    }
