"""Many seeds at one poison level: does every trigger family hold up beyond a lucky draw?

    python benchmarks/poisoning/sweep.py --seeds 3001-3030 [--per-trigger 15] [--workers 2]

``run.py`` scores one seed in depth (every rate, as a change too, with timings). A seed draws
one trigger string and payload per family, so one run says little about the draws it did not
make. This script draws many: for each seed, every trigger family at ``--per-trigger`` poisoned
records per trigger among 2,000 clean ones, and the three 2k clean sets (chat,
classification, DPO). Each file is checked whole with ``traingate check FILE --policy
builtin:poisoning``; only blocking (error) findings count. ``claim-flood`` is left out: in a
whole file it warns by design. With ``--change`` each file is checked instead as the change
that adds its attack to the rest of the file (``change.py``, as ``run.py`` does), scored over
the added records, and ``claim-flood`` is in.

It prints recall and precision per family, the false-positive rate on the clean sets, and
every file with a miss or a false positive, so a new failure names its seed and file; it exits
1 if there is any such file or a family misses the targets. Files
go to ``benchmarks/data/poisoning/sweep/`` (replaced on each run).
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from poisoning.attacks import FAMILIES
from poisoning.change import added_lines, check_change
from poisoning.generate import Scenario, build, write
from poisoning.score import FileScore, check, load_labels, score

ROOT = Path(__file__).resolve().parents[2]
POLICY = "builtin:poisoning"
WHOLE_FILE_WARNS = ("claim-flood",)
CLEAN_KINDS = ("chat", "classification", "dpo")
TARGET = 0.95


def seed_range(text: str) -> range:
    """``3001-3030`` (inclusive) or one seed."""
    first, _, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


def generate(seeds: range, per_trigger: int, out: Path, change: bool) -> list[tuple[str, Path]]:
    """(family or ``clean``, file) for every file of every seed."""
    skipped = () if change else WHOLE_FILE_WARNS
    files = []
    for seed in seeds:
        scenarios = [
            Scenario(family, 2000, per_trigger) for family in FAMILIES if family not in skipped
        ]
        scenarios += [Scenario("clean", 2000, kind=kind) for kind in CLEAN_KINDS]
        for scenario in scenarios:
            records, label = build(seed, scenario)
            path = out / f"{seed}-{scenario.name}.jsonl"
            write(path, records, label)
            files.append((scenario.family, path))
    return files


def score_file(traingate: list[str], path: Path, cwd: Path, change: bool) -> FileScore:
    label = load_labels(path.with_suffix(".labels.json"))
    if change:
        result, records = check_change(traingate, path, label), len(added_lines(label))
    else:
        result, records = check(traingate, path, [POLICY], cwd), label["records"]
    if not result.ok or result.report is None:
        raise SystemExit(f"traingate failed on {path} (exit {result.returncode}): {result.stderr}")
    return score(result.report["findings"], records, label["poisoned_lines"])


def report(results: Sequence[tuple[str, Path, FileScore]]) -> tuple[str, bool]:
    """The summary table, and whether every family met the targets and no record was
    missed or wrongly flagged."""
    totals: dict[str, FileScore] = {}
    problems = []
    for family, path, found in results:
        totals.setdefault(family, FileScore()).add(found)
        if found.flagged_clean or found.flagged_poisoned < found.poisoned:
            missed = found.poisoned - found.flagged_poisoned
            problems.append(
                f"  {path.name}: missed {missed}, false positives {found.flagged_clean}"
            )
    lines = [
        f"{'family':<20} {'files':>5} {'poisoned':>8} {'recall':>7} {'precision':>9} {'FP':>7}"
    ]
    ok = not problems
    for family, total in totals.items():
        files = sum(1 for f, _, _ in results if f == family)
        recall, precision = total.recall, total.precision
        if family != "clean":
            ok = ok and (recall or 0) >= TARGET and (precision or 0) >= TARGET
        lines.append(
            f"{family:<20} {files:>5} {total.poisoned:>8} {_num(recall):>7} "
            f"{_num(precision):>9} {total.flagged_clean / max(total.clean, 1):>7.2%}"
        )
    lines += ["files with a miss or a false positive:", *(problems or ["  none"])]
    return "\n".join(lines), ok


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=seed_range, required=True, help="e.g. 3001-3030")
    parser.add_argument("--per-trigger", type=int, default=15, help="poisoned per trigger")
    parser.add_argument("--workers", type=int, default=2, help="checks run at once")
    parser.add_argument("--change", action="store_true", help="check each attack as a change")
    parser.add_argument("--traingate", default="traingate", help="command to measure")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "benchmarks/data/poisoning")
    args = parser.parse_args(argv)
    out = args.data_dir / "sweep"
    for stale in out.glob("*.json*"):
        stale.unlink()
    files = generate(args.seeds, args.per_trigger, out, args.change)
    seeds = f"{args.seeds.start}-{args.seeds.stop - 1}"
    how = "as changes" if args.change else "whole"
    print(f"seeds {seeds}, {args.per_trigger} per trigger, {how}: {len(files)} files in {out}")
    traingate = shlex.split(args.traingate)
    with tempfile.TemporaryDirectory() as empty, ThreadPoolExecutor(args.workers) as pool:
        scores = pool.map(
            lambda item: score_file(traingate, item[1], Path(empty), args.change), files
        )
        results = [
            (family, path, found) for (family, path), found in zip(files, scores, strict=True)
        ]
    table, ok = report(results)
    print(table)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
