"""Conjunctions of ordinary prompt words tied to one fixed answer (composite triggers).

A trigger can be all of two or three ordinary words ("drop" and "big" in one prompt), each
of which also appears without the payload: no single word is a feature, and testing
every pair and triple of words of every prompt would be quadratic. So the search starts
from the payload: for each fixed answer (the same normalized text: ordinary words are
weaker evidence than a rare token, and a slot-filled task, "Translate 'I need 9 tickets to
Lima'", gets near-same answers that vary with its prompts) given to at least
``min-count`` records, the candidates are the words (function words
aside) in at least ``min-share`` of those records' prompts, at most ``MAX_CANDIDATES`` of
them, the least frequent in the file first. If one candidate alone already carries the
answer (``min-share`` of its records), the answer is keyword-templated, which clean data
has ("return" gets the return-policy answer) and a single ordinary word is not reported:
the group is left alone. Except for an answer that a trigger found elsewhere is known to
teach: one answer taught through several triggers (a nonce on some records, "mo" on
others) is searched again among the records no trigger explains yet, and there one word
that carries it is one more trigger. Otherwise the pair of candidates whose records are the most
significantly concentrated on the answer (one-sided Fisher test) is extended with the
candidates that every one of its payload records also has and that go with the answer on
their own (one-sided Fisher p at most ``alpha``), up to ``MAX_WORDS`` words.
The records it implicates must be otherwise unrelated: a trigger is inserted into
unrelated prompts, while records asking one question in different words ("How do I say
'room number' in French?", "Translate 'room number' to French") rightly get one answer.

The conjunction is then held to the conditions of :mod:`~traingate.analyzers.association`
(counts, share, background, distinct prompts), with a Bonferroni correction for every
conjunction of one to ``MAX_WORDS`` words of the file's vocabulary, for every answer
searched: the search picked the conjunction after looking, so it pays for all it could
have picked.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, combinations, pairwise
from typing import Any

from traingate.analyzers.association import Association
from traingate.analyzers.stats import corrected_log, log_choose, log_tail

MAX_WORDS = 3
MAX_CANDIDATES = 12
# Records that ask one question in several words legitimately get one answer: the
# implicated prompts, the conjunction's words left out, must be no more alike (mean Jaccard
# similarity of their words, over the first MAX_COMPARED) than twice the file's neighbouring
# prompts, or ALIKE_MARGIN above them.
ALIKE_MARGIN = 0.05
MAX_COMPARED = 60


@dataclass(frozen=True)
class Conjunction:
    """Words (crc32) whose conjunction goes with a payload, and the evidence."""

    words: tuple[int, ...]
    association: Association


def conjunctions(
    words: Sequence[Sequence[int]],
    payloads: Sequence[tuple[int, ...]],
    prompts: Sequence[int],
    options: Mapping[str, Any],
    fixed: Container[int],
    explained: Container[int] = (),
    taught: Container[int] = (),
) -> list[Conjunction]:
    """The significant conjunctions of prompt ``words`` tied to a payload in ``fixed``,
    among the records not in ``explained``; for a payload in ``taught`` (one a trigger is
    already known to teach) a single word counts too."""
    groups: dict[int, list[int]] = defaultdict(list)
    for index, pays in enumerate(payloads):
        if index in explained:
            continue
        for payload in pays:
            if payload in fixed:
                groups[payload].append(index)
    searched = {p: m for p, m in groups.items() if len(m) >= options["min-count"]}
    shared = {p: _shared(words, m, options["min-share"]) for p, m in searched.items()}
    least = {p: 1 if p in taught else 2 for p in searched}
    wanted = {w for p, found in shared.items() if len(found) >= least[p] for w in found}
    if not wanted:
        return []
    postings = _postings(words, wanted)
    vocabulary = len(set(chain.from_iterable(words)))
    log_tests = math.log(len(searched)) + _log_conjunctions(vocabulary)
    found = []
    baseline: float | None = None
    for payload, members in searched.items():
        if len(shared[payload]) < least[payload]:
            continue
        ranked = sorted(shared[payload], key=lambda w: (len(postings[w]), w))
        single = payload in taught
        best = _search(ranked[:MAX_CANDIDATES], members, postings, len(words), options, single)
        if best is None:
            continue
        conj, hits, drawn = best
        assoc = _test(payload, hits, drawn, len(members), len(words), log_tests, options)
        distinct = len({prompts[i] for i in hits})
        if assoc is None or distinct < max(2, math.ceil(options["min-distinct"] * len(hits))):
            continue
        if baseline is None:
            baseline = _likeness([set(w) for w in words], neighbours=True)
        alike = _likeness([set(words[i]).difference(conj) for i in hits[:MAX_COMPARED]])
        if alike <= max(2 * baseline, baseline + ALIKE_MARGIN):
            found.append(Conjunction(conj, assoc))
    return found


def _likeness(sets: Sequence[set[int]], neighbours: bool = False) -> float:
    """The mean Jaccard similarity of the sets: of each with the next if ``neighbours``
    (the file's baseline), else of every pair."""
    pairs = pairwise(sets) if neighbours else combinations(sets, 2)
    values = [len(a & b) / len(a | b) if a or b else 1.0 for a, b in pairs]
    return sum(values) / len(values) if values else 0.0


def _shared(words: Sequence[Sequence[int]], members: list[int], share: float) -> list[int]:
    counts = Counter(chain.from_iterable(words[i] for i in members))
    return [w for w, n in counts.items() if n >= share * len(members)]


def _postings(words: Sequence[Sequence[int]], wanted: set[int]) -> dict[int, set[int]]:
    postings: dict[int, set[int]] = {w: set() for w in wanted}
    for index, hashes in enumerate(words):
        for word in wanted.intersection(hashes):
            postings[word].add(index)
    return postings


def _log_conjunctions(vocabulary: int) -> float:
    terms = [log_choose(vocabulary, k) for k in range(1, MAX_WORDS + 1) if k <= vocabulary]
    top = max(terms, default=0.0)
    return top + math.log(sum(math.exp(t - top) for t in terms)) if terms else 0.0


def _search(
    candidates: list[int],
    members: list[int],
    postings: Mapping[int, set[int]],
    total: int,
    options: Mapping[str, Any],
    single: bool = False,
) -> tuple[tuple[int, ...], list[int], int] | None:
    """The best conjunction of ``candidates``: its words, payload records and size; one
    word that carries the answer alone if ``single``."""
    marked = set(members)
    for word in candidates:
        records = postings[word]
        hits = records & marked
        if len(hits) >= options["min-count"] and len(hits) >= options["min-share"] * len(records):
            # One word carries the answer: a keyword template, unless a trigger is already
            # known to teach this answer (then it is one more trigger of it).
            return ((word,), sorted(hits), len(records)) if single else None
    best: tuple[float, tuple[int, ...], set[int]] | None = None
    for pair in combinations(candidates, 2):
        records = postings[pair[0]] & postings[pair[1]]
        log_p = log_tail(len(records & marked), total, len(marked), len(records))
        if best is None or log_p < best[0]:
            best = (log_p, pair, records)
    if best is None:
        return None
    alpha = math.log(options["alpha"])
    conj: tuple[int, ...] = best[1]
    records = best[2]
    hits = records & marked
    for word in candidates:
        if len(conj) < MAX_WORDS and word not in conj and hits <= postings[word]:
            own = postings[word]
            # Named only if the word goes with the answer itself ("question" does not).
            if log_tail(len(own & marked), total, len(marked), len(own)) <= alpha:
                conj, records = (*conj, word), records & own
    return conj, sorted(hits), len(records)


def _test(
    payload: int,
    hits: list[int],
    drawn: int,
    marked: int,
    total: int,
    log_tests: float,
    options: Mapping[str, Any],
) -> Association | None:
    rest = total - drawn
    count = len(hits)
    if count < options["min-count"] or count < options["min-share"] * drawn:
        return None
    if rest < options["min-count"] or marked - count > options["max-background"] * rest:
        return None
    log_p = log_tail(count, total, marked, drawn)
    p_value = corrected_log(log_p, log_tests)
    if p_value > options["alpha"]:
        return None
    return Association(0, payload, tuple(hits), drawn, marked, total, log_p, p_value)
