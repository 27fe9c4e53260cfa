"""Validation of a loaded YAML/TOML table against a shipped JSON Schema, with located errors.

Errors are turned into messages a person can act on (unknown key with a suggestion, the
allowed values of an enum, the expected type) at the line of the offending key.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from traingate import package_data, yamlsafe

KeyPath = yamlsafe.KeyPath

_TYPES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}
_KINDS = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer"}
_KINDS.update({float: "number", type(None): "null"})


@cache
def _schema(schema_name: str) -> Any:
    return json.loads(package_data.read_text("traingate.schemas", schema_name))


@cache
def _fast_validator(schema_name: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(_schema(schema_name))


@cache
def _validator(schema_name: str) -> Any:
    # jsonschema is slow to import (~60 ms): only a file that fails the fast check pays for
    # it, to get its errors explained.
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped, unused-ignore]

    return Draft202012Validator(_schema(schema_name))


def first_error(
    table: Any, schema_name: str, line_of: Callable[[Sequence[str | int]], int]
) -> tuple[KeyPath, str] | None:
    """The schema error at the earliest line, as (key path, message), or None if valid."""
    if _fast_validator(schema_name).is_valid(table):
        return None
    located = [_explain(error, line_of) for error in _validator(schema_name).iter_errors(table)]
    if not located:
        return None
    return min(located, key=lambda item: line_of(item[0]))


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, else ``""``."""
    import difflib  # only for an error message: every hook run pays for imports

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _explain(error: Any, line_of: Callable[[Sequence[str | int]], int]) -> tuple[KeyPath, str]:
    path: KeyPath = tuple(error.absolute_path)
    value = error.instance
    known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    extra = [key for key in value if key not in known] if isinstance(value, dict) else []
    if error.validator == "additionalProperties" and extra:
        key = min(extra, key=lambda k: line_of((*path, k)))
        return (*path, key), f"unknown key {key!r}{suggest(key, known)}"
    if error.validator == "enum" and isinstance(error.validator_value, list):
        choices = [str(choice) for choice in error.validator_value]
        hint = suggest(value, choices) if isinstance(value, str) else ""
        return path, f"{_show(value)} is not one of: {', '.join(choices)}{hint}"
    if error.validator == "type" and isinstance(error.validator_value, str):
        kind = _KINDS.get(type(value))
        got = _TYPES[kind] if kind else type(value).__name__
        return path, f"expected {_TYPES[error.validator_value]}, got {got}"
    return path, error.message


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else json.dumps(value, default=str)
