"""The invariants the normalizer's speed rests on, checked over all of Unicode."""

from __future__ import annotations

import unicodedata

import pytest

from traingate.text.chars import CONTROLS, DEFAULT_IGNORABLE, OTHER_FORMAT, contains, merge
from traingate.text.images import SCANNED
from traingate.text.normalize import normalize
from traingate.text.tables import ASTRAL_BLOCKS, ASTRAL_MARK_BLOCKS, tables

ALL = range(0x110000)


def _scanned(code: int) -> bool:
    return any(first <= code <= last for first, last in SCANNED)


def test_characters_outside_the_scanned_ranges_do_not_change() -> None:
    for code in ALL:
        if _scanned(code) or 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        assert not unicodedata.decomposition(char) or 0xAC00 <= code <= 0xD7A3, hex(code)
        assert char.casefold() == char and not char.isspace(), hex(code)
        assert unicodedata.category(char) not in ("Cf", "Mn", "Mc", "Me"), hex(code)
        if code % 97 == 0:  # what the properties above imply, on a sample
            assert normalize(char) == char, hex(code)


def test_images_are_final() -> None:
    images = tables().images
    for code, image in images.items():
        for char in image:
            assert images.get(ord(char), char) == char, (hex(code), image)
        assert unicodedata.is_normalized("NFKC", image), hex(code)


def test_normalize_is_idempotent_on_every_character_that_changes() -> None:
    for first, last in SCANNED:
        for code in range(first, last + 1):
            normalized = normalize(chr(code))
            assert normalize(normalized) == normalized, hex(code)


def test_supplementary_characters_that_change_are_in_the_searched_blocks() -> None:
    found = tables()
    changing = [c for c in found.images if c > 0xFFFF]
    assert all(contains(ASTRAL_BLOCKS, chr(c)) for c in changing)
    marks = [c for first, last in found.marks for c in range(first, last + 1) if c > 0xFFFF]
    assert marks and all(contains(ASTRAL_MARK_BLOCKS[:1], chr(c)) for c in marks)


def test_only_marks_and_a_few_vowels_turn_into_marks() -> None:
    leading = sorted(
        code
        for code, image in tables().images.items()
        if image
        and unicodedata.category(image[0])[0] == "M"
        and unicodedata.category(chr(code))[0] != "M"
    )
    assert leading == [0x0E33, 0x0EB3, 0xFF9E, 0xFF9F]


@pytest.mark.skipif(unicodedata.unidata_version != "14.0.0", reason="lists are Unicode 14")
def test_static_lists_are_every_format_character() -> None:
    static = merge(DEFAULT_IGNORABLE, OTHER_FORMAT)
    formats = [c for c in ALL if unicodedata.category(chr(c)) == "Cf"]
    assert all(contains(static, chr(c)) for c in formats)
    controls = [c for c in ALL if unicodedata.category(chr(c)) == "Cc" and not chr(c).isspace()]
    assert all(contains(CONTROLS, chr(c)) for c in controls)
    assert not any(chr(c).isspace() for first, last in CONTROLS for c in range(first, last + 1))
