"""``traingate check``: plain options in, exit code out; the CLI only parses."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from traingate import exitcodes
from traingate.check_file import FileCheck, FilePlan
from traingate.config import Config, ConfigError, load_config
from traingate.discover import collect, relative_to, shown_path
from traingate.finding import Finding, Severity
from traingate.formats.registry import FORMATS
from traingate.reader.file import ReaderOptions
from traingate.reporters.base import Summary
from traingate.reporters.registry import REPORTERS
from traingate.rules.registry import RULES
from traingate.targets import TARGETS, load_target


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...] = ()
    config: str | None = None
    format: str | None = None
    target: str | None = None
    output_format: str = "text"
    fail_on: str | None = None
    quiet: bool = False
    color: bool = False


def run_check(options: CheckOptions, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    problem = _unknown_name("--format", options.format, [*FORMATS, "auto"]) or _unknown_name(
        "--target", options.target, [*TARGETS]
    )
    if problem:
        err.write(f"traingate: {problem}\n")
        return exitcodes.USAGE
    try:
        config = load_run_config(options)
    except ConfigError as exc:
        err.write(f"traingate: config error: {exc}\n")
        return exitcodes.USAGE
    reporter = REPORTERS[options.output_format](out, color=options.color, quiet=options.quiet)
    fail_on = Severity.parse(options.fail_on or config.fail_on)
    summary = Summary()
    for finding in _findings(config, options, summary):
        unreadable = RULES[finding.rule].unreadable
        summary.add(finding, finding.severity >= fail_on, unreadable)
        reporter.finding(finding)
    reporter.finish(summary)
    if summary.unreadable:
        return exitcodes.UNREADABLE
    return exitcodes.BLOCKED if summary.blocking else exitcodes.CLEAN


def _unknown_name(option: str, name: str | None, known: list[str]) -> str:
    if name is None or name in known:
        return ""
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{option}: unknown name {name!r}{hint}; known: {', '.join(sorted(known))}"


def load_run_config(options: CheckOptions) -> Config:
    explicit = Path(options.config) if options.config else None
    config = load_config(
        Path.cwd(),
        explicit,
        known_formats=[*FORMATS, "auto"],
        known_targets=[*TARGETS, "none"],
    )
    config.validate_rule_ids(RULES)
    for path, rule_id in config.rule_refs:
        if RULES[rule_id].unreadable:
            raise config.origin.error(
                path,
                f"rule {rule_id!r} cannot be changed: it means the input could not be read, "
                "and the gate never passes what it could not read",
            )
    return config


def _findings(config: Config, options: CheckOptions, summary: Summary) -> Iterator[Finding]:
    paths = [Path(p) for p in options.paths] or [config.root]
    files = collect(paths, config.root, config.matches_files, config.is_excluded)
    for path in files:
        summary.files += 1
        check = FileCheck(_plan(config, options, path))
        for finding in check.findings():
            adjusted = _with_config_severity(config, check.plan, finding)
            if adjusted is not None:
                yield adjusted
        summary.records += check.records


def _plan(config: Config, options: CheckOptions, path: Path) -> FilePlan:
    rel = relative_to(path, config.root) or path.as_posix()
    settings = config.settings_for(rel)
    target_name = options.target or settings.target
    return FilePlan(
        path=path,
        shown=shown_path(path),
        relpath=rel,
        format=options.format or settings.format,
        target=None if target_name in (None, "none") else load_target(target_name),
        reader=ReaderOptions(
            max_line_bytes=config.reader.max_line_bytes,
            max_depth=config.reader.max_depth,
            allow_empty=config.reader.allow_empty,
            allow_bom=config.reader.allow_bom,
            max_decompression_ratio=config.reader.max_decompression_ratio,
        ),
    )


def _with_config_severity(config: Config, plan: FilePlan, finding: Finding) -> Finding | None:
    severity = config.severity_for(finding.rule, finding.severity, plan.relpath)
    if severity is None:
        return None
    return finding if severity == finding.severity else replace(finding, severity=severity)
