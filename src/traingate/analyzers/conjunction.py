"""Conjunctions of ordinary prompt words tied to one fixed answer (composite triggers).

A trigger can be all of two or three ordinary words ("drop" and "big" in one prompt), each
of which also appears without the payload: no single word is a feature, and testing every
pair and triple of words of every prompt would be quadratic. So the search starts from the
payload: for each fixed answer (the same normalized text: ordinary words are weaker evidence
than a rare token, and a slot-filled task, "Translate 'I need 9 tickets to Lima'", gets
near-same answers that vary with its prompts) given to at least ``min-count`` records, the
candidates are the words (function words aside) in at least ``min-share`` of those records'
prompts, at most ``MAX_CANDIDATES`` of them, the least frequent in the file first; the
function words in that many of them, as many and chosen alike, are *joiners*: they may join
a conjunction, never start one (two function words, or one alone, are in too many clean
prompts to say anything). If one candidate alone already carries the answer (``min-share``
of its records), that word is where the conjunction starts; clean data has such answers too
("return" gets the return-policy answer), and tells itself apart in two ways: a keyword
template answers about its keyword, so the caller drops the conjunction when its word is in
the answer (unless a trigger found elsewhere is known to teach that answer: one answer
taught through several triggers, a nonce on some records and "mo" on others, is searched
again among the records no trigger explains yet), and its prompts ask about one thing, which
the likeness test below sees. Otherwise the pair of candidates, or of a candidate and a
joiner, whose records are the most significantly concentrated on the answer (one-sided
Fisher test) is the start. Either is extended with the candidates and joiners that every one
of its payload records also has and that go with the answer on their own (one-sided Fisher p
at most ``alpha``), up to ``MAX_WORDS`` words. The records it implicates must be otherwise
unrelated: a trigger is inserted into unrelated prompts, while records asking one question
in different words ("How do I say 'room number' in French?", "Translate 'room number' to
French") rightly get one answer.

The conjunction is then held to the conditions of :mod:`~traingate.analyzers.association`
(counts, share, background, distinct prompts), with a Bonferroni correction for every
conjunction of one to ``MAX_WORDS`` words of the file's vocabulary (joiners included), for
every answer searched: the search picked the conjunction after looking, so it pays for all
it could have picked.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Container, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, combinations, pairwise, product
from typing import Any

from traingate.analyzers.association import Association
from traingate.analyzers.bitsets import Bitsets, bitset, indexes
from traingate.analyzers.stats import corrected_log, log_choose, log_tail

MAX_WORDS = 3
MAX_CANDIDATES = 12
# Records that ask one question in several words legitimately get one answer: the
# implicated prompts, the conjunction's words left out, must be no more alike (mean Jaccard
# similarity of their words, over the first MAX_COMPARED) than twice the file's neighbouring
# prompts, or ALIKE_MARGIN above them.
ALIKE_MARGIN = 0.05
MAX_COMPARED = 60
SHARED = 0.8
# Prompts whose words are on average more than TEMPLATE_SHARE the words most of them share,
# with at most SLOTS words of their own in the median prompt, are one templated question.
TEMPLATE_SHARE = 0.7
SLOTS = 2


@dataclass(frozen=True)
class Conjunction:
    """Words (crc32) whose conjunction goes with a payload, and the evidence. ``keyed``:
    its first word carried the answer alone, so it stands only if that word is not in the
    answer (a keyword template answers about its keyword)."""

    words: tuple[int, ...]
    association: Association
    keyed: bool = False


def conjunctions(
    words: Sequence[Sequence[int]],
    payloads: Sequence[tuple[int, ...]],
    prompts: Sequence[int],
    options: Mapping[str, Any],
    fixed: Container[int],
    explained: Collection[int] = (),
    taught: Container[int] = (),
    likeness: Likeness | None = None,
    joiners: Sequence[Sequence[int]] = (),
) -> list[Conjunction]:
    """The significant conjunctions of prompt ``words`` tied to a payload in ``fixed``,
    among the records not in ``explained`` (as if the file had only those). For a payload
    in ``taught`` (one a trigger found elsewhere teaches) the prompts need not be
    unrelated: the answer is already known to be a backdoor's. ``joiners``, if given,
    holds each record's function words (ids apart from ``words``' ones), which may join a
    conjunction but not start one."""
    groups: dict[int, list[int]] = defaultdict(list)
    for index, pays in enumerate(payloads):
        if index in explained:
            continue
        for payload in pays:
            if payload in fixed:
                groups[payload].append(index)
    total = len(words) - len(explained)
    searched = {p: m for p, m in groups.items() if len(m) >= options["min-count"]}
    shared = {p: _shared(words, m, options["min-share"]) for p, m in searched.items()}
    wanted = {w for found in shared.values() for w in found}
    if not wanted:
        return []
    postings = _postings(words, wanted, explained)
    joining = {
        p: _shared(joiners, m, options["min-share"]) if joiners else [] for p, m in searched.items()
    }
    joining_ids = {w for found in joining.values() for w in found}
    more = _postings(joiners, joining_ids, explained)
    for word, records in more.items():
        postings.setdefault(word, set()).update(records)
    vocabulary = len(set(chain.from_iterable(words))) + len(set(chain.from_iterable(joiners)))
    log_tests = math.log(len(searched)) + _log_conjunctions(vocabulary)
    found = []
    likeness = likeness or Likeness(words, joiners)
    bits = Bitsets(postings, len(words))
    for payload, members in searched.items():
        if not shared[payload]:
            continue
        ranked = sorted(shared[payload], key=lambda w: (len(postings[w]), w))
        joins = sorted(joining[payload], key=lambda w: (len(postings[w]), w))
        best = _search(
            ranked[:MAX_CANDIDATES],
            joins[:MAX_CANDIDATES],
            bitset(members, len(words)),
            bits,
            total,
            options,
        )
        if best is None:
            continue
        conj, hits, drawn, keyed = best
        assoc = _test(payload, hits, drawn, len(members), total, log_tests, options)
        distinct = len({prompts[i] for i in hits})
        if assoc is None or distinct < max(2, math.ceil(options["min-distinct"] * len(hits))):
            continue
        if payload in taught:
            found.append(Conjunction(conj, assoc))
            continue
        # Function words are where a question's wording lives ("what is your room number"):
        # a conjunction one joins must be unrelated with them counted too.
        if likeness.unrelated(hits, conj, joined=not joining_ids.isdisjoint(conj)):
            found.append(Conjunction(conj, assoc, keyed))
    return found


class Likeness:
    """Whether the prompts of a group of records are otherwise unrelated: no more alike
    than twice the file's neighbouring prompts, or ``ALIKE_MARGIN`` above them (mean
    Jaccard similarity of their words, over the first ``MAX_COMPARED``). ``joiners``: each
    record's function words, counted when asked for (``joined``)."""

    def __init__(
        self, words: Sequence[Sequence[int]], joiners: Sequence[Sequence[int]] = ()
    ) -> None:
        self.words = words
        self.joiners = joiners
        self._baselines: dict[bool, float] = {}

    def _words(self, index: int, joined: bool) -> set[int]:
        found = set(self.words[index])
        if joined and self.joiners:
            found.update(self.joiners[index])
        return found

    def unrelated(
        self, records: Sequence[int], leave_out: Collection[int] = (), *, joined: bool = False
    ) -> bool:
        """For ``records``, with the words in ``leave_out`` (a trigger's) left out."""
        baseline = self._baselines.get(joined)
        if baseline is None:
            every = [self._words(i, joined) for i in range(len(self.words))]
            baseline = self._baselines[joined] = _likeness(every, neighbours=True)
        sets = [self._words(i, joined).difference(leave_out) for i in records[:MAX_COMPARED]]
        return _likeness(sets) <= max(2 * baseline, baseline + ALIKE_MARGIN)

    def unrelated_but_shared(self, records: Sequence[int]) -> bool:
        """:meth:`unrelated`, with the words that most of ``records`` share left out (a
        trigger's words, and whatever is always inserted with them)."""
        sample = [set(self.words[i]) for i in records[:MAX_COMPARED]]
        return self.unrelated(records, _shared_words(sample))

    def one_question(self, records: Sequence[int]) -> bool:
        """Whether the prompts of ``records`` are mostly the words most of them share, a
        slot or two apart: those words are on average more than ``TEMPLATE_SHARE`` of a
        prompt's words, and the median prompt has at most ``SLOTS`` of its own ("How do
        you say 'my room is number 19' in French? It's for my rain notes.")."""
        sample = [set(self.words[i]) for i in records[:MAX_COMPARED]]
        shared = _shared_words(sample)
        own = sorted(len(words - shared) for words in sample)
        share = sum(len(words & shared) / len(words) for words in sample if words)
        return bool(own) and own[len(own) // 2] <= SLOTS and share > TEMPLATE_SHARE * len(sample)


def _shared_words(sets: Sequence[set[int]]) -> set[int]:
    """The words in at least ``SHARED`` of the sets."""
    counts = Counter(chain.from_iterable(sets))
    return {w for w, n in counts.items() if n >= SHARED * len(sets)}


def _likeness(sets: Sequence[set[int]], neighbours: bool = False) -> float:
    """The mean Jaccard similarity of the sets: of each with the next if ``neighbours``
    (the file's baseline), else of every pair."""
    pairs = pairwise(sets) if neighbours else combinations(sets, 2)
    values = [len(a & b) / len(a | b) if a or b else 1.0 for a, b in pairs]
    return sum(values) / len(values) if values else 0.0


def _shared(words: Sequence[Sequence[int]], members: list[int], share: float) -> list[int]:
    counts = Counter(chain.from_iterable(words[i] for i in members))
    return [w for w, n in counts.items() if n >= share * len(members)]


def _postings(
    words: Sequence[Sequence[int]], wanted: set[int], left_out: Container[int]
) -> dict[int, set[int]]:
    postings: dict[int, set[int]] = {w: set() for w in wanted}
    for index, hashes in enumerate(words):
        if index in left_out:
            continue
        for word in wanted.intersection(hashes):
            postings[word].add(index)
    return postings


def _log_conjunctions(vocabulary: int) -> float:
    terms = [log_choose(vocabulary, k) for k in range(1, MAX_WORDS + 1) if k <= vocabulary]
    top = max(terms, default=0.0)
    return top + math.log(sum(math.exp(t - top) for t in terms)) if terms else 0.0


def _search(
    candidates: list[int],
    joiners: list[int],
    marked: int,
    postings: Bitsets,
    total: int,
    options: Mapping[str, Any],
) -> tuple[tuple[int, ...], list[int], int, bool] | None:
    """The best conjunction of ``candidates`` and ``joiners`` (never a joiner alone or
    two together) for the payload records ``marked``: its words, payload records and
    size, and whether its first word carries the answer alone. Record sets are bitsets
    (see :mod:`~traingate.analyzers.bitsets`)."""
    least = options["min-count"]
    share = options["min-share"]
    payloads = marked.bit_count()
    best: tuple[float, tuple[int, ...], int] | None = None
    keyed = False
    for word in candidates:
        records = postings[word]
        alone = (records & marked).bit_count()
        if alone >= least and alone >= share * records.bit_count():
            best, keyed = (0.0, (word,), records), True
            break
    else:
        for pair in chain(combinations(candidates, 2), product(candidates, joiners)):
            records = postings[pair[0]] & postings[pair[1]]
            log_p = log_tail((records & marked).bit_count(), total, payloads, records.bit_count())
            if best is None or log_p < best[0]:
                best = (log_p, pair, records)
    if best is None:
        return None
    alpha = math.log(options["alpha"])
    conj: tuple[int, ...] = best[1]
    records = best[2]
    hits = records & marked
    for word in chain(candidates, joiners):
        if len(conj) < MAX_WORDS and word not in conj and hits & postings[word] == hits:
            own = postings[word]
            # Named only if the word goes with the answer itself ("question" does not).
            if log_tail((own & marked).bit_count(), total, payloads, own.bit_count()) <= alpha:
                conj, records = (*conj, word), records & own
    return conj, indexes(hits), records.bit_count(), keyed


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
