"""Grouping records by exact hash and near-duplicate sketches (LSH banding, union-find)."""

from __future__ import annotations

from collections.abc import Sequence

from traingate.analyzers.hashing import BAND_SPANS, similarity


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
    for i, key in enumerate(keys):
        if key:
            union(first.setdefault(key, i), i)
    del first
    # One band at a time, so that one table of band values is held, not all of them. The
    # groups do not depend on the order: a pair is joined when it shares a band and is
    # similar enough, and each group is named by its first record.
    for start, end in BAND_SPANS:
        seen: dict[bytes, int] = {}
        for i, key in enumerate(keys):
            signature = sketches[i]
            if not key or signature is None:
                continue
            j = seen.setdefault(signature[start:end], i)
            if j != i and find(i) != find(j):
                other = sketches[j]
                if other is not None and similarity(signature, other) >= threshold:
                    union(i, j)
    return [find(i) if key else -1 for i, key in enumerate(keys)]
