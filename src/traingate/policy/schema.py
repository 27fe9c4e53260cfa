"""Validation of a policy file's data against ``schemas/policy.schema.json``."""

from __future__ import annotations

import json
from functools import cache as once
from typing import TYPE_CHECKING, Any

from traingate import package_data
from traingate.policy.errors import Origin, suggest
from traingate.text import cache

if TYPE_CHECKING:
    from jsonschema import (  # type: ignore[import-untyped, unused-ignore]
        Draft202012Validator,
        ValidationError,
    )

BUILTIN = "builtin:"

KeyPath = tuple[str | int, ...]

_KINDS = {
    dict: "a mapping",
    list: "a list",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    type(None): "null",
}
_TYPES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "boolean": "a boolean",
}


@once
def _schema_text() -> str:
    return package_data.read_text("traingate.schemas", "policy.schema.json")


@once
def policy_schema() -> dict[str, Any]:
    """The shipped policy schema (also what the docs are generated from)."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


@once
def _validator() -> Draft202012Validator:
    # jsonschema is slow to import; a run that loads only built-in packs seen before skips it.
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped, unused-ignore]

    return Draft202012Validator(policy_schema())


def validate(data: Any, origin: Origin) -> None:
    """Raise the first schema error in file order, located and in plain words.

    A built-in pack (shipped in the package) whose exact data passed against this schema
    before, as a cache entry records, is not validated again; other policies always are.
    """
    marker = _marker(data) if origin.file.startswith(BUILTIN) else None
    if marker is not None and cache.load(marker) is True:
        return
    _validate(data, origin)
    if marker is not None:
        cache.store(marker, True)


def _marker(data: Any) -> str | None:
    try:
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    return cache.key("builtin-policy-valid", _schema_text(), canonical)


@once
def _fast_validator() -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(policy_schema())


def _validate(data: Any, origin: Origin) -> None:
    # The compiled validator settles valid files without importing jsonschema (~60 ms);
    # only an invalid file pays for the pure-Python one that explains its errors.
    if _fast_validator().is_valid(data):
        return
    located = [_explain(error, origin) for error in _validator().iter_errors(data)]
    if located:
        path, message = min(located, key=lambda item: (origin.line_of(item[0]), len(item[0])))
        raise origin.error(path, message)


def _explain(error: ValidationError, origin: Origin) -> tuple[KeyPath, str]:
    path: KeyPath = tuple(error.absolute_path)
    value: Any = error.instance
    schema: Any = error.schema
    expected: Any = error.validator_value
    known = schema.get("properties", {}) if isinstance(schema, dict) else {}
    extra = [key for key in value if key not in known] if isinstance(value, dict) else []
    if error.validator == "additionalProperties" and extra:
        key = min(extra, key=lambda k: origin.line_of((*path, k)))
        return (*path, key), f"unknown key {key!r}{suggest(key, known)}"
    if error.validator == "required" and isinstance(value, dict):
        missing = [key for key in expected if key not in value]
        return path, f"missing required key {missing[0]!r}"
    if error.validator == "enum":
        choices = ", ".join(str(choice) for choice in expected)
        hint = suggest(value, expected) if isinstance(value, str) else ""
        return path, f"{value!r} is not one of: {choices}{hint}"
    if error.validator == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPES.get(name, name) for name in names)
        return path, f"expected {wanted}, got {_KINDS.get(type(value), type(value).__name__)}"
    if error.validator == "pattern" and isinstance(value, str):
        return path, f"{value!r} is not kebab-case (lower-case words joined by '-')"
    if error.validator in ("anyOf", "oneOf") and "title" in schema:
        return path, f"expected {schema['title']}"
    if error.validator == "minItems":
        return path, "must not be empty"
    if error.validator == "uniqueItems":
        return path, "lists an entry twice"
    return path, error.message
