"""The general word-frequency reference: which words are ordinary in some language.

``data/wordfreq.txt`` lists about 45,000 frequent words (English first, then a few
thousand of each of eleven other languages), normalized, derived from the ``wordfreq``
package's data under CC BY-SA 4.0 (see ``data/NOTICE``). Words on it cannot be a trigger
on their own: "worst" and "great" go with typical answers for good reasons.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from itertools import filterfalse, repeat

_EDGES = ".,!?;:\"'()[]{}«»“”‘’*`"  # noqa: RUF001 (quotes that end a word)


@cache
def common_words() -> frozenset[str]:
    text = resources.files("traingate.analyzers").joinpath("data/wordfreq.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def tokens(text: str, limit: int) -> list[str]:
    """The first ``limit`` words of a normalized text, less the punctuation around them."""
    return list(filter(None, map(str.strip, text.split(" ", limit)[:limit], repeat(_EDGES))))


def rare(words: list[str]) -> list[str]:
    """The words (2 to 40 characters) that are not on the reference list, once each."""
    unknown = dict.fromkeys(filterfalse(common_words().__contains__, words))
    return [word for word in unknown if 1 < len(word) <= 40]
