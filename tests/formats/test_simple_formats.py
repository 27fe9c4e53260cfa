"""The formats without semantic checks: alpaca, openai-completion, generic."""

from __future__ import annotations

from typing import Any

import pytest

from tests.formats.support import Expected, rule_pointers, table

SCHEMA = "schema-violation"

ALPACA_CASES = [
    ("minimal", {"instruction": "Say hi.", "output": "Hi."}, []),
    (
        "all fields",
        {
            "instruction": "Translate.",
            "input": "Bonjour",
            "output": "Hello",
            "system": "Be terse.",
            "history": [["Hi", "Hello"]],
        },
        [],
    ),
    ("empty instruction", {"instruction": "", "input": "2+2?", "output": "4"}, []),
    ("extra key", {"instruction": "x", "output": "y", "id": 3}, []),
    ("missing output", {"instruction": "x", "input": "y"}, [(SCHEMA, "")]),
    ("output not string", {"instruction": "x", "output": 4}, [(SCHEMA, "/output")]),
    (
        "history triple",
        {"instruction": "x", "output": "y", "history": [["a", "b", "c"]]},
        [(SCHEMA, "/history/0/2")],
    ),
    (
        "history single",
        {"instruction": "x", "output": "y", "history": [["a"]]},
        [(SCHEMA, "/history/0")],
    ),
    (
        "history not strings",
        {"instruction": "x", "output": "y", "history": [["a", 2]]},
        [(SCHEMA, "/history/0/1")],
    ),
]

COMPLETION_CASES = [
    ("plain", {"prompt": "Capital of France?", "completion": " Paris."}, []),
    ("empty strings", {"prompt": "", "completion": ""}, []),
    ("extra key", {"prompt": "x", "completion": "y", "id": 1}, [(SCHEMA, "")]),
    ("completion not string", {"prompt": "x", "completion": 1}, [(SCHEMA, "/completion")]),
    ("missing completion", {"prompt": "x"}, [(SCHEMA, "")]),
]

GENERIC_CASES = [
    ("empty", {}, []),
    ("anything", {"doc": {"body": ["x", 1, None]}, "messages": "not a list"}, []),
]


@pytest.mark.parametrize(("value", "expected"), table(ALPACA_CASES))
def test_alpaca(value: dict[str, Any], expected: Expected) -> None:
    assert rule_pointers("alpaca", value) == sorted(expected)


@pytest.mark.parametrize(("value", "expected"), table(COMPLETION_CASES))
def test_openai_completion(value: dict[str, Any], expected: Expected) -> None:
    assert rule_pointers("openai-completion", value) == sorted(expected)


@pytest.mark.parametrize(("value", "expected"), table(GENERIC_CASES))
def test_generic(value: dict[str, Any], expected: Expected) -> None:
    assert rule_pointers("generic", value) == sorted(expected)
