"""What a training-data format is: a shipped JSON Schema plus a few semantic checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from traingate.finding import Finding
from traingate.record import Record

SemanticCheck = Callable[[Record], Iterator[Finding]]


@dataclass(frozen=True)
class Format:
    """A training-data format.

    ``schema`` names a JSON Schema file in ``traingate/formats/schemas/``. ``looks_like``
    is a cheap test on a parsed record used for detection (no validation). ``check`` runs
    the semantic checks a schema cannot express; it only sees records the schema accepted.
    """

    name: str
    summary: str
    doc: str
    schema: str
    looks_like: Callable[[dict[str, Any]], bool]
    check: SemanticCheck
