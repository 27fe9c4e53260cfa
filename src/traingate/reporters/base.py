"""The interface every reporter implements, and the run summary they all receive."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, TextIO

from traingate.finding import Finding, Severity
from traingate.rules.base import Rule


@dataclass
class Summary:
    """Counts of one run; ``blocked`` and ``unreadable`` decide the exit code."""

    files: int = 0
    records: int = 0
    by_severity: Counter[Severity] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    unreadable: int = 0
    blocking: int = 0
    waived: int = 0
    baselined: int = 0
    checked_paths: set[str] = field(default_factory=set)

    def add(self, finding: Finding, blocking: bool, unreadable: bool) -> None:
        count = finding.count
        self.by_severity[finding.severity] += count
        self.by_rule[finding.rule] += count
        self.blocking += count if blocking else 0
        self.unreadable += count if unreadable else 0

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


class Reporter(Protocol):
    """Receives findings as they are produced, then the summary once.

    ``rules`` indexes every rule of the run (built-in and policy rules) by id, for reporters
    that carry rule metadata (SARIF, step summary).
    """

    def __init__(
        self, stream: TextIO, *, color: bool, quiet: bool, rules: Mapping[str, Rule]
    ) -> None: ...

    def finding(self, finding: Finding) -> None: ...

    def finish(self, summary: Summary) -> None: ...
