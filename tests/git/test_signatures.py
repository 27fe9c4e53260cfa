"""Signed provenance with real ed25519 keys, checked by git and ssh-keygen."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.git.helpers import Sandbox, records
from traingate.git import GitError, SignatureProblem

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")


def _data(path: str) -> bool:
    return path.endswith(".jsonl")


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Path]:
    made = {}
    for name in ("trusted", "stranger"):
        key = tmp_path / "keys" / name
        key.parent.mkdir(exist_ok=True)
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)],
            check=True,
        )
        made[name] = key
    allowed = tmp_path / "keys" / "allowed_signers"
    public = (tmp_path / "keys" / "trusted.pub").read_text().strip()
    allowed.write_text(f'test@example.com namespaces="git" {public}\n')
    made["allowed"] = allowed
    return made


def _signed_commit(sandbox: Sandbox, message: str, key: Path) -> str:
    sandbox.git("add", "-A")
    sandbox.git(
        *("-c", "gpg.format=ssh", "-c", f"user.signingkey={key}"),
        *("commit", "-q", "-S", "--allow-empty", "-m", message),
    )
    return sandbox.git("rev-parse", "HEAD")


def _tampered(sandbox: Sandbox, commit: str) -> str:
    """The same signed commit object with its message changed, signature kept."""
    raw = sandbox.git("cat-file", "commit", commit).encode() + b"\n"
    forged = raw.replace(b"\nsigned data\n", b"\nsigned data, quietly edited\n")
    assert forged != raw
    return sandbox.git("hash-object", "-t", "commit", "-w", "--stdin", stdin=forged)


def _statuses(problems: list[SignatureProblem]) -> list[tuple[str, str]]:
    return [(p.subject, p.status) for p in problems]


def test_only_allowed_signatures_pass(sandbox: Sandbox, keys: dict[str, Path]) -> None:
    sandbox.write("data.jsonl", records(0, 2))
    sandbox.commit("unsigned base, before the range")
    sandbox.git("checkout", "-q", "-b", "pr")
    sandbox.write("data.jsonl", records(0, 3))
    good = _signed_commit(sandbox, "good", keys["trusted"])
    sandbox.write("data.jsonl", records(0, 4))
    stranger = _signed_commit(sandbox, "stranger", keys["stranger"])
    sandbox.write("data.jsonl", records(0, 5))
    unsigned = sandbox.commit("unsigned")
    sandbox.write("README.md", "docs only\n")
    sandbox.commit("unsigned, but touches no training data")
    sandbox.write("sub dir/more.jsonl", records(0, 1))
    signed = _signed_commit(sandbox, "signed data", keys["trusted"])
    sandbox.git("reset", "-q", "--hard", _tampered(sandbox, signed))

    problems = sandbox.repo.verify_commits("main", "HEAD", _data, keys["allowed"])

    assert _statuses(problems) == [
        ("stranger", "U"),
        ("unsigned", "N"),
        ("signed data, quietly edited", "B"),
    ]
    assert [p.commit for p in problems[:2]] == [stranger, unsigned]
    assert problems[0].message == "signed by a key that is not in the allowed signers file"
    assert problems[0].key.startswith("SHA256:")
    assert problems[1].message == "not signed with an SSH key"
    assert good not in {p.commit for p in problems}


def test_a_fully_signed_range_passes(sandbox: Sandbox, keys: dict[str, Path]) -> None:
    sandbox.write("data.jsonl", records(0, 2))
    sandbox.commit("base")
    sandbox.git("checkout", "-q", "-b", "pr")
    sandbox.write("data.jsonl", records(0, 3))
    _signed_commit(sandbox, "good", keys["trusted"])

    assert sandbox.repo.verify_commits("main", "HEAD", _data, keys["allowed"]) == []


def test_merges_count_only_what_they_change_themselves(
    sandbox: Sandbox, keys: dict[str, Path]
) -> None:
    sandbox.write("data.jsonl", records(0, 2))
    sandbox.commit("base")
    sandbox.git("checkout", "-q", "-b", "pr")
    sandbox.write("data.jsonl", records(0, 3))
    _signed_commit(sandbox, "pr data", keys["trusted"])
    sandbox.git("checkout", "-q", "-b", "side", "main")
    sandbox.write("side.jsonl", records(0, 1))
    _signed_commit(sandbox, "side data", keys["trusted"])
    sandbox.git("checkout", "-q", "pr")
    sandbox.git("merge", "-q", "--no-edit", "side")
    sandbox.git("checkout", "-q", "-b", "side2", "main")
    sandbox.write("side2.jsonl", records(0, 1))
    _signed_commit(sandbox, "side2 data", keys["trusted"])
    sandbox.git("checkout", "-q", "pr")
    sandbox.git("merge", "-q", "--no-commit", "side2")
    sandbox.write("smuggled.jsonl", records(0, 1))
    sandbox.commit("evil merge")

    problems = sandbox.repo.verify_commits("main", "HEAD", _data, keys["allowed"])

    assert _statuses(problems) == [("evil merge", "N")]


def test_missing_allowed_signers_file_fails_closed(sandbox: Sandbox, tmp_path: Path) -> None:
    sandbox.write("data.jsonl", records(0, 2))
    sandbox.commit("base")

    with pytest.raises(GitError, match="allowed signers file not found"):
        sandbox.repo.verify_commits("main", "HEAD", _data, tmp_path / "nope")


def test_repository_config_cannot_swap_the_verifier(
    sandbox: Sandbox, keys: dict[str, Path]
) -> None:
    sandbox.write("data.jsonl", records(0, 2))
    sandbox.commit("base")
    sandbox.git("checkout", "-q", "-b", "pr")
    sandbox.write("data.jsonl", records(0, 3))
    _signed_commit(sandbox, "stranger", keys["stranger"])
    lenient = keys["allowed"].parent / "everyone"
    stranger = (keys["allowed"].parent / "stranger.pub").read_text().strip()
    lenient.write_text(f'test@example.com namespaces="git" {stranger}\n')
    sandbox.git("config", "gpg.ssh.allowedSignersFile", str(lenient))

    problems = sandbox.repo.verify_commits("main", "HEAD", _data, keys["allowed"])

    assert _statuses(problems) == [("stranger", "U")]
