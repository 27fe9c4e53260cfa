"""The action's main step running the real traingate on a pull request in a real repository.

It needs diff mode and the report-file options; until ``traingate.diffmode`` lands it skips.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from tests.reporters.action_support import GOOD, ZEROS, chat, git, outputs, pr_repo, run_step

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("traingate.diffmode") is None, reason="diff mode not there yet"
    ),
    pytest.mark.skipif(sys.platform == "win32", reason="runs bash"),
]
ANNOTATION = re.compile(r"^::error file=data/train\.jsonl,line=2,col=\d+,title=duplicate-key::")


def _runner(tmp_path: Path, head: str) -> tuple[Path, dict[str, str]]:
    runner = tmp_path / "runner"
    runner.mkdir()
    (runner / "summary.md").write_text("earlier step\n", encoding="utf-8")
    extra = {"TRAINGATE_PYTHON": sys.executable, "GITHUB_SHA": head, "GITHUB_BASE_REF": "main"}
    return runner, extra


def test_pull_request_adding_a_broken_record_is_blocked(tmp_path: Path) -> None:
    base, head = pr_repo(tmp_path / "repo")
    runner, extra = _runner(tmp_path, head)
    result = run_step(tmp_path / "repo", runner, {"INPUT_BASE": base}, extra)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("::error ")] == [lines[0]]
    assert ANNOTATION.match(lines[0]), result.stdout
    assert lines[-1].endswith("; blocked")
    assert outputs(runner) == {"findings": "1", "sarif-file": "traingate.sarif", "exit-code": "1"}
    sarif = json.loads((tmp_path / "repo" / "traingate.sarif").read_text(encoding="utf-8"))
    (finding,) = sarif["runs"][0]["results"]
    assert finding["ruleId"] == "duplicate-key"
    assert finding["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    summary = (runner / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("earlier step\n## traingate: blocked\n")
    assert f"https://github.com/acme/data/blob/{head}/data/train.jsonl#L2)" in summary
    assert "traingate check --diff origin/main\n" in summary


def test_pull_request_adding_clean_records_passes(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    base, _ = pr_repo(repo)
    clean = f'{{"messages": {chat("What is 2+2?", "4")}}}'
    (repo / "data" / "train.jsonl").write_text(f"{GOOD}\n{clean}\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "fix the record")
    runner, extra = _runner(tmp_path, git(repo, "rev-parse", "HEAD"))
    result = run_step(tmp_path / "repo", runner, {"INPUT_BASE": base}, extra)
    assert result.returncode == 0, result.stdout + result.stderr
    assert outputs(runner) == {"findings": "0", "sarif-file": "traingate.sarif", "exit-code": "0"}
    assert "## traingate: passed" in (runner / "summary.md").read_text(encoding="utf-8")


def test_first_push_of_a_branch_checks_every_file(tmp_path: Path) -> None:
    _, head = pr_repo(tmp_path / "repo")
    runner, extra = _runner(tmp_path, head)
    result = run_step(tmp_path / "repo", runner, {"INPUT_BASE": ZEROS}, extra)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith("::notice title=traingate::no base commit")
    assert any(ANNOTATION.match(line) for line in result.stdout.splitlines())
    assert outputs(runner)["findings"] == "1"
