"""Which paths a range or the index changes, with renames, copies, odd names and modes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.git.helpers import Sandbox, records
from traingate.git import Change, GitError, Repo
from traingate.git.changes import parse_raw

ODD_NAMES = [
    "with space.jsonl",
    "new\nline.jsonl",
    'quote"d.jsonl',
    "tab\there.jsonl",
    "ünïcødé 数据.jsonl",
    "back\\slash.jsonl",
    "-starts-with-dash.jsonl",
    "dir with space/nested.jsonl",
]


def _by_path(changes: list[Change]) -> dict[str, Change]:
    return {change.path: change for change in changes}


def test_range_is_merge_base_to_head_not_base_tip(sandbox: Sandbox) -> None:
    sandbox.write("shared.jsonl", records(0, 5))
    sandbox.commit("base")
    sandbox.git("checkout", "-q", "-b", "feature")
    sandbox.write("feature.jsonl", records(0, 3))
    sandbox.commit("feature")
    sandbox.git("checkout", "-q", "main")
    sandbox.write("main-only.jsonl", records(0, 3))
    sandbox.commit("main moves on")
    sandbox.git("checkout", "-q", "feature")

    changes = sandbox.repo.changed_files("main")

    assert [(c.status, c.path) for c in changes] == [("A", "feature.jsonl")]


def test_statuses_oids_and_modes(sandbox: Sandbox) -> None:
    sandbox.write("kept.jsonl", records(0, 5))
    sandbox.write("gone.jsonl", records(0, 5))
    base = sandbox.commit("base")
    sandbox.write("kept.jsonl", records(0, 6))
    (sandbox.root / "gone.jsonl").unlink()
    sandbox.write("new.jsonl", records(0, 2))
    sandbox.commit("change")

    changes = _by_path(sandbox.repo.changed_files(base))

    assert changes["kept.jsonl"] == Change(
        status="M",
        path="kept.jsonl",
        old_path=None,
        old_oid=sandbox.blob(base, "kept.jsonl"),
        new_oid=sandbox.blob("HEAD", "kept.jsonl"),
        old_mode="100644",
        new_mode="100644",
    )
    gone = changes["gone.jsonl"]
    assert (gone.status, gone.is_deleted, gone.new_oid, gone.new_mode) == ("D", True, None, None)
    new = changes["new.jsonl"]
    assert (new.status, new.old_oid, new.old_mode, new.is_deleted) == ("A", None, None, False)
    assert new.is_regular_file


def test_rename_with_edits_is_followed(sandbox: Sandbox) -> None:
    sandbox.write("old name.jsonl", records(0, 40))
    base = sandbox.commit("base")
    sandbox.git("mv", "old name.jsonl", "new name.jsonl")
    sandbox.write("new name.jsonl", records(0, 20) + '{"edited": true}\n' + records(21, 40))
    sandbox.commit("rename")

    (change,) = sandbox.repo.changed_files(base)

    assert (change.status, change.old_path, change.path) == (
        "R",
        "old name.jsonl",
        "new name.jsonl",
    )
    assert change.source_path == "old name.jsonl"
    assert change.old_oid == sandbox.blob(base, "old name.jsonl")
    assert change.similarity is not None and 50 <= change.similarity < 100


def test_copy_from_a_file_changed_in_the_same_range(sandbox: Sandbox) -> None:
    sandbox.write("a.jsonl", records(0, 40))
    base = sandbox.commit("base")
    sandbox.write("b.jsonl", records(0, 40) + records(99, 100))
    sandbox.write("a.jsonl", records(0, 41))
    sandbox.commit("copy")

    changes = _by_path(sandbox.repo.changed_files(base))

    copy = changes["b.jsonl"]
    assert (copy.status, copy.old_path, copy.old_oid) == (
        "C",
        "a.jsonl",
        sandbox.blob(base, "a.jsonl"),
    )
    assert changes["a.jsonl"].status == "M"


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_paths_round_trip(sandbox: Sandbox, name: str) -> None:
    sandbox.write("plain.jsonl", records(0, 1))
    base = sandbox.commit("base")
    sandbox.write(name, records(0, 3))
    sandbox.commit("odd")

    (change,) = sandbox.repo.changed_files(base)

    assert change.path == name
    assert (sandbox.root / change.path).read_text() == records(0, 3)
    assert sandbox.repo.show("HEAD", change.path) == records(0, 3).encode()


def test_odd_paths_in_a_rename(sandbox: Sandbox) -> None:
    sandbox.write(ODD_NAMES[1], records(0, 10))
    base = sandbox.commit("base")
    sandbox.git("mv", "--", ODD_NAMES[1], ODD_NAMES[4])
    sandbox.commit("rename")

    (change,) = sandbox.repo.changed_files(base)

    assert (change.status, change.old_path, change.path) == ("R", ODD_NAMES[1], ODD_NAMES[4])


def test_non_utf8_path_round_trips(sandbox: Sandbox) -> None:
    name = os.fsdecode(b"latin1-\xe9.jsonl")
    sandbox.write("plain.jsonl", records(0, 1))
    base = sandbox.commit("base")
    sandbox.write(name, records(0, 2))
    sandbox.commit("latin-1 name")

    (change,) = sandbox.repo.changed_files(base)

    assert os.fsencode(change.path) == b"latin1-\xe9.jsonl"
    assert (sandbox.root / change.path).exists()


def test_symlink_and_submodule_are_flagged(sandbox: Sandbox) -> None:
    sandbox.write("target.jsonl", records(0, 2))
    base = sandbox.commit("base")
    os.symlink("target.jsonl", sandbox.root / "link.jsonl")
    sandbox.git("add", "link.jsonl")
    gitlink = sandbox.git("rev-parse", "HEAD")
    sandbox.git("update-index", "--add", "--cacheinfo", f"160000,{gitlink},sub.jsonl")
    sandbox.git("commit", "-q", "-m", "link and submodule")

    changes = _by_path(sandbox.repo.changed_files(base))

    link, sub = changes["link.jsonl"], changes["sub.jsonl"]
    assert (link.new_mode, link.is_symlink, link.is_submodule, link.is_regular_file) == (
        "120000",
        True,
        False,
        False,
    )
    assert (sub.new_mode, sub.is_submodule, sub.is_symlink, sub.new_oid) == (
        "160000",
        True,
        False,
        gitlink,
    )
    repo = sandbox.repo
    checks: list[Callable[[Change], object]] = [
        repo.added_lines,
        repo.is_binary,
        repo.is_lfs,
        lambda change: list(repo.new_content(change)),
    ]
    for change, kind in [(link, "symlink"), (sub, "submodule")]:
        for check in checks:
            with pytest.raises(GitError, match=f"a {kind} has no content the gate can check"):
                check(change)


def test_file_turned_into_symlink_is_a_type_change(sandbox: Sandbox) -> None:
    sandbox.write("data.jsonl", records(0, 2))
    base = sandbox.commit("base")
    (sandbox.root / "data.jsonl").unlink()
    os.symlink("/etc/passwd", sandbox.root / "data.jsonl")
    sandbox.commit("swap")

    (change,) = sandbox.repo.changed_files(base)

    assert (change.status, change.old_mode, change.is_symlink) == ("T", "100644", True)
    with pytest.raises(GitError, match=r"data\.jsonl: a symlink has no content the gate can"):
        sandbox.repo.added_lines(change)


def test_staged_reads_the_index_not_the_work_tree(sandbox: Sandbox) -> None:
    sandbox.write("data.jsonl", records(0, 3))
    sandbox.commit("base")
    sandbox.write("data.jsonl", records(0, 4))
    sandbox.git("add", "data.jsonl")
    sandbox.write("data.jsonl", "not even json\n")
    sandbox.write("unstaged.jsonl", records(0, 1))

    repo = sandbox.repo
    (change,) = repo.changed_files(staged=True)

    assert change.path == "data.jsonl"
    assert change.new_oid == sandbox.git("rev-parse", ":data.jsonl")
    assert b"".join(repo.blob_chunks(change.new_oid)) == records(0, 4).encode()
    assert 4 in repo.added_lines(change)


def test_staged_honours_a_hook_s_temporary_index(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox.write("data.jsonl", records(0, 3))
    sandbox.commit("base")
    sandbox.write("data.jsonl", records(0, 5))
    temporary = sandbox.root / ".git" / "index.partial"
    monkeypatch.setenv("GIT_INDEX_FILE", os.fspath(temporary))
    sandbox.git("read-tree", "HEAD")
    sandbox.git("add", "data.jsonl")
    sandbox.write("data.jsonl", records(0, 9))

    repo = sandbox.repo
    (change,) = repo.changed_files(staged=True)

    assert b"".join(repo.new_content(change)) == records(0, 5).encode()
    monkeypatch.delenv("GIT_INDEX_FILE")
    assert repo.changed_files(staged=True) == []


def test_staged_in_a_repository_without_commits(sandbox: Sandbox) -> None:
    sandbox.write("first.jsonl", records(0, 2))
    sandbox.git("add", "first.jsonl")

    (change,) = sandbox.repo.changed_files(staged=True)

    assert (change.status, change.path) == ("A", "first.jsonl")
    assert sandbox.repo.added_lines(change).everything


def test_staged_with_nothing_staged(sandbox: Sandbox) -> None:
    sandbox.write("a.jsonl", records(0, 2))
    sandbox.commit("base")
    sandbox.write("a.jsonl", records(0, 3))

    assert sandbox.repo.changed_files(staged=True) == []


@pytest.mark.parametrize(("base", "staged"), [(None, False), ("HEAD", True)])
def test_base_and_staged_are_exclusive(sandbox: Sandbox, base: str | None, staged: bool) -> None:
    with pytest.raises(ValueError, match="either a base revision or staged"):
        sandbox.repo.changed_files(base, staged=staged)


def test_unmerged_index_fails_closed(sandbox: Sandbox) -> None:
    sandbox.write("a.jsonl", records(0, 2))
    sandbox.commit("base")
    sandbox.git("checkout", "-q", "-b", "other")
    sandbox.write("a.jsonl", records(10, 12))
    sandbox.commit("other")
    sandbox.git("checkout", "-q", "main")
    sandbox.write("a.jsonl", records(20, 22))
    sandbox.commit("main")
    done = sandbox.repo.git.call("merge", "other")
    assert done[0] != 0

    with pytest.raises(GitError, match="unmerged paths"):
        sandbox.repo.changed_files(staged=True)


def test_discover_finds_the_top_level(sandbox: Sandbox) -> None:
    sandbox.write("deep/er/file.jsonl", "")

    assert Repo.discover(sandbox.root / "deep" / "er").root == sandbox.root
    assert Repo.discover(sandbox.root / "deep" / "er" / "file.jsonl").root == sandbox.root


@pytest.mark.parametrize("object_format", ["sha1", "sha256"])
def test_discover_knows_the_object_format(tmp_path: Path, object_format: str) -> None:
    sandbox = Sandbox(tmp_path / "with space\nand newline", f"--object-format={object_format}")
    sandbox.write("deep/file.jsonl", records(0, 1))
    sandbox.commit("base")
    repo = Repo.discover(sandbox.root / "deep")
    assert (repo.root, repo.object_format) == (sandbox.root, object_format)
    assert repo.object_format == Repo(sandbox.root).object_format  # as git says when asked


def test_discover_outside_a_repository(tmp_path: Path) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()

    with pytest.raises(GitError, match="not inside a git work tree"):
        Repo.discover(outside)


def test_parse_raw_rejects_truncated_output() -> None:
    with pytest.raises(GitError, match="ended in the middle"):
        parse_raw(b":100644 100644 " + b"1" * 40 + b" " + b"2" * 40 + b" R100\0a\0")
