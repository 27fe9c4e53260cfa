"""Read one training file: records for the checks, findings for everything else.

Nothing is skipped silently: every line is either a record or a finding, and a file that
cannot be read to the end ends with a finding saying why.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from traingate.finding import Finding
from traingate.reader import rules
from traingate.reader.lines import Batch, LongLine, Piece, line_batches
from traingate.reader.stream import LFS_SIGNATURE, ReadFailure, read_chunks
from traingate.reader.strict_json import BOM, MAX_VALUES, Problem, parse_record
from traingate.record import Record, canonical_hash, line_hash, record

_RULES = {rule.id: rule for rule in rules.READER_RULES}


@dataclass(frozen=True)
class ReaderOptions:
    max_line_bytes: int = 64 << 20
    max_depth: int = 64
    max_values: int = MAX_VALUES
    allow_empty: bool = False
    allow_bom: bool = False
    max_decompression_ratio: int = 100


def read_file(path: Path, shown: str, options: ReaderOptions) -> Iterator[Record | Finding]:
    """Records and reader findings of one file, in line order; file findings at the end."""
    if not path.is_file():
        yield rules.UNREADABLE_FILE.finding(shown, 0, 0, _not_a_file(path))
        return
    yield from read_stream(read_chunks(path, options.max_decompression_ratio), shown, options)


def _not_a_file(path: Path) -> str:
    if not path.exists():
        return "no such file"
    if not path.is_dir():
        return "not a regular file"
    try:
        os.scandir(path).close()
    except OSError as exc:
        reason = exc.strerror or exc
        return f"cannot list this directory ({reason}): the files in it were not checked"
    return "a directory, not a file"


def read_stream(
    chunks: Iterator[bytes], shown: str, options: ReaderOptions, first_line: int = 1
) -> Iterator[Record | Finding]:
    """Like :func:`read_file` for bytes from elsewhere (a git blob, the tail of a file).

    ``first_line`` numbers the first line when the bytes start in the middle of a file; the
    whole-file rules (empty file, LFS pointer) then do not apply.
    """
    tally = Tally(first_line)
    yield from read_items(chunks, shown, options, tally)
    if not tally.stopped:
        yield from tally.file_findings(shown, options)


def read_items(
    chunks: Iterator[bytes], shown: str, options: ReaderOptions, tally: Tally
) -> Iterator[Record | Finding]:
    """Records and line findings of one stretch of a file; the file findings are left to
    the caller, from ``tally`` (merged with the tallies of the other stretches, if any)."""
    try:
        first = next(chunks, b"")
        if tally.whole_file and first.startswith(LFS_SIGNATURE):
            tally.stopped = True
            yield rules.LFS_POINTER.finding(
                shown, 1, 1, "this is a Git LFS pointer, not the data: run `git lfs pull`"
            )
            return
        pieces = line_batches(_prepend(first, chunks), options.max_line_bytes, tally.last_line + 1)
        yield from _read_lines(pieces, shown, options, tally)
    except ReadFailure as failure:
        tally.stopped = True
        yield _RULES[failure.rule].finding(shown, tally.last_line + 1, 0, failure.message)


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


class Tally:
    """What the file-level rules need to know, gathered while the lines stream past.

    A file read in byte ranges has one tally per range; :meth:`merge` joins them in file
    order into the tally a single pass would have gathered.
    """

    def __init__(self, first_line: int) -> None:
        self.whole_file = first_line == 1
        self.records = 0
        self.last_line = first_line - 1
        self.first_ending = ""
        self.first_ending_line = 0
        self.crlf_line = 0
        self.mixed_line = 0
        self.unterminated_valid = False
        self.stopped = False

    def ending(self, number: int, ending: str) -> None:
        """Note that line ``number`` (and the lines after it, up to the next call) end so."""
        if not ending:
            return
        if not self.first_ending:
            self.first_ending = ending
            self.first_ending_line = number
        elif ending != self.first_ending and not self.mixed_line:
            self.mixed_line = number
        if ending == "\r\n" and not self.crlf_line:
            self.crlf_line = number

    def merge(self, other: Tally) -> None:
        """Absorb the tally of the range that follows this one in the file."""
        if not self.mixed_line and other.first_ending:
            if not self.first_ending or other.first_ending == self.first_ending:
                self.mixed_line = other.mixed_line
            else:
                self.mixed_line = other.first_ending_line
        if not self.first_ending:
            self.first_ending = other.first_ending
            self.first_ending_line = other.first_ending_line
        self.crlf_line = self.crlf_line or other.crlf_line
        self.records += other.records
        if other.records:
            self.unterminated_valid = other.unterminated_valid
        self.last_line = other.last_line
        self.stopped = self.stopped or other.stopped

    def file_findings(self, shown: str, options: ReaderOptions) -> Iterator[Finding]:
        if self.records == 0 and self.whole_file and not options.allow_empty:
            yield rules.EMPTY_FILE.finding(shown, 0, 0, "the file has no records")
        if self.mixed_line:
            yield rules.MIXED_LINE_ENDINGS.finding(
                shown,
                self.mixed_line,
                0,
                f"line endings change here (the file starts with {self.first_ending!r})",
            )
        elif self.crlf_line:
            yield rules.CRLF_LINE_ENDING.finding(shown, self.crlf_line, 0, "CRLF line endings")
        if self.unterminated_valid:
            yield rules.MISSING_FINAL_NEWLINE.finding(
                shown, self.last_line, 0, "no newline at the end of the file"
            )


def _read_lines(
    pieces: Iterable[Piece], shown: str, options: ReaderOptions, tally: Tally
) -> Iterator[Record | Finding]:
    max_depth, max_values = options.max_depth, options.max_values
    for piece in pieces:
        if isinstance(piece, LongLine):
            tally.last_line = piece.number
            tally.ending(piece.number, piece.ending)
            yield _too_long(piece, shown, options)
            continue
        number, lines, ending = piece
        tally.ending(number, ending)
        if number == 1 and options.allow_bom and lines[0].startswith(BOM):
            yield _item(lines[0][len(BOM) :], 1, len(lines[0]), piece, shown, options, tally)
            number, lines = 2, lines[1:]
        for data in lines:
            parsed = parse_record(data, max_depth, max_values)
            if isinstance(parsed, Problem):
                yield _line_finding(parsed, data, number, ending, shown)
            else:
                tally.records += 1
                hashed = canonical_hash(parsed[1])
                if b"\r" in data:  # a CRLF line's own '\r' is not in data
                    yield _carriage_return(data, number, shown, hashed)
                yield record(shown, number, parsed[0], hashed, len(data))
            number += 1
        tally.last_line = number - 1
        if not ending and lines:
            tally.unterminated_valid = not isinstance(parsed, Problem)


def _item(
    data: bytes,
    number: int,
    size: int,
    batch: Batch,
    shown: str,
    options: ReaderOptions,
    tally: Tally,
) -> Record | Finding:
    """One line on its own, when it is not the plain bytes of a record (a BOM first)."""
    parsed = parse_record(data, options.max_depth, options.max_values)
    if isinstance(parsed, Problem):
        return _line_finding(parsed, data, number, batch.ending, shown)
    tally.records += 1
    tally.unterminated_valid = not batch.ending
    return record(shown, number, parsed[0], canonical_hash(parsed[1]), size)


def _carriage_return(data: bytes, number: int, shown: str, hashed: str) -> Finding:
    return rules.CARRIAGE_RETURN_IN_LINE.finding(
        shown,
        number,
        data.index(b"\r") + 1,
        "a carriage return inside the line: readers with universal newlines (Python's "
        "text mode) end the line here and see two broken records",
        record_hash=hashed,
    )


def _too_long(line: LongLine, shown: str, options: ReaderOptions) -> Finding:
    return rules.LINE_TOO_LONG.finding(
        shown,
        line.number,
        1,
        f"line is {line.size} bytes, over reader.max-line-bytes "
        f"{options.max_line_bytes}; not parsed",
        record_hash=f"size:{line.size}",
    )


def _line_finding(problem: Problem, data: bytes, number: int, ending: str, shown: str) -> Finding:
    # Blank lines are told apart only here: orjson refuses them, like any other non-JSON.
    if not data.strip():
        return rules.BLANK_LINE.finding(shown, number, 1, "blank line")
    rule = _RULES[problem.rule]
    message = problem.message
    if not ending and rule in (rules.INVALID_JSON, rules.PYTHON_DICT_REPR):
        rule = rules.TRUNCATED_LINE
        message = f"last line has no newline and is not valid JSON ({problem.message})"
    return rule.finding(shown, number, problem.column, message, problem.pointer, line_hash(data))
