"""Baseline and waivers: keyed on (path, rule, record hash), never on line numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from traingate.cli import main
from traingate.record import record_hash

A = {"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "A"}]}
B = {"messages": [{"role": "user", "content": "b"}, {"role": "assistant", "content": "B"}]}
BAD = {
    "messages": [{"role": "user", "content": "c"}, {"role": "assistant", "content": "C"}],
    "x": 1,
}
BAD2 = {
    "messages": [{"role": "user", "content": "d"}, {"role": "assistant", "content": "D"}],
    "y": 2,
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _lines(*records: dict[str, object]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def test_baseline_accepts_old_findings_and_blocks_new(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "t.jsonl").write_text(_lines(A, BAD))
    assert main(["check"]) == 1
    assert main(["baseline"]) == 0
    baseline = json.loads((repo / ".traingate-baseline.json").read_text())
    assert baseline["entries"] == [
        {"path": "t.jsonl", "rule": "schema-violation", "record": record_hash(BAD), "count": 1}
    ]
    assert "line" not in json.dumps(baseline) and '"C"' not in json.dumps(baseline)
    capsys.readouterr()
    # Moving and inserting lines keeps the baselined finding accepted.
    (repo / "t.jsonl").write_text(_lines(B, A, BAD))
    assert main(["check"]) == 0
    assert "(1 baselined)" in capsys.readouterr().out
    # A new bad record blocks.
    (repo / "t.jsonl").write_text(_lines(A, BAD, BAD2))
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "t.jsonl:3:0: error schema-violation" in out and "t.jsonl:2:" not in out


def test_editing_a_baselined_record_reflags_it_and_leaves_a_stale_entry(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "t.jsonl").write_text(_lines(A, BAD))
    assert main(["baseline"]) == 0
    edited = {**BAD, "x": 2}
    (repo / "t.jsonl").write_text(_lines(A, edited))
    capsys.readouterr()
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "t.jsonl:2:0: error schema-violation" in out
    assert "warning stale-baseline-entry" in out
    assert main(["check", "--strict-baseline"]) == 1
    assert "error stale-baseline-entry" in capsys.readouterr().out


def test_baseline_output_is_sorted_and_stable(repo: Path) -> None:
    (repo / "b.jsonl").write_text(_lines(BAD2, BAD))
    (repo / "a.jsonl").write_text(_lines(BAD))
    assert main(["baseline"]) == 0
    first = (repo / ".traingate-baseline.json").read_bytes()
    assert main(["baseline"]) == 0
    assert (repo / ".traingate-baseline.json").read_bytes() == first
    entries = json.loads(first)["entries"]
    keys = [(e["path"], e["rule"], e["record"]) for e in entries]
    assert keys == sorted(keys) and [e["path"] for e in entries] == [
        "a.jsonl",
        "b.jsonl",
        "b.jsonl",
    ]


def test_waiver_accepts_one_finding_with_reason(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "t.jsonl").write_text(_lines(A, BAD, BAD2))
    (repo / ".traingate.yaml").write_text(
        "waivers:\n"
        f"  - rule: schema-violation\n    record: {record_hash(BAD)}\n"
        "    reason: extra key kept for the eval harness\n    expires: 2999-01-01\n"
    )
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "t.jsonl:2:" not in out and "t.jsonl:3:0: error schema-violation" in out
    assert "(1 waived)" in out
    assert main(["explain-waivers"]) == 0
    listed = capsys.readouterr().out
    assert f"active: schema-violation on record {record_hash(BAD)} until 2999-01-01" in listed
    assert "reason: extra key kept for the eval harness" in listed


def test_expired_waiver_is_an_error_and_accepts_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "t.jsonl").write_text(_lines(A, BAD))
    (repo / ".traingate.yaml").write_text(
        "waivers:\n"
        f"  - rule: schema-violation\n    record: {record_hash(BAD)}\n"
        "    reason: temporary\n    expires: 2000-01-01\n"
    )
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert ".traingate.yaml:2:0: error expired-waiver" in out
    assert "t.jsonl:2:0: error schema-violation" in out
    assert main(["explain-waivers"]) == 1
    assert "EXPIRED" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("waiver", "message"),
    [
        ("  - rule: schema-violation\n    record: " + "a" * 32 + "\n", "reason"),
        (
            "  - rule: schema-violatoin\n    record: " + "a" * 32 + "\n    reason: x y z\n",
            "did you mean",
        ),
        (
            "  - rule: lfs-pointer\n    record: " + "a" * 32 + "\n    reason: x y z\n",
            "could not be read",
        ),
    ],
)
def test_bad_waivers_are_config_errors(
    repo: Path, capsys: pytest.CaptureFixture[str], waiver: str, message: str
) -> None:
    (repo / "t.jsonl").write_text(_lines(A))
    (repo / ".traingate.yaml").write_text("waivers:\n" + waiver)
    assert main(["check"]) == 2
    assert message in capsys.readouterr().err


def test_a_baseline_that_is_a_directory_is_a_config_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "t.jsonl").write_text(_lines(A))
    (repo / ".traingate-baseline.json").mkdir()
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "config error: .traingate-baseline.json: cannot read: Is a directory" in err


def test_filter_splits_kept_and_rejected(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = repo / "in.jsonl"
    raw_a = json.dumps(A, indent=None, separators=(", ", ":")) + "\r\n"
    source.write_bytes(raw_a.encode() + b"{'a': 1}\n" + _lines(BAD, B).encode())
    assert main(["filter", "in.jsonl", "--keep", "k.jsonl", "--reject", "r.jsonl"]) == 0
    assert (repo / "k.jsonl").read_bytes() == raw_a.encode() + _lines(B).encode()
    rejected = [json.loads(line) for line in (repo / "r.jsonl").read_text().splitlines()]
    assert [r["line"] for r in rejected] == [2, 3]
    assert rejected[0]["findings"][0]["rule"] == "python-dict-repr"
    assert rejected[0]["raw"] == "{'a': 1}"
    assert rejected[1]["record"] == BAD
    assert rejected[1]["findings"][0]["rule"] == "schema-violation"


def test_filter_does_not_parse_a_record_of_too_many_values(repo: Path) -> None:
    turns = [{"role": "user", "content": "a"}, {"role": "assistant", "content": "A"}] * 30
    (repo / ".traingate.yaml").write_text("reader: {max-values: 100}\n")
    (repo / "in.jsonl").write_text(_lines(A, {"messages": turns}, B))
    assert main(["filter", "in.jsonl", "--keep", "k.jsonl", "--reject", "r.jsonl"]) == 0
    assert (repo / "k.jsonl").read_text() == _lines(A, B)
    (rejected,) = [json.loads(line) for line in (repo / "r.jsonl").read_text().splitlines()]
    assert rejected["line"] == 2
    assert [f["rule"] for f in rejected["findings"]] == ["too-many-values"]
    assert "record" not in rejected and rejected["raw"].startswith('{"messages"')


def _mixed_file(path: Path) -> None:
    """Many records with findings here and there (bad fields, e-mail addresses, broken
    lines, a CRLF line), enough to be split into ranges."""
    pii = {
        "messages": [{"role": "user", "content": "mail jane.roe@acme-mail.org"}, A["messages"][1]]
    }
    lines = []
    for index in range(400):
        record = [A, B, BAD, pii][index % 4] if index % 7 else BAD2
        lines.append(json.dumps(record) + ("\r\n" if index == 150 else "\n"))
        if index % 97 == 5:
            lines.append("{'a': 1}\n")
    path.write_text("".join(lines))


@pytest.mark.parametrize("command", ["filter", "baseline"])
def test_filter_and_baseline_give_the_same_files_with_jobs(
    command: str, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--jobs`` splits a large file into ranges for ``filter`` and ``baseline`` too, and
    what they write is the same as with one process."""
    from traingate import parallel

    _mixed_file(repo / "in.jsonl")
    monkeypatch.setenv("TRAINGATE_SPLIT_BYTES", "3000")
    layouts: list[object] = []
    real = parallel.plan_ranges
    monkeypatch.setattr(parallel, "plan_ranges", lambda *a: layouts.append(real(*a)) or layouts[-1])
    written = []
    for jobs in ("1", "2"):
        args = ["filter", "in.jsonl", "--keep", "k.jsonl", "--reject", "r.jsonl"]
        if command == "baseline":
            args = ["baseline"]
        assert main([*args, "--policy", "builtin:pii", "--jobs", jobs]) == 0
        outputs = ("k.jsonl", "r.jsonl") if command == "filter" else (".traingate-baseline.json",)
        written.append([(repo / name).read_bytes() for name in outputs])
    assert written[0] == written[1]
    assert any(layout is not None for layout in layouts)
    assert b"email-address" in b"".join(written[0])
