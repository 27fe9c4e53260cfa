"""One run feeding stdout, report files and the job summary at once."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.reporters.support import DUPLICATE, EMAIL, RULES, run
from traingate.finding import Finding
from traingate.reporters.base import Summary
from traingate.reporters.fanout import Fanout, open_reporters
from traingate.reporters.github import GithubReporter
from traingate.reporters.text import TextReporter


class Recorder:
    def __init__(self, name: str, log: list[str]) -> None:
        self.name = name
        self.log = log

    def finding(self, finding: Finding) -> None:
        self.log.append(f"{self.name}:{finding.line}")

    def finish(self, summary: Summary) -> None:
        self.log.append(f"{self.name}:finish")


def test_fanout_forwards_every_call_in_order() -> None:
    log: list[str] = []
    fanout = Fanout([Recorder("a", log), Recorder("b", log)])
    run(fanout, [DUPLICATE, EMAIL])
    assert log == ["a:3", "b:3", "a:2", "b:2", "a:finish", "b:finish"]


def test_only_the_primary_reporter_without_files_or_step_summary() -> None:
    out = io.StringIO()
    reporter, files = open_reporters(
        "text", out, color=False, quiet=False, rules=RULES, environ={"GITHUB_ACTIONS": "true"}
    )
    assert isinstance(reporter, TextReporter) and files == []


def test_every_report_at_once(tmp_path: Path) -> None:
    summary_file = tmp_path / "step-summary.md"
    summary_file.write_text("earlier step\n", encoding="utf-8")
    out = io.StringIO()
    reporter, files = open_reporters(
        "github",
        out,
        color=True,
        quiet=True,
        rules=RULES,
        sarif_path=str(tmp_path / "r.sarif"),
        junit_path=str(tmp_path / "r.xml"),
        json_path=str(tmp_path / "r.json"),
        environ={"GITHUB_STEP_SUMMARY": str(summary_file)},
    )
    assert len(files) == 4
    run(reporter, [DUPLICATE, EMAIL], checked=["data/train.jsonl"])
    for file in files:
        file.close()
    # quiet applies to stdout only: the files hold the warning too
    assert [line[:8] for line in out.getvalue().splitlines()] == ["::error ", "1 file, "]
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["duplicate-key", "email-address"]
    assert ET.parse(tmp_path / "r.xml").getroot().get("tests") == "2"
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(report["findings"]) == 2
    text = summary_file.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## traingate: blocked\n")
    assert "`email-address`" in text


def test_step_summary_can_be_switched_off(tmp_path: Path) -> None:
    summary_file = tmp_path / "step-summary.md"
    environ = {"GITHUB_STEP_SUMMARY": str(summary_file), "TRAINGATE_STEP_SUMMARY": "0"}
    reporter, files = open_reporters(
        "github", io.StringIO(), color=False, quiet=False, rules=RULES, environ=environ
    )
    assert isinstance(reporter, GithubReporter) and files == []
    assert not summary_file.exists()


def test_a_file_that_cannot_be_opened_closes_the_others(tmp_path: Path) -> None:
    opened: list[io.TextIOBase] = []
    real_open = open

    def spy(*args: object, **kwargs: object) -> object:
        stream = real_open(*args, **kwargs)  # type: ignore[call-overload]
        opened.append(stream)
        return stream

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("builtins.open", spy)
        with pytest.raises(OSError):
            open_reporters(
                "text",
                io.StringIO(),
                color=False,
                quiet=False,
                rules=RULES,
                sarif_path=str(tmp_path / "r.sarif"),
                junit_path=str(tmp_path / "missing-dir" / "r.xml"),
                environ={},
            )
    assert len(opened) == 1 and opened[0].closed


def test_ci_reports_name_files_from_the_repository_top_whatever_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from traingate.cli import main

    (tmp_path / ".git").mkdir()
    (tmp_path / ".traingate.yaml").write_text('files: ["**/*.jsonl"]\n')
    data = tmp_path / "data"
    data.mkdir()
    (data / "bad.jsonl").write_text('{"a": 1}\n')
    good = '{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}'
    (data / "good.jsonl").write_text(good + "\n")
    monkeypatch.chdir(data)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    argv = ["check", "bad.jsonl", "good.jsonl", "--junit", "../j.xml", "--sarif", "../s.sarif"]
    assert main([*argv, "--output-format", "github"]) == 1
    # The annotation, SARIF, JUnit and summary name data/bad.jsonl; the terminal's text
    # output would name it from here.
    assert capsys.readouterr().out.startswith("::error file=data/bad.jsonl,line=1,")
    sarif = json.loads((tmp_path / "s.sarif").read_text())
    (result,) = sarif["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "data/bad.jsonl", "uriBaseId": "%SRCROOT%"}
    suite = ET.parse(tmp_path / "j.xml").getroot().find("testsuite")
    assert suite is not None and suite.get("tests") == "2"
    names = [case.get("name") for case in suite.iter("testcase")]
    assert names == ["data/bad.jsonl", "data/good.jsonl"]
    assert "data/bad\\.jsonl" in (tmp_path / "summary.md").read_text()
    assert main(["check", "bad.jsonl"]) == 1
    assert capsys.readouterr().out.startswith("bad.jsonl:1:0: error unknown-format")
