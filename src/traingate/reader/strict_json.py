"""Strict RFC 8259 parsing of one line.

orjson already rejects NaN/Infinity, lone surrogates, invalid UTF-8 and a BOM, at full
speed. What it accepts but a gate must not: duplicate keys (it keeps the last) and nesting
beyond our bound.

Memory is bounded before parsing: a line under the length bound can still hold millions of
tiny values (each a Python object of 50-200 bytes once parsed: 50 MB of ``{"a":"b"},``
takes gigabytes). The strings, objects and arrays of a line are estimated from its
unescaped quotes and its brackets (brackets inside strings count too, so the estimate errs
high for code), only for a line long enough to reach the bound.

Duplicates are proven absent without walking the value: every ':' of the canonical
serialization (which the record hash needs anyway) is either the colon after a kept key or a
colon inside a kept string, and each of those is a ':' of the raw line too, unless it was
written as a ``\\u003a`` escape, which sends the line to the slow path. A swallowed
duplicate takes its colon with it, so equal counts prove that no key was swallowed; any
difference is settled by an exact re-parse that also names the duplicate. Nesting is
bounded by counting brackets and colons, walking only when the count could exceed the
bound.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import orjson

from traingate.reader import rules

BOM = b"\xef\xbb\xbf"
_PY_LITERAL = re.compile(r"(True|False|None)\b")
_ESCAPED_COLON = re.compile(rb"\\u003[aA]")
_SORT_KEYS = orjson.OPT_SORT_KEYS


@dataclass(frozen=True)
class Problem:
    rule: str
    column: int
    message: str
    pointer: str = ""


MAX_VALUES = 500_000


def parse_line(
    data: bytes, max_depth: int, max_values: int = MAX_VALUES
) -> dict[str, Any] | Problem:
    """The record on this line, or the first problem that makes it unacceptable."""
    parsed = parse_record(data, max_depth, max_values)
    return parsed if isinstance(parsed, Problem) else parsed[0]


def parse_record(
    data: bytes, max_depth: int, max_values: int = MAX_VALUES
) -> tuple[dict[str, Any], bytes] | Problem:
    """The record and its canonical serialization (sorted keys, compact), or a problem."""
    # Each string takes two bytes at least, each object or array one: a shorter line
    # cannot reach the bound.
    if len(data) > max_values:
        values = values_estimate(data)
        if values <= max_values and data.count(b",") > max_values:
            # Numbers, true, false and null hold no quote or bracket: counted by the commas
            # between values, once the strings (whose commas are prose) are taken out.
            values = max(values, _commas_outside_strings(data) + 1)
        if values > max_values:
            message = (
                f"about {values:,} values (strings, numbers, objects, arrays), over "
                f"reader.max-values {max_values:,}; not parsed"
            )
            return Problem(rules.TOO_MANY_VALUES.id, 1, message)
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        return diagnose(data, exc)
    if type(value) is not dict:
        kind = type(value).__name__.replace("NoneType", "null")
        return Problem(rules.NON_OBJECT_RECORD.id, 1, f"line holds a JSON {kind}, not an object")
    colons = data.count(b":")
    # Each object on the way down to the deepest value holds the next one under a key, so
    # the depth is at most one more than the number of '[' and ':' on the line.
    arrays = data.count(b"[")
    if arrays + colons >= max_depth and arrays + data.count(b"{") > max_depth:
        depth = _depth(value)
        if depth > max_depth:
            message = f"nesting depth {depth} exceeds reader.max-depth {max_depth}"
            return Problem(rules.NESTING_TOO_DEEP.id, 1, message)
    try:
        canonical = orjson.dumps(value, option=_SORT_KEYS)
    except orjson.JSONEncodeError:
        # orjson serializes at most 254 levels; reader.max-depth may allow more.
        message = f"nesting depth {_depth(value)} is deeper than the record hash can serialize"
        return Problem(rules.NESTING_TOO_DEEP.id, 1, message)
    if colons != canonical.count(b":") or _ESCAPED_COLON.search(data) is not None:
        duplicate = find_duplicate_key(data)
        if duplicate is not None:
            return duplicate
    return value, canonical


def values_estimate(data: bytes) -> int:
    """The strings, objects and arrays of a JSON line, from its quotes that are not
    escaped and its opening brackets (those inside strings counted too)."""
    strings = (data.count(b'"') - data.count(b'\\"')) // 2
    return strings + data.count(b"{") + data.count(b"[")


def _commas_outside_strings(data: bytes) -> int:
    """The commas of a JSON line that are not inside a string: with escaped backslashes
    and quotes taken out, the quotes alternate between opening and closing a string."""
    plain = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    return sum(piece.count(b",") for piece in plain.split(b'"')[::2])


def _depth(value: dict[str, Any]) -> int:
    """Maximum nesting depth of arrays and objects, without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        children = node.values() if type(node) is dict else node
        for child in children:
            kind = type(child)
            if kind is dict or kind is list:
                stack.append((child, depth + 1))
    return deepest


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


def repeated_key(data: bytes, value: Any) -> Problem | None:
    """The first key an object in ``data`` repeats, or None; ``value`` is what ``data``
    parsed to. Cheap when no key repeats: the colons of ``data`` are counted against its
    value's, and only a difference (or an escaped colon) takes the slow path."""
    if data.count(b":") == orjson.dumps(value).count(b":") and not _ESCAPED_COLON.search(data):
        return None
    return find_duplicate_key(data)


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
    return Problem(rules.INVALID_JSON.id, err.colno, _syntax_message(text, err))


_ESCAPES = '\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX'


def _syntax_message(text: str, err: json.JSONDecodeError) -> str:
    """The parser's reason in words a writer of the line can act on: its own messages
    for a control character or an open string end in "at", naming nothing."""
    rest = text[err.pos :]
    if err.msg == "Extra data" and rest.lstrip().startswith("{"):
        return "two JSON values on one line: put each record on its own line"
    if err.msg.startswith("Invalid control character") and rest:
        return (
            f"raw control character U+{ord(rest[0]):04X} inside a string: JSON needs it "
            "escaped (\\t, \\n, \\u00XX)"
        )
    if err.msg.startswith("Unterminated string"):
        return "string not closed before the end of the line"
    if err.msg.startswith("Expecting") and rest[:1] in ("}", "]"):
        before = text[: err.pos].rstrip()
        if before.endswith(","):
            return f"trailing comma before {rest[0]!r}"
    if err.msg == "Invalid \\escape":
        char = rest[1:2]
        shown = f"\\{char}" if char.isascii() and char.isprintable() else f"\\ + U+{ord(char):04X}"
        return f"invalid escape {shown} in a string (JSON's are {_ESCAPES})"
    return err.msg
