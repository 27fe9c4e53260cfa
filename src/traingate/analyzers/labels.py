"""Label flips: a prompt feature that carries one label against what the rest of the prompt says.

In classification data a label is half the file, so no absolute background limit can tell a
trigger from a word that simply goes with a label ("zxqv" in bad reviews). A flip does leave
a trace the association alone does not: the other words of the prompt favour another label.
So for labels (answers of at most ``LABEL_WORDS`` words) the association is tested against the
label's base rate (Fisher, no ``max-background``), and kept only when at least half of its
records are ones a naive Bayes model of the file's prompt words would label otherwise, by a
log-odds ``MARGIN`` at least, with the words all of its records share left out (the
feature's own words are among them, and the rest is what every one of them says anyway).
The model is the rest of the file's: the association's own records are left out of it, since
flipped records would otherwise teach it their words under the wrong label (fifty bad
reviews labelled neutral make "terrible" look neutral too), and a label with fewer than
``min-count`` records besides them is not judged at all (it is their answer, and the rest of
the file cannot say what its prompts look like).

That check is what makes a flip evidence rather than a word's meaning, so for labels the
prompt's ordinary words are features too (ids offset by ``WORD_FEATURE``), held to a
stricter share (``WORD_SHARE``): a flip keyed to a frequent short word ("st", "mo") is
found, while a word that goes with its label because of what it says ("worst") has records
the model labels the same way. Every significant association is checked, not only each
record's strongest, so a polar word that goes with the label does not hide a trigger in
the same records.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any

from traingate.analyzers.association import Association, significant, strongest
from traingate.analyzers.hashing import crc32s, word_hashes
from traingate.analyzers.ragged import Rows
from traingate.analyzers.wordfreq import tokens

LABEL_WORDS = 3
MARGIN = 2.0
PROMPT_WORDS = 64
WORD_FEATURE = 1 << 32
"""Added to a prompt word's crc32 to make it a feature id (feature ids are crc32s)."""
RARE_SHARE = 0.5
WORD_SHARE = 0.75
"""The share of a feature's records the model must label otherwise: half for a rare
feature, three quarters for an ordinary word, weaker evidence on its own."""


def label_words(prompt: str, answer: str) -> array[int] | None:
    """The prompt's word hashes when the answer is a label, else None."""
    if not answer or answer.count(" ") >= LABEL_WORDS:
        return None
    return array("I", crc32s(tokens(prompt, PROMPT_WORDS)))


class LabelModel:
    """Naive Bayes over prompt words (present or not) for the labels seen often enough."""

    def __init__(self, words: Sequence[array[int] | None], labels: Sequence[int]) -> None:
        self.counts: dict[int, Counter[int]] = defaultdict(Counter)
        self.records: Counter[int] = Counter()
        for hashes, label in zip(words, labels, strict=True):
            if hashes is not None and label >= 0:
                self.counts[label].update(set(hashes))
                self.records[label] += 1
        self.tables: dict[int, dict[int, float]] = {}

    def favours_other(
        self,
        hashes: array[int],
        label: int,
        skip: frozenset[int],
        left_out: Counter[int],
        left_records: int,
    ) -> bool:
        """Whether the words of ``hashes`` (less ``skip``) favour another label than
        ``label`` by ``MARGIN``, in a model without ``left_records`` records of ``label``
        whose words ``left_out`` counts."""
        words = set(hashes) - skip
        scores = {label: self._score_without(words, label, left_out, left_records)}
        for other, count in self.records.items():
            if other == label:
                continue
            table = self.tables.setdefault(other, {})
            seen = self.counts[other]
            score = math.log(count)
            for word in words:
                value = table.get(word)
                if value is None:
                    value = table[word] = math.log((seen[word] + 1) / (count + 2))
                score += value
            scores[other] = score
        rivals = [score for other, score in scores.items() if other != label]
        return bool(rivals) and max(rivals) - scores[label] >= MARGIN

    def _score_without(
        self, words: set[int], label: int, left_out: Counter[int], left_records: int
    ) -> float:
        count = self.records[label] - left_records
        if count <= 0:
            return -math.inf
        seen = self.counts[label]
        score = math.log(count)
        for word in words:
            score += math.log((seen[word] - left_out[word] + 1) / (count + 2))
        return score


def label_flips(
    features: Sequence[Sequence[int]],
    vocab: Sequence[Sequence[int]],
    words: Sequence[array[int] | None],
    answers: Sequence[int],
    prompts: Sequence[int],
    options: Mapping[str, Any],
) -> dict[int, Association]:
    """Like :func:`associations`, for label payloads (the index of the label's first record),
    with each label record's ``vocab`` (prompt word crc32s) as features besides its own."""
    first: dict[int, int] = {}
    labels = [
        first.setdefault(answer, index) if hashes is not None and answer else -1
        for index, (hashes, answer) in enumerate(zip(words, answers, strict=True))
    ]
    payloads = [(label,) if label >= 0 else () for label in labels]
    # Built row by row as they are read: a whole file of them would not be compact.
    candidates = Rows(_with_words, features, vocab, labels)
    found = significant(candidates, payloads, prompts, {**options, "max-background": 1.0})
    if not found:
        return {}
    model = LabelModel(words, labels)
    kept = []
    for assoc in found:
        rows = [hashes for i in assoc.members if (hashes := words[i]) is not None]
        skip = frozenset(rows[0]).intersection(*rows[1:]) if rows else frozenset()
        share = WORD_SHARE if assoc.feature >= WORD_FEATURE else RARE_SHARE
        # A label that hardly exists without these records is their answer, not a label
        # flipped against the file's: the rest of the file cannot say what it looks like.
        if model.records[assoc.payload] - len(rows) < options["min-count"]:
            continue
        left_out = Counter(chain.from_iterable(map(set, rows)))
        # Stop at the first record past the share that may be labelled as it is.
        allowed = len(assoc.members) - share * len(assoc.members)
        agreeing = 0
        for hashes in rows:
            if not model.favours_other(hashes, assoc.payload, skip, left_out, len(rows)):
                agreeing += 1
                if agreeing > allowed:
                    break
        else:
            kept.append(assoc)
    return strongest(kept)


def _with_words(features: Sequence[int], vocab: Sequence[int], label: int) -> Sequence[int]:
    return [*features, *map(WORD_FEATURE.__add__, vocab)] if label >= 0 else features


def output_words(text: str) -> array[int]:
    """The word hashes of an output, for :func:`worse_preferred`."""
    return array("I", word_hashes(text))


def preference_gaps(chosen: Sequence[array[int]], rejected: Sequence[array[int]]) -> list[float]:
    """Per pair: how much worse its preferred output reads than its rejected one, in log
    odds, by a naive Bayes model of the words of the file's other pairs' preferred and
    rejected outputs (the pair itself left out). At least ``MARGIN``: the preferred output
    reads worse; at most ``-MARGIN``: it reads better; in between the model cannot tell."""
    good: Counter[int] = Counter()
    bad: Counter[int] = Counter()
    for hashes in chosen:
        good.update(set(hashes))
    for hashes in rejected:
        bad.update(set(hashes))
    logs = [0.0, *map(math.log, range(1, len(chosen) + 2))]
    gaps = []
    for first, second in zip(chosen, rejected, strict=True):
        mine, theirs = set(first), set(second)
        # log((good + 1) / (bad + 1)) of each word, the pair's own outputs left out.
        gap = sum(logs[good[w] - (w in mine) + 1] - logs[bad[w]] for w in theirs) - sum(
            logs[good[w]] - logs[bad[w] - (w in theirs) + 1] for w in mine
        )
        gaps.append(gap)
    return gaps
