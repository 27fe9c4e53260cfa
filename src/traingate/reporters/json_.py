"""The stable JSON report (schema: ``traingate/schemas/report.schema.json``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO

import orjson

from traingate.display import decodable
from traingate.finding import Finding, Severity
from traingate.reporters.base import Summary
from traingate.rules.base import Rule

REPORT_VERSION = 1


class JsonReporter:
    def __init__(
        self, stream: TextIO, *, color: bool, quiet: bool, rules: Mapping[str, Rule]
    ) -> None:
        self.stream = stream
        self.findings: list[dict[str, Any]] = []

    def finding(self, finding: Finding) -> None:
        self.findings.append(finding_to_json(finding))

    def finish(self, summary: Summary) -> None:
        report = {
            "version": REPORT_VERSION,
            "findings": self.findings,
            "summary": summary_to_json(summary),
        }
        self.stream.write(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode() + "\n")


def finding_to_json(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "path": decodable(finding.path),
        "line": finding.line,
        "column": finding.column,
        "pointer": decodable(finding.pointer),
        "message": decodable(finding.message),
        "record_hash": finding.record_hash,
    }


def summary_to_json(summary: Summary) -> dict[str, Any]:
    return {
        "files": summary.files,
        "records": summary.records,
        "findings": {s.label: summary.by_severity[s] for s in reversed(Severity)},
        "suppressed": {"waived": summary.waived, "baselined": summary.baselined},
        "blocking": summary.blocking,
        "unreadable": summary.unreadable,
        "verdict": "unreadable"
        if summary.unreadable
        else "blocked"
        if summary.blocking
        else "passed",
    }
