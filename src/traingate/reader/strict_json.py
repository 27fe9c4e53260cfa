"""Strict RFC 8259 parsing of one line.

orjson already rejects NaN/Infinity, lone surrogates, invalid UTF-8 and a BOM, at full
speed. What it accepts but a gate must not: duplicate keys (it keeps the last) and nesting
beyond our bound. Both are caught by one walk over the parsed value; duplicates are proven
absent cheaply by counting key tokens in the raw bytes, and only a line whose count does not
add up is re-parsed slowly to name the duplicate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import orjson

from traingate.reader import rules

BOM = b"\xef\xbb\xbf"
# A key is a string closed by '"' and followed by ':'. Strings may contain '":' too, so the
# count is an upper bound on the number of keys: equality with the parsed count proves that
# no key was swallowed by a duplicate.
_KEY_TOKEN_SPACED = re.compile(rb'"[ \t\r\n]*:')
_WS_AFTER_QUOTE = (b'" ', b'"\t', b'"\r', b'"\n')
_PY_LITERAL = re.compile(r"(True|False|None)\b")


@dataclass(frozen=True)
class Problem:
    rule: str
    column: int
    message: str
    pointer: str = ""


def parse_line(data: bytes, max_depth: int) -> dict[str, Any] | Problem:
    """The record on this line, or the first problem that makes it unacceptable."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        return diagnose(data, exc)
    if type(value) is not dict:
        kind = type(value).__name__.replace("NoneType", "null")
        return Problem(rules.NON_OBJECT_RECORD.id, 1, f"line holds a JSON {kind}, not an object")
    keys, depth = _shape(value)
    if depth > max_depth:
        return Problem(
            rules.NESTING_TOO_DEEP.id,
            1,
            f"nesting depth {depth} exceeds reader.max-depth {max_depth}",
        )
    if _key_tokens(data) != keys:
        duplicate = find_duplicate_key(data)
        if duplicate is not None:
            return duplicate
    return value


def _key_tokens(data: bytes) -> int:
    if any(ws in data for ws in _WS_AFTER_QUOTE):
        return len(_KEY_TOKEN_SPACED.findall(data))
    return data.count(b'":')


def _shape(value: dict[str, Any]) -> tuple[int, int]:
    """Total number of object keys and maximum nesting depth, without recursion."""
    keys = 0
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if type(node) is dict:
            keys += len(node)
            children = node.values()
        else:
            children = node
        for child in children:
            kind = type(child)
            if kind is dict or kind is list:
                stack.append((child, depth + 1))
    return keys, deepest


class _Pairs(dict[str, Any]):
    duplicates: list[str]


def _pairs_hook(pairs: list[tuple[str, Any]]) -> _Pairs:
    obj = _Pairs()
    obj.duplicates = []
    for key, val in pairs:
        if key in obj:
            obj.duplicates.append(key)
        obj[key] = val
    return obj


def find_duplicate_key(data: bytes) -> Problem | None:
    """Slow path: re-parse keeping every key to name the first duplicate's pointer."""
    try:
        tree = json.loads(data.decode("utf-8"), object_pairs_hook=_pairs_hook)
    except (ValueError, RecursionError):
        return None
    stack: list[tuple[Any, str]] = [(tree, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, _Pairs):
            if node.duplicates:
                key = node.duplicates[0]
                return Problem(
                    rules.DUPLICATE_KEY.id,
                    1,
                    f"duplicate key {key!r}: readers disagree on which value counts",
                    f"{pointer}/{escape_pointer(key)}",
                )
            stack.extend((v, f"{pointer}/{escape_pointer(k)}") for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, f"{pointer}/{i}") for i, v in enumerate(node))
    return None


def escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def diagnose(data: bytes, exc: orjson.JSONDecodeError) -> Problem:
    """Name the reason orjson refused a line, as precisely as the slow path allows."""
    if data.startswith(BOM):
        return Problem(rules.UTF8_BOM.id, 1, "UTF-8 byte order mark; save the file without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return Problem(
            rules.INVALID_UTF8.id,
            err.start + 1,
            f"invalid UTF-8 byte 0x{data[err.start]:02x} at byte offset {err.start} of the line",
        )
    reason = str(exc.msg)
    if "surrogate" in reason:
        return Problem(rules.LONE_SURROGATE.id, exc.colno, f"{reason} (a lone UTF-16 surrogate)")
    if "depth" in reason:
        return Problem(
            rules.NESTING_TOO_DEEP.id, exc.colno, "nesting deeper than any reader allows"
        )
    if "infinity" in reason:
        return Problem(rules.NON_FINITE_NUMBER.id, exc.colno, "number overflows a double")
    return _diagnose_text(text, reason, exc.colno)


def _diagnose_text(text: str, reason: str, orjson_column: int) -> Problem:
    constants: list[str] = []

    def remember(token: str) -> float:
        constants.append(token)
        return 0.0

    try:
        json.loads(text, parse_constant=remember)
    except json.JSONDecodeError as err:
        return _syntax_problem(text, err)
    except RecursionError:
        return Problem(rules.INVALID_JSON.id, orjson_column, reason)
    if constants:
        return Problem(
            rules.NON_FINITE_NUMBER.id,
            text.find(constants[0]) + 1,
            f"{constants[0]} is not JSON (Python's json.dumps writes it unless allow_nan=False)",
        )
    return Problem(rules.INVALID_JSON.id, orjson_column, reason)


def _syntax_problem(text: str, err: json.JSONDecodeError) -> Problem:
    at = text[err.pos : err.pos + 5]
    stripped = text.lstrip()
    if at.startswith("'") or stripped.startswith("{'") or _PY_LITERAL.match(at):
        return Problem(
            rules.PYTHON_DICT_REPR.id,
            err.colno,
            "this is Python's repr of a dict (single quotes / True / None), not JSON: "
            "write records with json.dumps(record)",
        )
    message = err.msg
    if err.msg == "Extra data" and text[err.pos :].lstrip().startswith("{"):
        message = "two JSON values on one line: put each record on its own line"
    return Problem(rules.INVALID_JSON.id, err.colno, message)
