"""Files written whole or not at all (``traingate.atomic``), and ``traingate filter``'s
outputs, which are written that way: a failed run leaves them as they were, and a file can
be filtered in place."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from traingate import quarantine
from traingate.atomic import replacing, same_file
from traingate.cli import main
from traingate.reader.lines import split_lines
from traingate.reader.stream import ReadFailure

GOOD = {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "ok"}]}
BAD = {"messages": [{"role": "user", "content": "hi"}]}
SOURCE = "".join(json.dumps(r) + "\n" for r in (GOOD, BAD, GOOD)).encode()


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_the_new_bytes_replace_the_old_when_the_block_ends(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"old\n")
    with replacing(path) as out:
        out.write(b"new\n")
        assert path.read_bytes() == b"old\n"
    assert path.read_bytes() == b"new\n"
    with replacing(tmp_path / "fresh.jsonl") as out:
        out.write(b"x")
    assert (tmp_path / "fresh.jsonl").read_bytes() == b"x"
    assert _leftovers(tmp_path) == []


def test_a_block_that_raises_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"old\n")
    with pytest.raises(ReadFailure), replacing(path) as out:
        out.write(b"half")
        raise ReadFailure("unreadable-file", "read error")
    assert path.read_bytes() == b"old\n"
    with pytest.raises(KeyboardInterrupt), replacing(tmp_path / "never.jsonl") as out:
        raise KeyboardInterrupt
    assert not (tmp_path / "never.jsonl").exists()
    assert _leftovers(tmp_path) == []


def test_a_link_is_followed_and_the_mode_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_bytes(b"old\n")
    real.chmod(0o640)
    link = tmp_path / "link.jsonl"
    link.symlink_to(real.name)
    with replacing(link) as out:
        out.write(b"new\n")
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"
    assert real.stat().st_mode & 0o777 == 0o640


def test_a_device_is_written_directly(tmp_path: Path) -> None:
    with replacing(Path(os.devnull)) as out:
        out.write(b"discarded")
    assert Path(os.devnull).is_char_device()


@pytest.mark.parametrize("name", ["missing/out.jsonl", "a-directory"])
def test_errors_name_the_file_asked_for(tmp_path: Path, name: str) -> None:
    (tmp_path / "a-directory").mkdir()
    path = tmp_path / name
    with pytest.raises(OSError) as caught, replacing(path) as out:
        out.write(b"x")
    assert caught.value.filename == str(path)
    assert _leftovers(tmp_path) == []


def test_same_file(tmp_path: Path) -> None:
    one = tmp_path / "one.jsonl"
    one.write_bytes(b"")
    (tmp_path / "link.jsonl").symlink_to(one.name)
    os.link(one, tmp_path / "hard.jsonl")
    assert same_file(one, tmp_path / "link.jsonl")
    assert same_file(one, tmp_path / "hard.jsonl")
    assert same_file(tmp_path / "new.jsonl", tmp_path / "sub/../new.jsonl")
    assert not same_file(one, tmp_path / "two.jsonl")
    assert not same_file(Path(os.devnull), Path(os.devnull))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_bytes(SOURCE)
    return tmp_path


def test_filter_in_place(repo: Path) -> None:
    assert main(["filter", "in.jsonl", "--keep", "in.jsonl", "--reject", "bad.jsonl"]) == 0
    assert (repo / "in.jsonl").read_text() == (json.dumps(GOOD) + "\n") * 2
    (rejected,) = (repo / "bad.jsonl").read_text().splitlines()
    assert json.loads(rejected)["record"] == BAD


def test_filter_refuses_one_file_for_both_outputs(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "link.jsonl").symlink_to("in.jsonl")
    assert main(["filter", "in.jsonl", "--keep", "in.jsonl", "--reject", "link.jsonl"]) == 2
    assert "--keep and --reject name the same file: in.jsonl" in capsys.readouterr().err
    assert (repo / "in.jsonl").read_bytes() == SOURCE


def test_filter_that_fails_while_writing_leaves_both_outputs(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path("/dev/full").is_char_device():
        pytest.skip("no /dev/full here")
    (repo / "k.jsonl").write_bytes(b"earlier\n")
    assert main(["filter", "in.jsonl", "--keep", "k.jsonl", "--reject", "/dev/full"]) == 2
    err = capsys.readouterr().err
    assert "traingate: cannot write /dev/full: No space left on device\n" in err
    assert (repo / "k.jsonl").read_bytes() == b"earlier\n"
    assert _leftovers(repo) == []


def test_filter_that_fails_while_reading_leaves_both_outputs(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The source is read twice (checked, then split); the second read can fail too.
    real = split_lines

    def failing(*args: object, **kwargs: object) -> object:
        for index, line in enumerate(real(*args, **kwargs)):  # type: ignore[arg-type]
            if index == 2:
                raise ReadFailure("unreadable-file", "read error: Input/output error")
            yield line

    monkeypatch.setattr(quarantine, "split_lines", failing)
    assert main(["filter", "in.jsonl", "--keep", "in.jsonl", "--reject", "bad.jsonl"]) == 3
    assert "in.jsonl: read error: Input/output error" in capsys.readouterr().err
    assert (repo / "in.jsonl").read_bytes() == SOURCE
    assert not (repo / "bad.jsonl").exists()
    assert _leftovers(repo) == []


def test_baseline_that_cannot_be_written_is_an_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".traingate.yaml").write_text("baseline: missing/baseline.json\n")
    assert main(["baseline"]) == 2
    assert "traingate: cannot write missing/baseline.json: No such file or directory\n" in (
        capsys.readouterr().err
    )
    assert _leftovers(repo) == []
