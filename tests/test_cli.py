"""The command line: exact output and exit codes, called through ``main(argv)``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from traingate import __version__
from traingate.cli import main

GOOD = (
    '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}'
)
REPORT_SCHEMA = json.loads(
    (Path(__file__).parents[1] / "src/traingate/schemas/report.schema.json").read_text()
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo / "train.jsonl", GOOD + "\n")
    assert main(["check", "train.jsonl"]) == 0
    assert capsys.readouterr().out == "1 file, 1 record: 0 errors, 0 warnings, 0 infos; passed\n"


def test_blocking_finding_exits_1_with_exact_text(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo / "train.jsonl", GOOD + "\n{'a': 1}\n")
    assert main(["check", "train.jsonl"]) == 1
    assert capsys.readouterr().out == (
        "train.jsonl:2:2: error python-dict-repr this is Python's repr of a dict (single "
        "quotes / True / None), not JSON: write records with json.dumps(record)\n"
        "1 file, 1 record: 1 error, 0 warnings, 0 infos; blocked\n"
    )


def test_warning_passes_unless_fail_on_warning(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo / "train.jsonl", GOOD)
    assert main(["check", "train.jsonl"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("train.jsonl:1:0: warning missing-final-newline no newline at the end")
    assert main(["check", "--fail-on", "warning", "train.jsonl"]) == 1


def test_quiet_prints_only_blocking(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo / "train.jsonl", GOOD)
    assert main(["check", "--quiet", "train.jsonl"]) == 0
    assert capsys.readouterr().out == ""


def test_unreadable_input_exits_3(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo / "ok.jsonl", GOOD + "\n{bad\n")
    assert main(["check", "ok.jsonl", "missing.jsonl"]) == 3
    out = capsys.readouterr().out
    assert "missing.jsonl:0:0: error unreadable-file no such file\n" in out
    assert out.endswith("blocked: some input could not be read\n")


def test_json_output_matches_schema(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo / "train.jsonl", GOOD + '\n{"a": 1, "a": 2}\n')
    assert main(["check", "--output-format", "json", "train.jsonl"]) == 1
    report = json.loads(capsys.readouterr().out)
    jsonschema.validate(report, REPORT_SCHEMA)
    assert report["findings"] == [
        {
            "rule": "duplicate-key",
            "severity": "error",
            "path": "train.jsonl",
            "line": 2,
            "column": 1,
            "pointer": "/a",
            "message": "duplicate key 'a': readers disagree on which value counts",
            "record_hash": report["findings"][0]["record_hash"],
        }
    ]
    assert len(report["findings"][0]["record_hash"]) == 32
    assert report["summary"] == {
        "files": 1,
        "records": 1,
        "findings": {"error": 1, "warning": 0, "info": 0},
        "suppressed": {"waived": 0, "baselined": 0},
        "blocking": 1,
        "unreadable": 0,
        "verdict": "blocked",
    }


def test_directory_walk_uses_globs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo / "data/a.jsonl", GOOD + "\n")
    _write(repo / "data/sub/b.ndjson", GOOD + "\n")
    _write(repo / "data/notes.json", "{bad")
    _write(repo / ".git/x.jsonl", "{bad")
    assert main(["check", "data"]) == 0
    assert capsys.readouterr().out.startswith("2 files, 2 records")


def test_no_paths_checks_the_repo_root(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo / "deep/er/x.jsonl", "[]\n")
    assert main(["check"]) == 1
    assert "deep/er/x.jsonl:1:1: error non-object-record" in capsys.readouterr().out


def test_config_severity_and_ignore(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo / ".traingate.yaml", "rules:\n  blank-line: warning\nignore: [crlf-line-ending]\n")
    _write(repo / "t.jsonl", GOOD + "\r\n\r\n" + GOOD + "\r\n")
    assert main(["check", "t.jsonl"]) == 0
    out = capsys.readouterr().out
    assert "t.jsonl:2:1: warning blank-line blank line" in out
    assert "crlf" not in out


def test_config_errors_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo / ".traingate.yaml", "rules:\n  blank-lines: off\n")
    _write(repo / "t.jsonl", GOOD + "\n")
    assert main(["check", "t.jsonl"]) == 2
    err = capsys.readouterr().err
    assert ".traingate.yaml:2: rules.blank-lines: unknown rule id 'blank-lines'" in err
    assert "did you mean 'blank-line'?" in err


def test_unreadable_rules_cannot_be_switched_off(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo / ".traingate.yaml", "ignore: [lfs-pointer]\n")
    assert main(["check"]) == 2
    assert "lfs-pointer" in capsys.readouterr().err


def test_format_and_target_options(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo / "t.jsonl", '{"prompt": "a", "completion": "b"}\n')
    assert main(["check", "--format", "openai-chat", "t.jsonl"]) == 1
    assert "schema-violation" in capsys.readouterr().out
    assert main(["check", "--target", "openai", "t.jsonl"]) == 1
    assert "too-few-examples" in capsys.readouterr().out


def test_usage_errors_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--output-format", "yaml"]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["explain", "duplicate-keys"]) == 2
    assert "did you mean 'duplicate-key'?" in capsys.readouterr().err


def test_unknown_format_and_target_names_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(repo / "t.jsonl", GOOD + "\n")
    assert main(["check", "--format", "openai", "t.jsonl"]) == 2
    assert main(["check", "--target", "opnai", "t.jsonl"]) == 2


def test_version_and_listings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"traingate, version {__version__}\n"
    assert main(["rules"]) == 0
    assert "duplicate-key" in capsys.readouterr().out
    assert main(["formats"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("openai-chat")
    assert main(["explain", "duplicate-key"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# duplicate-key\n") and "## Why it matters" in out


def test_python_dash_m_entry_point(repo: Path) -> None:
    _write(repo / "t.jsonl", "[]\n")
    proc = subprocess.run(
        [sys.executable, "-m", "traingate", "check", "t.jsonl"], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert proc.stdout.startswith("t.jsonl:1:1: error non-object-record")


def test_output_format_choices_match_the_reporter_registry() -> None:
    from traingate.cli import OUTPUT_FORMATS
    from traingate.reporters.registry import REPORTERS

    assert sorted(OUTPUT_FORMATS) == sorted(REPORTERS)
