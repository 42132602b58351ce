"""``bbtool init``: the files of a new workspace (or the new people's in an existing
one), and the repository files for CI and pre-commit. Nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bbtool.app.next_round import Carried, carried_from
from bbtool.core.models import MAX_NAME, Framework, person_key, text_fault
from bbtool.errors import InputError, Problem, UsageError, printable
from bbtool.files import create_each
from bbtool.render.ci import GITIGNORE, PRE_COMMIT_PATH, ci_file, gitignore, pre_commit_config
from bbtool.render.schema import actions_schema, score_file_schema
from bbtool.render.templates import score_template, workspace_config
from bbtool.workspace import yaml_source
from bbtool.workspace.framework_files import FRAMEWORK_FILES, load_framework
from bbtool.workspace.layout import (
    ACTIONS_SCHEMA_FILE,
    CONFIG,
    PARTICIPANTS,
    SCHEMA_FILE,
    SCHEMA_LINE,
    Roster,
    display_path,
)
from bbtool.workspace.loader import checked_levels, load_config
from bbtool.workspace.repository import (
    SOURCES_HELP,
    WHEEL_FOLDER,
    install_source,
    repository_place,
)

CI_SERVICES = ("github", "gitlab")
MAX_CHECKED = 50_000_000  # a file there already is read to see that it is whole up to this


@dataclass(frozen=True)
class InitRequest:
    directory: Path
    area: str | None = None
    round: str | None = None
    participants: int | None = None
    names: str | None = None  # as given: "A,B"
    ci: str | None = None  # github or gitlab
    install_from: str | None = None
    pre_commit: bool = False
    from_: Path | None = None  # --from: the last round's workspace
    framework: Path | None = None  # a framework folder for a new workspace
    names_file: Path | None = None  # --names-file: one name a line


@dataclass
class InitDone:
    written: list[Path]
    kept: list[Path]
    faulty: list[tuple[Path, str]]  # files there already, left alone, and what is wrong
    notes: list[str] = field(default_factory=list)  # to say after what was written
    warnings: list[str] = field(default_factory=list)  # to say on standard error
    participants_folder: Path = Path(PARTICIPANTS)


def people_from(names: str) -> list[str]:
    """``--names "A,B"`` as a list, each name given once."""
    people = [n.strip() for n in names.split(",")]
    if not all(people):
        raise UsageError("--names: a name is empty; separate names with commas")
    for person in people:  # what a score file's participant.name may hold
        _check_text("--names", person, "a name")
    if len({person_key(p) for p in people}) != len(people):
        raise UsageError("--names: a name is given twice; each participant needs their own")
    return people


def surname_first(names: str) -> str | None:
    """A warning when ``--names`` looks like "Surname, Forename" (every name a single
    word, an even number of them: "Shah, Priya" is one person to the eye, two to the
    comma); None when it does not."""
    people = [n.strip() for n in names.split(",")]
    if len(people) % 2 or not all(p and len(p.split()) == 1 for p in people):
        return None
    pair = f"{people[0]}, {people[1]}"
    return (
        f"warning: --names gave {len(people)} people, each one word ({', '.join(people)}); "
        f'if "{pair}" is one person, write "{people[1]} {people[0]}", or give the '
        "names with --names-file (one name a line)"
    )


MAX_NAMES_FILE = 1_000_000


def read_names_file(file: Path) -> list[str]:
    """``--names-file``: one name a line (UTF-8), blank lines and lines starting with
    ``#`` left out, each name given once; InputError naming the line otherwise."""
    shown = display_path(file)
    if not file.is_file():
        raise UsageError(f"--names-file {shown}: no such file")
    text = yaml_source.decode(yaml_source.read_bytes(file, shown, MAX_NAMES_FILE), shown)
    problems: list[Problem] = []
    people: list[str] = []
    first: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        fault = text_fault(name, MAX_NAME)
        key = person_key(name)
        if fault is not None:
            problems.append(Problem(shown, number, 1, f"the name {fault}"))
        elif key in first:
            problems.append(
                Problem(
                    shown,
                    number,
                    1,
                    f"{name!r} is given twice (first on line {first[key]}); each "
                    "participant needs their own name",
                )
            )
        else:
            first[key] = number
            people.append(name)
    if problems:
        raise InputError(problems)
    if not people:
        raise InputError([Problem(shown, None, None, "holds no names; write one name a line")])
    return people


def people_given(names: str | None, names_file: Path | None) -> tuple[list[str] | None, list[str]]:
    """The people ``--names`` or ``--names-file`` give (None: neither), and a warning
    if ``--names`` looks like "Surname, Forename"."""
    if names is not None and names_file is not None:
        raise UsageError("give --names or --names-file, not both")
    if names_file is not None:
        return read_names_file(names_file), []
    if names is None:
        return None, []
    warning = surname_first(names)
    return people_from(names), [warning] if warning else []


def fault_in(file: Path) -> str | None:
    """What is wrong with a file that ``init`` or ``form`` would have written, found
    there already: empty, or cut short so that it no longer reads (a full disk or a
    kill while an older bbtool wrote it); None if it reads."""
    try:
        raw = file.read_bytes() if file.stat().st_size <= MAX_CHECKED else None
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if raw is None:  # too big to have been cut short
        return None
    if not raw.strip() and file.name != GITIGNORE:
        return "is empty"
    suffix = file.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            yaml_source.parse(yaml_source.decode(raw, str(file)), str(file))
        elif suffix == ".json":
            json.loads(raw)
        elif suffix in (".xlsx", ".whl"):
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                archive.namelist()
    except InputError as exc:
        return f"does not read as YAML ({exc.problems[0].message})"
    except ValueError:
        return "does not read as JSON"
    except zipfile.BadZipFile:
        return "is cut short or damaged (not a whole zip file)"
    return None


def _check_text(option: str, text: str, what: str) -> None:
    """UsageError when ``text`` could not go into a score file or bbtool.yaml (too
    long, a control character, not UTF-8); the message quotes its start only."""
    fault = text_fault(text, MAX_NAME)
    if fault is not None:
        start = printable(text[:40]) + ("..." if len(text) > 40 else "")
        raise UsageError(f"{option}: {what} ('{start}') {fault}")


def init(request: InitRequest, beside: Callable[[Path], Path] = lambda p: p) -> InitDone:
    """Create what ``request`` asks for; ``beside`` shows a repository path as the
    person typing would (relative to their folder). UsageError before anything is
    written for options that do not go together."""
    if request.participants is not None and request.names is not None:
        raise UsageError("give --participants or --names, not both")
    if request.participants is not None and request.names_file is not None:
        raise UsageError("give --participants or --names-file, not both")
    if request.participants is not None and request.from_ is not None:
        raise UsageError("--from starts the last round's participants; name others with --names")
    if request.framework is not None and request.from_ is not None:
        raise UsageError("--from keeps the last round's framework; give --framework or --from")
    people, warnings = people_given(request.names, request.names_file)
    for option, text in (("--area", request.area), ("--round", request.round)):
        if text is not None:
            _check_text(option, text, option.removeprefix("--"))
    carried = None
    if request.from_ is not None:
        carried = carried_from(request.from_, request.directory, request.round)
        people = people or carried.people
    settings, templates = _workspace_files(request, people, carried)
    place = repository_place(request.directory)
    repository, copies = _repository_files(request, place.root, beside)
    ci_kept = bool(repository) and request.ci is not None and repository[0][0].exists()
    if ci_kept:
        copies = []  # the CI file there already installs what it names, not this wheel
    written, kept, faulty = create_each(settings + repository + templates + copies, check=fault_in)
    done = InitDone(written, kept, faulty, participants_folder=request.directory / PARTICIPANTS)
    done.warnings = warnings
    done.notes += carried.notes(kept) if carried is not None else []
    if (request.ci or request.pre_commit) and not place.in_git:
        done.notes.append(
            f"note: no git repository holds {request.directory}: the repository files were "
            f"written in it; make it the repository's root (git init {request.directory})"
        )
    if ci_kept:
        done.notes.append(
            "note: the CI file there already installs bbtool from where it says (BBTOOL "
            "in it); to change that, edit it, or delete it and run init again"
        )
    elif request.ci:
        what = (
            f"{CONFIG}, the CI file and {WHEEL_FOLDER}/" if copies else f"{CONFIG} and the CI file"
        )
        done.notes.append(
            "CI checks and reports every round in the repository (each folder with "
            f"{CONFIG}) on every push; commit {what} to start it."
        )
    return done


Planned = list[tuple[Path, Callable[[], bytes]]]


def _workspace_files(
    request: InitRequest, named: list[str] | None, carried: Carried | None = None
) -> tuple[Planned, Planned]:
    """The workspace's settings files (with what ``carried`` brings from the last
    round), and a template per participant."""
    directory = request.directory
    # the next round (--from) keeps the last round's framework, named in its settings
    framework, framework_path = (
        (carried.framework, None) if carried is not None else _framework(request)
    )
    if carried is None and (directory / CONFIG).is_file() and fault_in(directory / CONFIG) is None:
        framework = _with_levels(directory, framework)
    area = request.area or (carried.area if carried else directory.resolve().name)
    round_ = request.round or str(dt.date.today().year)
    schema_text = json.dumps(score_file_schema(framework), indent=2, ensure_ascii=False) + "\n"
    # for actions.yaml, written by hand after the meeting (or by --from): editors check it
    actions_schema_text = json.dumps(actions_schema(framework), indent=2, ensure_ascii=False) + "\n"
    config = workspace_config(area, round_, framework_path) + (carried.settings if carried else "")
    texts: list[tuple[Path, str]] = [
        (directory / CONFIG, config),
        (directory / SCHEMA_FILE, schema_text),
        (directory / ACTIONS_SCHEMA_FILE, actions_schema_text),
        (directory / GITIGNORE, gitignore()),
        *(carried.files if carried else []),
    ]
    people = named or [f"Participant {i}" for i in range(1, (request.participants or 1) + 1)]
    width = max(2, len(str(len(people))))
    folder = directory / PARTICIPANTS
    roster = Roster(directory, width)
    templates: list[tuple[Path, str]] = []
    for i, person in enumerate(people, 1):
        # someone named again (in any order) keeps their file, whatever its number;
        # a new person is numbered after everyone already there
        if named is not None:
            target = roster.file_for(person)
        else:
            target = folder / f"{i:0{width}d}-participant.yaml"
        details = carried.details.get(person_key(person)) if carried else None
        templates.append((target, score_template(framework, person, SCHEMA_LINE, details)))
    return [(t, text.encode) for t, text in texts], [(t, text.encode) for t, text in templates]


def _framework(request: InitRequest) -> tuple[Framework, str | None]:
    """The framework the workspace's files are made for, and what its ``bbtool.yaml``
    is to name (a path relative to the workspace; None for the built-in one).

    A workspace there already keeps the framework its ``bbtool.yaml`` names: asked for
    another, init refuses rather than write templates that would not match it."""
    directory = request.directory
    config = directory / CONFIG
    wanted = request.framework
    if wanted is not None and not (wanted / FRAMEWORK_FILES[0]).is_file():
        raise UsageError(
            f"--framework {printable(str(wanted))}: not a folder holding {FRAMEWORK_FILES[0]}"
        )
    if config.is_file() and fault_in(config) is None:
        data = yaml_source.load(config, display_path(config)).data
        named = data.get("framework") if isinstance(data, dict) else None
        if isinstance(named, str) and named.strip():
            folder = directory / named
            if wanted is not None and wanted.resolve() != folder.resolve():
                raise UsageError(
                    f"{display_path(config)} already names the framework {named!r}; a "
                    "workspace keeps its framework (start a new workspace for another)"
                )
            return load_framework(folder), named
        if wanted is not None:
            raise UsageError(
                f"{display_path(config)} is there already, with the built-in framework; a "
                "workspace keeps its framework (start a new workspace for another)"
            )
    if wanted is None:
        return load_framework(), None
    return load_framework(wanted), _relative(wanted, directory)


def _with_levels(directory: Path, framework: Framework) -> Framework:
    """``framework`` with the levels the workspace's ``bbtool.yaml`` sets (checked at
    their lines), so that new people's templates name them; as it is without."""
    config = directory / CONFIG
    data = yaml_source.load(config, display_path(config)).data
    if not isinstance(data, dict) or "levels" not in data:
        return framework
    settings, doc = load_config(directory)
    return framework.model_copy(update={"levels": checked_levels(settings, doc)})


def _relative(folder: Path, directory: Path) -> str:
    """``folder`` as ``bbtool.yaml`` in ``directory`` names it: relative, with forward
    slashes (so the workspace moves, and reads the same on Windows); absolute only
    when no relative path joins them (another drive)."""
    try:
        return Path(os.path.relpath(folder.resolve(), directory.resolve())).as_posix()
    except ValueError:
        return folder.resolve().as_posix()


def _repository_files(
    request: InitRequest, root: Path, beside: Callable[[Path], Path]
) -> tuple[Planned, Planned]:
    """The CI and pre-commit files at the repository's ``root``, and the wheel to copy."""
    if request.install_from is not None and request.ci is None:
        raise UsageError("--install-from goes with --ci github or --ci gitlab")
    planned: Planned = []
    copies: Planned = []
    if request.ci is not None:
        if request.ci not in CI_SERVICES:
            raise UsageError(f"--ci {request.ci}: CI is github or gitlab")
        if request.install_from is None:
            raise UsageError(f"--ci {request.ci}: {SOURCES_HELP}")
        source = install_source(request.install_from)
        path, text = ci_file("github" if request.ci == "github" else "gitlab", source.requirement)
        planned.append((beside(root / path), text.encode))
        if source.wheel is not None and source.wheel_target is not None:
            copies.append((beside(root / source.wheel_target), source.wheel.read_bytes))
    if request.pre_commit:
        planned.append((beside(root / PRE_COMMIT_PATH), pre_commit_config().encode))
    return planned, copies
