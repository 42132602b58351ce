"""``printable``: control and format characters shown as escapes wherever bbtool prints
a path or a name; and ``Problem`` lines, which use it."""

from __future__ import annotations

import pytest

from bbtool.errors import Problem, printable


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07\x1b[2J", "\\x1b]0;pwned\\x07\\x1b[2J"),  # retitle, clear
        ("a\n::error file=x::boom", "a\\n::error file=x::boom"),  # a workflow command
        ("a\rb\tc\x7f\x85\x9b", "a\\rb\\tc\\x7f\\x85\\x9b"),  # C1 controls too
        ("gpj.\u202eexe", "gpj.\\u202eexe"),  # right-to-left override
        ("a\u200bb\ufeffc\u2028d", "a\\u200bb\\ufeffc\\u2028d"),  # zero-width, BOM, line sep.
        ("bad\udcffname", "bad\\udcffname"),  # a byte that is not UTF-8 (surrogateescape)
        ("\U000e0001tag", "\\U000e0001tag"),  # a format character past the BMP
    ],
)
def test_control_and_format_characters_are_escaped(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(shown) == shown  # escaping twice changes nothing


@pytest.mark.parametrize(
    "text", ["participants/01-иван-петров.yaml", "李华 Ann Lee", "Zoë\u00a0O'Brien", "C:\\x"]
)
def test_letters_and_spaces_of_every_script_are_kept(text: str) -> None:
    assert printable(text) == text


def test_a_problem_line_escapes_its_path_and_message() -> None:
    problem = Problem("ws/participants/a\x1b[2J\n::error::x.yaml", 2, 3, "is \u202ebad")
    assert str(problem) == "ws/participants/a\\x1b[2J\\n::error::x.yaml:2:3: is \\u202ebad"
