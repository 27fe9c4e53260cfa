from __future__ import annotations

from traingate.reader.lines import Line, split_lines


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
