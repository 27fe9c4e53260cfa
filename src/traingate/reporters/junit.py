"""JUnit XML for CI test-report views (GitLab, Jenkins, Azure Pipelines): a test per file.

Every checked file is one ``<testcase>``. A file with blocking findings gets one
``<failure>`` listing them all (one line each, as the text reporter writes them); a file that
could not be read gets ``<error>`` instead. Readers disagree on several failures per test
case (GitLab keeps one), so there is only ever one. Findings that do not block go to
``<system-out>``. Test cases are sorted by path.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, TextIO

from traingate.display import escaped
from traingate.finding import Finding, Severity
from traingate.reporters.base import Summary
from traingate.reporters.text import format_finding
from traingate.rules.base import Rule

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

SUITE_NAME = "traingate"


@cache
def _not_xml() -> re.Pattern[str]:
    """Characters XML 1.0 cannot carry at all, not even as references (ElementTree writes
    them raw); compiled on first use, since most runs write no JUnit report."""
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class JunitReporter:
    def __init__(
        self, stream: TextIO, *, color: bool, quiet: bool, rules: Mapping[str, Rule]
    ) -> None:
        self.stream = stream
        self.rules = rules
        self.by_path: dict[str, list[Finding]] = defaultdict(list)

    def finding(self, finding: Finding) -> None:
        self.by_path[finding.path].append(finding)

    def finish(self, summary: Summary) -> None:
        # Imported here: most runs write no JUnit report, and every hook run pays for imports.
        import xml.etree.ElementTree as ET

        threshold = blocking_threshold(summary)
        suite = ET.Element("testsuite", name=SUITE_NAME)
        failures = errors = 0
        paths = sorted(summary.checked_paths | self.by_path.keys())
        for path in paths:
            outcome = self._testcase(suite, path, threshold)
            failures += outcome == "failure"
            errors += outcome == "error"
        counts = {"tests": str(len(paths)), "failures": str(failures), "errors": str(errors)}
        suite.attrib.update({**counts, "skipped": "0"})
        root = ET.Element("testsuites", {"name": SUITE_NAME, **counts})
        root.append(suite)
        ET.indent(root)
        xml = ET.tostring(root, encoding="unicode")
        self.stream.write(f'<?xml version="1.0" encoding="UTF-8"?>\n{xml}\n')

    def _testcase(self, suite: Element, path: str, threshold: Severity) -> str:
        from xml.etree.ElementTree import SubElement

        shown = xml_safe(path)
        case = SubElement(suite, "testcase", classname=SUITE_NAME, name=shown or "(run)")
        if path:
            case.set("file", shown)
        findings = self.by_path.get(path, [])
        blocking = [f for f in findings if f.severity >= threshold]
        others = [f for f in findings if f.severity < threshold]
        outcome = ""
        if blocking:
            unreadable = any(self._unreadable(f) for f in blocking)
            outcome = "error" if unreadable else "failure"
            rules = sorted({f.rule for f in blocking})
            noun = "finding" if len(blocking) == 1 else "findings"
            element = SubElement(case, outcome, type=xml_safe(rules[0]))
            element.set("message", xml_safe(f"{len(blocking)} blocking {noun}: {', '.join(rules)}"))
            element.text = _lines(blocking)
        if others:
            SubElement(case, "system-out").text = _lines(others)
        return outcome

    def _unreadable(self, finding: Finding) -> bool:
        rule = self.rules.get(finding.rule)
        return rule is not None and rule.unreadable


def _lines(findings: list[Finding]) -> str:
    return xml_safe("".join(format_finding(f) + "\n" for f in findings))


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold written as ``\\xNN``/``\\uNNNN``."""
    return _not_xml().sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    return escaped(match.group())


def blocking_threshold(summary: Summary) -> Severity:
    """The lowest severity that blocked this run, recovered from the counts.

    The summary counts every reported finding by severity, and ``blocking`` counts those at
    or above the fail-on severity, so the threshold is where the running total meets it.
    """
    total = 0
    for severity in sorted(Severity, reverse=True):
        total += summary.by_severity[severity]
        if total >= summary.blocking:
            return severity
    return Severity.INFO
