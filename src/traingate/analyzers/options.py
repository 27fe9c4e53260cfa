"""Options schemas of the analyzers: objects with known keys only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SEVERITY = {"enum": ["error", "warning", "info"]}
COUNT = {"type": "integer", "minimum": 1}
FRACTION = {"type": "number", "minimum": 0, "maximum": 1}
SHARE = {"type": "number", "exclusiveMinimum": 0, "maximum": 1}
"""A fraction above zero: a share that must be met, or a test's ``alpha``."""
MIN_COUNT = {"type": "integer", "minimum": 2}
"""The fewest records that make a group."""


def schema(properties: Mapping[str, Any]) -> dict[str, Any]:
    """The options schema of an analyzer: ``properties`` and nothing else."""
    return {"type": "object", "additionalProperties": False, "properties": dict(properties)}


def defaults_doc(defaults: Mapping[str, Any]) -> str:
    """The ``Options`` lines of a rule doc: each option with its default."""
    return "\n".join(f"- `{key}` (default `{value}`)" for key, value in defaults.items())
