"""Code point ranges and the block-based script table."""

# ruff: noqa: RUF001 (look-alike characters are what these tests are about)

from __future__ import annotations

import itertools
import re

import pytest
import re2

from traingate.text.chars import merge, py_class, ranges_of, re2_class, subtract
from traingate.text.scripts import BLOCKS, GREEK, LATIN, LOOKALIKE, script_of


def test_merge_and_subtract() -> None:
    assert merge([(5, 9), (1, 3)], [(4, 4), (20, 20)]) == ((1, 9), (20, 20))
    assert ranges_of([3, 1, 2, 7]) == ((1, 3), (7, 7))
    assert subtract(((0, 10),), ((2, 3),), ((5, 5), (9, 12))) == ((0, 1), (4, 4), (6, 8))
    assert subtract(((0, 3),), ((0, 3),)) == ()


def test_classes_match_their_ranges() -> None:
    ranges = ((0x00, 0x08), (0x2D, 0x2D), (0x5D, 0x5E), (0x200B, 0x200B), (0xE0000, 0xE0002))
    python, google = re.compile(f"[{py_class(ranges)}]"), re2.compile(re2_class(ranges))
    for code in [0, 8, 9, 0x2C, 0x2D, 0x5C, 0x5D, 0x5E, 0x200B, 0x200C, 0xE0002, 0xE0003]:
        inside = any(first <= code <= last for first, last in ranges)
        assert bool(python.fullmatch(chr(code))) is inside, hex(code)
        assert bool(google.fullmatch(chr(code))) is inside, hex(code)


def test_block_table_is_sorted_and_disjoint() -> None:
    for (_, last, _), (first, _, _) in itertools.pairwise(BLOCKS):
        assert last < first
    assert {script for _, _, script in BLOCKS} == LOOKALIKE


@pytest.mark.parametrize(
    ("char", "script"),
    [
        ("a", LATIN),
        ("é", LATIN),
        ("ɑ", LATIN),
        ("ᴅ", LATIN),
        ("ｄ", LATIN),
        ("α", GREEK),
        ("ᴦ", GREEK),
        ("Ϣ", "Coptic"),
        ("а", "Cyrillic"),
        ("ᴫ", "Cyrillic"),
        ("օ", "Armenian"),
        ("Ꮯ", "Cherokee"),
        ("ꓐ", "Lisu"),
        ("ᑭ", "Canadian syllabics"),
        ("1", None),
        ("漢", None),
        ("ا", None),
        ("𝐝", None),
    ],
)
def test_script_of(char: str, script: str | None) -> None:
    assert script_of(char) == script
