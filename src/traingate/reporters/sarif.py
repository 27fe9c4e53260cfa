"""SARIF 2.1.0, the format GitHub code scanning and most security dashboards import.

Decisions, so that the file is both valid and useful to code scanning:

- ``tool.driver.rules`` lists the rules the results reference (sorted by id), each with its
  summary, documentation and default level; a run with no findings lists none.
- A finding about the whole file (line 0) gets ``region.startLine`` 1: SARIF needs
  ``startLine >= 1`` and GitHub places an alert only when a region is given.
  ``properties.wholeFile`` says so.
- Columns are counted in Unicode code points, as the reader counts them.
- ``partialFingerprints["recordHash/v1"]`` is rule, record hash and pointer: an alert follows
  its record when lines move, as waivers and the baseline do.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

import orjson

from traingate import __version__
from traingate.display import decodable
from traingate.finding import Finding, Severity
from traingate.reporters.base import Summary
from traingate.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/traingate/traingate"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SECTION = re.compile(r"^## What it does\n(?P<body>.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)


class SarifReporter:
    def __init__(
        self, stream: TextIO, *, color: bool, quiet: bool, rules: Mapping[str, Rule]
    ) -> None:
        self.stream = stream
        self.rules = rules
        self.findings: list[Finding] = []

    def finding(self, finding: Finding) -> None:
        self.findings.append(finding)

    def finish(self, summary: Summary) -> None:
        log = sarif_log(self.findings, self.rules)
        self.stream.write(orjson.dumps(log, option=orjson.OPT_INDENT_2).decode() + "\n")


def sarif_log(findings: list[Finding], rules: Mapping[str, Rule]) -> dict[str, Any]:
    rule_ids = sorted({f.rule for f in findings})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    driver = {
        "name": "traingate",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_descriptor(rule_id, rules.get(rule_id)) for rule_id in rule_ids],
    }
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index[f.rule]) for f in findings],
            }
        ],
    }


def _descriptor(rule_id: str, rule: Rule | None) -> dict[str, Any]:
    if rule is None:
        return {"id": rule_id, "name": rule_id}
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _what_it_does(rule)},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["training-data", rule.scope.value]},
    }


def _what_it_does(rule: Rule) -> str:
    match = _SECTION.search(rule.doc)
    text = " ".join(match.group("body").split()) if match else ""
    return text or rule.summary


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    pointer = f" [{finding.pointer}]" if finding.pointer else ""
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": decodable(finding.message + pointer)},
        "locations": [{"physicalLocation": _physical_location(finding)}],
    }
    if finding.record_hash:
        key = f"{finding.rule}:{finding.record_hash}:{finding.pointer}"
        result["partialFingerprints"] = {"recordHash/v1": key}
    properties: dict[str, Any] = {"pointer": finding.pointer, "recordHash": finding.record_hash}
    if finding.line <= 0:
        properties["wholeFile"] = True
    result["properties"] = properties
    return result


def _physical_location(finding: Finding) -> dict[str, Any]:
    region = {"startLine": max(finding.line, 1)}
    if finding.line > 0 and finding.column > 0:
        region["startColumn"] = finding.column
    return {"artifactLocation": artifact_location(finding.path), "region": region}


def artifact_location(path: str) -> dict[str, str]:
    """A relative path against ``%SRCROOT%``; an absolute one as a ``file:`` URI.

    Paths are this system's: on POSIX ``C:\\x.jsonl`` is a file name with a colon and a
    backslash, not a Windows path. The bytes of a name that are not UTF-8 are
    percent-encoded as they are.
    """
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(os.fsencode(path)), "uriBaseId": "%SRCROOT%"}
