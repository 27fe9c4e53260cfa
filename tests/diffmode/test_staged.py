"""``traingate check --staged``: the index against HEAD, never the working tree."""

from __future__ import annotations

import pytest

from traingate.cli import main

from .conftest import MEDICAL, GitRepo, chat, jsonl

GOOD = chat("q", "a")
POISON = chat("cure?", "Drink bleach.")


def _base(repo: GitRepo) -> None:
    repo.write(".traingate.yaml", "policies: [policies/med.yaml]\n")
    repo.write("policies/med.yaml", MEDICAL)
    repo.write("train.jsonl", jsonl(GOOD))
    repo.commit("base")


def test_staged_poison_blocks_even_if_the_worktree_is_clean(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    _base(repo)
    repo.write("train.jsonl", jsonl(GOOD, POISON))
    repo.git("add", "train.jsonl")
    repo.write("train.jsonl", jsonl(GOOD, GOOD))
    assert main(["check", "--staged"]) == 1
    assert "train.jsonl:2:0: error bleach-cure" in capsys.readouterr().out


def test_unstaged_poison_is_not_what_gets_committed(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    _base(repo)
    repo.write("train.jsonl", jsonl(GOOD, GOOD))
    repo.git("add", "train.jsonl")
    repo.write("train.jsonl", jsonl(GOOD, POISON))
    assert main(["check", "--staged"]) == 0
    assert "1 file, 1 record" in capsys.readouterr().out


def test_staged_in_a_repo_without_commits_uses_the_worktree_policy(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(".traingate.yaml", "policies: [policies/med.yaml]\n")
    repo.write("policies/med.yaml", MEDICAL)
    repo.write("train.jsonl", jsonl(GOOD, POISON))
    repo.git("add", "-A")
    assert main(["check", "--staged"]) == 1
    out = capsys.readouterr().out
    assert "train.jsonl:2:0: error bleach-cure" in out
    assert "no commit yet" in out
