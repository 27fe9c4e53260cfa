"""The words behind word hashes, for the messages of findings, in little memory.

Analyzers compare words by their crc32 and name only the few a finding reports. Words on
the reference list (``data/wordfreq.txt``) are named from it when a finding needs them, so
only the others (names, nonces, typos) are kept as text, and at most ``MAX_KEPT`` of those.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from traingate.analyzers.hashing import crc32s
from traingate.analyzers.profile import Profile
from traingate.analyzers.wordfreq import common_words, ranked_words

MAX_KEPT = 200_000


@cache
def reference_names() -> dict[int, str]:
    """crc32 -> word for the reference list (the more frequent word where two collide)."""
    words = ranked_words()[::-1]
    return dict(zip(crc32s(words), words, strict=True))


class WordNames:
    def __init__(self) -> None:
        self.kept: dict[int, str] = {}

    def note(self, words: Mapping[int, str]) -> None:
        """Remember the words (by their crc32) that the reference list cannot name."""
        if len(self.kept) < MAX_KEPT:
            common = common_words()
            self.kept.update({key: word for key, word in words.items() if word not in common})

    def merge(self, other: WordNames) -> None:
        for key, word in other.kept.items():
            if len(self.kept) >= MAX_KEPT:
                break
            self.kept.setdefault(key, word)

    def name(self, key: int) -> str:
        """The word, or ``#`` and its hash when it was neither kept nor on the list."""
        return self.kept.get(key) or reference_names().get(key) or f"#{key:08x}"


class FeatureNames:
    """The texts (``kind text``) of the prompt features that findings report, read back
    from a record that has each (see :class:`~traingate.analyzers.base.Naming`)."""

    def __init__(self) -> None:
        self.texts: dict[int, str] = {}
        self.wanted: set[int] = set()

    def want(self, feature: int, line: int, lines: set[int]) -> None:
        """Ask for ``feature``'s text from the record on ``line`` (added to ``lines``)."""
        if feature not in self.texts:
            self.wanted.add(feature)
            lines.add(line)

    def recall(self, prof: Profile) -> None:
        self.take(prof.feature_ids, prof.features)

    def take(self, keys: Iterable[int], texts: Iterable[str]) -> None:
        """Keep the texts of the wanted features among ``keys`` (one text per key)."""
        for key, text in zip(keys, texts, strict=True):
            if key in self.wanted:
                self.texts[key] = text

    def kind_and_text(self, feature: int) -> tuple[str, str]:
        named = self.texts.get(feature, f"feature #{feature:08x}")
        kind, _, text = named.partition(" ")
        return kind, text
