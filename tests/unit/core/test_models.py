"""``person_key``: when two names are the same person's. Look-alike spellings of one
name (composed and decomposed accents, full-width letters, zero-width and other format
characters, case, doubled spaces) are one person; different letters are not."""

from __future__ import annotations

import unicodedata

import pytest

from bbtool.core.models import person_key

JOSE = "José Núñez"


@pytest.mark.parametrize(
    "look_alike",
    [
        unicodedata.normalize("NFC", JOSE),
        unicodedata.normalize("NFD", JOSE),
        "JOSÉ NÚÑEZ",
        "Jo\u200bsé Nú\u200dñez",  # zero-width space and joiner
        "\ufeffJosé\u2060 Núñez\u202e",  # BOM, word joiner, right-to-left override
        "José\u00a0 Núñez",  # a no-break space and a doubled space
    ],
)
def test_look_alikes_are_one_person(look_alike: str) -> None:
    assert person_key(look_alike) == person_key(unicodedata.normalize("NFC", JOSE))


def test_full_width_letters_are_the_plain_ones() -> None:
    assert person_key("\uff21\uff4e\uff4e \uff2c\uff45\uff45") == person_key("ann lee")


def test_different_letters_are_different_people() -> None:
    assert person_key("José Núñez") != person_key("Jose Nunez")
    assert person_key("Иван") != person_key("Ивана")
    assert person_key("Ольга") == person_key("ОЛЬГА")
