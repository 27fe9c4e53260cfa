"""The real pre-commit, running the hook from this repository in a throwaway git repo."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
GOOD = {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}


def _hook_pattern() -> re.Pattern[str]:
    (hook,) = [h for h in HOOKS if h["id"] == "traingate"]
    return re.compile(hook["files"])


@pytest.mark.parametrize(
    ("path", "selected"),
    [
        ("train.jsonl", True),
        ("data/dir with space/x.ndjson", True),
        ("a.jsonl.gz", True),
        ("a.ndjson.zst", True),
        ("a.json", False),
        ("a.jsonl.bak", False),
        ("notes.txt", False),
        ("jsonl", False),
        ("a.jsonl.tar.gz", False),
    ],
)
def test_hook_selects_training_files_by_name(path: str, selected: bool) -> None:
    assert bool(_hook_pattern().search(path)) is selected


def _git(cwd: Path, *args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **({"PRE_COMMIT_HOME": str(home)} if home else {}),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def _hook_source(tmp_path: Path) -> tuple[Path, str]:
    """A commit of this working tree, so uncommitted changes are what gets tested."""
    source = tmp_path / "hook-source"
    ignore = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", "benchmarks")
    shutil.copytree(ROOT, source, ignore=ignore)
    _git(source, "init", "-q")
    _git(source, "add", "-A")
    assert _git(source, "commit", "-q", "-m", "hook source").returncode == 0
    rev = _git(source, "rev-parse", "HEAD").stdout.strip()
    return source, rev


def _data_repo(tmp_path: Path, hook: str) -> tuple[Path, Path]:
    """A git repo with pre-commit installed and running ``hook`` from this tree."""
    source, rev = _hook_source(tmp_path)
    repo = tmp_path / "data-repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    config = {"repos": [{"repo": str(source), "rev": rev, "hooks": [{"id": hook}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    home = tmp_path / "pre-commit-cache"
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    precommit = [sys.executable, "-m", "pre_commit"]
    installed = subprocess.run(
        [*precommit, "install"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr
    return repo, home


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_precommit_refuses_broken_record_and_accepts_valid(tmp_path: Path) -> None:
    repo, home = _data_repo(tmp_path, "traingate")
    (repo / "train.jsonl").write_text(json.dumps(GOOD) + "\n" + str(GOOD) + "\n")
    _git(repo, "add", "-A")
    refused = _git(repo, "commit", "-m", "bad", home=home)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "train.jsonl:2:2: error python-dict-repr" in output
    assert _git(repo, "rev-parse", "--verify", "HEAD").returncode != 0

    (repo / "train.jsonl").write_text(json.dumps(GOOD) + "\n" + json.dumps(GOOD) + "\n")
    _git(repo, "add", "-A")
    accepted = _git(repo, "commit", "-m", "good", home=home)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "traingate" in accepted.stdout + accepted.stderr
    assert _git(repo, "rev-parse", "--verify", "HEAD").returncode == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_staged_hook_judges_only_the_records_a_commit_adds(tmp_path: Path) -> None:
    repo, home = _data_repo(tmp_path, "traingate-staged")
    # A broken record already committed (past the hook) is the base's, not this change's.
    (repo / "train.jsonl").write_text(str(GOOD) + "\n")
    _git(repo, "add", "-A")
    assert _git(repo, "commit", "-q", "--no-verify", "-m", "old", home=home).returncode == 0

    with (repo / "train.jsonl").open("a") as out:
        out.write(json.dumps(GOOD) + "\n")
    _git(repo, "add", "-A")
    accepted = _git(repo, "commit", "-m", "append a good record", home=home)
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert "traingate (staged records)" in output and "Passed" in output

    with (repo / "train.jsonl").open("a") as out:
        out.write(json.dumps(GOOD)[:-1] + "\n")
    _git(repo, "add", "-A")
    refused = _git(repo, "commit", "-m", "append a truncated record", home=home)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert re.search(r"train\.jsonl:3:\d+: error ", output), output
    assert "train.jsonl:1:" not in output
    assert _git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "2"

    # A commit that touches no training file does not run the hook.
    (repo / "notes.txt").write_text("x\n")
    _git(repo, "add", "notes.txt")
    _git(repo, "reset", "-q", "train.jsonl")
    skipped = _git(repo, "commit", "-m", "notes", home=home)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "Skipped" in skipped.stdout + skipped.stderr

    # pre-commit in CI: `run --from-ref A --to-ref B` stages nothing; the hook checks what
    # B adds to A (a commit made past the hook).
    _git(repo, "add", "train.jsonl")
    assert _git(repo, "commit", "-q", "--no-verify", "-m", "past the hook").returncode == 0
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    ranged = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--from-ref", "HEAD~2", "--to-ref", "HEAD"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    output = ranged.stdout + ranged.stderr
    assert ranged.returncode != 0, output
    assert re.search(r"train\.jsonl:3:\d+: error ", output), output
    assert "train.jsonl:1:" not in output

    # A commit that stages only a symbolic link named like a training file runs the hook,
    # which refuses it: the link's target is not what the commit holds.
    (repo / "elsewhere.txt").write_text(json.dumps(GOOD)[:-1] + "\n")
    (repo / "linked.jsonl").symlink_to("elsewhere.txt")
    _git(repo, "add", "elsewhere.txt", "linked.jsonl")
    linked = _git(repo, "commit", "-m", "a link", home=home)
    output = linked.stdout + linked.stderr
    assert linked.returncode != 0, output
    assert "linked.jsonl:0:0: error unsupported-git-entry" in output, output
