"""The general word-frequency reference: which words are ordinary in some language.

``data/wordfreq.txt`` lists about 45,000 frequent words (English first, then a few
thousand of each of eleven other languages), normalized, derived from the ``wordfreq``
package's data under CC BY-SA 4.0 (see ``data/NOTICE``). Words on it cannot be a trigger
on their own: "worst" and "great" go with typical answers for good reasons. Two-letter
entries count only among the first ``FREQUENT_SHORT`` (mostly English) entries. The English
entries come first and a comment line marks their end: in English text, a word listed only
for another language is as unusual as a word not listed at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from itertools import compress, filterfalse, repeat

from traingate import package_data

EDGES = ".,!?;:\"'()[]{}«»“”‘’*`"  # noqa: RUF001 (quotes that end a word)


# Two-letter words are mostly abbreviations, codes and nonces ("fk", "ez", "oo" are on the
# list, from some language): only the ones among the most frequent entries ("to", "mr",
# "ok", "ex", "ms") stay ordinary, so a nonce that is one of those is not a trigger.
FREQUENT_SHORT = 5000


# The first entries of the list are English, up to a comment line (data/generate.py writes
# it); an English text is one whose listed words are mostly among them.
ENGLISH_END = "# end of the English words"
ENGLISH_SHARE = 0.75
MIN_LISTED = 4


# Function words ("the", "de", "und", ...): in nearly every prompt, so never a feature and
# never the start of a conjunction of words worth testing as a trigger; one may join the
# ordinary words of one ("measure" + "right").
FUNCTION_WORDS = 150


@cache
def _text() -> str:
    return package_data.read_text("traingate.analyzers", "data/wordfreq.txt")


@cache
def ranked_words() -> tuple[str, ...]:
    """The reference list, most frequent first."""
    return tuple(line for line in _text().splitlines() if line and line[0] != "#")


@cache
def english_words() -> int:
    """How many of the first entries are English (the list marks where they end)."""
    after = _text().partition(ENGLISH_END)[2].split("\n", 2)
    return word_ranks()[after[1]] if len(after) > 1 and after[1] else len(ranked_words())


@cache
def common_words() -> Mapping[str, int]:
    """The ordinary words, each with its rank: the whole list but the two-letter entries
    after the first ``FREQUENT_SHORT``.

    A mapping rather than a set: copying :func:`word_ranks` and deleting those few entries
    costs a fraction of hashing 44,000 words into a set of their own, which every
    pre-commit run with the analyzers would pay.
    """
    common = dict(word_ranks())
    late = ranked_words()[FREQUENT_SHORT:]
    for word in compress(late, map((2).__eq__, map(len, late))):
        del common[word]
    return common


@cache
def word_ranks() -> dict[str, int]:
    """Each word of the reference list and its rank (0 for the most frequent).

    The list holds each word once (a test checks it), so no word has two ranks.
    """
    words = ranked_words()
    return dict(zip(words, range(len(words)), strict=True))


@cache
def function_word_list() -> tuple[str, ...]:
    """The ``FUNCTION_WORDS`` most frequent entries, by rank (a word's rank indexes it)."""
    return ranked_words()[:FUNCTION_WORDS]


@cache
def function_words() -> frozenset[str]:
    """The ``FUNCTION_WORDS`` most frequent entries of the reference list."""
    return frozenset(ranked_words()[:FUNCTION_WORDS])


def tokens(text: str, limit: int) -> list[str]:
    """The first ``limit`` words of a normalized text, less the punctuation around them."""
    return list(filter(None, map(str.strip, text.split(" ", limit)[:limit], repeat(EDGES))))


def rare(words: list[str]) -> list[str]:
    """The words that are not on the reference list, once each: 2 to 40 characters, or one
    character outside ASCII (a symbol such as ``⟡``). In English text (see
    :func:`foreign_words`), also the words the list has only for another language."""
    common = common_words()
    unknown = dict.fromkeys(filterfalse(common.__contains__, words))
    found = [
        word
        for word in unknown
        if (1 < len(word) <= 40 or _symbol(word)) and _stem(word) not in common
    ]
    foreign = foreign_words(words)
    if not foreign:
        return found
    return [word for word in dict.fromkeys(words) if word in foreign or word in found]


def foreign_words(words: list[str]) -> frozenset[str]:
    """The words of an English text that the reference list has only for another
    language: a made-up name ("Rosta Corp") often spells a word of one of the eleven other
    languages, and is as unusual in English text as a nonce. Empty unless at least
    ``MIN_LISTED`` of the words are on the list and ``ENGLISH_SHARE`` of those are among
    its English entries; two-letter words are left out (codes and abbreviations)."""
    ranks = word_ranks()
    listed = [rank for rank in map(ranks.get, words, repeat(-1)) if rank >= 0]
    if len(listed) < MIN_LISTED:
        return frozenset()
    border = english_words()
    if max(listed) < border:  # every listed word is English: the common case
        return frozenset()
    if sum(rank < border for rank in listed) < ENGLISH_SHARE * len(listed):
        return frozenset()
    return frozenset(word for word in words if len(word) > 2 and ranks.get(word, -1) >= border)


def _stem(word: str) -> str:
    """A possessive's noun ("coworker's"): an ordinary word's possessive is ordinary."""
    return word[:-2] if word.endswith(("'s", "\u2019s")) else word


def _symbol(word: str) -> bool:
    return len(word) == 1 and not word.isascii()
