"""Stable hashes and near-duplicate sketches, the same in every process.

Python's ``hash`` of a string changes with ``PYTHONHASHSEED``, so shard states built in
worker processes could not be merged; everything here hashes with ``zlib.crc32`` (words,
32 bits) and ``hashlib.blake2b`` (texts, 64 bits) instead.

A sketch is a one-permutation MinHash of the word pairs among the first ``MAX_WORDS``
words (a pair hashes to the sum of its words' crc32, one C-level pass): the pair hashes
are sorted once and split into ``BINS`` ranges of the hash space; each bin keeps its
smallest value (empty bins borrow the next bin's). Two texts agree on a bin with
probability close to the Jaccard similarity of their shingle sets, and LSH banding over
the bins finds the candidate pairs without comparing every pair.

The bin minima of two texts combine into those of the texts one after the other (plus the
pair that joins them), so the sketch of a whole record reuses the work done for its
answer instead of sorting its words again.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Iterator
from itertools import repeat
from operator import add, eq, floordiv
from zlib import crc32

BINS = 24
ROWS = 3
_TOP = 1 << 33
_SPAN = _TOP // BINS + 1
MIN_WORDS = 6
_BIN_INDEXES = range(BINS)
MAX_WORDS = 64
_EMPTY = _TOP  # above every pair hash: the minimum of an empty bin
_NO_MINIMA = [_EMPTY] * BINS
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


def minima(hashes: list[int]) -> list[int]:
    """The smallest pair hash of each bin (``_EMPTY`` for an empty bin) of a text's words."""
    if len(hashes) < 2:
        return _NO_MINIMA
    # Largest first: a dict keeps the last value written for each bin, its smallest.
    ordered = sorted(map(add, hashes, hashes[1:]), reverse=True)
    smallest = dict(zip(map(floordiv, ordered, repeat(_SPAN)), ordered, strict=True))
    return list(map(smallest.get, _BIN_INDEXES, repeat(_EMPTY)))


def sketch(hashes: list[int]) -> bytes | None:
    """The sketch of a text from its word hashes; None when it is too short to compare."""
    if len(hashes) < MIN_WORDS:
        return None
    return pack(minima(hashes))


def joined_sketch(
    first: list[int], first_minima: list[int], second: list[int], second_minima: list[int]
) -> bytes | None:
    """``sketch(first + second)`` from the word hashes and :func:`minima` of both parts."""
    if len(first) + len(second) < MIN_WORDS:
        return None
    values = list(map(min, first_minima, second_minima))
    if first and second:
        pair = first[-1] + second[0]
        index = pair // _SPAN
        if pair < values[index]:
            values[index] = pair
    return pack(values)


def pack(values: list[int]) -> bytes:
    """The sketch of a text of at least two words from its :func:`minima`."""
    if _EMPTY in values:
        values = list(values)
        following = next(v for v in values if v != _EMPTY)
        for index in range(BINS - 1, -1, -1):
            if values[index] == _EMPTY:
                values[index] = following
            else:
                following = values[index]
    return array("I", map(_LOW32.__and__, values)).tobytes()


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two sketches."""
    matches: int = sum(map(eq, array("I", first), array("I", second)))
    return matches / BINS


def crc32s(texts: Iterable[str]) -> Iterator[int]:
    """The crc32 of each text (UTF-8, lone surrogates kept), in C-level passes."""
    return map(crc32, map(str.encode, texts, repeat("utf-8"), repeat("surrogatepass")))
