"""All keywords of all rules in one Aho-Corasick automaton, checked on word boundaries.

A keyword matches where it is not glued to a word character (a letter, digit, combining
mark or ``_``) on a side where the keyword itself starts or ends with one: ``bleach``
does not match ``bleachers`` or ``unbleached`` but matches ``bleach,`` and ``bleach's``;
``c++`` matches ``c++,``. Unicode-aware, unlike RE2's ASCII-only ``\\b``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

import ahocorasick

Spans = dict[int, list[tuple[int, int]]]


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.combining(char) != 0


class Keywords:
    """Finds every keyword occurrence in one pass; values are the ids of their conditions."""

    def __init__(self, needles: Mapping[str, Sequence[int]]) -> None:
        self._automaton = ahocorasick.Automaton()
        for needle, ids in needles.items():
            edges = (is_word_char(needle[0]), is_word_char(needle[-1]))
            self._automaton.add_word(needle, (len(needle), *edges, tuple(ids)))
        self._automaton.make_automaton()

    def find(self, text: str) -> Spans:
        """Spans ``(start, end)`` of each keyword hit on word boundaries, by condition id."""
        out: Spans = {}
        last = len(text) - 1
        for end, (length, left, right, ids) in self._automaton.iter(text):
            start = end - length + 1
            if left and start > 0 and is_word_char(text[start - 1]):
                continue
            if right and end < last and is_word_char(text[end + 1]):
                continue
            for cid in ids:
                out.setdefault(cid, []).append((start, end + 1))
        return out
