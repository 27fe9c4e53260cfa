"""The same attacks arriving as a change: a pull request that adds them to a file.

For an attacked file the change adds every poisoned record, every decoy and a seeded tenth
of the clean records (a real change brings clean records too); the base is the file
without them, in the same order. Both versions are committed to a throwaway git repository
whose base commit holds a ``.traingate.yaml`` naming ``builtin:poisoning`` (diff mode
reads the config from the base, as in CI), and the change is checked with ``traingate
check --diff HEAD~1``. Diff mode reports only added records, so the score is over the
added records: false positives are added clean records and decoys that were flagged.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from poisoning.score import CheckRun, check

CLEAN_SHARE = 0.1
CONFIG = "policies: [builtin:poisoning]\n"


def added_lines(label: dict[str, Any]) -> list[int]:
    """The 1-based lines of the attacked file that the change adds."""
    poisoned, decoys = set(label["poisoned_lines"]), set(label.get("decoy_lines", ()))
    rng = random.Random(f"{label['seed']}:{label['family']}:{label['per_trigger']}:change")
    clean = [n for n in range(1, label["records"] + 1) if n not in poisoned and n not in decoys]
    return sorted(poisoned | decoys | set(rng.sample(clean, round(CLEAN_SHARE * len(clean)))))


def check_change(traingate: Sequence[str], path: Path, label: dict[str, Any]) -> CheckRun:
    """``traingate check --diff HEAD~1`` of the change that adds :func:`added_lines`."""
    lines = path.read_bytes().splitlines(keepends=True)
    added = set(added_lines(label))
    base = b"".join(line for n, line in enumerate(lines, 1) if n not in added)
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        _git(repo, "init", "-q", "-b", "main")
        (repo / ".traingate.yaml").write_text(CONFIG)
        (repo / path.name).write_bytes(base)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "base")
        (repo / path.name).write_bytes(b"".join(lines))
        _git(repo, "commit", "-q", "-am", "change")
        return check(traingate, Path(path.name), [], repo, extra=["--diff", "HEAD~1"])


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True)
