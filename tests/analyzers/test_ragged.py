"""Ragged rows: what goes in comes back, row by row, across merges."""

from __future__ import annotations

import pickle
from array import array

import pytest

from traingate.analyzers.ragged import Ragged

ROWS = [[3, 1, 4], [], [1, 5], [2**32 - 1], [9, 2, 6, 5]]


def _filled(rows: list[list[int]], typecode: str = "I") -> Ragged:
    table = Ragged(typecode)
    for row in rows:
        table.append(row)
    return table


def test_rows_read_back() -> None:
    table = _filled(ROWS)
    assert len(table) == len(ROWS)
    assert [list(row) for row in table] == ROWS
    assert [list(table[i]) for i in range(len(ROWS))] == ROWS
    assert list(table[-1]) == ROWS[-1] and list(table[-4]) == ROWS[1]
    assert [list(row) for row in table[1:4]] == ROWS[1:4]
    assert list(table.flat()) == [value for row in ROWS for value in row]
    assert isinstance(table[0], array)


def test_index_past_the_end_raises() -> None:
    table = _filled(ROWS)
    with pytest.raises(IndexError):
        table[len(ROWS)]
    with pytest.raises(IndexError):
        Ragged()[0]


@pytest.mark.parametrize("cut", range(len(ROWS) + 1))
def test_extend_is_appending_the_rows(cut: int) -> None:
    first, second = _filled(ROWS[:cut]), _filled(ROWS[cut:])
    first.extend(second)
    assert [list(row) for row in first] == ROWS


def test_bytes_rows_and_pickling() -> None:
    table = _filled([[1, 2], [255], []], "B")
    table.append(b"\x07\x08")
    again = pickle.loads(pickle.dumps(table))
    assert [bytes(row) for row in again] == [b"\x01\x02", b"\xff", b"", b"\x07\x08"]
    with pytest.raises(OverflowError):
        table.append([256])
