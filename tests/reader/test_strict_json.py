from __future__ import annotations

import pytest

from traingate.reader.strict_json import Problem, parse_line, values_estimate

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
    # An escaped colon in a kept value makes up for the colon of the swallowed key.
    (b'{"a":"x","a":"\\u003a"}', "duplicate-key", 1, "/a"),
    (b'{"a": {"k": 1, "k": "\\u003A"}}', "duplicate-key", 1, "/a/k"),
    (b'{"a": "caf\xe9"}', "invalid-utf8", 11, ""),
    (b'\xef\xbb\xbf{"a": 1}', "utf8-bom", 1, ""),
    (b'{"a": ' + b"[" * 70 + b"]" * 70 + b"}", "nesting-too-deep", 1, ""),
    (b'{"a": ' + b"[" * 2000 + b"]" * 2000 + b"}", "nesting-too-deep", 1031, ""),
    (b'{"a": 1' + b', "b": {"c": 1' * 65 + b"}" * 66, "nesting-too-deep", 1, ""),
]


@pytest.mark.parametrize(("line", "rule", "column", "pointer"), CASES)
def test_rejected_lines(line: bytes, rule: str, column: int, pointer: str) -> None:
    result = parse_line(line, max_depth=64)
    assert isinstance(result, Problem)
    assert (result.rule, result.column, result.pointer) == (rule, column, pointer)


SYNTAX_MESSAGES: list[tuple[bytes, int, str]] = [
    # (line, column, message): the parser's own words where they end in "at" or name no
    # character, said so that whoever wrote the line can fix it.
    (b'{"a": "x\ty"}', 9, "raw control character U+0009 inside a string"),
    (b'{"a": "x\x1fy"}', 9, "raw control character U+001F inside a string"),
    (b'{"a": "xy', 7, "string not closed before the end of the line"),
    (b'{"a": 1,}', 9, "trailing comma before '}'"),
    (b'{"a": [1, 2, ]}', 14, "trailing comma before ']'"),
    (b'{"a": "\\q"}', 8, "invalid escape \\q in a string"),
    (b'{"a": "\\\xc3\xa9"}', 8, "invalid escape \\ + U+00E9 in a string"),
    (b'{"a": 1}{"b": 2}', 9, "two JSON values on one line"),
    # Left as the parser says them: they name what was expected.
    (b'{"a": }', 7, "Expecting value"),
    (b'{"a" 1}', 6, "Expecting ':' delimiter"),
]


@pytest.mark.parametrize(("line", "column", "message"), SYNTAX_MESSAGES)
def test_syntax_errors_say_what_to_fix(line: bytes, column: int, message: str) -> None:
    result = parse_line(line, max_depth=64)
    assert isinstance(result, Problem)
    assert (result.rule, result.column) == ("invalid-json", column)
    assert result.message.startswith(message)


def _nested(depth: int) -> object:
    value: object = []
    for _ in range(depth - 1):
        value = [value]
    return value


def _wide(keys: int) -> dict[str, object]:
    return {f"k{i}": [{"x": 1}] for i in range(keys)}


ACCEPTED: list[tuple[bytes, dict[str, object]]] = [
    (b'{"a": 1}', {"a": 1}),
    (b'{"a": "\\ud83d\\ude00"}', {"a": "\U0001f600"}),
    # '":' inside a string makes the fast key count disagree; the slow path must clear it.
    (b'{"a": "x\\":y", "b": "\\":"}', {"a": 'x":y', "b": '":'}),
    (b'{"a" : 1, "b"\t: {"c"  :  2}}', {"a": 1, "b": {"c": 2}}),
    (b'{"same": {"same": {"same": 1}}}', {"same": {"same": {"same": 1}}}),
    (b'{"a": [{"k": 1}, {"k": 2}]}', {"a": [{"k": 1}, {"k": 2}]}),
    (b'{"a": ' + b"[" * 60 + b"]" * 60 + b"}", {"a": _nested(60)}),
    # Many keys and brackets, little depth: the bound is checked and holds.
    (b"{" + b",".join(b'"k%d": [{"x": 1}]' % i for i in range(80)) + b"}", _wide(80)),
]


@pytest.mark.parametrize(("line", "expected"), ACCEPTED)
def test_accepted_lines(line: bytes, expected: dict[str, object]) -> None:
    assert parse_line(line, max_depth=64) == expected


def test_depth_bound_is_configurable() -> None:
    line = b'{"a": [[[1]]]}'
    assert isinstance(parse_line(line, max_depth=3), Problem)
    assert parse_line(line, max_depth=4) == {"a": [[[1]]]}


def test_depth_past_what_the_serializer_takes_is_a_finding_not_a_crash() -> None:
    # reader.max-depth allows up to 1000, orjson serializes 254 levels at most.
    deep = b'{"a": ' + b"[" * 300 + b"]" * 300 + b"}"
    problem = parse_line(deep, max_depth=1000)
    assert isinstance(problem, Problem)
    assert problem.rule == "nesting-too-deep"
    assert "301" in problem.message
    assert isinstance(parse_line(b'{"a": ' + b"[" * 200 + b"]" * 200 + b"}", 1000), dict)


def _messages(count: int) -> bytes:
    turn = b'{"role":"user","content":"hi"}'
    return b'{"messages":[' + b",".join([turn] * count) + b"]}"


def test_too_many_values_is_refused_before_parsing() -> None:
    # 200 turns of 4 strings and an object, and the record, its key and its array.
    problem = parse_line(_messages(200), max_depth=64, max_values=500)
    assert isinstance(problem, Problem)
    assert problem.rule == "too-many-values"
    assert "about 1,003 values (strings, numbers, objects, arrays)" in problem.message
    assert "over reader.max-values 500" in problem.message
    assert isinstance(parse_line(_messages(200), max_depth=64, max_values=1003), dict)


def test_numbers_count_as_values_and_commas_in_text_do_not() -> None:
    # Numbers have no quote or bracket: 2,000 of them in one array, and the same commas
    # inside strings, which are prose.
    numbers = b'{"x": [' + b",".join([b"1.5", b"-2", b"true", b"null"] * 500) + b"]}"
    problem = parse_line(numbers, max_depth=64, max_values=1000)
    assert isinstance(problem, Problem) and problem.rule == "too-many-values"
    assert "about 2,000 values" in problem.message
    assert isinstance(parse_line(numbers, max_depth=64, max_values=2001), dict)
    prose = b'{"text": "' + b'a, \\"b\\", \\\\, c, ' * 1000 + b'", "n": [1, 2]}'
    assert isinstance(parse_line(prose, max_depth=64, max_values=1000), dict)


def test_values_estimate_counts_structure_not_prose() -> None:
    # Escaped quotes and commas in a long text are not values; the bound is on values.
    prose = b'{"text": "' + b'He said \\"yes, no, maybe\\", then left. ' * 2000 + b'"}'
    assert values_estimate(prose) == 3  # the record, its key and its text
    assert isinstance(parse_line(prose, max_depth=64, max_values=10), dict)
    # An escaped backslash before a closing quote reads as an escaped quote: one short.
    assert values_estimate(b'{"a": [{}, {"b": "c"}], "d": "\\\\"}') == 8
