"""Text of the files ``bbtool init`` writes: the workspace settings and score templates.

Templates list every id with its title and the scale as comments, so a participant
who has never seen YAML can fill one in by typing numbers after the colons.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from bbtool.core.actions import Action
from bbtool.core.models import SKIP, Framework, Participant, ScoreFile, ScoreValue, either

WIDTH = 88


def _comment(text: str, indent: str = "", first: str = "# ") -> list[str]:
    lines = textwrap.wrap(text, WIDTH - len(indent) - len(first)) or [""]
    return [f"{indent}{first}{lines[0]}"] + [f"{indent}#   {line}" for line in lines[1:]]


def _q(text: str) -> str:
    """Quote a value for YAML (JSON strings are valid YAML double-quoted scalars)."""
    return json.dumps(text, ensure_ascii=False)


def workspace_config(area: str, round: str, framework: str | None = None) -> str:
    """``bbtool.yaml``; with ``framework``, the folder of the framework it uses
    (relative to the workspace, with forward slashes)."""
    text = (
        "# bbtool workspace: one round of the self-evaluation.\n"
        "# area and round name the reports; see the README for optional settings\n"
        "# (framework: a folder with another framework; thresholds: when to flag;\n"
        "# levels: the levels participants may give, e.g. [strategic, operational]).\n"
        f"area: {_q(area)}\n"
        f"round: {_q(round)}\n"
    )
    if framework is not None:
        text += f"framework: {_q(framework)}\n"
    return text


def middle_advice(framework: Framework) -> str | None:
    """The advice against scoring everything the middle point, naming it; None on a
    scale with no middle point (an even number of points, such as 1-4)."""
    middle = framework.scale.middle
    if middle is None:
        return None
    return f"Do not be tempted to score everything an average {middle}!"


def _middle_advice(framework: Framework) -> list[str]:
    advice = middle_advice(framework)
    return [] if advice is None else [f"# {advice}"]


def score_template(
    framework: Framework,
    name: str,
    schema_line: str | None = None,
    details: Participant | None = None,
) -> str:
    """A blank score file for one participant, every enabler listed; with ``details``
    (the last round's organisation, sector and level), those filled in."""
    who = details.model_copy(update={"name": name}) if details else Participant(name=name)
    return filled_score_file(framework, ScoreFile(participant=who), schema_line)


def _value(value: object) -> str:
    """A score or text as written after a colon: blank when not answered."""
    if value is None or value == "":
        return ""
    if isinstance(value, int) or value == SKIP:
        return f" {value}"
    return f" {_q(str(value))}"


def filled_score_file(
    framework: Framework, answers: ScoreFile, schema_line: str | None = None
) -> str:
    """A score file in the template's layout (the same comments, every enabler
    listed) with ``answers`` filled in; unanswered items are left blank, unscored
    indicators stay commented out. Reading it back gives ``answers`` again."""
    p = answers.participant
    lines: list[str] = []
    if schema_line:
        lines.append(schema_line)
    lines += _comment(f"{framework.name}: score file for one participant.")
    lines.append("#")
    lines.append("# Score each enabler by typing a whole number after its colon, using this scale:")
    for point in framework.scale.points:
        lines += _comment(f"{point.value} = {point.label}: {point.descriptor}", first="#   ")
    lines += [
        f"#   {SKIP} = {framework.skip_label} (allowed, but rarely needed; not counted)",
        "# Leave a score empty if you have not decided yet. Consider what is in place, how well",
        "# it is embedded and any evidence of impact.",
        *_middle_advice(framework),
        "",
        "participant:",
        f"  name: {_q(p.name)}",
        f"  organisation:{_value(p.organisation)}",
        f"  sector:{_value(p.sector)}".ljust(16) + " # e.g. council, health, childcare, voluntary",
        f"  level:{_value(p.level)}".ljust(16) + f" # {either(framework.levels)}",
        "",
        "scores:",
    ]
    for theme in framework.themes:
        lines.append(f"  # --- {theme.title} ---")
        for e in theme.enablers:
            lines += _comment(e.title, indent="  ")
            lines.append(f"  {e.id}:{_value(answers.scores.get(e.id))}")
    lines += [
        "",
        "# Optional 'dig deeper': score the maturity indicators of any enabler.",
        "# Remove the '# ' before an indicator and type its score after the colon.",
        "indicators:",
    ]
    for e in framework.enablers:
        lines.append(f"  # --- {e.short_title} ---")
        for ind in e.indicators:
            value = answers.indicators.get(ind.id)
            head = f"  # {ind.id}:" if value is None else f"  {ind.id}:{_value(value)}"
            pad = " " * max(len(f"  # {ind.id}:") + 1, 30)
            wrapped = textwrap.wrap(ind.text, WIDTH - len(pad) - 4) or [""]
            lines.append(f"{head.ljust(len(pad) - 1)} # {wrapped[0]}")
            lines += [f"  #{pad[3:]}#   {more}" for more in wrapped[1:]]
    lines += [
        "",
        "# Optional: what works well and the evidence that shows it, by enabler id, e.g.",
        f'#   {framework.enablers[0].id}: "Minutes show the joint board has met monthly since May"',
        "evidence:",
    ]
    lines += [
        f"  {e.id}: {_q(text)}" for e in framework.enablers if (text := answers.evidence.get(e.id))
    ]
    lines.append("")
    if framework.challenges:
        lines.append("# Optional: which common challenges are in play locally. Choose from:")
        for c in framework.challenges:
            lines.append(f"#   {c.id}  ({c.title})")
        lines += [f"challenges: [{', '.join(answers.challenges)}]", ""]
    lines.append(
        "# Optional: reflections, by theme: what are the key areas where progress is needed?"
    )
    lines.append("reflections:")
    for theme in framework.themes:
        lines.append(f"  {theme.id}:{_value(answers.reflections.get(theme.id))}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------ the next round


def carried_settings(
    framework: str | None,
    thresholds: dict[str, object] | None,
    levels: Sequence[str] | None = None,
) -> str:
    """The lines of bbtool.yaml a new round keeps from the last: its framework folder,
    thresholds and levels; and the meeting date, to fill in."""
    lines = [
        "# date: the day of this round's meeting (YYYY-MM-DD); the action plan's overdue",
        "# actions are judged on it (without it, on the day a command runs)",
        "# date: YYYY-MM-DD",
    ]
    if framework:
        lines.append(f"framework: {_q(framework)}")
    if thresholds:
        lines.append("thresholds:")
        lines += [f"  {key}: {json.dumps(value)}" for key, value in thresholds.items()]
    if levels:
        lines.append(f"levels: {_list(levels)}")
    return "\n".join(lines) + "\n"


def _list(values: Sequence[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def actions_yaml(actions: Sequence[Action], carried_from: str, schema_line: str | None) -> str:
    """``actions.yaml`` holding ``actions`` (carried from the round ``carried_from``),
    each field written as read, so reading it back gives them again."""
    lines = [schema_line] if schema_line else []
    lines += _comment(
        f"The action plan: the actions still open at the end of round {carried_from}, "
        "carried over. Each action: id (never reused), title, enablers (ids), optional "
        "indicators and challenges, owner (a role or organisation), due (YYYY-MM-DD), "
        "status (proposed, agreed, in-progress, done or dropped), completed (the day "
        "it was done), success and notes."
    )
    lines.append("actions:" if actions else "actions: []")
    for a in actions:
        lines.append(f"  - id: {_q(a.id)}")
        lines.append(f"    title: {_q(a.title)}")
        for key in ("enablers", "indicators", "challenges"):
            values: list[str] = getattr(a, key)
            if values or key == "enablers":
                lines.append(f"    {key}: {_list(values)}")
        if a.owner:
            lines.append(f"    owner: {_q(a.owner)}")
        if a.due:
            lines.append(f"    due: {a.due.isoformat()}")
        lines.append(f"    status: {a.status}")
        if a.completed:
            lines.append(f"    completed: {a.completed.isoformat()}")
        for key in ("success", "notes"):
            text: str | None = getattr(a, key)
            if text:
                lines.append(f"    {key}: {_q(text)}")
    return "\n".join(lines) + "\n"


def targets_yaml(targets: dict[str, ScoreValue | None], carried_from: str) -> str:
    """``agreed.yaml`` holding only the targets carried from the round ``carried_from``."""
    lines = _comment(
        f"What the partnership agrees at this round's meeting. The targets are carried "
        f"from round {carried_from}; change them as the partnership decides."
    )
    lines += ["agreed:", "targets:"]
    lines += [f"  {key}:{_value(value)}" for key, value in targets.items() if value is not None]
    lines.append("notes:")
    return "\n".join(lines) + "\n"
