"""Checking a record against its format: the shipped JSON Schema, then the semantic checks.

Schemas are compiled once per process by ``jsonschema_rs`` (the pure-Python validator is
two orders of magnitude slower and stays in the tests as the reference). A record that
matches its schema costs one ``is_valid`` call; errors are collected only for records that
fail it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

import jsonschema_rs
import orjson

from traingate import package_data
from traingate.finding import Finding
from traingate.formats.base import Format
from traingate.formats.common import SCHEMA_VIOLATION, emit
from traingate.record import Record

MAX_SCHEMA_ERRORS = 20
# Error messages quote the offending value, which may be a whole conversation.
MAX_MESSAGE_CHARS = 300


def schema_names() -> list[str]:
    """File names of every shipped format schema, sorted."""
    return [
        name
        for name in package_data.names("traingate.formats", "schemas")
        if name.endswith(".json")
    ]


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """The parsed schema ``name`` from ``traingate/formats/schemas/``."""
    text = package_data.read_bytes("traingate.formats", f"schemas/{name}")
    schema: dict[str, Any] = orjson.loads(text)
    return schema


@functools.cache
def _registry() -> jsonschema_rs.Registry:
    # Schemas refer to each other by "$id" (openai-dpo reuses openai-chat's messages).
    schemas = [load_schema(name) for name in schema_names()]
    return jsonschema_rs.Registry([(schema["$id"], schema) for schema in schemas])


@functools.cache
def compiled_schema(name: str) -> jsonschema_rs.Validator:
    """The compiled validator of schema ``name``; compiled on first use, then reused."""
    return jsonschema_rs.validator_for(load_schema(name), registry=_registry(), offline=True)


def check_record(fmt: Format, record: Record) -> Iterator[Finding]:
    """Findings for ``record`` read as ``fmt``.

    Schema mismatches become ``schema-violation`` findings (at most
    :data:`MAX_SCHEMA_ERRORS`, then one saying more were suppressed); only a record that
    matches the schema gets the format's semantic checks, which rely on its shape.
    """
    validator = compiled_schema(fmt.schema)
    try:
        if validator.is_valid(record.value):
            return fmt.check(record)
    except (ValueError, TypeError) as error:
        return iter((_unvalidated(record, error),))
    return _schema_findings(validator, record)


def _unvalidated(record: Record, error: Exception) -> Finding:
    # jsonschema_rs raises on records nested deeper than its recursion limit, which only a
    # reader configured with a max-depth in the hundreds lets through. A gate that cannot
    # validate a record must say so rather than crash or pass it.
    return emit(SCHEMA_VIOLATION, record, f"record cannot be validated: {error}")


def _schema_findings(validator: jsonschema_rs.Validator, record: Record) -> Iterator[Finding]:
    try:
        yield from _capped_errors(validator, record)
    except (ValueError, TypeError) as error:
        yield _unvalidated(record, error)


def _capped_errors(validator: jsonschema_rs.Validator, record: Record) -> Iterator[Finding]:
    for count, error in enumerate(validator.iter_errors(record.value)):
        if count == MAX_SCHEMA_ERRORS:
            yield emit(
                SCHEMA_VIOLATION,
                record,
                f"more than {MAX_SCHEMA_ERRORS} schema errors; the rest are not shown",
            )
            return
        pointer = json_pointer(error.instance_path)
        message = _shorten(_message(error))
        yield emit(SCHEMA_VIOLATION, record, message, pointer)


def _message(error: jsonschema_rs.ValidationError) -> str:
    kind = error.kind
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Enum):
        # jsonschema_rs abbreviates to "... or 4 other candidates"; list every option.
        options = ", ".join(orjson.dumps(option).decode() for option in kind.options)
        return f"{orjson.dumps(error.instance).decode()} is not one of {options}"
    return error.message


def json_pointer(path: Iterable[str | int]) -> str:
    """The RFC 6901 JSON pointer of a path of keys and indexes."""
    return "".join(
        "/" + (str(part) if isinstance(part, int) else part.replace("~", "~0").replace("/", "~1"))
        for part in path
    )


def _shorten(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[: MAX_MESSAGE_CHARS - 1] + "…"
