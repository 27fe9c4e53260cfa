"""``traingate baseline`` and ``traingate explain-waivers``: the explicit suppression commands."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from traingate import exitcodes
from traingate.atomic import replacing
from traingate.config import ConfigError
from traingate.gate import load_worktree_gate, worktree_config
from traingate.reporters.base import Summary
from traingate.run import (
    CheckOptions,
    NothingToCheck,
    checked_files,
    file_checks,
    files_to_check,
    plan_file,
)
from traingate.sharding import WorkerCrash
from traingate.suppress import dump_baseline


def run_baseline(options: CheckOptions, out: TextIO, err: TextIO) -> int:
    """Check everything without the old baseline and write every finding into a new one."""
    try:
        gate = load_worktree_gate(options.config, options.policies, use_baseline=False)
    except ConfigError as exc:
        err.write(f"traingate: config error: {exc}\n")
        return exitcodes.USAGE
    config = gate.config
    try:
        files = files_to_check(config, options.paths)
    except NothingToCheck as exc:
        err.write(f"traingate: {exc}\ntraingate: baseline not written\n")
        return exitcodes.USAGE
    summary = Summary()
    keys = []
    unreadable = []
    checks = file_checks(gate, options.jobs, [plan_file(gate, options, path) for path in files])
    try:
        for item in checked_files(gate, checks, summary):
            finding = item.finding
            if gate.rules[finding.rule].unreadable:
                unreadable.append(finding)
                continue
            keys.append((item.relpath, finding.rule, finding.record_hash))
    except WorkerCrash as exc:
        err.write(f"traingate: {exc}\ntraingate: baseline not written\n")
        return exitcodes.UNREADABLE
    for finding in unreadable:
        err.write(f"traingate: {finding.path}: {finding.message} ({finding.rule})\n")
    if unreadable:
        err.write("traingate: baseline not written: some input could not be read\n")
        return exitcodes.UNREADABLE
    target = config.root / config.baseline
    try:
        with replacing(target) as written:
            written.write(dump_baseline(keys))
    except OSError as exc:
        err.write(f"traingate: cannot write {config.baseline}: {exc.strerror or exc}\n")
        return exitcodes.USAGE
    out.write(f"wrote {len(keys)} finding(s) from {summary.files} file(s) to {config.baseline}\n")
    return exitcodes.CLEAN


def run_explain_waivers(config_path: str | None, out: TextIO, err: TextIO) -> int:
    """List the config's waivers with their reason and whether they are still in force."""
    try:
        config = worktree_config(Path(config_path) if config_path else None)
    except ConfigError as exc:
        err.write(f"traingate: config error: {exc}\n")
        return exitcodes.USAGE
    if not config.waivers:
        out.write("no waivers\n")
        return exitcodes.CLEAN
    today = datetime.date.today()
    expired = 0
    for waiver in config.waivers:
        is_expired = (
            waiver.expires is not None and datetime.date.fromisoformat(waiver.expires) < today
        )
        expired += is_expired
        status = "EXPIRED" if is_expired else "active"
        until = f" until {waiver.expires}" if waiver.expires else " (no expiry)"
        scope = f" in {waiver.path.pattern}" if waiver.path else ""
        out.write(
            f"{status}: {waiver.rule} on record {waiver.record}{scope}{until}\n"
            f"    reason: {waiver.reason}\n"
        )
    return exitcodes.BLOCKED if expired else exitcodes.CLEAN
