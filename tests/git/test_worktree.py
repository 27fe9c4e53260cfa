"""The work-tree shortcut: used only for a file that hashes to the blob, else git is read."""

from __future__ import annotations

from collections.abc import Generator

import pytest

from tests.git.helpers import Sandbox, records
from traingate.git import AddedLines, Change, Repo

OLD, NEW = records(0, 50), records(0, 53)


def _git_refused(oid: str, start: int = 0) -> Generator[bytes, None, None]:
    raise AssertionError("read from git although the work-tree file was proven identical")
    yield b""


@pytest.fixture
def appended(sandbox: Sandbox) -> tuple[Sandbox, str]:
    sandbox.write("data.jsonl", OLD)
    base = sandbox.commit("base")
    sandbox.write("data.jsonl", NEW)
    sandbox.commit("append")
    return sandbox, base


def _change(repo: Repo, base: str) -> Change:
    (change,) = repo.changed_files(base)
    return change


def test_identical_work_tree_file_is_read_directly(
    appended: tuple[Sandbox, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox, base = appended
    repo = sandbox.repo
    change = _change(repo, base)
    monkeypatch.setattr(repo, "blob_chunks", _git_refused)

    added = repo.added_lines(change)

    assert added == AddedLines.tail(len(OLD), 51)
    assert b"".join(repo.new_content(change, len(OLD))) == records(50, 53).encode()


def test_same_size_but_different_work_tree_file_is_not_used(
    appended: tuple[Sandbox, str],
) -> None:
    sandbox, base = appended
    sandbox.write("data.jsonl", NEW.replace('"n": 51', '"n": 99'))
    repo = sandbox.repo
    change = _change(repo, base)

    assert repo.added_lines(change) == AddedLines.tail(len(OLD), 51)
    assert b"".join(repo.new_content(change, len(OLD))) == records(50, 53).encode()


def test_file_changed_after_the_proof_is_not_used(appended: tuple[Sandbox, str]) -> None:
    sandbox, base = appended
    repo = sandbox.repo
    change = _change(repo, base)
    assert repo.added_lines(change).fast_path

    sandbox.write("data.jsonl", NEW + '{"smuggled": true}\n')

    assert b"".join(repo.new_content(change, len(OLD))) == records(50, 53).encode()


def test_staged_append_ignores_a_dirty_work_tree(sandbox: Sandbox) -> None:
    sandbox.write("data.jsonl", OLD)
    sandbox.commit("base")
    sandbox.write("data.jsonl", NEW)
    sandbox.git("add", "data.jsonl")
    sandbox.write("data.jsonl", OLD + '{"unstaged": 1}\n')
    repo = sandbox.repo
    (change,) = repo.changed_files(staged=True)

    assert repo.added_lines(change) == AddedLines.tail(len(OLD), 51)
    assert b"".join(repo.new_content(change)) == NEW.encode()


def test_new_content_without_a_proof_reads_git(sandbox: Sandbox) -> None:
    sandbox.write("new.jsonl", records(0, 3))
    sandbox.git("add", "new.jsonl")
    sandbox.write("new.jsonl", "worktree differs\n")
    repo = sandbox.repo
    (change,) = repo.changed_files(staged=True)

    assert b"".join(repo.new_content(change, 5)) == records(0, 3).encode()[5:]


def _count_git_reads(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    calls: list[tuple[str, int]] = []
    original = repo.blob_chunks

    def counting(oid: str, start: int = 0) -> Generator[bytes, None, None]:
        calls.append((oid, start))
        return original(oid, start)

    monkeypatch.setattr(repo, "blob_chunks", counting)
    return calls


def test_without_a_twin_one_git_pass_answers_everything(
    appended: tuple[Sandbox, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox, base = appended
    sandbox.write("data.jsonl", "dirty work tree\n")
    with sandbox.repo as repo:
        change = _change(repo, base)
        calls = _count_git_reads(repo, monkeypatch)

        assert (repo.is_binary(change), repo.is_lfs(change)) == (False, False)
        added = repo.added_lines(change)
        tail = b"".join(repo.new_content(change, len(OLD)))

        assert added == AddedLines.tail(len(OLD), 51)
        assert tail == records(50, 53).encode()
        assert calls == [(change.new_oid, 0)]
        assert repo.head_bytes(change) == NEW.encode()[:8000]


def test_tail_before_the_old_end_is_read_from_git(sandbox: Sandbox) -> None:
    old = records(0, 5) + '{"n": 5, "cut": '
    sandbox.write("data.jsonl", old)
    base = sandbox.commit("base")
    new = old + '"off"}\n' + records(6, 8)
    sandbox.write("data.jsonl", new)
    sandbox.commit("finish the line and append")
    sandbox.write("data.jsonl", "dirty\n")
    repo = sandbox.repo
    change = _change(repo, base)

    added = repo.added_lines(change)
    assert added.from_offset is not None

    assert (
        b"".join(repo.new_content(change, added.from_offset)) == new[added.from_offset :].encode()
    )


def test_closing_releases_the_spooled_tail(appended: tuple[Sandbox, str]) -> None:
    sandbox, base = appended
    sandbox.write("data.jsonl", "dirty work tree\n")
    repo = sandbox.repo
    with repo:
        change = _change(repo, base)
        assert repo.added_lines(change).fast_path

    assert b"".join(repo.new_content(change, len(OLD))) == records(50, 53).encode()
