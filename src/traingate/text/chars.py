"""Sets of code points that render as nothing, and small helpers over code point ranges.

Shared by the normalizer (which deletes them) and the hidden-text detectors (which report
them). Ranges are inclusive ``(first, last)`` pairs; :func:`py_class` and :func:`re2_class`
turn them into regex character classes for Python's :mod:`re` and for RE2 prefilters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

Ranges = tuple[tuple[int, int], ...]

# Unicode 14 DerivedCoreProperties.txt, Default_Ignorable_Code_Point: what a renderer that
# does not support a character must show as nothing, so what a reader cannot see.
DEFAULT_IGNORABLE: Ranges = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul choseong / jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors, vowel separator
    (0x200B, 0x200F),  # zero width space, ZWNJ, ZWJ, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates, deprecated
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors 1-16
    (0xFEFF, 0xFEFF),  # zero width no-break space (BOM)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),  # unassigned, reserved as ignorable
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tags, variation selectors 17-256, reserved
)

# Unicode 14 format characters (Cf) that are not default ignorable: prepended number
# signs and similar, visible where supported but never letters.
OTHER_FORMAT: Ranges = (
    (0x0600, 0x0605),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x13438),
)

# C0 and C1 control characters that Python does not treat as whitespace.
CONTROLS: Ranges = ((0x00, 0x08), (0x0E, 0x1B), (0x7F, 0x84), (0x86, 0x9F))

BIDI_CONTROLS: Ranges = ((0x202A, 0x202E), (0x2066, 0x2069))
TAGS: Ranges = ((0xE0000, 0xE007F),)
VARIATION_SELECTORS: Ranges = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))

ZWSP, ZWNJ, ZWJ = "\u200b", "\u200c", "\u200d"
BLACK_FLAG = "\U0001f3f4"
CANCEL_TAG = "\U000e007f"
HANGUL_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
KHMER_INHERENT_VOWELS = frozenset("\u17b4\u17b5")
MONGOLIAN_SELECTORS = frozenset("\u180b\u180c\u180d\u180e\u180f")


def contains(ranges: Ranges, char: str) -> bool:
    code = ord(char)
    return any(first <= code <= last for first, last in ranges)


def subtract(ranges: Ranges, *minus: Ranges) -> Ranges:
    """``ranges`` without the code points of ``minus`` (small inputs, so a plain walk)."""
    cut = sorted(r for group in minus for r in group)
    out: list[tuple[int, int]] = []
    for first, last in ranges:
        start = first
        for low, high in cut:
            if high < start or low > last:
                continue
            if low > start:
                out.append((start, low - 1))
            start = max(start, high + 1)
        if start <= last:
            out.append((start, last))
    return tuple(out)


def merge(*groups: Iterable[tuple[int, int]]) -> Ranges:
    """The union of ``groups`` as sorted, non-overlapping, non-adjacent ranges."""
    out: list[tuple[int, int]] = []
    for first, last in sorted(r for group in groups for r in group):
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return tuple(out)


def ranges_of(codes: Iterable[int]) -> Ranges:
    return merge((code, code) for code in codes)


def py_class(ranges: Ranges) -> str:
    """A character class body for Python's :mod:`re` (escaped, without the brackets)."""
    return "".join(
        _py(first) if first == last else f"{_py(first)}-{_py(last)}" for first, last in ranges
    )


def re2_class(ranges: Ranges) -> str:
    """A character class for an RE2 pattern, with ``\\x{...}`` escapes."""
    body = "".join(
        f"\\x{{{first:X}}}" if first == last else f"\\x{{{first:X}}}-\\x{{{last:X}}}"
        for first, last in ranges
    )
    return f"[{body}]"


def _py(code: int) -> str:
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def label(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: how findings name a character the reader cannot see."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"
