"""What every rule carries: its id, scope, default severity and its own documentation."""

from __future__ import annotations

import enum
import inspect
from dataclasses import dataclass

from traingate.finding import Finding, Severity


class Scope(enum.Enum):
    FILE = "file"
    LINE = "line"
    RECORD = "record"
    DATASET = "dataset"


@dataclass(frozen=True)
class Rule:
    """Metadata of one rule.

    ``doc`` is Markdown in the shape *What it does / Why it matters / Example that fails /
    Example that passes / Options*; ``traingate explain`` prints it and ``docs/rules.md`` is
    generated from it. ``unreadable`` marks rules meaning the gate could not read the input
    at all: such a finding makes the run exit 3 rather than 1.
    """

    id: str
    scope: Scope
    severity: Severity
    summary: str
    doc: str
    unreadable: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "doc", inspect.cleandoc(self.doc))

    def finding(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        pointer: str = "",
        record_hash: str = "",
    ) -> Finding:
        return Finding(
            path=path,
            line=line,
            column=column,
            rule=self.id,
            severity=self.severity,
            message=message,
            pointer=pointer,
            record_hash=record_hash,
        )
