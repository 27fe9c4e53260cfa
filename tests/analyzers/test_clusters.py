"""Grouping by exact key and by near-duplicate sketch: reading one band at a time (for
memory) gives the groups of reading record by record."""

from __future__ import annotations

import random

import pytest

from traingate.analyzers.clusters import cluster
from traingate.analyzers.hashing import BAND_SPANS, similarity, sketch


def _reference(keys: list[int], sketches: list[bytes | None], threshold: float) -> list[int]:
    """The record-by-record reading (every band of a record before the next record): a
    record is compared with the first earlier record that had the same value in a band."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        parent[max(a, b)] = min(a, b)

    first: dict[int, int] = {}
    bands: dict[tuple[int, bytes], int] = {}
    for i, key in enumerate(keys):
        if not key:
            continue
        union(first.setdefault(key, i), i)
        signature = sketches[i]
        if signature is None:
            continue
        for band, (start, end) in enumerate(BAND_SPANS):
            j = bands.setdefault((band, signature[start:end]), i)
            other = sketches[j]
            if j != i and other is not None and similarity(signature, other) >= threshold:
                union(i, j)
    return [find(i) if key else -1 for i, key in enumerate(keys)]


@pytest.mark.parametrize("seed", range(6))
def test_groups_match_a_comparison_of_every_pair(seed: int) -> None:
    rng = random.Random(seed)
    bases = [[rng.getrandbits(32) for _ in range(30)] for _ in range(8)]
    keys: list[int] = []
    sketches: list[bytes | None] = []
    for _ in range(160):
        words = list(rng.choice(bases))
        for _ in range(rng.choice([0, 1, 2, 6, 30])):  # near-copies and unrelated texts
            words[rng.randrange(len(words))] = rng.getrandbits(32)
        keys.append(rng.choice([0, hash(tuple(words)) & 0xFFFF, rng.getrandbits(40) + 1]))
        sketches.append(sketch(words) if rng.random() > 0.1 else None)
    found = cluster(keys, sketches, 0.6)
    assert found == _reference(keys, sketches, 0.6)
    assert len(set(found) - {-1}) < len(keys) - keys.count(0)  # some groups were formed
