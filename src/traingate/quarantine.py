"""``traingate filter``: split a file into the records that pass and those that do not.

Kept lines are byte-identical copies (terminators included); each rejected line becomes a
JSON object with its line number, its findings and the record (or the raw text when the line
was not a valid record), for rebuilding a clean dataset.
"""

from __future__ import annotations

import contextlib
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import orjson

from traingate import exitcodes
from traingate.atomic import replacing, same_file
from traingate.config import ConfigError
from traingate.finding import Finding, Severity
from traingate.gate import load_worktree_gate
from traingate.reader.file import ReaderOptions
from traingate.reader.lines import Line, split_lines
from traingate.reader.stream import ReadFailure, read_chunks
from traingate.reporters.base import Summary
from traingate.rules.base import Scope
from traingate.run import CheckOptions, checked_files, file_checks, plan_file
from traingate.sharding import WorkerCrash


def run_filter(
    options: CheckOptions, source: str, keep: str, reject: str, out: TextIO, err: TextIO
) -> int:
    try:
        gate = load_worktree_gate(options.config, options.policies)
    except ConfigError as exc:
        err.write(f"traingate: config error: {exc}\n")
        return exitcodes.USAGE
    if same_file(Path(keep), Path(reject)):
        err.write(f"traingate: --keep and --reject name the same file: {keep}\n")
        return exitcodes.USAGE
    config = gate.config
    fail_on = Severity.parse(options.fail_on or config.fail_on)
    # Every rejected line must be known, however many there are.
    plan = replace(plan_file(gate, options, Path(source)), max_listed=sys.maxsize)
    by_line: dict[int, list[Finding]] = defaultdict(list)
    checks = file_checks(gate, options.jobs, [plan])
    try:
        for item in checked_files(gate, checks, Summary()):
            finding = item.finding
            if gate.rules[finding.rule].unreadable:
                err.write(f"traingate: {finding.path}: {finding.message} ({finding.rule})\n")
                return exitcodes.UNREADABLE
            about_file = gate.rules[finding.rule].scope is Scope.FILE
            if finding.severity >= fail_on and finding.line and not about_file:
                by_line[finding.line].append(finding)
    except WorkerCrash as exc:
        err.write(f"traingate: {exc}\n")
        return exitcodes.UNREADABLE
    try:
        kept, rejected = _split(Path(source), Path(keep), Path(reject), by_line, plan.reader)
    except ReadFailure as failure:
        err.write(f"traingate: {source}: {failure.message}\n")
        return exitcodes.UNREADABLE
    except OSError as exc:
        err.write(f"traingate: cannot write {exc.filename}: {exc.strerror or exc}\n")
        err.write(f"traingate: {keep} and {reject} are left as they were\n")
        return exitcodes.USAGE
    out.write(f"{source}: kept {kept} line(s) in {keep}, rejected {rejected} in {reject}\n")
    return exitcodes.CLEAN


def _split(
    source: Path,
    keep: Path,
    reject: Path,
    by_line: dict[int, list[Finding]],
    reader: ReaderOptions,
) -> tuple[int, int]:
    kept = rejected = 0
    chunks = read_chunks(source, reader.max_decompression_ratio)
    # Both outputs are replaced only once both are complete; the source may be one of them.
    with replacing(keep) as kept_out, replacing(reject) as rejected_out:
        for line in split_lines(chunks, reader.max_line_bytes):
            findings = by_line.get(line.number)
            if findings:
                rejected_out.write(_annotated(line, findings))
                rejected += 1
            elif line.data.strip():
                _copy(line, kept_out)
                kept += 1
    return kept, rejected


def _copy(line: Line, out: BinaryIO) -> None:
    out.write(line.data)
    out.write(line.ending.encode())


def _annotated(line: Line, findings: list[Finding]) -> bytes:
    entry: dict[str, Any] = {
        "line": line.number,
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.label,
                "pointer": f.pointer,
                "message": f.message,
            }
            for f in findings
        ],
    }
    entry["raw"] = None if line.too_long else line.data.decode("utf-8", "replace")
    # Not parsed again where the reader would not: a duplicate key's value is ambiguous,
    # and a record of too many values would take the memory its rule guards.
    if not any(f.rule in ("duplicate-key", "too-many-values") for f in findings):
        with contextlib.suppress(orjson.JSONDecodeError):
            entry["record"] = orjson.loads(line.data)
    return orjson.dumps(entry) + b"\n"
