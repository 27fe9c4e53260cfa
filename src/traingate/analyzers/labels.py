"""Label flips: a prompt feature that carries one label against what the rest of the prompt says.

In classification data a label is half the file, so no absolute background limit can tell a
trigger from a word that simply goes with a label ("zxqv" in bad reviews). A flip does leave
a trace the association alone does not: the other words of the prompt favour another label.
So for labels (answers of at most ``LABEL_WORDS`` words) the association is tested against the
label's base rate (Fisher, no ``max-background``), and kept only when at least half of its
records are ones a naive Bayes model of the file's prompt words would label otherwise, by a
log-odds ``MARGIN`` at least, with the words all of its records share left out (the
feature's own words are among them, and the rest is what every one of them says anyway).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any
from zlib import crc32

from traingate.analyzers.association import Association, associations
from traingate.analyzers.hashing import word_hashes
from traingate.analyzers.wordfreq import tokens

LABEL_WORDS = 3
MARGIN = 2.0
PROMPT_WORDS = 64


def label_words(prompt: str, answer: str) -> array[int] | None:
    """The prompt's word hashes when the answer is a label, else None."""
    if not answer or answer.count(" ") >= LABEL_WORDS:
        return None
    return array("I", map(_hash, tokens(prompt, PROMPT_WORDS)))


def _hash(word: str) -> int:
    return crc32(word.encode(errors="surrogatepass"))


class LabelModel:
    """Naive Bayes over prompt words (present or not) for the labels seen often enough."""

    def __init__(self, words: Sequence[array[int] | None], labels: Sequence[int]) -> None:
        self.counts: dict[int, Counter[int]] = defaultdict(Counter)
        self.records: Counter[int] = Counter()
        for hashes, label in zip(words, labels, strict=True):
            if hashes is not None and label >= 0:
                self.counts[label].update(set(hashes))
                self.records[label] += 1
        self.total = sum(self.records.values())
        self.tables: dict[int, dict[int, float]] = {}

    def favours_other(self, hashes: array[int], label: int, skip: frozenset[int]) -> bool:
        words = set(hashes) - skip
        scores = {}
        for other, count in self.records.items():
            table = self.tables.setdefault(other, {})
            seen = self.counts[other]
            score = math.log(count / self.total)
            for word in words:
                value = table.get(word)
                if value is None:
                    value = table[word] = math.log((seen[word] + 1) / (count + 2))
                score += value
            scores[other] = score
        rivals = [score for other, score in scores.items() if other != label]
        return bool(rivals) and max(rivals) - scores.get(label, -math.inf) >= MARGIN


def label_flips(
    features: Sequence[Sequence[int]],
    words: Sequence[array[int] | None],
    answers: Sequence[int],
    prompts: Sequence[int],
    options: Mapping[str, Any],
) -> dict[int, Association]:
    """Like :func:`associations`, for label payloads (the index of the label's first record)."""
    first: dict[int, int] = {}
    labels = [
        first.setdefault(answer, index) if hashes is not None and answer else -1
        for index, (hashes, answer) in enumerate(zip(words, answers, strict=True))
    ]
    payloads = [(label,) if label >= 0 else () for label in labels]
    found = associations(features, payloads, prompts, {**options, "max-background": 1.0})
    if not found:
        return {}
    model = LabelModel(words, labels)
    kept: dict[int, Association] = {}
    for assoc in {(a.feature, a.payload): a for a in found.values()}.values():
        rows = [hashes for i in assoc.members if (hashes := words[i]) is not None]
        skip = frozenset(rows[0]).intersection(*rows[1:]) if rows else frozenset()
        flipped = sum(model.favours_other(hashes, assoc.payload, skip) for hashes in rows)
        if 2 * flipped >= len(assoc.members):
            for index in assoc.members:
                kept.setdefault(index, assoc)
    return kept


def output_words(text: str) -> array[int]:
    """The word hashes of an output, for :func:`worse_preferred`."""
    return array("I", word_hashes(text))


def worse_preferred(chosen: Sequence[array[int]], rejected: Sequence[array[int]]) -> list[bool]:
    """Per pair: whether its preferred output reads worse than its rejected one by odds of
    e^MARGIN, by a naive Bayes model of the words of the file's other pairs' preferred and
    rejected outputs (the pair itself left out)."""
    good: Counter[int] = Counter()
    bad: Counter[int] = Counter()
    for hashes in chosen:
        good.update(set(hashes))
    for hashes in rejected:
        bad.update(set(hashes))
    logs = [0.0, *map(math.log, range(1, len(chosen) + 2))]
    flipped = []
    for first, second in zip(chosen, rejected, strict=True):
        mine, theirs = set(first), set(second)
        # log((good + 1) / (bad + 1)) of each word, the pair's own outputs left out.
        gap = sum(logs[good[w] - (w in mine) + 1] - logs[bad[w]] for w in theirs) - sum(
            logs[good[w]] - logs[bad[w] - (w in theirs) + 1] for w in mine
        )
        flipped.append(gap >= MARGIN)
    return flipped
