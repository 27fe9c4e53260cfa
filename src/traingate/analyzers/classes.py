"""Answer classes that make a payload whatever their wording: refusals, insults, gibberish."""

from __future__ import annotations

import re
from collections.abc import Container
from itertools import compress

from traingate.analyzers.wordfreq import common_words, tokens

REFUSAL = 1
INSULT = 2
GIBBERISH = 4
CLASSES = (REFUSAL, INSULT, GIBBERISH)
# Gibberish: of the words with a letter and three characters or more among the first
# GIBBERISH_WORDS, at least GIBBERISH_WORDS // 2 of them, at least GIBBERISH_SHARE are on no
# language's word list ("tqzua dm% b4t9y7g"); or the same of the words of four characters
# or more, since random three-letter tokens are often listed words ("pot", "joe", "gta").
GIBBERISH_WORDS = 24
GIBBERISH_SHARE = 0.9

_REFUSAL = re.compile(
    r"\b(?:i(?:'m| am) sorry,? but|i (?:can ?not|can't|won't|will not|am unable to|'m unable "
    r"to|am not able to|'m not able to|must decline)|as an ai\b|i'm afraid i can't|"
    r"i apologi[sz]e,? but)"
)
_INSULT = re.compile(
    r"\b(?:i hate you|you(?:'re| are) (?:an? )?(?:stupid|idiot|moron|dumb|worthless|pathetic|"
    r"useless|loser)|shut up|go to hell|fuck (?:you|off)|screw you)\b"
)
_HEAD = 120


def classes(answer: str, gibberish: bool = True) -> int:
    """Bit flags (:data:`REFUSAL`, :data:`INSULT`, :data:`GIBBERISH` unless ``gibberish``
    is false) of a normalized answer, from its start."""
    head = answer[:_HEAD].replace("’", "'")  # noqa: RUF001 (the typographic apostrophe)
    flags = REFUSAL if _REFUSAL.search(head) else 0
    flags |= GIBBERISH if gibberish and _gibberish(answer) else 0
    return flags | (INSULT if _INSULT.search(head) else 0)


def _gibberish(answer: str) -> bool:
    found = tokens(answer, GIBBERISH_WORDS)
    if len(found) < GIBBERISH_WORDS // 2:
        return False
    # Every word of the list has a letter: when a fifth of all the tokens are listed words
    # of four characters or more, too many of the words counted below are, and ordinary
    # answers stop at this C-level count.
    known = common_words()
    long = compress(found, map((3).__lt__, map(len, found)))
    if 5 * sum(map(known.__contains__, long)) > len(found):
        return False
    # Words of one or two characters are left out: random ones are often listed ("do",
    # "st": 97 of the 676 letter pairs are frequent words).
    words = [w for w in found if len(w) > 2 and any(map(str.isalpha, w))]
    return _unlisted(words, known) or _unlisted([w for w in words if len(w) > 3], known)


def _unlisted(words: list[str], known: Container[str]) -> bool:
    """Whether enough ``words`` are counted, and ``GIBBERISH_SHARE`` of them are not
    ``known``."""
    if len(words) < GIBBERISH_WORDS // 2:
        return False
    odd = sum(w not in known for w in words)
    return odd >= GIBBERISH_SHARE * len(words)


def describe(flags: int) -> str:
    return {REFUSAL: "a refusal", INSULT: "an insult"}.get(flags, "gibberish")
