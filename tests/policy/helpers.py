"""Loading policies from strings, and fake detectors, for the policy tests."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from traingate.detectors.base import Detector, Span
from traingate.finding import Finding
from traingate.policy.loader import load_policies
from traingate.policy.policyset import PolicySet
from traingate.record import Record
from traingate.segments import Segment


def _digits(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    least = int(options.get("min-length", 4))
    start = None
    for i, char in enumerate(f"{text} "):
        if char.isdigit() and char.isascii():
            start = i if start is None else start
        elif start is not None:
            if i - start >= least:
                yield Span(start, i, "digit run")
            start = None


def _zero_width(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    for i, char in enumerate(text):
        if char == "\u200b":
            yield Span(i, i + 1)


DIGITS = Detector(
    name="digit-run",
    summary="A run of digits.",
    doc="## What it does\nFinds digits.",
    find=_digits,
    prefilter=r"[0-9]{4}",
    normalize=False,
    redact=True,
    options_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {"min-length": {"type": "integer", "minimum": 1}},
    },
)
ZERO_WIDTH = Detector(
    name="zero-width-space",
    summary="A zero-width space.",
    doc="## What it does\nFinds U+200B.",
    find=_zero_width,
    prefilter=None,
    normalize=False,
)
DETECTORS = {d.name: d for d in (DIGITS, ZERO_WIDTH)}

HEAD = "name: test-policy\ndescription: Things a test must catch.\nrules:\n"


def load(
    *texts: str,
    reserved: tuple[str, ...] = (),
    names: tuple[str, ...] = (),
) -> PolicySet:
    """Policies from YAML texts, named ``p0.yaml``, ``p1.yaml``... unless ``names`` says."""
    files = {
        (names[i] if i < len(names) else f"p{i}.yaml"): text.encode()
        for i, text in enumerate(texts)
    }
    return load_policies(
        list(files),
        root=Path("/nonexistent"),
        read=lambda ref: files[ref],
        reserved_ids=reserved,
        detectors=DETECTORS,
    )


def rules(body: str) -> PolicySet:
    """A policy made of ``HEAD`` and the given (already indented) rule entries."""
    return load(HEAD + body)


def seg(role: str, text: str, pointer: str = "/messages/1/content", via: str = "") -> Segment:
    roles = frozenset(role.split("+")) if role else frozenset()
    return Segment(roles, pointer, text, via)


def check(policyset: PolicySet, *segs: Segment) -> list[Finding]:
    record = Record(path="data.jsonl", line=7, value={}, hash="h" * 32, size=1)
    return list(policyset.check(record, segs))


def fired(policyset: PolicySet, *segs: Segment) -> list[tuple[str, str]]:
    """``(rule, pointer)`` of each finding."""
    return [(f.rule, f.pointer) for f in check(policyset, *segs)]
