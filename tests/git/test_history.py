"""Merge bases, unknown revisions, shallow clones and reading files at the base."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.git.helpers import Sandbox, records
from traingate.git import FETCH_ADVICE, GitError, Repo


@pytest.fixture
def forked(sandbox: Sandbox) -> Sandbox:
    """``main`` and ``feature`` forked after two commits and moved on separately."""
    sandbox.write("data.jsonl", records(0, 2))
    sandbox.commit("one")
    sandbox.write("data.jsonl", records(0, 3))
    sandbox.commit("two")
    sandbox.git("checkout", "-q", "-b", "feature")
    sandbox.write("data.jsonl", records(0, 4))
    sandbox.commit("feature")
    sandbox.git("checkout", "-q", "main")
    sandbox.write("main.jsonl", records(0, 1))
    sandbox.commit("main")
    sandbox.git("checkout", "-q", "feature")
    return sandbox


def test_merge_base(forked: Sandbox) -> None:
    expected = forked.git("rev-parse", "main~1")

    assert forked.repo.merge_base("main") == expected
    assert forked.repo.merge_base("main", "feature") == expected


def test_unknown_base_fails_closed(forked: Sandbox) -> None:
    with pytest.raises(GitError, match=r"unknown revision 'origin/nope': check the name"):
        forked.repo.merge_base("origin/nope")


def test_option_like_revision_is_refused(forked: Sandbox) -> None:
    with pytest.raises(GitError, match="is not a revision"):
        forked.repo.merge_base("--output=/tmp/x")


def test_unrelated_histories_fail_closed(forked: Sandbox) -> None:
    forked.git("checkout", "-q", "--orphan", "island")
    forked.commit("island")

    with pytest.raises(GitError, match="no common ancestor \\(unrelated histories\\)"):
        forked.repo.changed_files("main")


def _shallow_clone(origin: Sandbox, tmp_path: Path, *options: str) -> Repo:
    clone = tmp_path / "clone"
    origin.git("clone", "-q", "--depth", "1", *options, f"file://{origin.root}", str(clone))
    return Repo(clone)


def test_shallow_clone_without_the_merge_base(forked: Sandbox, tmp_path: Path) -> None:
    repo = _shallow_clone(forked, tmp_path, "--no-single-branch", "--branch", "feature")
    assert repo.is_shallow

    with pytest.raises(GitError) as raised:
        repo.changed_files("origin/main")

    assert "no common ancestor in this shallow clone" in str(raised.value)
    assert str(raised.value).endswith(FETCH_ADVICE)
    assert "`fetch-depth: 0`" in FETCH_ADVICE and "`git fetch --unshallow`" in FETCH_ADVICE


def test_shallow_clone_without_the_base_ref(forked: Sandbox, tmp_path: Path) -> None:
    repo = _shallow_clone(forked, tmp_path, "--branch", "feature")

    with pytest.raises(GitError, match=re.escape(f"in a shallow clone: {FETCH_ADVICE}")):
        repo.merge_base("origin/main")


def test_repository_without_commits(sandbox: Sandbox) -> None:
    with pytest.raises(GitError, match="no commits yet"):
        sandbox.repo.changed_files("main")


def test_show_reads_the_base_not_the_head(forked: Sandbox) -> None:
    forked.write(".traingate.yaml", "fail-on: error\n")
    forked.commit("weaken the gate in the PR")

    repo = forked.repo

    assert repo.show("main", "data.jsonl") == records(0, 3).encode()
    assert repo.show("main", ".traingate.yaml") is None
    assert repo.show("HEAD", ".traingate.yaml") == b"fail-on: error\n"


def test_show_fails_closed_on_unknown_revisions_and_directories(sandbox: Sandbox) -> None:
    sandbox.write("policies/a.yaml", "rules: []\n")
    sandbox.commit("base")

    with pytest.raises(GitError, match="unknown revision"):
        sandbox.repo.show("no-such-branch", "policies/a.yaml")
    with pytest.raises(GitError, match="is a tree, not a file"):
        sandbox.repo.show("HEAD", "policies")


def test_show_returns_the_exact_bytes_of_the_blob(sandbox: Sandbox) -> None:
    for name, data in {
        "empty.yaml": b"",
        "no-final-newline.yaml": b"a: 1",
        "binary.bin": bytes(range(256)) * 3 + b"\n\n",
        "crlf.yaml": b"a: 1\r\nb: 2\r\n",
    }.items():
        (sandbox.root / name).write_bytes(data)
        sandbox.commit(name)
        assert sandbox.repo.show("HEAD", name) == data, name


def test_show_fails_closed_on_a_submodule_entry(sandbox: Sandbox) -> None:
    sandbox.write("data.jsonl", records(0, 1))
    sandbox.commit("base")
    missing = "1" * 40  # a commit this repository does not have, as a submodule has
    sandbox.git("update-index", "--add", "--cacheinfo", f"160000,{missing},vendor")
    sandbox.git("commit", "-q", "-m", "submodule")
    with pytest.raises(GitError, match="vendor at HEAD"):
        sandbox.repo.show("HEAD", "vendor")


def test_changed_files_reports_gate_files_changed_by_the_range(forked: Sandbox) -> None:
    forked.write("policies/med.yaml", "rules: []\n")
    forked.write(".traingate.yaml", "x: 1\n")
    forked.commit("touch the gate")

    paths = {c.path for c in forked.repo.changed_files("main")}

    assert paths == {"data.jsonl", "policies/med.yaml", ".traingate.yaml"}


def test_show_many_gives_what_show_gives(sandbox: Sandbox) -> None:
    files = {
        ".traingate.yaml": b"fail-on: error\n",
        "empty.json": b"",
        "binary.bin": bytes(range(256)) + b"\n",
        "[ab]*.yaml": b"a literal name, not a pattern\n",
        "ab.yaml": b"what the pattern would match\n",
        "deep/policy.yaml": b"rules: []",
    }
    for name, data in files.items():
        sandbox.write(name, data)
    os.symlink(".traingate.yaml", sandbox.root / "link.yaml")
    sandbox.commit("base")
    missing = "1" * 40
    sandbox.git("update-index", "--add", "--cacheinfo", f"160000,{missing},vendor")
    sandbox.git("commit", "-q", "-m", "submodule")
    repo = sandbox.repo
    names = [*(n for n in files if "/" not in n), "link.yaml", "absent.yaml", "deep", "vendor"]

    found = repo.show_many("HEAD", names)

    assert set(found) == set(names) - {"deep", "vendor"}  # left for show() to refuse
    for name, data in found.items():
        assert data == repo.show("HEAD", name), name
    assert found["[ab]*.yaml"] == files["[ab]*.yaml"]
    assert found["absent.yaml"] is None and found["link.yaml"] == b".traingate.yaml"
    assert repo.show_many("HEAD", ["absent.yaml"]) == {"absent.yaml": None}
    for bad in (["deep/policy.yaml"], [".."], [""]):
        with pytest.raises(ValueError, match="not top-level names"):
            repo.show_many("HEAD", bad)
