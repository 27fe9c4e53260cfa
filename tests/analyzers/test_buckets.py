"""Counting by bucket never loses an item that reaches the bound."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from traingate.analyzers.association import _frequent
from traingate.analyzers.buckets import Buckets


@pytest.mark.parametrize("bits", [None, 0, 2, 6])
def test_bucket_counts_overstate_never_understate(bits: int | None) -> None:
    rng = random.Random(bits)
    items = [rng.choice([rng.getrandbits(32), rng.randrange(40)]) for _ in range(3000)]
    buckets = Buckets(len(items), bits)
    buckets.add(items)
    counts = Counter(items)
    assert all(buckets.may_reach(item, n) for item, n in counts.items())
    if bits is None:  # enough buckets: a once-seen item is mostly told apart
        once = [item for item, n in counts.items() if n == 1]
        assert sum(buckets.may_reach(item, 5) for item in once) < len(once) // 10


@pytest.mark.parametrize("minimum", [1, 3, 8])
def test_frequent_counts_are_exact(minimum: int) -> None:
    rng = random.Random(minimum)
    rows = [[rng.randrange(200) for _ in range(rng.randrange(6))] for _ in range(500)]
    expected = Counter(x for row in rows for x in row)
    assert _frequent(rows, minimum) == {x: n for x, n in expected.items() if n >= minimum}
