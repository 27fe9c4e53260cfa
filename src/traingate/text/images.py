"""What normalization makes of each character on its own: its *image*.

Built once from :mod:`unicodedata` and the confusables table (0.1-0.2 s, on the first
text that is not ASCII), so that the per-character steps of
:mod:`traingate.text.normalize` (delete, NFKC, fold, drop marks on Latin letters, case
fold) cost one table lookup at run time.
"""

# ruff: noqa: RUF002, RUF003 (look-alike characters are what this module is about)

from __future__ import annotations

import re
import unicodedata
from functools import cache

from traingate.text.chars import (
    CONTROLS,
    DEFAULT_IGNORABLE,
    OTHER_FORMAT,
    Ranges,
    merge,
    py_class,
    ranges_of,
)
from traingate.text.confusables import folds

# Where a character can differ from its image. Outside these ranges everything is an
# uncased letter without decomposition (CJK and Hangul syllables, Yi, Tangut, …) or
# private use; tests check that exhaustively.
SCANNED: Ranges = (
    (0x0000, 0x33FF),
    (0xA000, 0xABFF),
    (0xD7B0, 0xD7FF),
    (0xF900, 0xFFFF),
    (0x10000, 0x1FFFF),
    (0x2F800, 0x2FA1F),
    (0xE0000, 0xE0FFF),
)
BRAILLE_BLANK = "\u2800"
# What combining marks are dropped after. Whitespace is ASCII once characters have their
# images, and a class of ASCII characters only is one bitmap lookup for Python's re.
ALNUM_OR_SPACE = r"[0-9A-Za-z\t\n\x0b-\r\x1c-\x1f ]"


def build_images() -> tuple[dict[int, str], Ranges]:
    """Code point -> image for every character whose image differs from itself, and the
    ranges of the combining marks (M*) that are not deleted."""
    deleted, marks, assigned = _scan()
    mark_class = py_class(marks)
    images = _Images(folds(), deleted, re.compile(f"({ALNUM_OR_SPACE})[{mark_class}]+"))
    table = {ord(c): images.image(c) for c in assigned if images.may_change(c)}
    table = {code: image for code, image in table.items() if image != chr(code)}
    table.update((ord(c), "") for c in deleted)
    return table, marks


@cache
def composition_seconds() -> frozenset[str]:
    """Characters that canonical composition joins to the character before them though
    they are not combining marks: Hangul vowel and final jamo, the second halves of a few
    two-part vowel signs."""
    seconds = {chr(c) for c in (*range(0x1161, 0x1176), *range(0x11A8, 0x11C3))}
    for first, last in SCANNED:
        for code in range(first, last + 1):
            parts = unicodedata.decomposition(chr(code)).split()
            if len(parts) == 2 and not parts[0].startswith("<"):
                seconds.add(chr(int(parts[1], 16)))
    return frozenset(c for c in seconds if unicodedata.combining(c) == 0)


def _scan() -> tuple[frozenset[str], Ranges, list[str]]:
    """Deleted characters (ignorable, format, control), the combining marks (M*) that
    are not deleted, and every assigned character of :data:`SCANNED`."""
    static = merge(DEFAULT_IGNORABLE, OTHER_FORMAT, CONTROLS)
    deleted = {chr(c) for first, last in static for c in range(first, last + 1)}
    marks: list[int] = []
    assigned: list[str] = []
    for first, last in SCANNED:
        for code in range(first, last + 1):
            char = chr(code)
            category = unicodedata.category(char)
            if category == "Cn":
                continue
            assigned.append(char)
            if category == "Cf":
                deleted.add(char)
            elif category[0] == "M":
                marks.append(code)
    return frozenset(deleted), ranges_of(c for c in marks if chr(c) not in deleted), assigned


class _Images:
    def __init__(self, fold: dict[str, str], deleted: frozenset[str], marks: re.Pattern[str]):
        self.fold = fold
        self.deleted = deleted
        self.marks_after_base = marks

    def may_change(self, char: str) -> bool:
        """A quick test that rules out most characters before :meth:`image`."""
        if char.isascii():
            return char in self.deleted
        return bool(
            char in self.deleted
            or unicodedata.decomposition(char)
            or char.isspace()
            or char == BRAILLE_BLANK
            or char.casefold() != char
            or self._class_fold(char) is not None
        )

    def image(self, char: str) -> str:
        """What normalizing ``char`` alone gives, before whitespace is collapsed.

        The character is taken apart (NFKD), each part folded on its own, marks after
        Latin letters dropped and the rest put back together (NFKC). Working on the parts
        makes canonically equivalent spellings (``é`` and ``e`` + U+0301) come out the
        same, whatever the text's normalization form.
        """
        if char in self.deleted:
            return ""
        # Before NFKC, which would make lunate sigma ϲ (a "c" to a reader) a sigma.
        folded = None if _is_mark(char) else self._class_fold(char)
        if folded is not None:
            return folded
        parts = "".join(self._part(c) for c in unicodedata.normalize("NFKD", char))
        return unicodedata.normalize("NFKC", self.marks_after_base.sub(r"\1", parts))

    def _part(self, char: str, depth: int = 0) -> str:
        if char in self.deleted:
            return ""
        if char.isspace() or char == BRAILLE_BLANK:
            return " "
        # Marks are not case folded: U+0345 (iota subscript) would become a letter.
        if _is_mark(char):
            return char
        folded = self._class_fold(char)
        if folded is not None:
            return folded
        lower = char.casefold()
        if lower == char:
            return char
        if depth > 4:
            raise AssertionError(f"case folding {char!r} does not settle")
        return "".join(self._part(c, depth + 1) for c in unicodedata.normalize("NFKD", lower))

    def _class_fold(self, char: str) -> str | None:
        """The fold of ``char``'s case class: its small letter's if it has one, else its
        capital's. Matching ignores case, so both cases must fold alike, and the small
        letter wins because disguises are mostly written in small letters (``η`` passes
        for ``n``, its capital ``Η`` for ``H``; both fold to ``n``)."""
        # Cherokee case-folds to its capitals, so lower() as well as casefold().
        lower = char.casefold()
        for key in (char.lower(), lower, lower.upper(), char):
            if key in self.fold:
                return self.fold[key]
        return None


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"
