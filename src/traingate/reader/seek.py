"""Some lines of a file read again, without parsing the lines before them.

The dataset analyzers keep no texts; to name what they report, they ask for a few records
back once the file is done (see :class:`~traingate.analyzers.base.Naming`). Reading the
whole file again to the last of them costs as much as the first pass's parse. Here the
lines' byte offsets are found by counting newlines (``bytes.count`` and ``bytes.find``
run at GB/s) and only the wanted lines are read, each run of consecutive ones as a range
of the file, by the same reader as the first pass: the records come back exactly as they
were read then.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import BinaryIO

from traingate.finding import Finding
from traingate.reader.file import ReaderOptions, Tally, read_items
from traingate.reader.stream import HEAD_BYTES, ReadFailure, compression_of, read_range
from traingate.record import Record

SCAN_BLOCK = 1 << 20


def seekable(path: Path) -> bool:
    """Whether ``path`` is a regular, uncompressed file whose lines can be read by offset."""
    try:
        if not path.is_file():  # before opening: a FIFO would block
            return False
        with path.open("rb") as raw:
            return not compression_of(path, raw.read(HEAD_BYTES))
    except (OSError, ReadFailure):
        return False


def line_starts(raw: BinaryIO, numbers: Iterable[int]) -> dict[int, int]:
    """The byte offset at which each of the 1-based line ``numbers`` starts (lines end at
    ``\\n``; after a final newline, one more starts at the end of the file); a number past
    that is left out."""
    targets = iter(sorted(set(numbers)))
    target = next(targets, None)
    found: dict[int, int] = {}
    line, start, position = 1, 0, 0
    raw.seek(0)
    while target is not None:
        if target <= line:
            if target == line:
                found[target] = start
            target = next(targets, None)
            continue
        block = raw.read(SCAN_BLOCK)
        if not block:
            break
        newlines = block.count(b"\n")
        if line + newlines < target:  # no target starts in this block: skip it whole
            if newlines:
                line += newlines
                start = position + block.rindex(b"\n") + 1
            position += len(block)
            continue
        at = block.find(b"\n")
        while at >= 0:
            line += 1
            start = position + at + 1
            while target is not None and target <= line:
                if target == line:
                    found[target] = start
                target = next(targets, None)
            at = block.find(b"\n", at + 1)
        position += len(block)
    if found and max(found) == line and start == position:
        del found[line]  # the file ends with a newline: no line starts there
    return found


def read_lines(
    path: Path, shown: str, options: ReaderOptions, numbers: Iterable[int]
) -> Iterator[Record | Finding]:
    """The reader's records and line findings for the lines ``numbers`` of an uncompressed
    file (see :func:`seekable`), in line order."""
    wanted = sorted(set(numbers))
    if not wanted:
        return
    with path.open("rb") as raw:
        size = raw.seek(0, 2)
        starts = line_starts(raw, [*wanted, *(n + 1 for n in wanted)])
    # Runs of consecutive lines, each read as one range.
    for _, run in groupby(enumerate(wanted), lambda pair: pair[1] - pair[0]):
        lines = [number for _, number in run]
        first = lines[0]
        if first not in starts:
            return  # past the end of the file: so are the rest
        end = starts.get(lines[-1] + 1, size)
        chunks = read_range(path, starts[first], end)
        yield from read_items(chunks, shown, options, Tally(first))
