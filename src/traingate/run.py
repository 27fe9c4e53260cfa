"""``traingate check``: plain options in, exit code out; the CLI only parses."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, TextIO

from traingate import exitcodes
from traingate.check_file import FileCheck, FilePlan
from traingate.config import Config, ConfigError, work_tree_top
from traingate.discover import collect, nothing_to_check, relative_to, shown_path
from traingate.finding import Finding, Severity
from traingate.formats.registry import FORMATS
from traingate.gate import Gate, load_worktree_gate
from traingate.progress import Bar, Meter, Ticker, wanted
from traingate.reader.file import ReaderOptions
from traingate.reporters.base import Reporter, Summary
from traingate.reporters.fanout import open_reporters
from traingate.schema_check import suggest
from traingate.sharding import WorkerCrash, file_sizes, split_bytes, worth_it
from traingate.targets import TARGETS, load_target


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...] = ()
    config: str | None = None
    format: str | None = None
    target: str | None = None
    policies: tuple[str, ...] = ()
    output_format: str = "text"
    sarif_path: str | None = None
    junit_path: str | None = None
    json_path: str | None = None
    fail_on: str | None = None
    quiet: bool = False
    color: bool = False
    diff: str | None = None
    staged: bool = False
    policy_from: str = "base"
    strict_baseline: bool = False
    use_baseline: bool = True
    jobs: int = 1


@dataclass(frozen=True)
class Checked:
    """One finding with the file it belongs to (``relpath`` keys waivers and baseline)."""

    finding: Finding
    relpath: str


def run_check(options: CheckOptions, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    problem = _unknown_name("--format", options.format, [*FORMATS, "auto"]) or _unknown_name(
        "--target", options.target, [*TARGETS]
    )
    if problem:
        err.write(f"traingate: {problem}\n")
        return exitcodes.USAGE
    if options.diff is not None or options.staged:
        from traingate.diffmode import run_diff

        return run_diff(options, out, err)
    try:
        gate = load_worktree_gate(
            options.config, options.policies, use_baseline=options.use_baseline
        )
    except ConfigError as exc:
        err.write(f"traingate: config error: {exc}\n")
        return exitcodes.USAGE
    config = gate.config
    if options.format == "generic" and not config.reader.generic_text:
        err.write("traingate: --format generic needs reader.generic-text in the config\n")
        return exitcodes.USAGE
    try:
        files = files_to_check(config, options.paths)
    except NothingToCheck as exc:
        err.write(f"traingate: {exc}\n")
        return exitcodes.USAGE
    sizes = file_sizes(files)
    checks = file_checks(gate, options.jobs, [plan_file(gate, options, path) for path in files])
    summary = Summary()
    meter = Meter()
    stream = checked_files(gate, checks, summary, meter)
    try:
        if not wanted(err, os.environ):
            return report(gate, options, stream, summary, out, full_scan=True)
        with Ticker(Bar(err, sum(sizes)), meter.sample) as ticker:
            return report(gate, options, ticker.interleave(stream), summary, out, full_scan=True)
    except WorkerCrash as exc:
        err.write(f"traingate: {exc}\n")
        return exitcodes.UNREADABLE


class NothingToCheck(Exception):
    """A directory to check in which the walk found no training file."""


def files_to_check(config: Config, paths: Sequence[str]) -> list[Path]:
    """The files ``paths`` name (the repository root when none), directories walked by the
    config's globs. Raises :class:`NothingToCheck` when a directory holds none: a gate
    that checked nothing must not say the data passed."""
    targets = [Path(p) for p in paths] or [config.root]
    empty: list[Path] = []
    files = list(collect(targets, config.root, config.matches_files, config.is_excluded, empty))
    if empty:
        patterns = [glob.pattern for glob in config.files]
        raise NothingToCheck(nothing_to_check(empty, config.root, patterns, config.matches_files))
    return files


def file_checks(
    gate: Gate, jobs: int, plans: Sequence[FilePlan]
) -> Generator[FileResult, None, None]:
    """The checks of files on disk, in order: in ``jobs`` worker processes when there is
    enough work (iterating may then raise :class:`WorkerCrash`)."""
    policies = gate.policies
    threshold = split_bytes(rules=bool(policies.rules), analyzers=bool(policies.analyzers))
    if jobs > 1 and worth_it(file_sizes(plan.path for plan in plans), threshold):
        from traingate.parallel import parallel_checks

        return parallel_checks(plans, jobs, policies, threshold)
    return (FileCheck(plan) for plan in plans)


def report(
    gate: Gate,
    options: CheckOptions,
    stream: Iterable[Checked],
    summary: Summary,
    out: TextIO,
    *,
    full_scan: bool,
) -> int:
    """Suppress, report and decide the exit code for a stream of findings."""
    try:
        reporter, files = open_reporters(
            options.output_format,
            out,
            color=options.color,
            quiet=options.quiet,
            rules=gate.rules,
            sarif_path=options.sarif_path,
            junit_path=options.junit_path,
            json_path=options.json_path,
            environ=os.environ,
            roots=(_repository_top(gate.config.root), gate.config.root),
        )
    except OSError as exc:
        sys.stderr.write(f"traingate: cannot write a report: {exc}\n")
        return exitcodes.USAGE
    try:
        return _report(gate, options, stream, summary, reporter, full_scan=full_scan)
    finally:
        for file in files:
            file.close()


def _repository_top(config_root: Path) -> Path:
    """The top of the git work tree around the working directory (the config's root
    outside one): what CI tools name files from."""
    return work_tree_top(Path.cwd()) or Path(os.path.abspath(config_root))


def _report(
    gate: Gate,
    options: CheckOptions,
    stream: Iterable[Checked],
    summary: Summary,
    reporter: Reporter,
    *,
    full_scan: bool,
) -> int:
    fail_on = Severity.parse(options.fail_on or gate.config.fail_on)
    expired = [Checked(f, "") for f in gate.waivers.expired()]
    for item in itertools.chain(expired, stream):
        finding = _suppressed(gate, item, summary, full_scan)
        if finding is not None:
            _emit(finding, gate, fail_on, summary, reporter)
    if full_scan and gate.baseline is not None:
        for finding in gate.baseline.stale(summary.checked_paths, options.strict_baseline):
            _emit(finding, gate, fail_on, summary, reporter)
    reporter.finish(summary)
    if summary.unreadable:
        return exitcodes.UNREADABLE
    return exitcodes.BLOCKED if summary.blocking else exitcodes.CLEAN


def _emit(
    finding: Finding, gate: Gate, fail_on: Severity, summary: Summary, reporter: Reporter
) -> None:
    unreadable = gate.rules[finding.rule].unreadable
    summary.add(finding, finding.severity >= fail_on, unreadable)
    reporter.finding(finding)


def _suppressed(gate: Gate, item: Checked, summary: Summary, full_scan: bool) -> Finding | None:
    """``item``'s finding, or None when a waiver or the baseline accepts it.

    Diff mode sees the findings of added records only, and the baseline's count of a
    record belongs to the copies the file already has: an added copy of a baselined record
    is one more, not one of them, and is not accepted (a full check would count it past
    the entry too). Waivers take every copy of their record, in both modes."""
    finding = item.finding
    if gate.rules[finding.rule].unreadable:
        return finding
    if gate.waivers.accepts(item.relpath, finding):
        summary.waived += 1
        return None
    about_added = not full_scan and finding.line > 0 and bool(finding.record_hash)
    baseline = None if about_added else gate.baseline
    if baseline is not None and baseline.accepts(item.relpath, finding):
        summary.baselined += 1
        return None
    return finding


class FileResult(Protocol):
    """A file being checked: :class:`FileCheck`, or its ranges merged under ``--jobs``."""

    plan: FilePlan
    records: int
    size: int
    context_records: int
    context_bytes: int

    def findings(self) -> Iterator[Finding]: ...


def checked_stream(
    gate: Gate, plans: Iterable[FilePlan], summary: Summary, meter: Meter | None = None
) -> Iterator[Checked]:
    """Findings of every planned file with the config's severities; counts go to ``summary``
    (and progress to ``meter``)."""
    return checked_files(gate, (FileCheck(plan) for plan in plans), summary, meter)


def checked_files(
    gate: Gate, checks: Iterable[FileResult], summary: Summary, meter: Meter | None = None
) -> Iterator[Checked]:
    for check in checks:
        plan = check.plan
        if meter is not None:
            meter.start(check, file_sizes([plan.path])[0])
        summary.files += 1
        summary.checked_paths.add(plan.relpath)
        for finding in check.findings():
            severity = gate.config.severity_for(finding.rule, finding.severity, plan.relpath)
            if severity is None:
                continue
            if severity != finding.severity:
                finding = replace(finding, severity=severity)
            yield Checked(finding, plan.relpath)
        summary.records += check.records
        if meter is not None:
            meter.finish()


def plan_file(gate: Gate, options: CheckOptions, path: Path, **extra: object) -> FilePlan:
    config = gate.config
    rel = relative_to(path, config.root) or path.as_posix()
    settings = config.settings_for(rel)
    target_name = options.target or settings.target
    return FilePlan(
        path=path,
        shown=shown_path(path),
        relpath=rel,
        format=options.format or settings.format,
        target=None if target_name in (None, "none") else load_target(target_name),
        reader=reader_options(config),
        policies=gate.policies,
        generic_text=config.reader.generic_text,
        analyzers=gate.policies.analyzers,
        **extra,  # type: ignore[arg-type]
    )


def reader_options(config: Config) -> ReaderOptions:
    return ReaderOptions(
        max_line_bytes=config.reader.max_line_bytes,
        max_depth=config.reader.max_depth,
        max_values=config.reader.max_values,
        allow_empty=config.reader.allow_empty,
        allow_bom=config.reader.allow_bom,
        max_decompression_ratio=config.reader.max_decompression_ratio,
    )


def _unknown_name(option: str, name: str | None, known: list[str]) -> str:
    if name is None or name in known:
        return ""
    listed = ", ".join(sorted(known))
    return f"{option}: unknown name {name!r}{suggest(name, known)}; known: {listed}"
