"""Grouping records by exact hash and near-duplicate sketches (LSH banding, union-find)."""

from __future__ import annotations

from collections.abc import Sequence

from traingate.analyzers.hashing import band_keys, similarity


def cluster(keys: Sequence[int], sketches: Sequence[bytes | None], threshold: float) -> list[int]:
    """For each record, the index of the first record of its group (-1 when ``keys`` is 0).

    Records with the same non-zero key are grouped; so are records whose sketches share an
    LSH band and have an estimated Jaccard similarity of at least ``threshold``.
    """
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first: dict[int, int] = {}
    bands: dict[bytes, int] = {}
    for i, key in enumerate(keys):
        if not key:
            continue
        union(first.setdefault(key, i), i)
        signature = sketches[i]
        if signature is None:
            continue
        for band in band_keys(signature):
            j = bands.setdefault(band, i)
            if j != i and find(i) != find(j):
                other = sketches[j]
                if other is not None and similarity(signature, other) >= threshold:
                    union(i, j)
    return [find(i) if key else -1 for i, key in enumerate(keys)]
