"""Helpers shared by the segment tests: segments as plain rows, and role tuples."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from traingate.segments import segments

Row = tuple[tuple[str, ...], str, str, str]
Case = tuple[str, dict[str, Any], list[Row]]

SYSTEM = ("system",)
DEVELOPER = ("developer", "system")
USER = ("user",)
TOOL = ("tool",)
PROMPT = ("prompt", "user")
ASSISTANT = ("assistant", "completion")
TRAINED = ("assistant", "completion", "trained")
PREFERRED = ("assistant", "chosen", "completion", "preferred", "trained")
NON_PREFERRED = ("assistant", "non_preferred", "rejected")
TEXT = ("text", "trained")
NO_ROLE: tuple[str, ...] = ()


def rows(
    format_name: str,
    value: dict[str, Any],
    generic_text: Mapping[str, Sequence[str]] | None = None,
) -> list[Row]:
    """``(sorted roles, pointer, text, via)`` of each segment, in the order they come."""
    return [
        (tuple(sorted(found.roles)), found.pointer, found.text, found.via)
        for found in segments(format_name, value, generic_text)
    ]


def table(cases: list[Case]) -> list[Any]:
    """``pytest.param(record, expected, id=name)`` for each named case."""
    return [pytest.param(value, expected, id=name) for name, value, expected in cases]


def say(role: str, content: Any, **extra: Any) -> dict[str, Any]:
    return {"role": role, "content": content, **extra}
