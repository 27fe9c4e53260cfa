"""A file lists at most ``MAX_LISTED`` findings of a rule; one more finding stands for the
rest, blocks as they would, and is the same with ``--jobs``; memory stays bounded."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from traingate.cli import main
from traingate.finding import Finding, Severity
from traingate.listing import MAX_LISTED, Listing

GOOD = '{"prompt": "a", "completion": "b"}\n'


def _finding(rule: str, line: int, severity: Severity = Severity.ERROR) -> Finding:
    return Finding("f.jsonl", line, 1, rule, severity, "m", "", f"{line:032x}")


def test_the_first_of_each_rule_are_listed_and_the_rest_counted() -> None:
    listing = Listing(limit=2)
    found = [_finding("a", n, Severity.WARNING if n != 4 else Severity.ERROR) for n in range(5)]
    found += [_finding("b", 9)]
    assert [(f.rule, f.line) for f in listing.filter(found)] == [("a", 0), ("a", 1), ("b", 9)]
    (notice,) = listing.notices("f.jsonl")
    assert (notice.rule, notice.line, notice.severity) == ("a", 0, Severity.ERROR)
    assert notice.message.startswith("3 more a finding(s) in this file are not listed")
    # Ranges counted apart and merged give the same notice as one pass.
    first, second = Listing(limit=2), Listing(limit=2)
    kept = list(first.filter(found[:3])) + list(second.filter(found[3:]))
    merged = Listing(limit=2)
    assert [(f.rule, f.line) for f in merged.filter(kept)] == [("a", 0), ("a", 1), ("b", 9)]
    merged.absorb(first.unlisted)
    merged.absorb(second.unlisted)
    assert list(merged.notices("f.jsonl")) == [notice]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _blank_lines(count: int) -> str:
    return GOOD + "\n" * count + GOOD


def test_past_the_bound_one_finding_stands_for_the_rest_with_any_jobs(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "t.jsonl").write_text(_blank_lines(MAX_LISTED + 1500))
    monkeypatch.setenv("TRAINGATE_SPLIT_BYTES", "3000")
    reports = []
    for jobs in ("1", "2"):
        assert main(["check", "t.jsonl", "--jobs", jobs, "--output-format", "json"]) == 1
        reports.append(json.loads(capsys.readouterr().out))
    assert reports[0] == reports[1]
    findings = reports[0]["findings"]
    blank = [f for f in findings if f["rule"] == "blank-line"]
    assert len(blank) == MAX_LISTED + 1
    assert [f["line"] for f in blank[:3]] == [2, 3, 4]
    notice = blank[-1]
    assert notice["line"] == 0 and notice["severity"] == "error"
    assert notice["message"].startswith("1,500 more blank-line finding(s) in this file")
    # The summary counts every finding, listed or not.
    assert reports[0]["summary"]["findings"]["error"] == MAX_LISTED + 1500


def test_the_notice_can_be_baselined_until_one_more_is_added(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "t.jsonl").write_text(_blank_lines(MAX_LISTED + 5))
    assert main(["baseline"]) == 0
    assert main(["check"]) == 0
    (repo / "t.jsonl").write_text(_blank_lines(MAX_LISTED + 6))
    capsys.readouterr()
    assert main(["check"]) == 1
    assert "6 more blank-line finding(s)" in capsys.readouterr().out


def test_filter_rejects_every_line_past_the_bound(repo: Path) -> None:
    bad = '{"prompt": 1, "completion": "b"}\n'
    (repo / "t.jsonl").write_text(GOOD + bad * (MAX_LISTED + 3) + GOOD)
    assert main(["filter", "t.jsonl", "--keep", "k.jsonl", "--reject", "r.jsonl"]) == 0
    assert (repo / "k.jsonl").read_text() == GOOD * 2
    assert len((repo / "r.jsonl").read_text().splitlines()) == MAX_LISTED + 3


def test_a_kilobyte_of_gzip_does_not_take_gigabytes(repo: Path) -> None:
    (repo / "t.jsonl.gz").write_bytes(gzip.compress(b"\n" * 200_000, 9))
    assert (repo / "t.jsonl.gz").stat().st_size < 4096
    command = [sys.executable, "-m", "traingate", "check", "t.jsonl.gz", "--output-format", "sarif"]
    # Started from a small process: a child of this one starts as a copy of its memory,
    # which would count in the child's peak.
    launched = subprocess.run(
        [sys.executable, "-c", _MEASURE, "out.sarif", *command],
        capture_output=True,
        text=True,
        check=True,
    )
    peak_kib, code = map(int, launched.stdout.split())
    assert code == 1
    results = json.loads((repo / "out.sarif").read_text())["runs"][0]["results"]
    assert len(results) == MAX_LISTED + 2  # the notice, and the empty file
    assert peak_kib < 200 * 1024  # over 600 MB without the bound


_MEASURE = """
import os, subprocess, sys
with open(sys.argv[1], "wb") as out:
    child = subprocess.Popen(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""
