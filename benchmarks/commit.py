"""What a commit waits for: ``traingate check --staged`` on records appended to a large file.

    python benchmarks/commit.py [--size 20MB] [--append 100] [--runs 3]

A git repository in a temporary directory commits the corpus file (``--size``), then
appends ``--append`` records of another seed and stages them: the ``traingate-staged``
pre-commit hook's situation. Each variant (the six record packs; ``builtin:poisoning``,
whose analyzers read the whole new file as context; both) runs with ``--jobs 1`` and
``--jobs 2``, a new process each time, interleaved, median of ``--runs`` after one
warm-up round. Prints wall time, the parent's peak RSS and the exit codes; exit 1 if any
run fails (exit 3 or more) or the jobs of one variant disagree on the report.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import DATA_DIR, DEFAULT_SEED, ensure_corpus, parse_size
from run import PACKS, RESULTS_DIR, machine, measure, save, traingate_command

GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
SIX = [arg for pack in PACKS for arg in ("--policy", f"builtin:{pack}")]
VARIANTS = {
    "six packs": SIX,
    "poisoning": ["--policy", "builtin:poisoning"],
    "six packs + poisoning": [*SIX, "--policy", "builtin:poisoning"],
}
JOBS = (1, 2)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, check=True)


def make_repo(repo: Path, base: Path, added: Path) -> None:
    """A repository whose HEAD holds ``base`` as ``train.jsonl`` and whose index holds it
    with ``added``'s lines appended (the work tree too, as after ``git add``)."""
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    shutil.copyfile(base, repo / "train.jsonl")
    _git(repo, "add", "train.jsonl")
    _git(repo, "commit", "-q", "-m", "base")
    with (repo / "train.jsonl").open("ab") as out:
        out.write(added.read_bytes())
    _git(repo, "add", "train.jsonl")


def time_all(
    traingate: list[str], repo: Path, runs: int
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Every variant at every ``--jobs``, interleaved; problems found on the way."""
    commands = {
        (name, jobs): [*traingate, "check", "--staged", *args, "--jobs", str(jobs)]
        for name, args in VARIANTS.items()
        for jobs in JOBS
    }
    samples: dict[tuple[str, int], list[Any]] = {key: [] for key in commands}
    for round_ in range(runs + 1):
        for key, cmd in commands.items():
            run = measure([*cmd, "--output-format", "json"], repo)
            if round_:
                samples[key].append(run)
    problems = []
    results = {}
    for (name, jobs), done in samples.items():
        codes = sorted({run.returncode for run in done})
        if max(codes) >= 3:
            problems.append(f"{name}, --jobs {jobs}: exit {codes}: {done[-1].tail(2)}")
        if jobs > 1 and done[-1].stdout != samples[name, 1][-1].stdout:
            problems.append(f"{name}: --jobs {jobs} reports differently from --jobs 1")
        walls = [run.wall_s for run in done]
        results[f"{name}, --jobs {jobs}"] = {
            "command": commands[name, jobs],
            "median_s": statistics.median(walls),
            "runs_s": walls,
            "max_rss_mb": max(run.max_rss_mb for run in done),
            "exit_codes": codes,
        }
    return results, problems


def report(results: dict[str, dict[str, Any]]) -> str:
    width = max(len(name) for name in results)
    lines = [f"{'variant':<{width}}  median s  peak RSS MB  exit"]
    for name, result in results.items():
        codes = ",".join(map(str, result["exit_codes"]))
        lines.append(
            f"{name:<{width}}  {result['median_s']:8.2f}  {result['max_rss_mb']:11.0f}  {codes}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="20MB", help="the committed file (default 20MB)")
    parser.add_argument("--append", type=int, default=100, help="records staged (default 100)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--traingate", help="command to run instead of the venv's `traingate`")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)
    traingate = traingate_command(args.traingate)
    base = ensure_corpus(parse_size(args.size), data_dir=args.data_dir)
    added = ensure_corpus(records=args.append, seed=DEFAULT_SEED + 1, data_dir=args.data_dir)
    with tempfile.TemporaryDirectory(prefix="traingate-bench-") as workdir:
        repo = Path(workdir) / "data"
        make_repo(repo, base.path, added.path)
        results, problems = time_all(traingate, repo, args.runs)
    print(f"{base.path.name} ({base.records} records) + {added.records} staged records")
    print(report(results))
    for problem in problems:
        print(f"PROBLEM: {problem}")
    payload = {
        "tool": "benchmarks/commit.py",
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "traingate": {"command": traingate},
        "base": {"path": base.path.name, "bytes": base.bytes, "records": base.records},
        "appended": added.records,
        "results": results,
        "problems": problems,
    }
    print(f"results: {save(payload, args.results_dir, 'commit-')}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
