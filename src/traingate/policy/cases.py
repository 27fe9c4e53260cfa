"""A rule's ``tests``: each entry becomes the segments a real check would see.

A text goes into one segment with the roles of the rule's ``in`` (``assistant`` when that
is ``any``); a mapping gives one segment per role or pointer; ``{record, format}`` is cut
into segments by the format's own extractor, as in a real check.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from traingate.policy.errors import Origin, suggest
from traingate.policy.model import Condition, PolicyTest
from traingate.policy.scope import WILDCARD, example_pointer
from traingate.segments import ANY, EXTRACTORS, ROLES, Segment, segments

Path = tuple[str | int, ...]

DEFAULT_ROLE = "assistant"


def build_tests(
    data: Mapping[str, Any], conditions: Sequence[Condition], origin: Origin, path: Path
) -> tuple[PolicyTest, ...]:
    out = []
    for kind in ("block", "pass"):
        for i, entry in enumerate(data.get(kind, ())):
            here = (*path, "tests", kind, i)
            segs, label = _segments(entry, conditions, origin, here)
            record = entry["record"] if isinstance(entry, dict) and "record" in entry else {}
            test = PolicyTest(kind == "block", segs, label, origin.line_of(here), record)
            out.append(test)
    return tuple(out)


def _segments(
    entry: str | Mapping[str, Any], conditions: Sequence[Condition], origin: Origin, path: Path
) -> tuple[tuple[Segment, ...], str]:
    if isinstance(entry, str):
        return (_text_segment(entry, conditions),), entry
    if "record" in entry:
        return _record_segments(entry["record"], entry["format"], origin, path)
    segs = tuple(_keyed_segment(key, text, origin, (*path, key)) for key, text in entry.items())
    return segs, "; ".join(f"{key}: {text}" for key, text in entry.items())


def _text_segment(text: str, conditions: Sequence[Condition]) -> Segment:
    roles = frozenset().union(*(c.scope.roles for c in conditions)) - {ANY}
    if roles or not any(c.scope.pointers for c in conditions):
        return Segment(roles or frozenset({DEFAULT_ROLE}), "", text)
    first = next(c.scope for c in conditions if c.scope.pointers)
    return Segment(frozenset(), example_pointer(first), text)


def _keyed_segment(key: str, text: str, origin: Origin, path: Path) -> Segment:
    if key.startswith("/"):
        pointer = "/".join("0" if token == WILDCARD else token for token in key.split("/"))
        return Segment(frozenset(), pointer, text)
    if key == ANY or key not in ROLES:
        hint = suggest(key, set(ROLES) - {ANY}) or " (a JSON pointer starts with '/')"
        raise origin.error(path, f"a test segment needs a role or a pointer, not {key!r}{hint}")
    return Segment(frozenset({key}), "", text)


def _record_segments(
    record: dict[str, Any], fmt: str, origin: Origin, path: Path
) -> tuple[tuple[Segment, ...], str]:
    if fmt not in EXTRACTORS:
        hint = suggest(fmt, EXTRACTORS) or f" (one of: {', '.join(EXTRACTORS)})"
        raise origin.error((*path, "format"), f"unknown format {fmt!r}{hint}")
    label = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return tuple(segments(fmt, record)), label
