"""Which lines are added: the append-only fast path and the diff-hunk fallback."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.git.helpers import Sandbox, records
from traingate.git import AddedLines, Change, Repo
from traingate.git.added import append_only_tail, parse_hunks


def _one_change(sandbox: Sandbox, base: str) -> tuple[Repo, Change]:
    repo = sandbox.repo
    (change,) = repo.changed_files(base)
    return repo, change


def _tail_bytes(repo: Repo, change: Change, added: AddedLines) -> bytes:
    assert change.new_oid is not None and added.from_offset is not None
    return b"".join(repo.blob_chunks(change.new_oid, added.from_offset))


def test_append_takes_the_fast_path(sandbox: Sandbox) -> None:
    sandbox.write("data.jsonl", records(0, 100))
    base = sandbox.commit("base")
    sandbox.write("data.jsonl", records(0, 103))
    sandbox.commit("append")

    repo, change = _one_change(sandbox, base)
    added = repo.added_lines(change)

    assert added.fast_path
    assert added == AddedLines.tail(len(records(0, 100)), 101)
    assert (100 in added, 101 in added, 103 in added) == (False, True, True)
    assert _tail_bytes(repo, change, added) == records(100, 103).encode()


def test_append_after_a_missing_final_newline_includes_the_old_last_line(
    sandbox: Sandbox,
) -> None:
    old = records(0, 5) + '{"n": 5, "cut": '
    sandbox.write("data.jsonl", old)
    base = sandbox.commit("base")
    sandbox.write("data.jsonl", old + '"off"}\n' + records(6, 8))
    sandbox.commit("finish the line and append")

    repo, change = _one_change(sandbox, base)
    added = repo.added_lines(change)

    assert added == AddedLines.tail(len(records(0, 5)), 6)
    assert _tail_bytes(repo, change, added).startswith(b'{"n": 5, "cut": "off"}\n')


def test_append_to_an_empty_file(sandbox: Sandbox) -> None:
    sandbox.write("data.jsonl", "")
    base = sandbox.commit("base")
    sandbox.write("data.jsonl", records(0, 2))
    sandbox.commit("fill")

    repo, change = _one_change(sandbox, base)

    assert repo.added_lines(change) == AddedLines.tail(0, 1)


def test_edit_in_the_middle_falls_back_to_exact_hunks(sandbox: Sandbox) -> None:
    sandbox.write("data.jsonl", records(0, 50))
    base = sandbox.commit("base")
    lines = records(0, 50).splitlines(keepends=True)
    lines[9] = '{"edited": 10}\n'
    lines[29:31] = ['{"edited": 30}\n', '{"inserted": 1}\n', '{"edited": 31}\n']
    sandbox.write("data.jsonl", "".join(lines) + records(50, 52))
    sandbox.commit("edit")

    repo, change = _one_change(sandbox, base)
    added = repo.added_lines(change)

    assert not added.fast_path
    assert added.lines == {10, 30, 31, 32, 52, 53}


def test_edit_plus_append_is_not_mistaken_for_an_append(sandbox: Sandbox) -> None:
    sandbox.write("data.jsonl", records(0, 10))
    base = sandbox.commit("base")
    sandbox.write("data.jsonl", '{"poisoned": 0}\n' + records(1, 12))
    sandbox.commit("edit first line and append")

    repo, change = _one_change(sandbox, base)

    assert repo.added_lines(change) == AddedLines.of({1, 11, 12})


def test_deletions_only_add_nothing(sandbox: Sandbox) -> None:
    sandbox.write("data.jsonl", records(0, 10))
    base = sandbox.commit("base")
    sandbox.write("data.jsonl", records(0, 4) + records(6, 10))
    sandbox.commit("drop two")

    repo, change = _one_change(sandbox, base)
    added = repo.added_lines(change)

    assert added.is_empty and 5 not in added


def test_new_file_is_all_added(sandbox: Sandbox) -> None:
    sandbox.write("other.jsonl", "")
    base = sandbox.commit("base")
    sandbox.write("new.jsonl", records(0, 3))
    sandbox.commit("new")

    repo, change = _one_change(sandbox, base)
    added = repo.added_lines(change)

    assert added == AddedLines.all()
    assert (1 in added, 3 in added, 0 in added) == (True, True, False)


def test_deleted_file_adds_nothing(sandbox: Sandbox) -> None:
    sandbox.write("gone.jsonl", records(0, 3))
    base = sandbox.commit("base")
    (sandbox.root / "gone.jsonl").unlink()
    sandbox.commit("delete")

    repo, change = _one_change(sandbox, base)

    assert change.is_deleted
    assert repo.added_lines(change).is_empty


def test_rename_with_edits_reports_only_the_edited_lines(sandbox: Sandbox) -> None:
    sandbox.write("old.jsonl", records(0, 40))
    base = sandbox.commit("base")
    sandbox.git("mv", "old.jsonl", "new.jsonl")
    sandbox.write("new.jsonl", records(0, 7) + '{"edited": 8}\n' + records(8, 40))
    sandbox.commit("rename and edit")

    repo, change = _one_change(sandbox, base)

    assert change.status == "R"
    assert repo.added_lines(change) == AddedLines.of({8})


def test_pure_rename_adds_nothing(sandbox: Sandbox) -> None:
    sandbox.write("old.jsonl", records(0, 5))
    base = sandbox.commit("base")
    sandbox.git("mv", "old.jsonl", "new.jsonl")
    sandbox.commit("rename")

    repo, change = _one_change(sandbox, base)

    assert (change.status, repo.added_lines(change).is_empty) == ("R", True)


def test_rename_with_append_takes_the_fast_path(sandbox: Sandbox) -> None:
    sandbox.write("old.jsonl", records(0, 40))
    base = sandbox.commit("base")
    sandbox.git("mv", "old.jsonl", "new.jsonl")
    sandbox.write("new.jsonl", records(0, 41))
    sandbox.commit("rename and append")

    repo, change = _one_change(sandbox, base)

    assert repo.added_lines(change) == AddedLines.tail(len(records(0, 40)), 41)


def test_copy_with_edits_is_relative_to_its_source(sandbox: Sandbox) -> None:
    sandbox.write("a.jsonl", records(0, 40))
    base = sandbox.commit("base")
    sandbox.write("b.jsonl", records(0, 19) + '{"copied": "and edited"}\n' + records(20, 40))
    sandbox.write("a.jsonl", records(0, 41))
    sandbox.commit("copy")

    repo = sandbox.repo
    copy = next(c for c in repo.changed_files(base) if c.path == "b.jsonl")

    assert copy.status == "C"
    assert repo.added_lines(copy) == AddedLines.of({20})


def test_files_above_the_big_file_threshold_still_show_their_lines(sandbox: Sandbox) -> None:
    sandbox.git("config", "core.bigFileThreshold", "100")
    sandbox.write("big.jsonl", records(0, 30))
    base = sandbox.commit("base")
    sandbox.write("big.jsonl", records(0, 5) + '{"edited": 6}\n' + records(6, 30))
    sandbox.commit("edit")
    repo, change = _one_change(sandbox, base)
    plain = sandbox.git("diff", f"{change.old_oid}", f"{change.new_oid}")
    assert "Binary files" in plain

    assert repo.added_lines(change) == AddedLines.of({6})


def test_config_and_environment_cannot_change_the_hunks(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in [
        ("color.ui", "always"),
        ("diff.context", "7"),
        ("diff.interHunkContext", "9"),
        ("diff.noprefix", "true"),
        ("diff.suppressBlankEmpty", "true"),
        ("diff.external", "false"),
        ("diff.algorithm", "patience"),
    ]:
        sandbox.git("config", name, value)
    monkeypatch.setenv("GIT_DIFF_OPTS", "--unified=5")
    monkeypatch.setenv("GIT_EXTERNAL_DIFF", "false")
    sandbox.write("data.jsonl", records(0, 30))
    base = sandbox.commit("base")
    lines = records(0, 30).splitlines(keepends=True)
    lines[3], lines[12] = "\n", '{"edited": 13}\n'
    sandbox.write("data.jsonl", "".join(lines))
    sandbox.commit("edit")

    repo, change = _one_change(sandbox, base)

    assert repo.added_lines(change) == AddedLines.of({4, 13})


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ([b"@@ -0,0 +1,2 @@\n", b"+a\n", b"+b\n"], {1, 2}),
        ([b"@@ -3 +3 @@ ctx\n", b"-x\n", b"+y\n"], {3}),
        ([b"@@ -2,3 +2,3 @@\n", b" a\n", b"-b\n", b"+B\n", b" c\n"], {3}),
        ([b"@@ -2,2 +2,2 @@\n", b"\n", b"-b\n", b"+B\n"], {3}),
        ([b"@@ -5,2 +4,0 @@\n", b"-a\n", b"-b\n"], set()),
        ([b"@@ -1 +1 @@\n", b"-a\n", b"\\ No newline at end of file\n", b"+a\n"], {1}),
        ([b"diff --git a/x b/x\n", b"--- a/x\n", b"+++ b/x\n", b"@@ -1 +1 @@\n", b"+q\n"], {1}),
        ([b"@@ -1 +1,2 @@\n", b"+@@ -9 +9 @@\n", b"+z\n"], {1, 2}),
    ],
)
def test_parse_hunks(patch: list[bytes], expected: set[int]) -> None:
    assert parse_hunks(patch) == expected


def _blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (b"a\nb\n", b"a\nb\nc\n", AddedLines.tail(4, 3)),
        (b"a\nb", b"a\nbc\nd\n", AddedLines.tail(2, 2)),
        (b"ab", b"abc\n", AddedLines.tail(0, 1)),
        (b"a\nb\n", b"a\nX\nc\n", None),
        (b"a\nb\n", b"a\n", None),
    ],
)
def test_append_only_tail(old: bytes, new: bytes, expected: AddedLines | None) -> None:
    one_byte_chunks = [new[i : i + 1] for i in range(len(new))]

    assert append_only_tail([new], _blob_id(old), len(old), "sha1") == expected
    assert append_only_tail(one_byte_chunks, _blob_id(old), len(old), "sha1") == expected


def test_fast_path_in_a_sha256_repository(tmp_path: Path) -> None:
    sandbox = Sandbox(tmp_path / "sha256", "--object-format=sha256")
    sandbox.write("data.jsonl", records(0, 10))
    base = sandbox.commit("base")
    sandbox.write("data.jsonl", records(0, 12))
    sandbox.commit("append")

    repo, change = _one_change(sandbox, base)

    assert (repo.object_format, len(base)) == ("sha256", 64)
    assert repo.added_lines(change) == AddedLines.tail(len(records(0, 10)), 11)
