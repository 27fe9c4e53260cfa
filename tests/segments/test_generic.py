"""Segments of the generic format: configured pointers, with wildcards."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from tests.segments.support import Row, rows
from traingate.segments.generic import resolve

DOC = {
    "id": 7,
    "title": "Paris",
    "turns": [
        {"question": "Capital?", "answer": "Paris."},
        {"question": "River?", "answer": "Seine.", "notes": {"a": "x", "b": ["y", 3]}},
        {"question": "Size?"},
    ],
    "meta": {"a/b": "slash", "m~n": "tilde", "n": None},
    "": "empty key",
}

CASES: list[tuple[str, Mapping[str, Sequence[str]], list[Row]]] = [
    ("plain pointer", {"user": ["/title"]}, [(("user",), "/title", "Paris", "")]),
    (
        "wildcard over an array",
        {"assistant": ["/turns/*/answer"]},
        [
            (("assistant", "trained"), "/turns/0/answer", "Paris.", ""),
            (("assistant", "trained"), "/turns/1/answer", "Seine.", ""),
        ],
    ),
    (
        "wildcard over an object, escaped keys",
        {"system": ["/meta/*"]},
        [
            (("system",), "/meta/a~1b", "slash", ""),
            (("system",), "/meta/m~0n", "tilde", ""),
        ],
    ),
    (
        "escaped pointer",
        {"text": ["/meta/a~1b", "/meta/m~0n"]},
        [
            (("text", "trained"), "/meta/a~1b", "slash", ""),
            (("text", "trained"), "/meta/m~0n", "tilde", ""),
        ],
    ),
    (
        "object and array values give their strings",
        {"tool": ["/turns/1/notes"]},
        [(("tool",), "/turns/1/notes/a", "x", ""), (("tool",), "/turns/1/notes/b/0", "y", "")],
    ),
    (
        "absent pointers and non-strings give nothing",
        {"user": ["/missing", "/id", "/turns/9/question", "/turns/x", "/turns/01", "/meta/n"]},
        [],
    ),
    ("empty key", {"user": ["/"]}, [(("user",), "/", "empty key", "")]),
    (
        "one string, two roles",
        {"completion": ["/turns/0/answer"], "chosen": ["/turns/*/answer"]},
        [
            (("chosen", "completion", "trained"), "/turns/0/answer", "Paris.", ""),
            (("chosen", "trained"), "/turns/1/answer", "Seine.", ""),
        ],
    ),
    ("no pointers", {}, []),
]


@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(text, rows_, id=name) for name, text, rows_ in CASES]
)
def test_generic(text: Mapping[str, Sequence[str]], expected: list[Row]) -> None:
    assert rows("generic", DOC, text) == expected


def test_generic_without_configuration_has_no_segments() -> None:
    assert rows("generic", DOC) == []


def test_root_pointer_selects_every_string() -> None:
    found = rows("generic", {"a": "x", "b": [{"c": "y"}]}, {"user": [""]})
    assert found == [(("user",), "/a", "x", ""), (("user",), "/b/0/c", "y", "")]


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/turns/*/question", ["/turns/0/question", "/turns/1/question", "/turns/2/question"]),
        ("/turns/1/notes/*/0", ["/turns/1/notes/b/0"]),
        ("/turns/-", []),
        ("/turns/1e0", []),
        ("/title/0", []),
        ("turns", []),
    ],
)
def test_resolve(pointer: str, expected: list[str]) -> None:
    assert [at for at, _ in resolve(DOC, pointer)] == expected


def test_resolve_wildcards_reach_every_match() -> None:
    assert [at for at, _ in resolve(DOC, "/turns/*/*")] == [
        "/turns/0/question",
        "/turns/0/answer",
        "/turns/1/question",
        "/turns/1/answer",
        "/turns/1/notes",
        "/turns/2/question",
    ]
    assert list(resolve(DOC, "")) == [("", DOC)]


def test_resolve_values() -> None:
    value: Any = resolve(DOC, "/turns/1/notes/b/0")
    assert value == [("/turns/1/notes/b/0", "y")]
