"""Split a byte stream into lines without ever holding more than one bounded line.

A line longer than the bound is not buffered: its bytes are counted and dropped until the
next newline, so a 500 MB single line costs a chunk of memory, not 500 MB.

The reader takes the lines of a chunk in batches rather than one object per line: a chunk
is split once, and a batch is a list of lines that share their ending, so the per-line
work is the parse alone.
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


class Batch(NamedTuple):
    """Consecutive lines numbered from ``first``, without terminators, all ending in
    ``ending``; none of them over the bound."""

    first: int
    lines: list[bytes]
    ending: str


class LongLine(NamedTuple):
    """A line over the bound: only its number, size and ending are known.

    The size counts every byte before the newline (a ``\\r`` included); the ending is
    ``"\\r\\n"``, ``"\\n"`` or ``""``, from the line's last bytes, the only ones looked at.
    """

    number: int
    size: int
    ending: str


Piece = Batch | LongLine


def split_lines(chunks: Iterable[bytes], max_bytes: int, first_line: int = 1) -> Iterator[Line]:
    """The lines of ``chunks`` one by one (see :func:`line_batches`)."""
    for piece in line_batches(chunks, max_bytes, first_line):
        if isinstance(piece, LongLine):
            yield Line(piece.number, b"", piece.ending, piece.size, True)
            continue
        number, lines, ending = piece
        for data in lines:
            yield Line(number, data, ending, len(data))
            number += 1


def line_batches(chunks: Iterable[bytes], max_bytes: int, first_line: int = 1) -> Iterator[Piece]:
    """The lines of ``chunks`` in order, as batches and over-long lines."""
    number = first_line - 1
    pending: list[bytes] = []
    pending_size = 0
    skipping = False
    carriage = False  # whether the line so far ends in '\r' (kept when it is skipped)
    for chunk in chunks:
        lines = chunk.split(b"\n")
        last = lines.pop()
        if lines:
            size = pending_size + len(lines[0])
            if skipping or size > max_bytes:
                number += 1
                crlf = lines[0].endswith(b"\r") if lines[0] else carriage
                yield LongLine(number, size, "\r\n" if crlf else "\n")
                del lines[0]
            elif pending:
                lines[0] = b"".join((*pending, lines[0]))
            # A CRLF ending may have its '\r' at the end of the previous chunk.
            cr = b"\r" in chunk or (pending and pending[-1].endswith(b"\r"))
            if cr or len(chunk) > max_bytes:
                yield from _sorted_out(number + 1, lines, max_bytes)
            elif lines:
                yield Batch(number + 1, lines, "\n")
            number += len(lines)
            pending, pending_size, skipping, carriage = [], 0, False, False
        if last:
            pending_size += len(last)
            carriage = last.endswith(b"\r")
            if skipping or pending_size > max_bytes:
                pending, skipping = [], True
            else:
                pending.append(last)
    if pending_size:
        number += 1
        if skipping:
            yield LongLine(number, pending_size, "")
        else:
            yield Batch(number, [b"".join(pending)], "")


def _sorted_out(number: int, lines: list[bytes], max_bytes: int) -> Iterator[Piece]:
    """Slow path for a chunk with a ``\\r`` or a line that may be over the bound: the
    lines one by one, regrouped into runs of the same ending."""
    run: list[bytes] = []
    ending = "\n"
    for data in lines:
        if len(data) > max_bytes:
            if run:
                yield Batch(number - len(run), run, ending)
                run = []
            yield LongLine(number, len(data), "\r\n" if data.endswith(b"\r") else "\n")
            number += 1
            continue
        kind = "\r\n" if data.endswith(b"\r") else "\n"
        if kind != ending and run:
            yield Batch(number - len(run), run, ending)
            run = []
        ending = kind
        run.append(data[:-1] if kind == "\r\n" else data)
        number += 1
    if run:
        yield Batch(number - len(run), run, ending)
