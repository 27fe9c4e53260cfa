"""Small-check latency: ``traingate check`` on 100 records, as a pre-commit hook runs it.

    python benchmarks/latency.py [--runs 11] [--importtime]

Every run is a new process, interpreter start included, so the figure is what a user waits for
on each commit. The first row has every built-in pack (the six record packs and
``builtin:poisoning``), the second the six record packs alone. The third is the
``traingate-staged`` hook, ``traingate check --staged``, in a git repository (made in a
temporary folder) whose ``.traingate.yaml`` names every built-in pack, with the last 10 of the
100 records staged on top of a commit of the first 90. Printed below them, for reference:
``traingate check`` without policies, ``traingate --version``, ``python -c pass`` and
``python -c "import orjson"``. With ``--importtime`` it also runs the first check under
``python -X importtime`` and lists the modules that cost most (cumulative and self), to show
which imports to make lazy.
Target: the check with all built-in packs (the first row) in <= 300 ms (median).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import DATA_DIR, ensure_corpus
from run import (
    RESULTS_DIR,
    Capabilities,
    machine,
    measure,
    policy_args,
    probe,
    save,
    traingate_command,
)

TARGET_MS = 300.0
ANALYZER_PACK = "poisoning"
IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


Command = tuple[list[str], Path]
"""A command and the folder it runs in."""


def commands(
    traingate: list[str], caps: Capabilities, path: str, cwd: Path, repo: Path | None
) -> dict[str, Command]:
    policies = policy_args(caps)
    named: dict[str, Command] = {}
    if caps.packs:
        every = [*policies, "--policy", f"builtin:{ANALYZER_PACK}"]
        packs = f"{len(caps.packs)} packs"
        named[f"traingate check (100 records, {packs} + {ANALYZER_PACK})"] = (
            [*traingate, "check", path, *every],
            cwd,
        )
        named[f"traingate check (100 records, {packs})"] = (
            [*traingate, "check", path, *policies],
            cwd,
        )
        if repo is not None:
            named[f"traingate check --staged (10 of 100 records, {packs} + {ANALYZER_PACK})"] = (
                [*traingate, "check", "--staged"],
                repo,
            )
    named["traingate check (100 records, no policies)"] = ([*traingate, "check", path], cwd)
    named["traingate --version"] = ([*traingate, "--version"], cwd)
    named["python -c pass"] = ([sys.executable, "-c", "pass"], cwd)
    named['python -c "import orjson"'] = ([sys.executable, "-c", "import orjson"], cwd)
    return named


def staged_repo(where: Path, corpus: Path, packs: list[str]) -> Path | None:
    """A git repository whose config names every built-in pack, with the corpus's last 10
    records staged on top of a commit of the others; ``None`` without a usable git."""
    lines = corpus.read_bytes().splitlines(keepends=True)
    refs = [f"builtin:{pack}" for pack in [*packs, ANALYZER_PACK]]
    config = 'files: ["*.jsonl"]\npolicies:\n' + "".join(f"  - {ref}\n" for ref in refs)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    steps: list[list[str]] = [
        ["init", "-q"],
        ["add", "-A"],
        [*identity, "commit", "-q", "-m", "first 90 records"],
    ]
    where.mkdir()
    (where / ".traingate.yaml").write_text(config)
    (where / "data.jsonl").write_bytes(b"".join(lines[:-10]))
    try:
        for step in steps:
            subprocess.run(["git", *step], cwd=where, env=env, check=True, capture_output=True)
        (where / "data.jsonl").write_bytes(b"".join(lines))
        subprocess.run(["git", "add", "data.jsonl"], cwd=where, env=env, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return where


def time_all(named: dict[str, Command], runs: int) -> dict[str, dict[str, Any]]:
    """Interleaved runs (one of each per round) after one unrecorded warm-up round."""
    for cmd, cwd in named.values():
        measure(cmd, cwd)
    walls: dict[str, list[float]] = {name: [] for name in named}
    codes: dict[str, set[int]] = {name: set() for name in named}
    for _ in range(runs):
        for name, (cmd, cwd) in named.items():
            run = measure(cmd, cwd)
            walls[name].append(run.wall_s * 1000)
            codes[name].add(run.returncode)
    return {
        name: {
            "command": named[name][0],
            "median_ms": statistics.median(walls[name]),
            "min_ms": min(walls[name]),
            "max_ms": max(walls[name]),
            "runs_ms": walls[name],
            "exit_codes": sorted(codes[name]),
        }
        for name in named
    }


def import_costs(
    cmd: list[str], cwd: Path, top: int = 15, runs: int = 3
) -> dict[str, list[dict[str, Any]]]:
    """Median ``-X importtime`` costs per module of ``python -m traingate <cmd>``."""
    samples: dict[str, list[tuple[float, float]]] = {}
    depth: dict[str, int] = {}
    for _ in range(runs):
        run = measure([sys.executable, "-X", "importtime", "-m", "traingate", *cmd], cwd)
        for line in run.stderr.splitlines():
            match = IMPORT_LINE.match(line)
            if match:
                self_us, cumulative_us, indent, name = match.groups()
                samples.setdefault(name, []).append((int(cumulative_us) / 1e3, int(self_us) / 1e3))
                depth[name] = len(indent) // 2
    rows: list[dict[str, Any]] = [
        {
            "module": name,
            "cumulative_ms": statistics.median(cum for cum, _ in costs),
            "self_ms": statistics.median(own for _, own in costs),
            "depth": depth[name],
        }
        for name, costs in samples.items()
    ]
    return {
        kind: sorted(rows, key=lambda row: -row[f"{kind}_ms"])[:top]
        for kind in ("cumulative", "self")
    }


def report(results: dict[str, dict[str, Any]], imports: dict[str, Any] | None) -> str:
    width = max(len(name) for name in results)
    lines = [f"{'command':<{width}}  median ms  min ms  max ms  exit"]
    for name, result in results.items():
        lines.append(
            f"{name:<{width}}  {result['median_ms']:9.0f}  {result['min_ms']:6.0f}  "
            f"{result['max_ms']:6.0f}  {','.join(map(str, result['exit_codes']))}"
        )
    check = next(iter(results.values()))
    verdict = "meets" if check["median_ms"] <= TARGET_MS else "MISSES"
    lines.append(f"target: first row <= {TARGET_MS:.0f} ms median: {verdict}")
    for kind, rows in (imports or {}).items():
        lines.append(f"\n-X importtime, top {len(rows)} by {kind} time (ms):")
        for row in rows:
            name = "  " * row["depth"] + row["module"]
            lines.append(f"  {row['cumulative_ms']:8.1f} cum  {row['self_ms']:7.1f} self  {name}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--importtime", action="store_true", help="list the costliest imports")
    parser.add_argument("--traingate", help="command to run instead of the venv's `traingate`")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)
    traingate = traingate_command(args.traingate)
    info = ensure_corpus(None, data_dir=args.data_dir, records=100)
    with tempfile.TemporaryDirectory(prefix="traingate-bench-") as workdir:
        cwd = Path(workdir)
        caps = probe(traingate, cwd, want_packs=True)
        for note in caps.notes:
            print(f"note: {note}")
        repo = staged_repo(cwd / "repo", info.path, caps.packs) if caps.packs else None
        if caps.packs and repo is None:
            print("note: no usable git: the staged-hook row is left out")
        named = commands(traingate, caps, str(info.path), cwd, repo)
        results = time_all(named, args.runs)
        check_args = next(iter(named.values()))[0][len(traingate) :]
        imports = import_costs(check_args, cwd) if args.importtime else None
    print(report(results, imports))
    payload = {
        "tool": "benchmarks/latency.py",
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "traingate": {"command": traingate, "version": caps.version, "packs": caps.packs},
        "notes": caps.notes,
        "file": {"path": info.path.name, "bytes": info.bytes, "records": info.records},
        "results": results,
        "importtime": imports,
    }
    print(f"results: {save(payload, args.results_dir, 'latency-')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
