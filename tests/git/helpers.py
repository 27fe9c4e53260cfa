"""A real throwaway git repository for the tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

from traingate.git import Repo


class Sandbox:
    """A throwaway repository and the few git commands the tests need."""

    def __init__(self, root: Path, *init_options: str) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main", *init_options)

    def git(self, *args: str, stdin: bytes | None = None) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.root, input=stdin, capture_output=True, check=False
        )
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout.decode("utf-8", "surrogateescape").strip()

    def write(self, path: str, data: bytes | str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode() if isinstance(data, str) else data)

    def commit(self, message: str, *git_options: str) -> str:
        self.git("add", "-A")
        self.git(*git_options, "commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def blob(self, rev: str, path: str) -> str:
        return self.git("rev-parse", f"{rev}:{path}")

    @property
    def repo(self) -> Repo:
        return Repo(self.root)


def records(start: int, stop: int) -> str:
    """JSONL lines ``start`` to ``stop - 1``, each distinct."""
    return "".join(f'{{"n": {n}, "text": "record number {n}"}}\n' for n in range(start, stop))
