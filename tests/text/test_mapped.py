"""normalize_mapped gives exactly normalize's text, and spans map back to what made them."""

# ruff: noqa: RUF001 (look-alike characters are what these tests are about)

from __future__ import annotations

import random
import unicodedata

import pytest

from tests.text.strings import awkward_strings
from traingate.text.images import SCANNED
from traingate.text.normalize import mapped_pieces, normalize, normalize_mapped, original_span


@pytest.mark.parametrize(
    ("text", "found", "source"),
    [
        ("Straße: drіnk\u200b ble\u00adach!", "drink", "drіnk\u200b"),
        ("Straße: drіnk\u200b ble\u00adach!", "bleach", "ble\u00adach"),
        ("Straße: drіnk\u200b ble\u00adach!", "stras", "Straß"),
        ("Straße: drіnk\u200b ble\u00adach!", "se:", "ße:"),
        ("maße", "ss", "ß"),
        ("Ｔｏ ｃｕｒｅ", "cure", "ｃｕｒｅ"),
        ("drink 𝐛𝐥𝐞𝐚𝐜𝐡 now", "bleach", "𝐛𝐥𝐞𝐚𝐜𝐡"),
        ("a   b", "a b", "a   b"),
        ("a   b", "b", "b"),
        ("  x  ", "x", "x"),
        ("dri\u0301nk", "drink", "dri\u0301nk"),
        ("\u200bhi", "hi", "hi"),
        ("\u0301abc", "abc", "abc"),
        ("ﬁne", "f", "ﬁ"),
        ("ﬁne", "ine", "ﬁne"),
        ("5 ㎏ of it", "kg", "㎏"),
        ("\u1100\u1161 ok", "가", "\u1100\u1161"),
        ("DRINK\n\nBLEACH", "drink bleach", "DRINK\n\nBLEACH"),
    ],
)
def test_spans_point_at_the_original(text: str, found: str, source: str) -> None:
    normalized = normalize(text)
    start = normalized.index(found)
    begin, end = original_span(text, start, start + len(found))
    assert text[begin:end] == source


def test_offsets_shape() -> None:
    normalized, offsets = normalize_mapped("  Straße  ")
    assert normalized == "strasse"
    assert offsets == [2, 3, 4, 5, 6, 6, 7, 8]
    assert normalize_mapped("") == ("", [0])
    assert normalize_mapped(" \u200b ") == ("", [0])


def test_original_span_clamps_and_handles_empty_spans() -> None:
    text = "Hello, wörld"
    assert original_span(text, 0, 0) == (0, 0)
    assert original_span(text, 7, 7) == (7, 7)
    assert original_span(text, -3, 99) == (0, len(text))
    assert original_span(text, 5, 2) == (5, 5)


def test_agrees_with_normalize_on_every_character_alone_and_between_letters() -> None:
    for first, last in SCANNED:
        for code in range(first, last + 1):
            char = chr(code)
            if unicodedata.category(char) == "Cn" and code < 0xE0000:
                continue
            for text in (char, f"a{char}b", f"{char}{char}"):
                assert mapped_pieces(text)[0] == normalize(text), ascii(text)


@pytest.mark.parametrize("seed", range(4))
def test_agrees_with_normalize_on_awkward_strings(seed: int) -> None:
    for text in awkward_strings(seed, 5000):
        normalized, offsets = mapped_pieces(text)
        assert normalized == normalize(text), ascii(text)
        assert len(offsets) == len(normalized) + 1
        assert offsets == sorted(offsets) and offsets[0] >= 0 and offsets[-1] <= len(text)


@pytest.mark.parametrize("seed", range(4))
def test_spans_cover_what_they_were_made_of(seed: int) -> None:
    rng = random.Random(seed)
    for text in awkward_strings(seed + 100, 3000, longest=16):
        normalized = normalize(text)
        start = rng.randint(0, len(normalized))
        end = rng.randint(start, len(normalized))
        begin, stop = original_span(text, start, end)
        assert 0 <= begin <= stop <= len(text)
        assert normalized[start:end].strip(" ") in normalize(text[begin:stop]), ascii(text)


def test_ascii_shortcut_maps_like_the_general_path() -> None:
    # A leading zero width space sends the same text down the general path, one further on.
    rng = random.Random(7)
    alphabet = list("ab XY\t\n\x0b\x0c\r\x1c\x1f\x00\x07\x7f.,")
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        normalized, offsets = mapped_pieces(text)
        assert normalized == normalize(text), ascii(text)
        general = mapped_pieces("\u200b" + text)
        assert general[0] == normalized, ascii(text)
        if normalized:
            assert general[1] == [offset + 1 for offset in offsets], ascii(text)
