"""Diff mode's git layer on a big file: records appended to a ~200 MB JSONL file.

Builds a throwaway repository in a temporary directory: one commit with the big file, a
second commit appending records. Then it times what ``traingate check --diff BASE`` asks of
the git layer (``changed_files`` + ``added_lines``, which must take the append-only fast
path), the binary/LFS checks, streaming the added tail, and for comparison the
``git diff --unified=0`` fallback. Timings are medians; the objects are measured loose (as
just committed) and again after ``git repack -ad`` (as in a fresh clone).

    python benchmarks/diff_append.py                   # 200 MB, 1,000 appended records
    python benchmarks/diff_append.py --mb 20 --appended 100 --repeats 5
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from traingate.git import Repo

PHASES = {
    "fast": "changed_files + added_lines (fast path)",
    "kinds": "is_binary + is_lfs",
    "all": "all the engine calls, tail read included",
    "fallback": "fallback: git diff --unified=0 + parse",
}
# Pseudo-words from syllables: a few hundred distinct tokens, so the file compresses about
# as well as prose does.
SYLLABLES = ("ka", "lo", "mi", "ne", "su", "tra", "vel", "dor", "pin", "qua", "ser", "zu")
WORDS = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "n", "s")]
DATA = "data/train.jsonl"
ENV = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}


def record(rng: random.Random, n: int) -> bytes:
    """One OpenAI-chat record of about 1 KB with four messages."""
    roles = ("system", "user", "assistant", "user")
    messages = [
        {"role": role, "content": " ".join(rng.choices(WORDS, k=rng.randint(25, 45)))}
        for role in roles
    ]
    messages[-1] = {"role": "assistant", "content": f"Answer {n}: " + messages[-1]["content"]}
    return json.dumps({"messages": messages}).encode() + b"\n"


def git(root: Path, *args: str) -> None:
    env = {**os.environ, **ENV}
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=root, env=env, check=True)


def build(root: Path, megabytes: int, appended: int) -> tuple[str, int]:
    """The repository; returns the base commit and the old file's size."""
    rng = random.Random(20240601)
    data = root / DATA
    data.parent.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    count = 0
    with data.open("wb") as out:
        while out.tell() < megabytes * 10**6:
            out.write(b"".join(record(rng, count + i) for i in range(1000)))
            count += 1000
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    base = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    size = data.stat().st_size
    with data.open("ab") as out:
        out.write(b"".join(record(rng, count + i) for i in range(appended)))
    git(root, "commit", "-q", "-am", "append")
    return base, size


def git_version() -> str:
    return subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()


def run_phase(repo: Repo, base: str, phase: str) -> str:
    """Run one measured phase in this process; return what it found, for the report."""
    (change,) = repo.changed_files(base)
    old_oid, new_oid = change.old_oid, change.new_oid
    assert old_oid is not None and new_oid is not None
    if phase == "fallback":
        return f"{len(repo.hunk_lines(old_oid, new_oid)):,} lines"
    found = []
    if phase in ("kinds", "all"):
        found.append(f"binary={repo.is_binary(change)} lfs={repo.is_lfs(change)}")
    if phase in ("fast", "all"):
        added = repo.added_lines(change)
        assert added.fast_path and added.from_offset is not None, added
        found.append(f"first added line {added.first_line:,} at byte {added.from_offset:,}")
        if phase == "all":
            tail = repo.new_content(change, added.from_offset)
            found.append(f"tail of {sum(len(chunk) for chunk in tail):,} bytes read")
    return "; ".join(found)


def phase_main(root: Path, base: str, phase: str) -> None:
    repo = Repo(root)
    start = time.perf_counter()
    found = run_phase(repo, base, phase)
    seconds = time.perf_counter() - start
    git_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    python_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps([seconds, git_mb, python_mb, found]))


def measure(root: Path, base: str, repeats: int, phases: tuple[str, ...] = tuple(PHASES)) -> None:
    """Each phase in fresh processes; medians of the time, the largest memory peaks."""
    for phase in phases:
        label = PHASES[phase]
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--phase", phase, str(root), base],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(repeats if phase != "fallback" else 1)
        ]
        seconds = statistics.median(run[0] for run in runs)
        git_mb, python_mb = max(run[1] for run in runs), max(run[2] for run in runs)
        print(f"  {label:<40} {seconds:6.3f} s  git peak {git_mb:4.0f} MB, ", end="")
        print(f"python peak {python_mb:3.0f} MB  ({runs[0][3]})")


PACKS = ("pii", "secrets", "hidden-text", "prompt-injection", "quality", "medical-safety")


def measure_cli(root: Path, base: str, repeats: int, appended: int) -> None:
    """The whole ``traingate check --diff BASE`` in a fresh process, as CI would run it."""
    variants = {
        "traingate check --diff (structure only)": [],
        "traingate check --diff (all record packs)": [f"--policy=builtin:{p}" for p in PACKS],
    }
    for label, extra in variants.items():
        command = [sys.executable, "-m", "traingate", "check", "--diff", base, *extra]
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            done = subprocess.run(
                [*command, "--output-format", "json"], cwd=root, capture_output=True, text=True
            )
            times.append(time.perf_counter() - start)
            records = json.loads(done.stdout)["summary"]["records"]
            assert records == appended, (records, done.stderr)
        print(f"  {label:<44} {statistics.median(times):6.3f} s  ({records:,} records checked)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the base file (10^6 B)")
    parser.add_argument("--appended", type=int, default=1000, help="records appended")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("where", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        phase_main(Path(args.where[0]), args.where[1], args.phase)
        return 0
    with tempfile.TemporaryDirectory(prefix="traingate-bench-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        base, old_size = build(root, args.mb, args.appended)
        print(f"built {old_size:,} bytes + {args.appended:,} records in ", end="")
        print(f"{time.perf_counter() - start:.1f} s; {git_version()}")
        print("loose objects (as just committed), work tree = HEAD:")
        measure(root, base, args.repeats)
        git(root, "repack", "-adq")
        print("packed (after git repack -ad, as in a fresh clone), work tree = HEAD:")
        measure(root, base, args.repeats)
        measure_cli(root, base, args.repeats, args.appended)
        with (root / DATA).open("ab") as out:
            out.write(b"{}\n")
        print("packed, work-tree file differs from HEAD (content read from git):")
        measure(root, base, args.repeats, ("fast", "all"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
