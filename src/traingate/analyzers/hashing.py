"""Stable hashes and near-duplicate sketches, the same in every process.

Python's ``hash`` of a string changes with ``PYTHONHASHSEED``, so shard states built in
worker processes could not be merged; everything here hashes with ``zlib.crc32`` (words,
32 bits) and ``hashlib.blake2b`` (texts, 64 bits) instead.

A sketch is a one-permutation MinHash of the word pairs among the first ``MAX_WORDS``
words (a pair hashes to the sum of its words' crc32, one C-level pass): the hash space is
split into ``BINS`` ranges; each bin keeps its smallest pair hash (empty bins borrow the
next bin's, the last ones the first's). Two texts agree on a bin with probability close
to the Jaccard similarity of their shingle sets, and LSH banding over the bins finds the
candidate pairs without comparing every pair.

With the pair hashes sorted, a bin's value is the first one at or above the bin's lower
bound (its own smallest, or the next bin's when it is empty), found by a binary search:
no pass over the pairs in Python. The sorted pair hashes of two texts merge (with the pair
that joins them) into those of the texts one after the other, so the sketch of a whole
record reuses the work done for its answer.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import repeat
from operator import add, eq
from zlib import crc32

BINS = 24
ROWS = 3
_TOP = 1 << 33
_SPAN = _TOP // BINS + 1
MIN_WORDS = 6
_BOUNDS = [index * _SPAN for index in range(BINS)]
MAX_WORDS = 64
_LOW32 = 0xFFFFFFFF
_WIDTH = ROWS * 4
BAND_SPANS = [(i * _WIDTH, (i + 1) * _WIDTH) for i in range(BINS // ROWS)]
"""The byte range of each LSH band (``ROWS`` bins) in a sketch."""


def text_hash(text: str) -> int:
    """A 64-bit hash of ``text`` (0 is kept for "no text")."""
    digest = hashlib.blake2b(text.encode(errors="surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") or 1


def word_hashes(text: str) -> list[int]:
    """crc32 of each of the first ``MAX_WORDS`` words of a normalized text."""
    return list(map(crc32, text.encode(errors="surrogatepass").split(None, MAX_WORDS)[:MAX_WORDS]))


def pair_hashes(hashes: list[int]) -> list[int]:
    """The hashes of a text's word pairs, from its word hashes, in ascending order."""
    return sorted(map(add, hashes, hashes[1:]))


def sketch(hashes: list[int]) -> bytes | None:
    """The sketch of a text from its word hashes; None when it is too short to compare."""
    if len(hashes) < MIN_WORDS:
        return None
    return pack(pair_hashes(hashes))


def joined_sketch(
    first: list[int], first_pairs: list[int], second: list[int], second_pairs: list[int]
) -> bytes | None:
    """``sketch(first + second)`` from the word hashes and :func:`pair_hashes` of both
    parts."""
    if len(first) + len(second) < MIN_WORDS:
        return None
    pairs = first_pairs + second_pairs
    if first and second:
        pairs.append(first[-1] + second[0])
    pairs.sort()  # two sorted runs: a merge
    return pack(pairs)


def pack(pairs: list[int]) -> bytes:
    """The sketch of a text of at least two words from its :func:`pair_hashes`: for each
    bin the first hash at or above its lower bound, else (past the last) the smallest."""
    count = len(pairs)
    wrapped = [*pairs, pairs[0]]
    found = map(bisect_left, repeat(wrapped), _BOUNDS, repeat(0), repeat(count))
    return array("I", map(_LOW32.__and__, map(wrapped.__getitem__, found))).tobytes()


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two sketches."""
    matches: int = sum(map(eq, array("I", first), array("I", second)))
    return matches / BINS


def crc32s(texts: Iterable[str]) -> Iterator[int]:
    """The crc32 of each text (UTF-8, lone surrogates kept), in C-level passes."""
    return map(crc32, map(str.encode, texts, repeat("utf-8"), repeat("surrogatepass")))
