"""Real git repositories in ``tmp_path``, with a deterministic identity and clock."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.git.helpers import Sandbox


@pytest.fixture(autouse=True)
def _git_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user or system config; a fixed author, committer and date; no signing."""
    empty = tmp_path / "empty-gitconfig"
    empty.write_text("[commit]\n\tgpgsign = false\n")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_DIFF_OPTS"):
        monkeypatch.delenv(name, raising=False)
    fixed = {
        "GIT_CONFIG_GLOBAL": os.fspath(empty),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
        "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
    }
    for name, value in fixed.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    return Sandbox(tmp_path / "repo")
