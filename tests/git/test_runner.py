"""Running git: streaming blobs, a pinned environment, failures that say what happened."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.git.helpers import Sandbox
from traingate.git import Change, GitError, Repo
from traingate.git.runner import CHUNK_SIZE, git_env


@pytest.fixture
def big(sandbox: Sandbox) -> tuple[Sandbox, str, bytes]:
    data = os.urandom(CHUNK_SIZE * 2 + 12345).hex().encode()[: CHUNK_SIZE * 3 + 7]
    sandbox.write("big.bin", data)
    sandbox.commit("big")
    return sandbox, sandbox.blob("HEAD", "big.bin"), data


@pytest.mark.parametrize("start", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE * 3 + 6, 10**9])
def test_blob_chunks_from_an_offset(big: tuple[Sandbox, str, bytes], start: int) -> None:
    sandbox, oid, data = big

    chunks = list(sandbox.repo.blob_chunks(oid, start))

    assert b"".join(chunks) == data[start:]
    assert all(len(chunk) <= CHUNK_SIZE for chunk in chunks)


def test_blob_size_and_head_bytes(big: tuple[Sandbox, str, bytes]) -> None:
    sandbox, oid, data = big
    change = Change("A", "big.bin", None, None, oid, None, "100644")

    assert sandbox.repo.blob_size(oid) == len(data)
    assert sandbox.repo.head_bytes(change) == data[:8000]


def _count_runs(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The arguments of every ``git.run`` call ``repo`` makes from now on."""
    asked: list[tuple[str, ...]] = []
    real = repo.git.run

    def counting(*args: str, stdin: bytes | None = None) -> bytes:
        asked.append(args)
        return real(*args, stdin=stdin)

    monkeypatch.setattr(repo.git, "run", counting)
    return asked


def test_a_blob_size_is_asked_of_git_once(
    big: tuple[Sandbox, str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Diff mode asks a changed file's size more than once (twin proof, worker ranges)."""
    sandbox, oid, data = big
    repo = sandbox.repo
    asked = _count_runs(repo, monkeypatch)
    assert [repo.blob_size(oid) for _ in range(3)] == [len(data)] * 3
    assert len(asked) == 1 and asked[0][0] == "cat-file"


def test_blob_sizes_are_asked_together(
    big: tuple[Sandbox, str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox, oid, data = big
    sandbox.write("small.txt", "four")
    sandbox.commit("small")
    small = sandbox.blob("HEAD", "small.txt")
    repo = sandbox.repo
    asked = _count_runs(repo, monkeypatch)
    assert repo.blob_sizes(oid, small, oid) == [len(data), 4, len(data)]
    assert repo.blob_sizes(small) == [4]
    assert len(asked) == 1
    with pytest.raises(GitError, match="cannot read object"):
        repo.blob_size("0" * 40)


def _git_children() -> list[str]:
    """Our child processes that are git, living or not yet reaped (Linux only)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and "(git)" in stat.read_text():
            found.append(stat.parent.name)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_closing_a_stream_early_stops_git(big: tuple[Sandbox, str, bytes]) -> None:
    sandbox, oid, data = big
    chunks = sandbox.repo.blob_chunks(oid)

    assert next(chunks) == data[:CHUNK_SIZE]
    assert len(_git_children()) == 1
    chunks.close()
    assert _git_children() == []


def test_unknown_object_raises(sandbox: Sandbox) -> None:
    with pytest.raises(
        GitError, match=f"`git cat-file blob {'0' * 40}` failed with exit code 128: fatal"
    ):
        list(sandbox.repo.blob_chunks("0" * 40))
    with pytest.raises(GitError, match="cat-file"):
        sandbox.repo.blob_size("0" * 40)


def test_missing_git_is_reported(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = sandbox.repo
    monkeypatch.setenv("PATH", os.fspath(sandbox.root / "no-bin"))

    with pytest.raises(GitError, match="`git` program is not installed"):
        repo.changed_files(staged=True)


def test_replace_refs_cannot_swap_what_is_checked(sandbox: Sandbox) -> None:
    sandbox.write("data.jsonl", '{"a": "poison"}\n')
    sandbox.commit("base")
    real = sandbox.blob("HEAD", "data.jsonl")
    decoy = sandbox.git("hash-object", "-w", "--stdin", stdin=b'{"a": "harmless"}\n')
    sandbox.git("replace", real, decoy)

    assert sandbox.repo.show("HEAD", "data.jsonl") == b'{"a": "poison"}\n'
    assert b"".join(sandbox.repo.blob_chunks(real)) == b'{"a": "poison"}\n'


def test_environment_drops_what_changes_output(tmp_path: Path) -> None:
    env = git_env({"GIT_DIFF_OPTS": "-u9", "GIT_EXTERNAL_DIFF": "x", "HOME": str(tmp_path)})

    assert "GIT_DIFF_OPTS" not in env and "GIT_EXTERNAL_DIFF" not in env
    assert env["HOME"] == str(tmp_path)
    assert (env["GIT_NO_REPLACE_OBJECTS"], env["GIT_OPTIONAL_LOCKS"]) == ("1", "0")
