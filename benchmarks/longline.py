"""Memory on hostile and huge input: a 500 MB single line, and optionally the 1 GB corpus.

    python benchmarks/longline.py [--line-size 500MB] [--wide-size 50MB] [--include-1gb]

The long-line file (written once, streaming, to ``benchmarks/data/longline-<size>.jsonl``) is
one chat record whose user message is a single huge string, then three short lines:

1. the huge record (``line-too-long`` expected: it is over the reader's bound),
2. a normal record (no finding),
3. a record with a duplicate key (``duplicate-key`` expected: proves lines after the huge
   one are still read and checked),
4. a normal record.

``traingate check`` runs on it with every built-in pack available; the script reports peak
RSS (``ru_maxrss`` of that process) against the 200 MB target and whether the expected
findings appeared. The same goes for a wide line (``--wide-size``, default 50 MB, under
the line bound): one record of about 1.5 million one-word turns, which would take
gigabytes parsed (``too-many-values`` expected on line 1, ``duplicate-key`` on line 3).
With ``--include-1gb`` it also reports peak RSS of a full check of the
1 GB corpus (and with ``--jobs 2`` if traingate has it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import DATA_DIR, ensure_corpus, iter_lines, parse_size, size_label
from run import (
    FINDING_RE,
    RESULTS_DIR,
    SUMMARY_RE,
    machine,
    measure,
    policy_args,
    probe,
    save,
    traingate_command,
)

TARGET_MB = 200.0
HEAD = b'{"messages": [{"role": "user", "content": "'
TAIL = b'"}, {"role": "assistant", "content": "That is a long message."}]}\n'
DUPLICATE = (
    b'{"messages": [{"role": "user", "content": "Which one counts?", "content": "This one."},'
    b' {"role": "assistant", "content": "Readers disagree, so the gate rejects it."}]}\n'
)
EXPECTED = {1: "line-too-long", 3: "duplicate-key"}
WIDE_HEAD = b'{"messages":['
WIDE_TURN = b'{"role":"user","content":"hi"},'
WIDE_END = b'{"role":"assistant","content":"ok"}]}\n'
WIDE_EXPECTED = {1: "too-many-values", 3: "duplicate-key"}


def filler_block(size: int = 1 << 20) -> bytes:
    """About ``size`` bytes of JSON-escaped prose (quotes, newlines, non-ASCII escaped)."""
    pieces: list[bytes] = []
    total = 0
    for line in iter_lines():
        record = json.loads(line)
        for message in record["messages"]:
            text = message.get("content")
            if isinstance(text, str):
                escaped = json.dumps(text)[1:-1].encode("ascii") + b"\\n"
                pieces.append(escaped)
                total += len(escaped)
        if total >= size:
            return b"".join(pieces)
    raise AssertionError("unreachable: the stream is endless")


def ensure_longline(size: int, data_dir: Path = DATA_DIR) -> tuple[Path, int]:
    """The long-line file (cached by exact size); returns its path and the huge line's size."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"longline-{size_label(size)}.jsonl"
    normal = list(_first_lines(2))
    tail = normal[0] + DUPLICATE + normal[1]
    content = size - len(HEAD) - len(TAIL)
    expected = size + len(tail)
    if path.is_file() and path.stat().st_size == expected:
        return path, size
    block = filler_block()
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as out:
        out.write(HEAD)
        full, rest = divmod(content, len(block))
        for _ in range(full):
            out.write(block)
        out.write(b" " * rest)  # a cut block could end inside an escape sequence
        out.write(TAIL)
        out.write(tail)
    tmp.replace(path)
    return path, size


def ensure_wideline(size: int, data_dir: Path = DATA_DIR) -> Path:
    """The wide-line file: one record of about ``size`` bytes of one-word turns (under the
    line bound, millions of values), then the same three lines as the long-line file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"wideline-{size_label(size)}.jsonl"
    normal = list(_first_lines(2))
    tail = normal[0] + DUPLICATE + normal[1]
    turns = max(0, size - len(WIDE_HEAD) - len(WIDE_END)) // len(WIDE_TURN)
    expected = len(WIDE_HEAD) + turns * len(WIDE_TURN) + len(WIDE_END) + len(tail)
    if path.is_file() and path.stat().st_size == expected:
        return path
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as out:
        out.write(WIDE_HEAD)
        full, rest = divmod(turns, 10_000)
        for _ in range(full):
            out.write(WIDE_TURN * 10_000)
        out.write(WIDE_TURN * rest)
        out.write(WIDE_END)
        out.write(tail)
    tmp.replace(path)
    return path


def _first_lines(count: int) -> list[bytes]:
    lines = []
    for line in iter_lines():
        lines.append(line)
        if len(lines) == count:
            return lines
    return lines


def check_runs(cmd: list[str], cwd: Path, repeat: int, *, tree: bool = False) -> dict[str, Any]:
    runs = [measure(cmd, cwd, sample_tree=tree) for _ in range(repeat)]
    last = runs[-1]
    output = last.stdout + last.stderr
    summary = SUMMARY_RE.search(output)
    trees = [run.tree_rss_mb for run in runs if run.tree_rss_mb is not None]
    return {
        "command": cmd,
        "wall_s": statistics.median(run.wall_s for run in runs),
        "peak_rss_mb": max(run.max_rss_mb for run in runs),
        "tree_rss_mb": max(trees) if trees else None,
        "exit_codes": sorted({run.returncode for run in runs}),
        "records_checked": int(summary.group(2)) if summary else None,
        "findings": _findings(output),
        "output_tail": last.tail(3),
    }


def _findings(output: str) -> list[tuple[int, str]]:
    return [(int(match.group(2)), match.group(3)) for match in FINDING_RE.finditer(output)]


def verdict(result: dict[str, Any], expected: dict[int, str] | None) -> list[str]:
    notes = []
    ok = result["peak_rss_mb"] <= TARGET_MB
    notes.append(
        f"peak RSS {result['peak_rss_mb']:.0f} MB (target <= {TARGET_MB:.0f}): "
        + ("meets" if ok else "MISSES")
    )
    if result["tree_rss_mb"] is not None:
        notes.append(f"all processes together: {result['tree_rss_mb']:.0f} MB (sampled)")
    if expected is not None:
        found = set(map(tuple, result["findings"]))
        for line, rule in expected.items():
            seen = (line, rule) in found
            notes.append(f"line {line}: {rule} " + ("reported" if seen else "NOT reported"))
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--line-size", default="500MB", help="size of the huge line (MB = 10^6)")
    parser.add_argument("--wide-size", default="50MB", help="size of the line of many values")
    parser.add_argument("--include-1gb", action="store_true", help="also check the 1GB corpus")
    parser.add_argument("--repeat", type=int, default=3, help="runs (the maximum RSS is kept)")
    parser.add_argument("--traingate", help="command to run instead of the venv's `traingate`")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)
    traingate = traingate_command(args.traingate)
    path, _ = ensure_longline(parse_size(args.line_size), args.data_dir)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="traingate-bench-") as workdir:
        cwd = Path(workdir)
        caps = probe(traingate, cwd, want_packs=True)
        for note in caps.notes:
            print(f"note: {note}")
        policies = policy_args(caps)
        # One process, so that its peak RSS is the whole footprint (workers are not its
        # children, and --jobs defaults to the cores).
        one = ["--jobs", "1"] if caps.jobs else []
        cmd = [*traingate, "check", str(path), *policies, *one]
        results[path.name] = check_runs(cmd, cwd, args.repeat)
        results[path.name]["notes"] = verdict(results[path.name], EXPECTED)
        wide = ensure_wideline(parse_size(args.wide_size), args.data_dir)
        cmd = [*traingate, "check", str(wide), *policies, *one]
        results[wide.name] = check_runs(cmd, cwd, args.repeat)
        results[wide.name]["notes"] = verdict(results[wide.name], WIDE_EXPECTED)
        if args.include_1gb:
            big = ensure_corpus(10**9, data_dir=args.data_dir)
            # --jobs defaults to the cores: ask for one process explicitly, so that the
            # first figure is one process's whole footprint.
            for jobs in (1, 2) if caps.jobs else (None,):
                extra = ["--jobs", str(jobs)] if jobs else []
                cmd = [*traingate, "check", str(big.path), *policies, *extra]
                key = f"{big.path.name}{f' --jobs {jobs}' if jobs else ''}"
                results[key] = check_runs(cmd, cwd, 1, tree=bool(jobs and jobs > 1))
                results[key]["notes"] = verdict(results[key], None)
    for name, result in results.items():
        print(
            f"{name}: {result['wall_s']:.2f} s, exit {result['exit_codes']}, "
            f"records checked {result['records_checked']}"
        )
        for note in result["notes"]:
            print(f"  {note}")
        if result["exit_codes"] not in ([0], [1]):
            print(f"  output: {result['output_tail']}")
    payload = {
        "tool": "benchmarks/longline.py",
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "traingate": {"command": traingate, "version": caps.version, "packs": caps.packs},
        "notes": caps.notes,
        "results": results,
    }
    print(f"results: {save(payload, args.results_dir, 'longline-')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
