"""Walking a directory fails closed: a directory the walk cannot list, or one in which it
finds no training file, is never reported as data that passed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from traingate.cli import main

GOOD = (
    '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}'
)
BAD = '{"messages": [{"role": "user", "content": "hi"}]}'


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_directory_without_training_files_is_not_a_pass(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo / "data/train.json", BAD + "\n")
    _write(repo / "data/TRAIN.JSONL", BAD + "\n")
    _write(repo / "data/notes.txt", "notes\n")
    _write(repo / "data/more/a.csv", "a,b\n")
    _write(repo / "other/ok.jsonl", GOOD + "\n")
    assert main(["check", "data", "other"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "traingate: nothing to check under data: no file matches the training-file globs "
        "(**/*.jsonl, **/*.ndjson, **/*.jsonl.gz, **/*.ndjson.gz, **/*.jsonl.zst, "
        "**/*.ndjson.zst); 4 other file(s) there: data/TRAIN.JSONL, data/notes.txt, "
        "data/train.json, .... Add their pattern to the config's `files`, or name the files "
        "as arguments.\n"
    )
    # Named, the same files are checked whatever their names.
    assert main(["check", "data/train.json", "data/TRAIN.JSONL"]) == 1
    assert "2 files, 2 records" in capsys.readouterr().out


def test_a_directory_whose_training_files_are_all_excluded_says_so(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo / ".traingate.yaml", "exclude: ['raw/']\n")
    _write(repo / "raw/a.jsonl", BAD + "\n")
    _write(repo / "raw/b.jsonl", BAD + "\n")
    assert main(["check", "raw"]) == 2
    err = capsys.readouterr().err
    assert "nothing to check under raw: " in err
    assert "; 2 that do are excluded by the config's `exclude`." in err


def test_no_paths_in_a_repository_without_training_files(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo / "README.md", "data to come\n")
    assert main(["check"]) == 2
    assert "nothing to check under " in capsys.readouterr().err


def test_excluded_files_named_by_pre_commit_still_pass(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # pre-commit names the staged files; the config may exclude all of them.
    _write(repo / ".traingate.yaml", "exclude: ['raw/']\n")
    _write(repo / "raw/a.jsonl", BAD + "\n")
    assert main(["check", "raw/a.jsonl"]) == 0
    assert capsys.readouterr().out.startswith("0 files, 0 records")


def test_an_empty_directory_among_others_still_fails(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo / "data/ok.jsonl", GOOD + "\n")
    (repo / "empty").mkdir()
    assert main(["check", "data", "empty"]) == 2
    assert "nothing to check under empty: " in capsys.readouterr().err
    # A directory already walked, named again inside another, is not empty.
    assert main(["check", "data", "data/"]) == 0


@pytest.fixture
def unlistable(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Directories whose listing fails as it does without read permission (the suite runs
    as root in CI, where chmod cannot take the permission away)."""
    refused: set[str] = set()
    real = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if os.path.realpath(path) in refused:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    yield refused


def test_a_directory_the_walk_cannot_list_is_unreadable_input(
    repo: Path, unlistable: set[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo / "data/a.jsonl", GOOD + "\n")
    _write(repo / "data/locked/b.jsonl", BAD + "\n")
    _write(repo / "data/z.jsonl", GOOD + "\n")
    unlistable.add(os.path.realpath(repo / "data/locked"))
    assert main(["check", "data"]) == 3
    out = capsys.readouterr().out
    assert (
        "data/locked:0:0: error unreadable-file cannot list this directory (Permission "
        "denied): the files in it were not checked\n"
    ) in out
    assert out.endswith(
        "3 files, 2 records: 1 error, 0 warnings, 0 infos; blocked: some input could not be read\n"
    )


def test_a_top_directory_the_walk_cannot_list_is_unreadable_input(
    repo: Path, unlistable: set[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo / "data/a.jsonl", BAD + "\n")
    unlistable.add(os.path.realpath(repo / "data"))
    assert main(["check", "data"]) == 3
    assert "data:0:0: error unreadable-file cannot list this directory" in capsys.readouterr().out


def test_baseline_refuses_to_write_from_a_directory_with_nothing_to_check(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo / "data/a.jsonl", BAD + "\n")
    assert main(["baseline", "data"]) == 0
    baseline = (repo / ".traingate-baseline.json").read_bytes()
    (repo / "typo").mkdir()
    assert main(["baseline", "typo"]) == 2
    assert capsys.readouterr().err.endswith("traingate: baseline not written\n")
    assert (repo / ".traingate-baseline.json").read_bytes() == baseline
