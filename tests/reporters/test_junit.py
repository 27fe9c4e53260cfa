"""JUnit XML: one test case per checked file, well-formed whatever the findings contain."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.reporters.support import DUPLICATE, EMAIL, MISSING, SHORT, render
from traingate.finding import Finding, Severity
from traingate.reporters.base import Summary
from traingate.reporters.junit import JunitReporter, blocking_threshold, xml_safe

CHECKED = ["data/train.jsonl", "data/dir with space/ünï.jsonl", "data/clean.jsonl"]


def test_exact_report() -> None:
    out = render(JunitReporter, [DUPLICATE, EMAIL, SHORT, MISSING], checked=CHECKED)
    assert out == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="traingate" tests="4" failures="1" errors="1">\n'
        '  <testsuite name="traingate" tests="4" failures="1" errors="1" skipped="0">\n'
        '    <testcase classname="traingate" name="data/clean.jsonl" file="data/clean.jsonl" />\n'
        '    <testcase classname="traingate" name="data/dir with space/ünï.jsonl"'
        ' file="data/dir with space/ünï.jsonl">\n'
        "      <system-out>data/dir with space/ünï.jsonl:2:0: warning email-address"
        " email: x@example.com | &lt;b&gt;bold&lt;/b&gt; [/messages/0/content]\n"
        "</system-out>\n"
        "    </testcase>\n"
        '    <testcase classname="traingate" name="data/missing.jsonl" file="data/missing.jsonl">\n'
        '      <error type="unreadable-file" message="1 blocking finding: unreadable-file">'
        "data/missing.jsonl:0:0: error unreadable-file no such file\n"
        "</error>\n"
        "    </testcase>\n"
        '    <testcase classname="traingate" name="data/train.jsonl" file="data/train.jsonl">\n'
        '      <failure type="duplicate-key" message="1 blocking finding: duplicate-key">'
        "data/train.jsonl:3:17: error duplicate-key duplicate key 'a,b': 50% sure\\nsecond line"
        " [/messages/1/content]\n"
        "</failure>\n"
        "      <system-out>data/train.jsonl:0:0: info short-answer answers are short\n"
        "</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_one_failure_element_lists_every_blocking_finding_of_a_file() -> None:
    second = Finding("data/train.jsonl", 9, 1, "email-address", Severity.ERROR, "again")
    root = ET.fromstring(render(JunitReporter, [DUPLICATE, second], checked=CHECKED))
    (case,) = [c for c in root.iter("testcase") if c.get("name") == "data/train.jsonl"]
    (failure,) = case.findall("failure")
    assert failure.get("message") == "2 blocking findings: duplicate-key, email-address"
    assert failure.text is not None and len(failure.text.splitlines()) == 2


def test_fail_on_warning_turns_warnings_into_failures() -> None:
    root = ET.fromstring(render(JunitReporter, [EMAIL], fail_on=Severity.WARNING))
    (case,) = root.iter("testcase")
    assert case.find("failure") is not None and case.find("system-out") is None
    assert root.get("failures") == "1"


def test_control_characters_and_markup_stay_well_formed() -> None:
    nasty = Finding(
        'x<&>"\x01.jsonl', 1, 1, "duplicate-key", Severity.ERROR, "\x00\x1b[31m\ufffe]]>&<"
    )
    root = ET.fromstring(render(JunitReporter, [nasty]))
    (case,) = root.iter("testcase")
    assert case.get("name") == 'x<&>"\\x01.jsonl'
    failure = case.find("failure")
    assert failure is not None and failure.text is not None
    assert "\\x00\\x1b[31m\\ufffe]]>&<" in failure.text


def test_no_files_no_findings_is_an_empty_suite() -> None:
    root = ET.fromstring(render(JunitReporter, []))
    assert root.get("tests") == "0" and list(root.iter("testcase")) == []


@pytest.mark.parametrize(
    ("counts", "blocking", "expected"),
    [
        ({Severity.ERROR: 2, Severity.WARNING: 3}, 2, Severity.ERROR),
        ({Severity.ERROR: 2, Severity.WARNING: 3}, 5, Severity.WARNING),
        ({Severity.WARNING: 3, Severity.INFO: 1}, 3, Severity.WARNING),
        ({Severity.WARNING: 3, Severity.INFO: 1}, 0, Severity.ERROR),
        ({Severity.INFO: 1}, 1, Severity.INFO),
        ({}, 0, Severity.ERROR),
    ],
)
def test_blocking_threshold_is_recovered_from_the_counts(
    counts: dict[Severity, int], blocking: int, expected: Severity
) -> None:
    summary = Summary(blocking=blocking)
    summary.by_severity.update(counts)
    assert blocking_threshold(summary) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ok ✓ \t\n", "ok ✓ \t\n"), ("\x00\x08", "\\x00\\x08"), ("\ud800\uffff", "\\ud800\\uffff")],
)
def test_xml_safe(text: str, expected: str) -> None:
    assert xml_safe(text) == expected
