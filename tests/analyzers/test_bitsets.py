"""The conjunction search on bitsets against its definition on sets."""

from __future__ import annotations

import math
import random
from itertools import chain, combinations, product
from typing import Any

import pytest

from traingate.analyzers import bitsets
from traingate.analyzers.bitsets import Bitsets, bitset, indexes
from traingate.analyzers.conjunction import MAX_WORDS, _search
from traingate.analyzers.stats import log_tail

OPTIONS = {"min-count": 4, "min-share": 0.8, "alpha": 0.01}


def reference(
    candidates: list[int],
    joiners: list[int],
    members: list[int],
    postings: dict[int, set[int]],
    total: int,
    options: dict[str, Any],
) -> tuple[tuple[int, ...], list[int], int, bool] | None:
    """The search as first written, on sets of record indexes."""
    marked = set(members)
    best: tuple[float, tuple[int, ...], set[int]] | None = None
    keyed = False
    for word in candidates:
        records = postings[word]
        alone = len(records & marked)
        if alone >= options["min-count"] and alone >= options["min-share"] * len(records):
            best, keyed = (0.0, (word,), records), True
            break
    else:
        for pair in chain(combinations(candidates, 2), product(candidates, joiners)):
            records = postings[pair[0]] & postings[pair[1]]
            log_p = log_tail(len(records & marked), total, len(marked), len(records))
            if best is None or log_p < best[0]:
                best = (log_p, pair, records)
    if best is None:
        return None
    conj, records = best[1], best[2]
    hits = records & marked
    for word in chain(candidates, joiners):
        if len(conj) < MAX_WORDS and word not in conj and hits <= postings[word]:
            own = postings[word]
            if log_tail(len(own & marked), total, len(marked), len(own)) <= math.log(
                options["alpha"]
            ):
                conj, records = (*conj, word), records & own
    return conj, sorted(hits), len(records), keyed


@pytest.mark.parametrize("seed", range(40))
def test_search_on_bitsets_matches_sets(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.choice([30, 200, 1000])
    words = list(range(1, rng.randint(3, 10)))
    members = rng.sample(range(size), rng.randint(4, size // 3))
    postings: dict[int, set[int]] = {}
    for word in words:
        density = rng.choice([0.05, 0.3, 0.7, 1.0])
        # Some words go with the payload records, as a trigger's do.
        boost = rng.choice([0.0, 0.5, 1.0])
        postings[word] = {
            i for i in range(size) if rng.random() < (boost if i in members else density)
        }
    split = rng.randint(1, len(words))
    candidates, joiners = words[:split], words[split:]
    expected = reference(candidates, joiners, members, postings, size, OPTIONS)
    found = _search(
        candidates, joiners, bitset(members, size), Bitsets(postings, size), size, OPTIONS
    )
    assert found == expected


def test_bitset_and_indexes() -> None:
    assert indexes(bitset([], 10)) == []
    assert indexes(bitset([0, 7, 8, 63, 64, 999], 1000)) == [0, 7, 8, 63, 64, 999]
    assert bitset([3, 5], 8).bit_count() == 2


def test_bitsets_start_over_past_their_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bitsets, "CACHE_BYTES", 300)
    postings = {w: {w, w + 100} for w in range(20)}
    cache = Bitsets(postings, 1000)
    for word in chain(range(20), range(20)):
        assert indexes(cache[word]) == [word, word + 100]
    assert len(cache._made) <= 2
