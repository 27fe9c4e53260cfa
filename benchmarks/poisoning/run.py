"""Poisoning benchmark: generate attacked and clean sets, run the analyzers, score them.

    python benchmarks/poisoning/run.py [--seed N] [--quick]

Every file is checked with ``traingate check FILE --policy builtin:poisoning --output-format
json`` in an empty directory (no repository config applies), and again as a change that adds
the attack to the rest of the file (``--diff``, see ``change.py``). Clean sets are also timed
without policies and with the record-rule packs, to show what the analyzers add. Results go to
``benchmarks/results/poisoning-<timestamp>.json``; the table goes to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from poisoning.attacks import FAMILIES
from poisoning.change import added_lines, check_change
from poisoning.generate import Scenario, build, write
from poisoning.report import clean_table, family_summary, scenario_table
from poisoning.score import FileScore, check, score

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RECORD_PACKS = ("pii", "secrets", "hidden-text", "prompt-injection", "quality", "medical-safety")
POLICY = "builtin:poisoning"


def scenarios(quick: bool) -> tuple[list[Scenario], list[Scenario]]:
    """(attacked files, clean files). Rates run from 0.5% (10 in 2k) to about 5% (50 in 1k)."""
    grid = [(20, 2000)] if quick else [(10, 2000), (20, 2000), (40, 2000), (50, 1000)]
    attacked = [Scenario(f, size, n) for f in FAMILIES for n, size in grid]
    clean = [Scenario("clean", 2000, kind=k) for k in ("chat", "classification", "dpo")]
    if not quick:
        clean.append(Scenario("clean", 10000, kind="chat"))
    return attacked, clean


def available(traingate: list[str], packs: tuple[str, ...], cwd: Path) -> list[str]:
    found = []
    for pack in packs:
        proc = subprocess.run([*traingate, "test", f"builtin:{pack}"], cwd=cwd, capture_output=True)
        if proc.returncode == 0:
            found.append(f"builtin:{pack}")
    return found


def run_file(traingate: list[str], path: Path, label: dict[str, Any], cwd: Path) -> dict[str, Any]:
    result = check(traingate, path, [POLICY], cwd)
    if not result.ok or result.report is None:
        raise SystemExit(f"traingate failed on {path} (exit {result.returncode}): {result.stderr}")
    findings, lines = result.report["findings"], label["poisoned_lines"]
    change = check_change(traingate, path, label)
    if not change.ok or change.report is None:
        raise SystemExit(
            f"traingate --diff failed on {path} (exit {change.returncode}): {change.stderr}"
        )
    added = len(added_lines(label))
    return {
        "score": score(findings, label["records"], lines),
        "score_all": score(findings, label["records"], lines, blocking=False),
        "seconds": result.seconds,
        "change": score(change.report["findings"], added, lines),
        "change_all": score(change.report["findings"], added, lines, blocking=False),
    }


def timings(
    traingate: list[str], path: Path, packs: list[str], cwd: Path, repeat: int
) -> dict[str, float]:
    variants = {"structure": [], "poisoning": [POLICY], "record-packs": packs}
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeat):
        for name, policies in variants.items():
            if policies or name == "structure":
                samples[name].append(check(traingate, path, policies, cwd).seconds)
    return {name: statistics.median(values) for name, values in samples.items() if values}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=None, help="default: time-based, printed")
    parser.add_argument("--quick", action="store_true", help="20 per trigger, 2k-record sets")
    parser.add_argument("--repeat", type=int, default=None, help="timing runs on clean sets")
    parser.add_argument("--traingate", default="traingate", help="command to measure")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "benchmarks/data/poisoning")
    parser.add_argument("--results-dir", type=Path, default=ROOT / "benchmarks/results")
    args = parser.parse_args(argv)
    seed = int(time.time()) if args.seed is None else args.seed
    repeat = args.repeat or (1 if args.quick else 3)
    print(f"seed {seed} (reproduce with --seed {seed}{' --quick' if args.quick else ''})")
    traingate = shlex.split(args.traingate)
    with tempfile.TemporaryDirectory() as empty:
        cwd = Path(empty)
        if not available(traingate, ("poisoning",), cwd):
            print(f"{POLICY} is not available: `traingate test {POLICY}` fails.", file=sys.stderr)
            return 2
        packs = available(traingate, RECORD_PACKS, cwd)
        attacked, clean = scenarios(args.quick)
        data_dir = args.data_dir / f"seed-{seed}"
        rows = [_attacked_row(traingate, data_dir, seed, s, cwd) for s in attacked]
        clean_rows = [_clean_row(traingate, data_dir, seed, s, cwd, packs, repeat) for s in clean]
    print(scenario_table(rows))
    print(family_summary(rows))
    print(family_summary(rows, change=True))
    print(clean_table(clean_rows, packs))
    out = _save(args.results_dir, seed, args.quick, packs, rows, clean_rows)
    print(f"results: {out}")
    return 0


def _attacked_row(
    traingate: list[str], data_dir: Path, seed: int, scenario: Scenario, cwd: Path
) -> dict[str, Any]:
    records, label = build(seed, scenario)
    path = data_dir / f"{scenario.name}.jsonl"
    write(path, records, label)
    result = run_file(traingate, path, label, cwd)
    print(f"  {scenario.name}: {result['seconds']:.2f} s", file=sys.stderr)
    return {"scenario": scenario, "label": label, **result}


def _clean_row(
    traingate: list[str],
    data_dir: Path,
    seed: int,
    scenario: Scenario,
    cwd: Path,
    packs: list[str],
    repeat: int,
) -> dict[str, Any]:
    records, label = build(seed, scenario)
    path = data_dir / f"{scenario.name}.jsonl"
    write(path, records, label)
    result = run_file(traingate, path, label, cwd)
    result["timings"] = timings(traingate, path, packs, cwd, repeat)
    print(f"  {scenario.name}: {result['timings']}", file=sys.stderr)
    return {"scenario": scenario, "label": label, **result}


def _serial(row: dict[str, Any]) -> dict[str, Any]:
    file_score: FileScore = row["score"]  # blocking (error-severity) findings only
    label = {k: v for k, v in row["label"].items() if k != "decoy_lines"}
    return {
        "scenario": asdict(row["scenario"]),
        "label": label,
        "seconds": row["seconds"],
        "timings": row.get("timings"),
        "score": file_score.as_dict(),
        "score_all": row["score_all"].as_dict(),
        "change": row["change"].as_dict(),
        "change_all": row["change_all"].as_dict(),
    }


def _save(
    results_dir: Path,
    seed: int,
    quick: bool,
    packs: list[str],
    rows: list[dict[str, Any]],
    clean_rows: list[dict[str, Any]],
) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    document = {
        "benchmark": "poisoning",
        "timestamp": stamp,
        "seed": seed,
        "quick": quick,
        "commit": commit,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "record_packs": packs,
        "attacked": [_serial(row) for row in rows],
        "clean": [_serial(row) for row in clean_rows],
    }
    results_dir.mkdir(parents=True, exist_ok=True)
    out = results_dir / f"poisoning-{stamp}.json"
    out.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    raise SystemExit(main())
