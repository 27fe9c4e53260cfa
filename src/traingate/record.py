"""A parsed training record and where it came from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import orjson


@dataclass(frozen=True, slots=True)
class Record:
    """One JSON object from one line of a training file.

    ``value`` is the parsed object, already checked to be strict JSON (no duplicate keys,
    no non-finite numbers, no lone surrogates). ``size`` is the line's length in bytes.
    """

    path: str
    line: int
    value: dict[str, Any]
    hash: str
    size: int


# A frozen dataclass sets each field through object.__setattr__ in __init__; setting the
# slots through their descriptors is about twice as fast, and the reader makes one record
# per line.
_new = object.__new__
_set_path = vars(Record)["path"].__set__
_set_line = vars(Record)["line"].__set__
_set_value = vars(Record)["value"].__set__
_set_hash = vars(Record)["hash"].__set__
_set_size = vars(Record)["size"].__set__


def record(path: str, line: int, value: dict[str, Any], hash: str, size: int) -> Record:
    """``Record(path, line, value, hash, size)``, built without the frozen ``__init__``."""
    made: Record = _new(Record)
    _set_path(made, path)
    _set_line(made, line)
    _set_value(made, value)
    _set_hash(made, hash)
    _set_size(made, size)
    return made


def record_hash(value: Any) -> str:
    """The documented content hash of a record.

    SHA-256 over the record serialized as compact JSON with object keys sorted (by code
    point), no insignificant whitespace, strings in UTF-8 with only the escapes JSON
    requires; the first 32 hex digits. Line numbers and formatting of the original line do
    not change it; any change to a key or value does.
    """
    return canonical_hash(orjson.dumps(value, option=orjson.OPT_SORT_KEYS))


def canonical_hash(canonical: bytes) -> str:
    """:func:`record_hash` of a record whose canonical serialization is already at hand."""
    return hashlib.sha256(canonical).hexdigest()[:32]


def line_hash(data: bytes) -> str:
    """Hash of a line that is not a valid record (so it still has a stable identity)."""
    return hashlib.sha256(data).hexdigest()[:32]
