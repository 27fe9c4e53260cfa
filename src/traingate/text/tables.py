"""The normalizer's tables, built once, and the two steps that use them on a whole text.

Every character that normalization changes gets its *image* (``traingate.text.images``),
so steps 1-6 of :mod:`traingate.text.normalize` come down to replacing characters by
their images, then the parts that depend on neighbours: dropping marks after Latin
letters and canonical composition. The regexes here decide whether that work is needed
and find where; Python's :mod:`re` tests a class as one bitmap lookup in the Basic
Multilingual Plane but range by range above it, so supplementary-plane characters are
matched by whole blocks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache as once
from typing import Any

from traingate import package_data
from traingate.text import cache
from traingate.text.chars import Ranges, merge, py_class, ranges_of
from traingate.text.images import ALNUM_OR_SPACE, build_images

# What the images are built from, besides the Unicode database.
_INPUTS = ("images.py", "chars.py", "confusables.py", "data/confusables.txt", "tables.py")

# Blocks outside the BMP holding every supplementary character that changes or is a
# mark (tests check it). Emoji (U+1F300-U+1FAFF) stay outside: emoji do not change.
ASTRAL_BLOCKS: Ranges = (
    (0x10000, 0x1F2FF),
    (0x1FB00, 0x1FFFF),
    (0x2F800, 0x2FA1F),
    (0xE0000, 0xE0FFF),
)
# Where the supplementary-plane combining marks are (historic scripts, music, signwriting,
# and the variation selectors, which are deleted).
ASTRAL_MARK_BLOCKS: Ranges = ((0x10000, 0x1EFFF), (0xE0000, 0xE0FFF))
# Beyond this many distinct characters to replace, one translate() is cheaper.
_MOST_REPLACED = 32


class _Translation(dict[int, "str | int"]):
    """A ``str.translate`` table that remembers unchanged characters: inside
    ``translate`` a lookup that misses raises and catches ``KeyError``, slower than a hit."""

    def __missing__(self, code: int) -> int:
        self[code] = code
        return code


@dataclass(frozen=True)
class Tables:
    images: Mapping[int, str]
    """Code point -> image, for every character whose image is not itself."""
    translation: dict[int, str | int]
    marks: Ranges
    """The combining marks (M*) that are not deleted."""
    hits: re.Pattern[str]
    """Matches a character outside ASCII that may change (a superset)."""
    marks_ahead: re.Pattern[str]
    """Matches a character outside ASCII that may be or become a mark (a superset)."""
    astral_marks: re.Pattern[str]

    def translate(self, text: str, wide: str) -> str:
        """``text.translate(images)``; ``wide`` holds (at least) its characters outside ASCII.

        ``translate`` costs about 60 ns a character, ``str.replace`` well under one, so
        each character that changes is replaced in turn when there are few of them (a
        text uses few distinct characters): its first occurrence is found by searching
        ``wide`` onwards from the previous one, since nothing before that changes.
        ``wide`` may be ``text`` itself, for text that is mostly not ASCII.
        """
        position = 0
        same = wide is text
        for _ in range(_MOST_REPLACED):
            match = self.hits.search(wide, position)
            if match is None:
                return text
            char, position = match[0], match.start()
            image = self.images.get(ord(char))
            if image is not None:  # else a supplementary character let through by block
                text = text.replace(char, image)
            if not same:
                wide = wide.replace(char, "")
            elif image is None:
                position += 1
            else:
                wide = text
        return text.translate(self.translation)

    def strip_marks(self, text: str) -> str:
        """Drop every run of combining marks after an ASCII letter or digit, whitespace or
        the start of ``text`` (step 5), once ``text`` is translated (so its whitespace is
        ASCII)."""
        if self.astral_marks.search(text):
            return _strip_marks_slowly(text)
        # Marks are common after letters of other scripts (Devanagari vowel signs) and
        # rare after ASCII, so a search without a group (which Python's re scans fast)
        # decides whether the substitution (which it does not) is needed.
        base_mark, strip_bmp = _mark_patterns()
        if base_mark.search(text) or (text and _is_mark(text[0])):
            return strip_bmp.sub(r"\1", text)
        return text


@once
def tables() -> Tables:
    images, marks, leading, changing = _images()
    hits = coarse_class(ASTRAL_BLOCKS, changing)
    return Tables(
        images=images,
        translation=_Translation(images),
        marks=marks,
        hits=re.compile(f"[{hits}]"),
        marks_ahead=re.compile(f"[{coarse_class(ASTRAL_MARK_BLOCKS, marks, leading)}]"),
        astral_marks=re.compile(f"[{py_class(ASTRAL_MARK_BLOCKS[:1])}]"),
    )


@once
def _mark_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A mark after a Latin letter, digit or space, and runs of them to strip: compiled on
    first use (a millisecond each), since most texts have no mark that could need it."""
    marks = tables().marks
    bmp_marks = py_class(tuple((first, last) for first, last in marks if last <= 0xFFFF))
    return (
        re.compile(f"{ALNUM_OR_SPACE}[{bmp_marks}]"),
        re.compile(f"(^|{ALNUM_OR_SPACE})[{bmp_marks}]+"),
    )


Built = tuple[dict[int, str], Ranges, Ranges, Ranges]
_RANGES = ("marks", "leading", "changing")


def _images() -> Built:
    """The images, the marks, the characters whose image starts with a mark and those
    outside ASCII that change, from the disk cache when an entry was built from the same
    inputs (the Unicode version, the confusables table and the code that builds them)."""
    sources = [package_data.read_bytes("traingate.text", name) for name in _INPUTS]
    name = cache.key("normalize-images", unicodedata.unidata_version, *sources)
    found = _valid(cache.load(name))
    if found is not None:
        return found
    images, marks = build_images()
    # A few characters that are not marks become one: Thai SARA AM is NIKHAHIT + SARA AA.
    leading = ranges_of(c for c, image in images.items() if image and _is_mark(image[0]))
    changing = ranges_of(c for c in images if c > 0x7F)
    entry = dict(zip(_RANGES, (marks, leading, changing), strict=True))
    cache.store(name, {"codes": list(images), "images": list(images.values()), **entry})
    return images, marks, leading, changing


def _valid(entry: Any) -> Built | None:
    """The cached tables if ``entry`` has exactly their shape, else ``None``."""
    if not isinstance(entry, dict) or set(entry) != {"codes", "images", *_RANGES}:
        return None
    codes, texts = entry["codes"], entry["images"]
    if not (isinstance(codes, list) and isinstance(texts, list) and len(codes) == len(texts)):
        return None
    # Checked a column at a time, in C: every run with a policy reads this entry, and a
    # loop over 11,000 pairs cost most of the time it takes.
    if codes and (set(map(type, codes)) != {int} or not 0 <= min(codes) <= max(codes) <= 0x10FFFF):
        return None
    if texts and set(map(type, texts)) != {str}:
        return None
    images = dict(zip(codes, texts, strict=True))
    if len(images) != len(codes):
        return None
    marks, leading, changing = (_ranges(entry[key]) for key in _RANGES)
    if marks is None or leading is None or changing is None:
        return None
    return images, marks, leading, changing


def _ranges(value: Any) -> Ranges | None:
    if not isinstance(value, list):
        return None
    out = []
    for pair in value:
        if not (isinstance(pair, list) and len(pair) == 2 and all(type(c) is int for c in pair)):
            return None
        first, last = pair
        if not 0 <= first <= last <= 0x10FFFF:
            return None
        out.append((first, last))
    return tuple(out)


def coarse_class(blocks: Ranges, *groups: Ranges) -> str:
    """A class body for the union of ``groups``: exact in the BMP, by ``blocks`` above."""
    union = merge(*groups)
    bmp = [(first, min(last, 0xFFFF)) for first, last in union if first <= 0xFFFF]
    astral = [r for r in union if r[1] > 0xFFFF]
    used = [b for b in blocks if any(f <= b[1] and b[0] <= last for f, last in astral)]
    outside = [r for r in astral if not any(b[0] <= r[0] and r[1] <= b[1] for b in used)]
    return py_class(merge(bmp, used, outside))


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _strip_marks_slowly(text: str) -> str:
    """:meth:`Tables.strip_marks` one character at a time, for the rare text with
    supplementary-plane characters that could be marks."""
    out: list[str] = []
    drop = True
    for char in text:
        if _is_mark(char):
            if not drop:
                out.append(char)
            continue
        drop = char.isascii() and (char.isalnum() or char.isspace())
        out.append(char)
    return "".join(out)
