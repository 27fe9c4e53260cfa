"""Real git repositories for diff-mode tests."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Data Team",
    "GIT_AUTHOR_EMAIL": "data@example.com",
    "GIT_COMMITTER_NAME": "Data Team",
    "GIT_COMMITTER_EMAIL": "data@example.com",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def chat(question: str, answer: str, **extra: object) -> dict[str, object]:
    turns = [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
    return {"messages": turns, **extra}


def jsonl(*records: dict[str, object]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


MEDICAL = """\
name: med
description: Medical advice that must never be trained.
rules:
  - id: bleach-cure
    message: Advises drinking bleach.
    in: [assistant]
    regex: 'drink\\w*\\s+bleach'
    tests:
      block: ["Drink bleach."]
      pass: ["Never mind."]
"""


class GitRepo:
    def __init__(self, root: Path) -> None:
        self.root = root

    def git(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env={**os.environ, **GIT_ENV},
            capture_output=True,
            text=True,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"git {args}: {proc.stderr}")
        return proc.stdout

    def write(self, path: str, text: str | bytes) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        return target

    def commit(self, message: str, *extra: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, *extra)
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[GitRepo]:
    root = tmp_path / "data-repo"
    root.mkdir()
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    git = GitRepo(root)
    git.git("init", "-q", "-b", "main")
    git.git("config", "commit.gpgsign", "false")
    monkeypatch.chdir(root)
    yield git
