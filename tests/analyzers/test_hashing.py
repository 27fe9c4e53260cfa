"""The sketches against their definition: bin minima of the pair hashes, borrowed forward."""

from __future__ import annotations

import random
from array import array
from operator import add

import pytest

from traingate.analyzers.hashing import (
    BINS,
    MIN_WORDS,
    joined_sketch,
    pair_hashes,
    sketch,
    word_hashes,
)

_SPAN = (1 << 33) // BINS + 1


def reference(hashes: list[int]) -> bytes | None:
    """The sketch as documented, one bin at a time."""
    if len(hashes) < MIN_WORDS:
        return None
    pairs = set(map(add, hashes, hashes[1:]))
    bins = [min((p for p in pairs if p // _SPAN == i), default=None) for i in range(BINS)]
    filled = []
    for index in range(BINS):
        ahead = [bins[(index + k) % BINS] for k in range(BINS)]
        filled.append(next(v for v in ahead if v is not None) & 0xFFFFFFFF)
    return array("I", filled).tobytes()


def words(rng: random.Random) -> list[int]:
    size = rng.choice([0, 1, 2, 5, 6, 7, 12, 40, 64])
    if rng.random() < 0.2:  # repeated words: few distinct pairs, many empty bins
        return [rng.choice([7, 99, 123456789]) for _ in range(size)]
    return [rng.getrandbits(32) for _ in range(size)]


@pytest.mark.parametrize("seed", range(300))
def test_sketch_matches_definition(seed: int) -> None:
    rng = random.Random(seed)
    first, second = words(rng), words(rng)
    assert sketch(first) == reference(first)
    joined = joined_sketch(first, pair_hashes(first), second, pair_hashes(second))
    assert joined == reference(first + second)


@pytest.mark.parametrize(
    ("text", "count"),
    [("", 0), ("one", 1), (" a  b\nc\t", 3), ("w " * 64, 64), ("w " * 65, 64), ("x\n" * 99, 64)],
)
def test_word_hashes_take_the_first_words(text: str, count: int) -> None:
    found = word_hashes(text)
    assert len(found) == count
    assert found == word_hashes(" ".join(text.split()[:64]))
