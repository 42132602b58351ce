"""``Roster``: a person's score file is found again by its name *and* the name written
in it; two people whose names give one file-name stem never share a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bbtool.workspace.layout import Roster

MakeWorkspace = Callable[..., Path]


def _person(name: str) -> str:
    return f'participant:\n  name: "{name}"\n'


def test_a_person_is_found_again_under_their_stem(make_workspace: MakeWorkspace) -> None:
    root = make_workspace({"01-иван-петров.yaml": _person("Иван Петров")})
    roster = Roster(root)
    assert roster.file_for("ИВАН ПЕТРОВ").name == "01-иван-петров.yaml"
    assert roster.file_for("Ольга Смирнова").name == "02-ольга-смирнова.yaml"


def test_two_people_of_one_stem_get_a_file_each(make_workspace: MakeWorkspace) -> None:
    root = make_workspace({"01-ann-lee.yaml": _person("Ann Lee")})
    roster = Roster(root)
    assert roster.file_for("Ann-Lee").name == "02-ann-lee.yaml"
    assert roster.file_for("Ann Lee").name == "01-ann-lee.yaml"


def test_files_named_by_earlier_versions(make_workspace: MakeWorkspace) -> None:
    # before, every non-Latin name gave "participant" and accents were dropped
    root = make_workspace(
        {
            "01-participant.yaml": _person("Иван Петров"),
            "02-participant.yaml": _person("Ольга Смирнова"),
            "03-jose-nunez.yaml": _person("José Núñez"),
        }
    )
    roster = Roster(root)
    assert roster.file_for("Ольга Смирнова").name == "02-participant.yaml"
    assert roster.file_for("Иван Петров").name == "01-participant.yaml"
    assert roster.file_for("José Núñez").name == "03-jose-nunez.yaml"
    assert roster.file_for("Jose Nunez").name == "04-jose-nunez.yaml"
    assert roster.file_for("Γιώργος").name == "05-γιώργος.yaml"


def test_a_file_that_cannot_be_read_is_kept_for_its_stem_only(
    make_workspace: MakeWorkspace,
) -> None:
    root = make_workspace({"01-ann.yaml": "participant: [", "02-participant.yaml": "{"})
    roster = Roster(root)
    assert roster.file_for("Ann").name == "01-ann.yaml"
    assert roster.file_for("Иван").name == "03-иван.yaml"
