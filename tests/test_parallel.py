"""``--jobs N``: the same findings, byte for byte and in the same order, as one process."""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from traingate import exitcodes, parallel, run, sharding
from traingate.analyzers.base import Analyzer, AnalyzerState, Observation
from traingate.check_file import ConfiguredAnalyzer, FileCheck, FilePlan
from traingate.cli import main
from traingate.finding import Finding, Severity
from traingate.parallel import WorkerCrash, parallel_checks
from traingate.ranges import plan_ranges
from traingate.reader.file import ReaderOptions
from traingate.rules.base import Rule, Scope
from traingate.targets import Target, load_target

USER = {"role": "user", "content": "hi"}
BOT = {"role": "assistant", "content": "hello"}
GOOD = json.dumps({"messages": [USER, BOT]})
PII = json.dumps(
    {"messages": [{"role": "user", "content": "write to jane.roe@acme-mail.org"}, BOT]}
)
PROBLEMS = (
    '{"messages": [}',  # invalid-json
    '{"a": 1, "a": 2}',  # duplicate-key
    "",  # blank-line
    GOOD + "\r",  # CRLF: mixed line endings
    json.dumps({"messages": [{"role": "bogus", "content": "x"}]}),  # schema-violation
    PII,  # policy finding
    json.dumps({"foo": 1}),  # unknown-format
    json.dumps({"prompt": "a", "completion": "b"}),  # mixed-formats
    json.dumps({"messages": [USER]}),  # bedrock: a target record finding
)


def _write_corpus(root: Path) -> None:
    (root / ".git").mkdir()
    lines = [PROBLEMS[i % 12] if i % 12 < len(PROBLEMS) else GOOD for i in range(240)]
    (root / "mixed.jsonl").write_bytes("\n".join(lines).encode())  # no final newline
    (root / "many.jsonl").write_text(f"{GOOD}\n" * 10_003)  # over bedrock's 10,000
    (root / "crlf.jsonl").write_bytes(f"{GOOD}\r\n".encode() * 50)
    (root / "later.jsonl").write_text('{"x": 1}\n' * 200 + f"{GOOD}\n" * 20)
    (root / "empty.jsonl").write_bytes(b"")
    (root / "packed.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))


def _check(jobs: int, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    packs = ["--policy", "builtin:pii", "--policy", "builtin:secrets"]
    code = main(
        [
            "check",
            ".",
            "--target",
            "bedrock",
            *packs,
            "--output-format",
            "json",
            "--jobs",
            str(jobs),
        ]
    )
    return code, capsys.readouterr().out


@pytest.mark.parametrize("split", ["200", "1000", "40000"])
def test_jobs_give_identical_json(
    split: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRAINGATE_SPLIT_BYTES", split)
    code, single = _check(1, capsys)
    rules = Counter(f["rule"] for f in json.loads(single)["findings"])
    expected = {
        "invalid-json",
        "duplicate-key",
        "blank-line",
        "mixed-line-endings",
        "crlf-line-ending",
        "missing-final-newline",
        "schema-violation",
        "email-address",
        "unknown-format",
        "mixed-formats",
        "too-many-examples",
        "too-few-examples",
        "empty-file",
    }
    assert expected <= set(rules), rules
    assert code == exitcodes.BLOCKED
    for jobs in (2, 3):
        assert _check(jobs, capsys) == (code, single)


def _plan(path: Path, target: Target | None = None, **extra: Any) -> FilePlan:
    return FilePlan(path, path.name, path.name, "auto", target, ReaderOptions(), **extra)


def test_large_files_are_split_at_line_ends(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    layout = plan_ranges(_plan(tmp_path / "many.jsonl"), 2, 1000)
    assert layout is not None
    bounds, fmt = layout
    data = (tmp_path / "many.jsonl").read_bytes()
    assert fmt == "openai-chat" and len(bounds) == 5 and bounds[-1] == len(data)
    assert all(data[cut - 1 : cut] == b"\n" for cut in bounds[1:])
    assert plan_ranges(_plan(tmp_path / "packed.jsonl.gz"), 2, 100) is None
    # No detectable record in the first range: the format is unknown, the file goes whole.
    assert plan_ranges(_plan(tmp_path / "later.jsonl"), 2, 100) is None


class Lines:
    """A test analyzer: counts records and reports the first and last line it saw."""

    def __init__(self, crash: str = "", parent: int = 0) -> None:
        self.lines: list[int] = []
        self.crash = crash
        self.parent = parent

    def observe(self, obs: Observation) -> None:
        if self.crash == "observe" and obs.line > 500:
            os._exit(7)
        self.lines = [*self.lines[:1], obs.line] if self.lines else [obs.line]
        self.count = getattr(self, "count", 0) + 1

    def merge(self, other: AnalyzerState) -> None:
        assert isinstance(other, Lines)
        self.count = getattr(self, "count", 0) + getattr(other, "count", 0)
        self.lines = [*self.lines[:1], *other.lines[-1:]] if self.lines else other.lines

    def finish(self, path: str) -> Iterator[Finding]:
        if self.crash == "finish":
            assert os.getpid() != self.parent, "finished in the parent"
            os._exit(7)
        message = f"{getattr(self, 'count', 0)} records, lines {self.lines}"
        yield LINES_RULE.finding(path, self.lines[0] if self.lines else 0, 0, message)


def _create(options: Mapping[str, Any]) -> AnalyzerState:
    return Lines(options.get("crash", ""), options.get("parent", 0))


LINES_RULE = Rule("test-lines", Scope.DATASET, Severity.INFO, "Lines seen", "test")
ANALYZER = Analyzer(LINES_RULE, _create)


def test_analyzer_states_merge_in_file_order(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    analyzers = (ConfiguredAnalyzer(ANALYZER, {}, Severity.WARNING),)
    target = load_target("bedrock")
    plans = [
        _plan(tmp_path / name, analyzers=analyzers, target=target)
        for name in ("mixed.jsonl", "many.jsonl", "packed.jsonl.gz")
    ]
    single = [list(FileCheck(plan).findings()) for plan in plans]
    merged = [list(check.findings()) for check in parallel_checks(plans, 2, None, 300)]
    assert merged == single
    assert single[1][-1].message == "10003 records, lines [1, 10003]"
    assert single[1][-1].severity == Severity.WARNING


def test_a_dead_worker_is_an_error(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    analyzers = (ConfiguredAnalyzer(ANALYZER, {"crash": "observe"}, Severity.WARNING),)
    plans = [_plan(tmp_path / "many.jsonl", analyzers=analyzers)]
    with pytest.raises(WorkerCrash, match=r"worker process died while checking many\.jsonl"):
        for check in parallel_checks(plans, 2, None, 300):
            list(check.findings())


def test_analyzers_that_name_nothing_finish_in_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A split file's analyzers that need no records read back finish in a worker while
    the parent finishes the others; a worker dying there is an error too."""
    _write_corpus(tmp_path)
    sent: list[str] = []
    real = parallel._Dispatcher.finish_elsewhere

    def spy(self: Any, state: AnalyzerState, shown: str) -> Any:
        sent.append(type(state).__name__)
        return real(self, state, shown)

    monkeypatch.setattr(parallel._Dispatcher, "finish_elsewhere", spy)
    options = {"crash": "finish", "parent": os.getpid()}
    analyzers = (ConfiguredAnalyzer(ANALYZER, options, Severity.WARNING),)
    plans = [_plan(tmp_path / "many.jsonl", analyzers=analyzers)]
    with pytest.raises(WorkerCrash, match=r"worker process died while checking many\.jsonl"):
        for check in parallel_checks(plans, 2, None, 300):
            list(check.findings())
    assert sent == ["Lines"]


def test_a_dead_worker_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crash(*args: object) -> Iterator[FileCheck]:
        raise WorkerCrash("a worker process died")
        yield

    _write_corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRAINGATE_SPLIT_BYTES", "200")
    monkeypatch.setattr("traingate.parallel.parallel_checks", crash)
    assert main(["check", ".", "--jobs", "2"]) == exitcodes.UNREADABLE
    assert "traingate: a worker process died\n" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("policies", "expected"),
    [
        ([], {"rules": False, "analyzers": False}),
        (["builtin:pii"], {"rules": True, "analyzers": False}),
        (["builtin:poisoning"], {"rules": False, "analyzers": True}),
    ],
)
def test_the_split_size_follows_what_the_check_runs(
    policies: list[str],
    expected: dict[str, bool],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Analyzers cost about ten times the record rules per byte, and those about five
    times the reader: a file is worth splitting at a smaller size the more runs on it."""
    asked: list[dict[str, bool]] = []

    def spy(**kwargs: bool) -> int:
        asked.append(kwargs)
        return sharding.split_bytes(**kwargs)

    monkeypatch.setattr(run, "split_bytes", spy)
    monkeypatch.chdir(tmp_path)  # no repository config applies
    path = tmp_path / "data.jsonl"
    path.write_text(GOOD + "\n")
    main(["check", str(path), *[f"--policy={p}" for p in policies], "--jobs", "2"])
    capsys.readouterr()
    assert asked == [expected]


def test_split_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(sharding.SPLIT_ENV, raising=False)
    assert sharding.split_bytes() == sharding.SPLIT_BYTES == 32 << 20
    assert sharding.split_bytes(rules=True) == sharding.RULES_SPLIT_BYTES
    assert sharding.split_bytes(rules=True, analyzers=True) == sharding.ANALYZERS_SPLIT_BYTES
    assert sharding.ANALYZERS_SPLIT_BYTES < sharding.RULES_SPLIT_BYTES < sharding.SPLIT_BYTES
    monkeypatch.setenv(sharding.SPLIT_ENV, "500")
    assert sharding.split_bytes(analyzers=True) == 500


class _Ranges:
    """A dispatcher handing back ready results one at a time, counting the asks."""

    def __init__(self, results: list[tuple[Any, Any]]) -> None:
        self.results = results
        self.asked = 0

    def next(self) -> tuple[Any, Any]:
        self.asked += 1
        return self.results[self.asked - 1]


def test_ranges_are_merged_as_they_come(tmp_path: Path) -> None:
    """A range's findings and counts are passed on before the next range is waited for, so
    the progress bar moves during a split file and findings are not all held at once."""
    from traingate.parallel import ParallelCheck, Result, Task
    from traingate.reader.file import Tally

    path = tmp_path / "three.jsonl"
    path.write_text(f"{PII}\n{PII}\n{PII}\n")
    plan = _plan(path)
    results = []
    for line in (1, 2, 3):
        finding = Finding(str(path), line, 0, "email-address", Severity.ERROR, "e-mail")
        tally = Tally(line)
        tally.records, tally.last_line = 1, line
        task = Task(plan, (0, 0, line), "openai-chat", line == 3, False)
        results.append((task, Result([finding], 1, 100, "openai-chat", tally)))
    ranges = _Ranges(results[1:])
    check = ParallelCheck(results[0], ranges)  # type: ignore[arg-type]
    findings = check.findings()
    assert next(findings).line == 1
    assert (ranges.asked, check.records, check.size) == (0, 1, 100)
    assert next(findings).line == 2
    assert (ranges.asked, check.records) == (1, 2)
    assert [f.line for f in findings] == [3]
    assert (ranges.asked, check.records, check.size) == (2, 3, 300)
