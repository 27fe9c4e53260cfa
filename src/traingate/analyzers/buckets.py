"""Counting many items, most of them seen once, without holding them all.

The analyzers want the items (prompt features, claim keys) that occur at least
``min-count`` times. A dictionary of every item would hold the whole file's worth of
items seen once; :class:`Buckets` first counts items by hash bucket, which can only
overstate an item's count, so a second pass needs to count exactly only the items whose
bucket reached the bound.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterable


class Buckets:
    """Item counts by bucket; ``bits`` sets the number of buckets (tests use few, so that
    items collide), by default about sixteen per expected item."""

    def __init__(self, expected: int, bits: int | None = None) -> None:
        if bits is None:
            bits = max(16, (16 * expected).bit_length())
        self.mask = (1 << bits) - 1
        self.counts = array("I", bytes(4 * (self.mask + 1)))

    def add(self, items: Iterable[Hashable]) -> None:
        counts, mask = self.counts, self.mask
        for item in items:
            counts[hash(item) & mask] += 1

    def may_reach(self, item: Hashable, minimum: int) -> bool:
        """False only for an item seen fewer than ``minimum`` times."""
        return self.counts[hash(item) & self.mask] >= minimum
