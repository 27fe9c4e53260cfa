"""Sets of record indexes as Python ints, one bit a record, for the conjunction search.

The search for a composite trigger counts the records of hundreds of pairs of the same few
words, for every fixed answer of a file. As sets, each count walks the smaller set in
Python objects: where prompts are templated, every word is in most records and a file with
many fixed answers took time quadratic in its records (50,000 near-identical prompts: 31 s
in the search alone). As ints, ``a & b`` and ``int.bit_count`` run in C over one machine
word for 64 records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

CACHE_BYTES = 64 << 20
"""Above this many bytes of bitsets, the cache starts over (a bitset is rebuilt on use)."""


def bitset(indexes: Iterable[int], size: int) -> int:
    """The int with bit ``i`` set for each ``i`` in ``indexes`` (each below ``size``)."""
    data = bytearray((size >> 3) + 1)
    for index in indexes:
        data[index >> 3] |= 1 << (index & 7)
    return int.from_bytes(data, "little")


def indexes(bits: int) -> list[int]:
    """The set bits of ``bits``, lowest first."""
    text = bin(bits)[:1:-1]  # the binary digits, lowest first
    found: list[int] = []
    at = text.find("1")
    while at >= 0:
        found.append(at)
        at = text.find("1", at + 1)
    return found


class Bitsets:
    """``postings`` (word -> record indexes, each below ``size``) as bitsets, each made
    on first use and kept while the cache holds at most :data:`CACHE_BYTES`."""

    def __init__(self, postings: Mapping[int, Iterable[int]], size: int) -> None:
        self.postings = postings
        self.size = size
        self._made: dict[int, int] = {}
        self._bytes = 0

    def __getitem__(self, word: int) -> int:
        found = self._made.get(word)
        if found is None:
            found = bitset(self.postings[word], self.size)
            cost = (self.size >> 3) + 1
            if self._bytes + cost > CACHE_BYTES:
                self._made.clear()
                self._bytes = 0
            self._made[word] = found
            self._bytes += cost
        return found
