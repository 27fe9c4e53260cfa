"""Helpers shared by the format tests."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from traingate.finding import Finding
from traingate.formats.registry import FORMATS
from traingate.formats.validate import check_record
from traingate.record import Record, record_hash

Expected = list[tuple[str, str]]
Case = tuple[dict[str, Any], Expected]


def record_of(value: dict[str, Any], line: int = 3) -> Record:
    return Record("data/train.jsonl", line, value, record_hash(value), len(orjson.dumps(value)))


def findings(format_name: str, value: dict[str, Any]) -> list[Finding]:
    return list(check_record(FORMATS[format_name], record_of(value)))


def rule_pointers(format_name: str, value: dict[str, Any]) -> Expected:
    """``(rule, pointer)`` of every finding, sorted so schema error order does not matter."""
    return sorted((finding.rule, finding.pointer) for finding in findings(format_name, value))


def table(cases: list[tuple[str, dict[str, Any], Expected]]) -> list[Any]:
    """``pytest.param(record, expected, id=name)`` for each named case."""
    return [pytest.param(value, expected, id=name) for name, value, expected in cases]


def user(content: Any = "Capital of France?") -> dict[str, Any]:
    return {"role": "user", "content": content}


def assistant(content: Any = "Paris.", **extra: Any) -> dict[str, Any]:
    return {"role": "assistant", "content": content, **extra}


def call(call_id: str = "call_1", arguments: str = '{"city": "Paris"}') -> dict[str, Any]:
    return {
        "id": call_id,
        "type": "function",
        "function": {"name": "get_weather", "arguments": arguments},
    }


def image(url: str = "https://example.com/cat.png") -> dict[str, Any]:
    return {"type": "image_url", "image_url": {"url": url}}
