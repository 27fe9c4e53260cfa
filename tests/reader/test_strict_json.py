from __future__ import annotations

import pytest

from traingate.reader.strict_json import Problem, parse_line

CASES: list[tuple[bytes, str, int, str]] = [
    # (line, rule, column, pointer)
    (b'{"a": 1', "invalid-json", 8, ""),
    (b'{"a": 1}{"b": 2}', "invalid-json", 9, ""),
    (b"{'a': 1}", "python-dict-repr", 2, ""),
    (b'{"a": True}', "python-dict-repr", 7, ""),
    (b'{"a": None}', "python-dict-repr", 7, ""),
    (b"[1, 2]", "non-object-record", 1, ""),
    (b'"text"', "non-object-record", 1, ""),
    (b"null", "non-object-record", 1, ""),
    (b'{"a": NaN}', "non-finite-number", 7, ""),
    (b'{"a": -Infinity}', "non-finite-number", 7, ""),
    (b'{"a": 1e999}', "non-finite-number", 7, ""),
    (b'{"a": "\\ud800"}', "lone-surrogate", 8, ""),
    (b'{"a": "\\udc00\\ud800"}', "lone-surrogate", 8, ""),
    (b'{"a": 1, "a": 2}', "duplicate-key", 1, "/a"),
    (b'{"a": {"b": [{"c": 1, "c": 1}]}}', "duplicate-key", 1, "/a/b/0/c"),
    (b'{"x/y~": {"k" : 1, "k" : 2}}', "duplicate-key", 1, "/x~1y~0/k"),
    # Counting tricks must not hide a duplicate: escaped quotes/colons, spaced colons.
    (b'{"a":"\\u0022:","a":1}', "duplicate-key", 1, "/a"),
    (b'{"a":"\\u0022\\u003A","a":1}', "duplicate-key", 1, "/a"),
    (b'{"a" :1,"a":2,"x":"\\":"}', "duplicate-key", 1, "/a"),
    (b'{"a"\t:1,"a":2}', "duplicate-key", 1, "/a"),
    (b'{"a": "caf\xe9"}', "invalid-utf8", 11, ""),
    (b'\xef\xbb\xbf{"a": 1}', "utf8-bom", 1, ""),
    (b'{"a": ' + b"[" * 70 + b"]" * 70 + b"}", "nesting-too-deep", 1, ""),
    (b'{"a": ' + b"[" * 2000 + b"]" * 2000 + b"}", "nesting-too-deep", 1031, ""),
]


@pytest.mark.parametrize(("line", "rule", "column", "pointer"), CASES)
def test_rejected_lines(line: bytes, rule: str, column: int, pointer: str) -> None:
    result = parse_line(line, max_depth=64)
    assert isinstance(result, Problem)
    assert (result.rule, result.column, result.pointer) == (rule, column, pointer)


def _nested(depth: int) -> object:
    value: object = []
    for _ in range(depth - 1):
        value = [value]
    return value


ACCEPTED: list[tuple[bytes, dict[str, object]]] = [
    (b'{"a": 1}', {"a": 1}),
    (b'{"a": "\\ud83d\\ude00"}', {"a": "\U0001f600"}),
    # '":' inside a string makes the fast key count disagree; the slow path must clear it.
    (b'{"a": "x\\":y", "b": "\\":"}', {"a": 'x":y', "b": '":'}),
    (b'{"a" : 1, "b"\t: {"c"  :  2}}', {"a": 1, "b": {"c": 2}}),
    (b'{"same": {"same": {"same": 1}}}', {"same": {"same": {"same": 1}}}),
    (b'{"a": [{"k": 1}, {"k": 2}]}', {"a": [{"k": 1}, {"k": 2}]}),
    (b'{"a": ' + b"[" * 60 + b"]" * 60 + b"}", {"a": _nested(60)}),
]


@pytest.mark.parametrize(("line", "expected"), ACCEPTED)
def test_accepted_lines(line: bytes, expected: dict[str, object]) -> None:
    assert parse_line(line, max_depth=64) == expected


def test_depth_bound_is_configurable() -> None:
    line = b'{"a": [[[1]]]}'
    assert isinstance(parse_line(line, max_depth=3), Problem)
    assert parse_line(line, max_depth=4) == {"a": [[[1]]]}
