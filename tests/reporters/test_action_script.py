"""The action's main step against a stand-in traingate: arguments, fetching, outputs, exit."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.reporters.action_support import ZEROS, git, outputs, pr_repo, run_step

STUB = f"""#!{sys.executable}
import json, os, sys
if sys.argv[1:3] != ["-m", "traingate"]:
    os.execv({sys.executable!r}, [{sys.executable!r}, *sys.argv[1:]])
args = sys.argv[3:]
record = {{"args": args, "head": os.environ.get("TRAINGATE_HEAD_SHA")}}
with open(os.environ["STUB_LOG"], "w") as log:
    json.dump(record, log)
code = int(os.environ["STUB_EXIT"])
if code != 2:
    with open(args[args.index("--sarif") + 1], "w") as sarif:
        json.dump({{"runs": [{{"results": [{{}}, {{}}]}}]}}, sarif)
print("::error file=data/train.jsonl,line=2,title=stub::stub")
sys.exit(code)
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="runs bash")


def _stub(runner: Path, code: int) -> dict[str, str]:
    runner.mkdir(exist_ok=True)
    stub = runner / "python-stub"
    stub.write_text(STUB, encoding="utf-8")
    stub.chmod(0o755)
    log = runner / "stub.json"
    return {"TRAINGATE_PYTHON": str(stub), "STUB_LOG": str(log), "STUB_EXIT": str(code)}


def _log(runner: Path) -> dict[str, Any]:
    record: dict[str, Any] = json.loads((runner / "stub.json").read_text(encoding="utf-8"))
    return record


def test_pull_request_runs_diff_mode_and_keeps_the_exit_code(tmp_path: Path) -> None:
    base, head = pr_repo(tmp_path / "repo")
    runner = tmp_path / "runner"
    inputs = {
        "INPUT_BASE": base,
        "INPUT_PATHS": " data/*.jsonl  'two words'\n\tlast ",
        "INPUT_CONFIG": "ci/traingate.yaml",
        "INPUT_FAIL_ON": "warning",
    }
    result = run_step(tmp_path / "repo", runner, inputs, _stub(runner, 1))
    assert result.returncode == 1, result.stderr
    assert result.stdout == "::error file=data/train.jsonl,line=2,title=stub::stub\n"
    assert _log(runner) == {
        "args": [
            "check",
            "--output-format",
            "github",
            "--sarif",
            "traingate.sarif",
            "--config",
            "ci/traingate.yaml",
            "--fail-on",
            "warning",
            "--diff",
            base,
            "--",
            "data/*.jsonl",
            "'two",
            "words'",
            "last",
        ],
        "head": head,
    }
    assert outputs(runner) == {"findings": "2", "sarif-file": "traingate.sarif", "exit-code": "1"}


@pytest.mark.parametrize("base", ["", ZEROS])
def test_without_a_base_every_file_of_head_is_checked(tmp_path: Path, base: str) -> None:
    pr_repo(tmp_path / "repo")
    runner = tmp_path / "runner"
    result = run_step(tmp_path / "repo", runner, {"INPUT_BASE": base}, _stub(runner, 0))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("::notice title=traingate::no base commit")
    assert _log(runner)["args"] == [
        "check",
        "--output-format",
        "github",
        "--sarif",
        "traingate.sarif",
        "--",
    ]
    assert outputs(runner)["exit-code"] == "0"


def test_usage_error_leaves_no_stale_report_and_no_count(tmp_path: Path) -> None:
    base, _ = pr_repo(tmp_path / "repo")
    (tmp_path / "repo" / "traingate.sarif").write_text("stale", encoding="utf-8")
    runner = tmp_path / "runner"
    result = run_step(tmp_path / "repo", runner, {"INPUT_BASE": base}, _stub(runner, 2))
    assert result.returncode == 2
    assert not (tmp_path / "repo" / "traingate.sarif").exists()
    assert outputs(runner) == {"findings": "", "sarif-file": "traingate.sarif", "exit-code": "2"}


@pytest.mark.parametrize(
    "inputs",
    [
        {"INPUT_BASE": "--upload-pack=touch pwned"},
        {"INPUT_BASE": "main\nfindings=0"},
        {"INPUT_BASE": "main", "INPUT_SARIF_FILE": "-o"},
    ],
)
def test_hostile_inputs_are_refused(tmp_path: Path, inputs: dict[str, str]) -> None:
    pr_repo(tmp_path / "repo")
    runner = tmp_path / "runner"
    result = run_step(tmp_path / "repo", runner, inputs, _stub(runner, 0))
    assert result.returncode == 2
    assert result.stdout.startswith("::error title=traingate::")
    assert not (runner / "stub.json").exists() and not (runner / "output").exists()


def test_shallow_checkout_fetches_the_history_first(tmp_path: Path) -> None:
    base, head = pr_repo(tmp_path / "origin")
    clone = tmp_path / "clone"
    git(
        tmp_path, "clone", "-q", "--depth=1", "--branch=pr", (tmp_path / "origin").as_uri(), "clone"
    )
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    runner = tmp_path / "runner"
    result = run_step(clone, runner, {"INPUT_BASE": base}, _stub(runner, 0))
    assert result.returncode == 0, result.stderr
    assert "::notice title=traingate::shallow checkout" in result.stdout
    assert git(clone, "rev-parse", "--is-shallow-repository") == "false"
    assert git(clone, "merge-base", base, "HEAD") == base
    assert _log(runner)["head"] == head


def test_missing_base_in_a_full_clone_is_fetched(tmp_path: Path) -> None:
    base, _ = pr_repo(tmp_path / "origin")
    git(tmp_path / "origin", "checkout", "-q", "main")
    git(tmp_path / "origin", "commit", "-q", "--allow-empty", "-m", "later on main")
    later = git(tmp_path / "origin", "rev-parse", "HEAD")
    clone = tmp_path / "clone"
    git(
        tmp_path, "clone", "-q", "--single-branch", "--branch=pr", str(tmp_path / "origin"), "clone"
    )
    runner = tmp_path / "runner"
    result = run_step(clone, runner, {"INPUT_BASE": later}, _stub(runner, 0))
    assert result.returncode == 0, result.stderr
    assert git(clone, "cat-file", "-t", later) == "commit"
    assert base in git(clone, "log", "--format=%H")
