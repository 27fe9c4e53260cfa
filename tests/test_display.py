"""What records and file names hold reaches the reports escaped: no escape sequence drives
the terminal, no line break starts a line of its own, and a file name that is not UTF-8
is written in every report instead of ending the run."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from traingate.cli import main
from traingate.display import decodable, escaped, flat, visible

GOOD = {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "ok"}]}


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\n", "\\n"),
        ("\x1b", "\\x1b"),
        ("\x9b", "\\x9b"),
        ("\u202e", "\\u202e"),
        ("\u2028", "\\u2028"),
        ("\U000e0041", "\\U000e0041"),
        ("\udcff", "\\xff"),
        ("\ud800", "\\ud800"),
    ],
)
def test_escaped(char: str, shown: str) -> None:
    assert escaped(char) == shown


def test_visible_flat_and_decodable() -> None:
    assert visible("plain text, ünï 中文 🙂") == "plain text, ünï 中文 🙂"
    assert visible("a\x1b]0;t\x07b\r\nc\u200bd") == "a\\x1b]0;t\\x07b\\r\\nc\\u200bd"
    assert visible("a\nb\x1b", keep="\n") == "a\nb\\x1b"
    assert flat("a\nb\tc\u2028d\x00") == "a b c d\\x00"
    assert decodable("ok\x1b") == "ok\x1b"
    assert decodable("bad\udcff.jsonl") == "bad\\xff.jsonl"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


HOSTILE_KEY = "\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202e\n::error::x"


def test_hostile_keys_and_file_names_cannot_drive_the_terminal(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "data").mkdir()
    record = dict(GOOD)
    record[HOSTILE_KEY] = 1
    line = json.dumps(record)
    # A duplicate key puts the key in the pointer; an unknown format puts it in the message.
    duplicated = line[:-1] + ", " + json.dumps(HOSTILE_KEY) + ": 2}"
    (repo / "data" / "x\x1b[2J\n::error file=a::injected.jsonl").write_text(duplicated + "\n")
    (repo / "data" / "keys.jsonl").write_text(json.dumps({HOSTILE_KEY: 1}) + "\n")
    assert main(["check", "data"]) == 1
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e")
    lines = out.splitlines()
    assert len(lines) == 4, lines
    assert lines[0].startswith("data/keys.jsonl:1:0: error unknown-format ")
    assert "\\x1b]0;PWNED\\x07\\x1b[2J\\x9b31m\\u202e\\n::error::x" in lines[0]
    assert lines[1].startswith("data/x\\x1b[2J\\n::error file=a::injected.jsonl:1:1: error ")
    assert lines[1].endswith("[/\\x1b]0;PWNED\\x07\\x1b[2J\\x9b31m\\u202e\\n::error::x]")
    assert lines[2].startswith("data/x\\x1b[2J\\n::error file=a::injected.jsonl:0:0: error ")


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names must be UTF-8")
def test_a_file_name_that_is_not_utf8_is_reported_everywhere(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "data").mkdir()
    name = os.path.join(b"data", b"bad\xff\xfe.jsonl")
    with open(name, "wb") as out:
        out.write(b'{"a": 1}\n')
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(repo / "summary.md"))
    argv = ["check", "data", "--json", "r.json", "--sarif", "r.sarif", "--junit", "r.xml"]
    assert main(argv) == 1
    assert "data/bad\\xff\\xfe.jsonl:1:0: error unknown-format " in capsys.readouterr().out
    report = json.loads((repo / "r.json").read_text())
    assert {f["path"] for f in report["findings"]} == {"data/bad\\xff\\xfe.jsonl"}
    sarif = json.loads((repo / "r.sarif").read_text())
    (result,) = sarif["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "data/bad%FF%FE.jsonl", "uriBaseId": "%SRCROOT%"}
    assert 'name="data/bad\\xff\\xfe.jsonl"' in (repo / "r.xml").read_text()
    assert "bad\\\\xff\\\\xfe\\.jsonl" in (repo / "summary.md").read_text()
