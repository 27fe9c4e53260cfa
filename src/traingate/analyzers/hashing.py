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
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from operator import add, eq
from zlib import crc32

BINS = 24
ROWS = 3
_TOP = 1 << 33
_SPAN = _TOP // BINS + 1
MIN_WORDS = 6
_STARTS = range(0, BINS * _SPAN, _SPAN)
_ENDS = range(_SPAN, (BINS + 1) * _SPAN, _SPAN)
MAX_WORDS = 64


def text_hash(text: str) -> int:
    """A 64-bit hash of ``text`` (0 is kept for "no text")."""
    digest = hashlib.blake2b(text.encode(errors="surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") or 1


def word_hashes(text: str) -> list[int]:
    """crc32 of each of the first ``MAX_WORDS`` words of a normalized text."""
    return list(map(crc32, text.encode(errors="surrogatepass").split()[:MAX_WORDS]))


def sketch(hashes: list[int]) -> bytes | None:
    """The sketch of a text from its word hashes; None when it is too short to compare."""
    if len(hashes) < MIN_WORDS:
        return None
    ordered = sorted(set(map(add, hashes, hashes[1:])))
    size = len(ordered)
    cuts = [bisect_left(ordered, start) for start in _STARTS]
    values = [
        ordered[at] & 0xFFFFFFFF if at < size and ordered[at] < end else -1
        for at, end in zip(cuts, _ENDS, strict=True)
    ]
    following = next(v for v in values if v >= 0)
    for index in range(BINS - 1, -1, -1):
        if values[index] < 0:
            values[index] = following
        else:
            following = values[index]
    return array("I", values).tobytes()


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two sketches."""
    matches: int = sum(map(eq, array("I", first), array("I", second)))
    return matches / BINS


def band_keys(signature: bytes) -> list[bytes]:
    """The LSH band keys of a sketch (``ROWS`` bins per band)."""
    width = ROWS * 4
    return [bytes([i]) + signature[i * width : (i + 1) * width] for i in range(BINS // ROWS)]
