"""Split a byte stream into lines without ever holding more than one bounded line.

A line longer than the bound is not buffered: its bytes are counted and dropped until the
next newline, so a 500 MB single line costs a chunk of memory, not 500 MB.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple


class Line(NamedTuple):
    """One line: 1-based number, bytes without its terminator, and how it ended.

    ``ending`` is ``"\\n"``, ``"\\r\\n"`` or ``""`` (last line, no newline). ``size`` is the
    length of the content in bytes; for an over-long line ``data`` is empty and ``too_long``
    is set.
    """

    number: int
    data: bytes
    ending: str
    size: int
    too_long: bool = False


def split_lines(chunks: Iterable[bytes], max_bytes: int, first_line: int = 1) -> Iterator[Line]:
    number = first_line - 1
    pending: list[bytes] = []
    pending_size = 0
    skipping = False
    for chunk in chunks:
        parts = chunk.split(b"\n")
        last = parts.pop()
        for part in parts:
            number += 1
            if skipping or pending_size + len(part) > max_bytes:
                yield Line(number, b"", "\n", pending_size + len(part), True)
            else:
                data = b"".join((*pending, part)) if pending else part
                yield _line(number, data, "\n")
            pending, pending_size, skipping = [], 0, False
        if last:
            pending_size += len(last)
            if skipping or pending_size > max_bytes:
                pending, skipping = [], True
            else:
                pending.append(last)
    if pending_size:
        number += 1
        if skipping:
            yield Line(number, b"", "", pending_size, True)
        else:
            yield Line(number, b"".join(pending), "", pending_size)


def _line(number: int, data: bytes, ending: str) -> Line:
    if data.endswith(b"\r"):
        return Line(number, data[:-1], "\r\n", len(data) - 1)
    return Line(number, data, ending, len(data))
