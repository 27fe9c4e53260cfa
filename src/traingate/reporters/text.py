"""One line per finding, like a compiler: ``path:line:col: severity rule-id message [pointer]``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from traingate.display import visible
from traingate.finding import Finding, Severity
from traingate.reporters.base import Summary
from traingate.rules.base import Rule

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"
_BOLD = "\033[1m"


class TextReporter:
    def __init__(
        self, stream: TextIO, *, color: bool, quiet: bool, rules: Mapping[str, Rule]
    ) -> None:
        self.stream = stream
        self.color = color
        self.quiet = quiet

    def finding(self, finding: Finding) -> None:
        if self.quiet and finding.severity < Severity.ERROR:
            return
        self.stream.write(format_finding(finding, self.color) + "\n")

    def finish(self, summary: Summary) -> None:
        if self.quiet and not summary.blocking and not summary.unreadable:
            return
        self.stream.write(format_summary(summary, self.color) + "\n")


def format_finding(finding: Finding, color: bool = False) -> str:
    severity = finding.severity.label
    if color:
        severity = f"{_COLORS[finding.severity]}{severity}{_RESET}"
    pointer = f" [{visible(finding.pointer)}]" if finding.pointer else ""
    return (
        f"{visible(finding.path)}:{finding.line}:{finding.column}: {severity} {finding.rule} "
        f"{visible(finding.message)}{pointer}"
    )


def format_summary(summary: Summary, color: bool = False) -> str:
    counts = ", ".join(
        f"{summary.by_severity[s]} {s.label}{'s' if summary.by_severity[s] != 1 else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
    records = f"{summary.records} record{'s' if summary.records != 1 else ''}"
    if summary.unreadable:
        verdict = "blocked: some input could not be read"
    elif summary.blocking:
        verdict = "blocked"
    else:
        verdict = "passed"
    if color:
        tint = _COLORS[Severity.ERROR] if verdict != "passed" else "\033[32m"
        verdict = f"{_BOLD}{tint}{verdict}{_RESET}"
    suppressed = [
        f"{n} {what}"
        for n, what in ((summary.waived, "waived"), (summary.baselined, "baselined"))
        if n
    ]
    extra = f" ({', '.join(suppressed)})" if suppressed else ""
    return f"{files}, {records}: {counts}{extra}; {verdict}"
