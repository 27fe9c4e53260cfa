"""Rows of small integers of varying length, kept in one flat array.

The analyzers keep a few integers per record (prompt feature ids, prompt word hashes, an
answer's key words with their sentence and position). As a list of tuples, each row costs
a tuple (56 bytes and 8 per item) and, for 32-bit hashes, an int object per value (32
bytes); here a row costs its values at their array width and one 8-byte end offset.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, overload


class Ragged(Sequence["array[int]"]):
    """Append-only rows of unsigned integers (``typecode`` ``"I"``: 32 bits, ``"B"``: 8);
    a row reads back as an ``array`` holding its values."""

    __slots__ = ("ends", "values")

    def __init__(self, typecode: str = "I") -> None:
        self.values: array[int] = array(typecode)
        self.ends: array[int] = array("Q")

    def __len__(self) -> int:
        return len(self.ends)

    @overload
    def __getitem__(self, index: int) -> array[int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[array[int]]: ...

    def __getitem__(self, index: int | slice) -> array[int] | list[array[int]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        ends = self.ends
        if index < 0:
            index += len(ends)
        end = ends[index]  # raises IndexError past the last row
        return self.values[ends[index - 1] if index else 0 : end]

    def __iter__(self) -> Iterator[array[int]]:
        values, start = self.values, 0
        for end in self.ends:
            yield values[start:end]
            start = end

    def append(self, row: Iterable[int]) -> None:
        self.values.extend(row)
        self.ends.append(len(self.values))

    def extend(self, other: Ragged) -> None:
        """Append the rows of ``other`` (a shard that follows this one)."""
        base = len(self.values)
        self.values.extend(other.values)
        self.ends.extend(map(base.__add__, other.ends))

    def flat(self) -> Sequence[int]:
        """Every value of every row, in order."""
        return self.values


class Rows(Sequence[Sequence[int]]):
    """Rows made from the rows of other sequences as they are read (``make`` of the
    ``sources``' rows at one index): a derived table that is never held whole."""

    __slots__ = ("make", "sources")

    def __init__(self, make: Callable[..., Sequence[int]], *sources: Sequence[Any]) -> None:
        self.make = make
        self.sources = sources

    def __len__(self) -> int:
        return len(self.sources[0])

    @overload
    def __getitem__(self, index: int) -> Sequence[int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[Sequence[int]]: ...

    def __getitem__(self, index: int | slice) -> Sequence[int] | list[Sequence[int]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.make(*(source[index] for source in self.sources))

    def __iter__(self) -> Iterator[Sequence[int]]:
        return map(self.make, *self.sources)
