"""``signed-by``: commits touching training data need a good signature from the base's signers."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from traingate.cli import main

from .conftest import GitRepo, chat, jsonl

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")


def _key(directory: Path, name: str) -> tuple[Path, str]:
    key = directory / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True
    )
    return key, (directory / f"{name}.pub").read_text().strip()


def _signed(repo: GitRepo, key: Path, message: str) -> None:
    repo.git("add", "-A")
    repo.git(
        "-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-q", "-S", "-m", message
    )


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    directory = tmp_path / "keys"
    directory.mkdir()
    return {name: _key(directory, name) for name in ("alice", "mallory")}


def _base(repo: GitRepo, keys: dict[str, tuple[Path, str]]) -> None:
    repo.write(".traingate.yaml", "signed-by: .allowed_signers\n")
    repo.write(".allowed_signers", f"data@example.com {keys['alice'][1]}\n")
    repo.write("train.jsonl", jsonl(chat("q", "a")))
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "pr")


def test_signed_by_allowed_key_passes(
    repo: GitRepo, keys: dict[str, tuple[Path, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    _base(repo, keys)
    repo.write("train.jsonl", jsonl(chat("q", "a"), chat("q2", "a2")))
    _signed(repo, keys["alice"][0], "signed data")
    assert main(["check", "--diff", "main"]) == 0, capsys.readouterr().out


def test_unsigned_and_foreign_signed_commits_block(
    repo: GitRepo, keys: dict[str, tuple[Path, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    _base(repo, keys)
    repo.write("train.jsonl", jsonl(chat("q", "a"), chat("q2", "a2")))
    repo.commit("unsigned data")
    repo.write("train.jsonl", jsonl(chat("q", "a"), chat("q2", "a2"), chat("q3", "a3")))
    _signed(repo, keys["mallory"][0], "mallory's data")
    # A PR that adds its own key to the signers file does not vouch for itself.
    repo.write(".allowed_signers", f"data@example.com {keys['mallory'][1]}\n")
    _signed(repo, keys["mallory"][0], "trust me")
    assert main(["check", "--diff", "main"]) == 1
    out = capsys.readouterr().out
    assert out.count("error unsigned-commit") == 2
    assert "(unsigned data)" in out and "(mallory's data)" in out
    assert "policy-changed" in out
