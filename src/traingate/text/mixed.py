"""Words that mix letters of scripts that pass for each other: ``pаypal`` with a Cyrillic ``а``.

A word is a run of letters, digits, combining marks and invisible characters (so a zero
width space does not split it). It is reported when its letters come from two or more
:data:`~traingate.text.scripts.LOOKALIKE` scripts and one of the letters outside the
word's main script passes for a letter of that script (it folds to the same Latin
letter, per the confusables table): ``Москвa`` with a Latin ``a`` is reported, ``μg`` is
not (``μ`` passes for no Latin letter). Greek letters at either end of a word are taken
for math symbols (``ρgh``, ``σT``, ``hν``), except omicron and the capitals that are
Latin letters' twins, which no formula uses. Japanese mixing kana, kanji and Latin, and
digits or punctuation in a word, never count: only the look-alike scripts do.
"""

# ruff: noqa: RUF002, RUF003 (look-alike characters are what this module is about)

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from traingate.text.chars import DEFAULT_IGNORABLE, OTHER_FORMAT, Ranges, merge, re2_class
from traingate.text.confusables import folds
from traingate.text.normalize import normalize
from traingate.text.scripts import GREEK, LATIN, LOOKALIKE, script_of, script_ranges
from traingate.text.tables import ASTRAL_MARK_BLOCKS, coarse_class, tables

_INVISIBLE = merge(DEFAULT_IGNORABLE, OTHER_FORMAT)

_GREEK_NOT_MATH = frozenset("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοϲϹϳϿ")


def mixed_script_words(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, note)`` for each word of ``text`` that mixes look-alike scripts."""
    for match in _words().finditer(text):
        word = match[0]
        if not word.isascii():
            note = _verdict(word)
            if note:
                yield match.start(), match.end(), note


@cache
def _words() -> re.Pattern[str]:
    """Letters and digits (not ``_``), combining marks and invisible characters; in the
    supplementary planes, whole blocks (see traingate.text.tables)."""
    others = coarse_class(ASTRAL_MARK_BLOCKS, tables().marks, _INVISIBLE)
    return re.compile(rf"(?:[^\W_]|[{others}])+")


def prefilter() -> str:
    """An RE2 pattern that matches wherever a word mixes look-alike scripts: a character
    of one script's blocks, then characters of none, then one of another script's."""
    neutral = "[^\\s\\pP\\pS\\pZ" + _re2_body(script_ranges(LOOKALIKE)) + "]"
    neutral = f"(?:{neutral}|{re2_class(ASTRAL_MARK_BLOCKS[:1])})"
    branches = []
    for script in sorted(LOOKALIKE):
        own = re2_class(script_ranges(frozenset({script})))
        other = re2_class(script_ranges(LOOKALIKE - {script}))
        branches.append(f"{own}{neutral}*{other}")
    return "|".join(branches)


def _re2_body(ranges: Ranges) -> str:
    return re2_class(ranges)[1:-1]


def _verdict(word: str) -> str | None:
    """Why ``word`` is reported, or ``None``."""
    letters = [(c, script_of(c)) for c in word if c.isalpha()]
    scripts = [(c, s) for c, s in letters if s is not None]
    if len({s for _, s in scripts}) < 2:
        return None
    # Greek letters at the ends of a word are math symbols (ρgh), unless no formula uses them.
    for edge in {0, len(letters) - 1}:
        char, script = letters[edge]
        if script == GREEK and char not in _GREEK_NOT_MATH and (char, script) in scripts:
            scripts.remove((char, script))
    counts = Counter(s for _, s in scripts)
    if len(counts) < 2:
        return None
    main = max(counts, key=lambda s: (counts[s], s == LATIN))
    odd = [c for c, s in scripts if s != main and _passes_for(c, main)]
    if not odd:
        return None
    shown = ", ".join(f"{script_of(c)} {c!r} (U+{ord(c):04X})" for c in dict.fromkeys(odd))
    return f"{main} word with {shown}"


def _passes_for(char: str, script: str) -> bool:
    """Whether ``char`` passes for a letter of ``script``: both fold to the same Latin."""
    image = normalize(char)
    if script == LATIN:
        return image.isascii() and image.isalpha()
    return image in _latin_twins()[script]


@cache
def _latin_twins() -> dict[str, frozenset[str]]:
    """Per look-alike script, the Latin letters its letters fold to."""
    twins: dict[str, set[str]] = {script: set() for script in LOOKALIKE}
    for source in folds():
        script = script_of(source)
        if script is not None:
            twins[script].add(normalize(source))
    return {script: frozenset(found) for script, found in twins.items()}
