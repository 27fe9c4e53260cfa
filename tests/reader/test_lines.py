from __future__ import annotations

import pytest

from traingate.reader.lines import Batch, Line, LongLine, Piece, line_batches, split_lines


def _lines(chunks: list[bytes], max_bytes: int = 100) -> list[Line]:
    return list(split_lines(iter(chunks), max_bytes))


def test_lines_across_chunk_boundaries() -> None:
    got = _lines([b'{"a"', b":1}\n{", b'"b":2}\r', b"\nlast"])
    assert got == [
        Line(1, b'{"a":1}', "\n", 7),
        Line(2, b'{"b":2}', "\r\n", 7),
        Line(3, b"last", "", 4),
    ]


def test_empty_input_has_no_lines() -> None:
    assert _lines([]) == []
    assert _lines([b""]) == []


def test_blank_lines_are_kept() -> None:
    assert [line.data for line in _lines([b"a\n\n\nb\n"])] == [b"a", b"", b"", b"b"]


def test_over_long_line_is_dropped_and_reading_resumes() -> None:
    chunks = [b"ok\n", b"x" * 60, b"x" * 60, b"x" * 60 + b"\nnext\n"]
    got = _lines(chunks, max_bytes=100)
    assert got == [
        Line(1, b"ok", "\n", 2),
        Line(2, b"", "\n", 180, True),
        Line(3, b"next", "\n", 4),
    ]


def test_over_long_last_line_without_newline() -> None:
    got = _lines([b"a\n", b"y" * 150], max_bytes=100)
    assert got[-1] == Line(2, b"", "", 150, True)


def test_over_long_line_inside_one_chunk() -> None:
    got = _lines([b"z" * 150 + b"\nb\n"], max_bytes=100)
    assert got == [Line(1, b"", "\n", 150, True), Line(2, b"b", "\n", 1)]


def _pieces(chunks: list[bytes], max_bytes: int = 100) -> list[Piece]:
    return list(line_batches(iter(chunks), max_bytes))


def test_a_chunk_of_lf_lines_is_one_batch() -> None:
    assert _pieces([b"a\nbb\n\nc"]) == [Batch(1, [b"a", b"bb", b""], "\n"), Batch(4, [b"c"], "")]


def test_endings_split_a_chunk_into_runs() -> None:
    got = _pieces([b"a\r\nb\r\nc\nd\r\n\r\n"])
    assert got == [
        Batch(1, [b"a", b"b"], "\r\n"),
        Batch(3, [b"c"], "\n"),
        Batch(4, [b"d", b""], "\r\n"),
    ]


def test_crlf_split_between_chunks() -> None:
    # The '\r' ends one chunk and the '\n' starts the next, which has no '\r' of its own.
    got = _pieces([b"a\r\nb\r", b"\nc\n"])
    assert got == [
        Batch(1, [b"a"], "\r\n"),
        Batch(2, [b"b"], "\r\n"),
        Batch(3, [b"c"], "\n"),
    ]


def test_lone_cr_inside_a_line_is_content() -> None:
    assert _pieces([b"a\rb\nc\r"]) == [Batch(1, [b"a\rb"], "\n"), Batch(2, [b"c\r"], "")]


def test_over_long_line_at_the_start_of_a_chunk() -> None:
    got = _pieces([b"x" * 90, b"y" * 20 + b"\nok\n"])
    assert got == [LongLine(1, 110, "\n"), Batch(2, [b"ok"], "\n")]


def test_over_long_lines_between_short_ones_in_a_big_chunk() -> None:
    got = _pieces([b"a\n" + b"z" * 12 + b"\r\nb\r\n" + b"w" * 11 + b"\n"], max_bytes=10)
    assert got == [
        Batch(1, [b"a"], "\n"),
        LongLine(2, 13, "\r\n"),
        Batch(3, [b"b"], "\r\n"),
        LongLine(4, 11, "\n"),
    ]


def test_a_long_line_keeps_its_crlf_ending_across_chunks() -> None:
    # The '\r' ends one chunk and the '\n' starts the next, the line skipped between.
    chunks = [b"a\r\n" + b"z" * 8, b"z" * 8 + b"\r", b"\nb\r\n"]
    assert _pieces(chunks, max_bytes=10) == [
        Batch(1, [b"a"], "\r\n"),
        LongLine(2, 17, "\r\n"),
        Batch(3, [b"b"], "\r\n"),
    ]
    assert _pieces([b"z" * 12 + b"\r", b"x\n"], max_bytes=10) == [LongLine(1, 14, "\n")]


def test_over_long_lf_line_in_the_middle_of_a_big_chunk() -> None:
    got = _pieces([b"a\n" + b"z" * 11 + b"\nb\n"], max_bytes=10)
    assert got == [Batch(1, [b"a"], "\n"), LongLine(2, 11, "\n"), Batch(3, [b"b"], "\n")]


def test_line_exactly_at_the_bound_is_kept() -> None:
    assert _pieces([b"x" * 5, b"x" * 5 + b"\n"], max_bytes=10) == [Batch(1, [b"x" * 10], "\n")]
    assert _pieces([b"x" * 5, b"x" * 6 + b"\n"], max_bytes=10) == [LongLine(1, 11, "\n")]


def test_numbering_starts_at_first_line() -> None:
    got = list(line_batches(iter([b"a\nb\r\nc"]), 100, first_line=41))
    assert got == [Batch(41, [b"a"], "\n"), Batch(42, [b"b"], "\r\n"), Batch(43, [b"c"], "")]


SAMPLE = b'{"a":1}\r\n\n' + b"q" * 30 + b'\n{"b":\r2}\r\nlast\r'


@pytest.mark.parametrize("size", range(1, len(SAMPLE) + 1))
def test_any_chunking_gives_the_same_lines(size: int) -> None:
    chunks = [SAMPLE[i : i + size] for i in range(0, len(SAMPLE), size)]
    assert (
        _lines(chunks, max_bytes=20)
        == _lines([SAMPLE], max_bytes=20)
        == [
            Line(1, b'{"a":1}', "\r\n", 7),
            Line(2, b"", "\n", 0),
            Line(3, b"", "\n", 30, True),
            Line(4, b'{"b":\r2}', "\r\n", 8),
            Line(5, b"last\r", "", 5),
        ]
    )
