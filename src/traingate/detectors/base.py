"""What a built-in detector is: a named, documented finder of spans in one text.

Policies use detectors where a regex alone is not enough (a checksum, an entropy bound, a
script analysis). A detector never prints or raises on odd input; it yields spans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Span(NamedTuple):
    """A half-open character range ``[start, end)`` in the text given to the detector."""

    start: int
    end: int
    note: str = ""


Find = Callable[[str, Mapping[str, Any]], Iterator[Span]]
Guard = Callable[[str, Mapping[str, Any]], bool]


@dataclass(frozen=True)
class Detector:
    """A built-in detector, referenced from a policy as ``detector: NAME``.

    ``prefilter`` is an RE2 pattern that matches (case-insensitively on the text the
    detector sees) wherever the detector could fire; the engine puts it in the single
    multi-pattern pass and calls ``find`` only for segments where it matched, so the cost
    of a detector on clean text is one more pattern in the set. ``None`` means ``find``
    runs on every segment (keep those cheap). ``normalize`` says whether the detector
    wants the normalized view (True) or the original text (False; secrets are case
    sensitive, hidden-text detectors must see the invisible characters). ``redact`` asks
    reporters to mask the matched text in excerpts. ``guard``, for a detector without a
    prefilter, is a cheap test that is false only where ``find`` yields nothing; the engine
    calls ``find`` only where it is true.
    """

    name: str
    summary: str
    doc: str
    find: Find
    prefilter: str | None
    normalize: bool = True
    redact: bool = False
    options_schema: Mapping[str, Any] = field(
        default_factory=lambda: {"type": "object", "additionalProperties": False}
    )
    guard: Guard | None = None
