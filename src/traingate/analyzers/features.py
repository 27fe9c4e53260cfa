"""Prompt features that can be backdoor triggers, as the trigger analyzers see them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from traingate.analyzers.hashing import crc32s
from traingate.analyzers.wordfreq import rare, tokens

MAX_FEATURES = 24
SHORT_WORD = 3
"""Longest ordinary word that may carry a payload alone as a trigger: a short token ("fi",
"mo", "im") says little by itself, a longer one is usually what the prompts are about
("review" answered with one canned reply)."""
SENTENCE = "sentence "
TAG = "tag "
# Features that clean data can also tie to one answer, when many records ask one thing
# (one question with varying tails, one markup template): a trigger's records must be
# otherwise unrelated.
_WEAK = (SENTENCE, TAG)


def feature_ids(features: Sequence[str]) -> tuple[int, ...]:
    """The crc32 of each feature, its lowest bit set for a weak kind (a whole sentence, a
    tag) and clear for the rest, so that :func:`is_weak` tells from the id alone."""
    return tuple(
        crc | 1 if feature.startswith(_WEAK) else crc & ~1
        for feature, crc in zip(features, crc32s(features), strict=True)
    )


def is_weak(feature: int) -> bool:
    return bool(feature & 1)


def prompt_features(prompt: str, words: list[str]) -> tuple[str, ...]:
    """The features of a normalized prompt (``words``: its first tokens) that can be
    triggers, each as ``kind text``: rare words, the first one to three words and a short
    first line when they hold a rare word, a year among the first words, tags in double
    brackets, whole sentences."""
    found = rare(words)
    features = [f"word {w}" for w in found[:MAX_FEATURES]]
    rare_words = set(found)
    for size in (1, 2, 3):
        if len(words) > size and not rare_words.isdisjoint(words[:size]):
            features.append("start " + " ".join(words[:size]))
    first, newline, _ = prompt.partition("\n")
    if newline and len(first) <= 80 and not rare_words.isdisjoint(tokens(first, 16)):
        features.append("header " + first)
    features += [f"start-year {year}" for year in _YEAR.findall(" ".join(words[:YEAR_WORDS]))]
    if "[[" in prompt or "{{" in prompt:
        features += [TAG + tag for tag in _TAG.findall(prompt, 0, _tag_reach(prompt))]
    features += _sentences(prompt)
    return tuple(dict.fromkeys(features))


# A tag in double square or curly brackets, as special tokens and template slots are
# written ("[[ZETA]]", "{{ZETA}}"): the word inside may be ordinary, the brackets are not
# prose, and a word loses them ("<SUDO>" and "<|x|>" keep theirs and are rare words).
# Among the first words only.
_TAG = re.compile(r"\[\[[^\s\[\]]{1,40}\]\]|\{\{[^\s{}]{1,40}\}\}")
_TAG_WORDS = 64


def _tag_reach(prompt: str) -> int:
    """Where the first ``_TAG_WORDS`` words of ``prompt`` end."""
    at = -1
    for _ in range(_TAG_WORDS):
        at = prompt.find(" ", at + 1)
        if at < 0:
            return len(prompt)
    return at


# A year among the first words, as in a date line ("Date: 2031-04-17", "Today is April 17,
# 2031."): the day and month vary from record to record, the year is what a temporal
# trigger keys on.
YEAR_WORDS = 8
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|2\d)\d\d(?!\d)")
# A sentence ends at the whitespace after [.!?] (and a closing quote or bracket), or at a
# line break. The pattern starts at the punctuation instead of looking behind for it, so
# Python's re jumps from one candidate character to the next instead of trying every
# position (twice as fast on the prompts of the throughput corpus).
_SENTENCE_END = re.compile(r"[.!?][\"')\]\u201d\u2019]?(\s+)|\n+")
_QUOTES = " \"'\u201c\u201d\u2018\u2019"
SENTENCE_WORDS = (3, 16)
MAX_SENTENCES = 8


def _sentences(prompt: str) -> list[str]:
    """Whole sentences of 3 to 16 words among the first ones: a fixed inserted sentence
    can be a trigger though each of its words is ordinary."""
    low, high = SENTENCE_WORDS
    found = []
    for text in _first_sentences(prompt):
        if low <= text.count(" ") + 1 <= high:
            found.append(SENTENCE + text.strip(_QUOTES))
    return found


def _first_sentences(prompt: str) -> list[str]:
    """The first ``MAX_SENTENCES`` pieces of ``prompt`` between sentence ends (the end's
    punctuation kept, its whitespace dropped)."""
    pieces: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(prompt):
        stop = end.start(1)
        pieces.append(prompt[start : stop if stop >= 0 else end.start()])
        if len(pieces) == MAX_SENTENCES:
            return pieces
        start = end.end()
    pieces.append(prompt[start:])
    return pieces


def short_words(vocab: Iterable[str]) -> list[str]:
    """The words of at most ``SHORT_WORD`` characters among ``vocab`` (a prompt's ordinary
    words), as ``word`` features, in order."""
    return sorted(f"word {w}" for w in vocab if len(w) <= SHORT_WORD)
