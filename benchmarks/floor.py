"""The floor of the packs' design: the steps every record must go through, and nothing else.

    python benchmarks/floor.py [--size 200MB] [--records N] [--repeat 3]

The six record packs see each record's texts in two views, the original and the normalized
one (so that look-alike letters, invisible characters, accents and spacing cannot hide a
word), and each view is one RE2 set scan. Whatever the glue around them, a check with the
packs parses every line, finds the record's texts, normalizes them and runs the two scans.
This script times exactly those steps, in one process on records already in memory (no file
reading, no structure, format or schema checks, no findings), adding one step at a time:

- ``parse``: ``orjson.loads`` of each line;
- ``+ segments``: the record's texts and their roles (``traingate.segments``);
- ``+ normalize``: the texts joined and normalized (``traingate.text.normalize``);
- ``+ set scans``: the record-wide set scan of each view of the six packs.

Reading the last line against ``run.py``'s ``packs`` row shows how much of a check is the
design's own work and how much is glue; against the targets, what no glue could win back.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import orjson
from corpus import DATA_DIR, DEFAULT_SEED, ensure_corpus, parse_size
from run import PACKS

from traingate.policy.joined import SEPARATOR
from traingate.policy.loader import load_policies
from traingate.segments import segments
from traingate.text.normalize import normalize_utf8

Step = Callable[[bytes], object]


def steps() -> list[tuple[str, Step]]:
    """The cumulative steps, each a function of one line."""
    policies = load_policies([f"builtin:{pack}" for pack in PACKS], root=Path.cwd())
    views = policies.engine.views

    def parse(line: bytes) -> object:
        return orjson.loads(line)

    def texts(line: bytes) -> object:
        return segments("openai-chat", orjson.loads(line))

    def normalized(line: bytes) -> object:
        segs = segments("openai-chat", orjson.loads(line))
        return normalize_utf8(SEPARATOR.join([seg.text for seg in segs]))

    def scanned(line: bytes) -> object:
        segs = segments("openai-chat", orjson.loads(line))
        joined = SEPARATOR.join([seg.text for seg in segs])
        return [view.prefilter(joined) for view in views]

    return [
        ("parse", parse),
        ("+ segments", texts),
        ("+ normalize", normalized),
        ("+ set scans", scanned),
    ]


def best_seconds(step: Step, lines: Sequence[bytes], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for line in lines:
            step(line)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="200MB", help="corpus size (default 200MB)")
    parser.add_argument("--records", type=int, default=50_000, help="lines timed (default 50000)")
    parser.add_argument("--repeat", type=int, default=3, help="passes per step (fastest shown)")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    info = ensure_corpus(parse_size(args.size), DEFAULT_SEED, args.data_dir)
    with info.path.open("rb") as handle:
        lines = [line for _, line in zip(range(args.records), handle, strict=False)]
    size = sum(map(len, lines))
    print(f"{info.path.name}: first {len(lines):,} records, {size / 1e6:.1f} MB, in memory")
    print(f"{'steps':<14} {'MB/s':>7} {'us/record':>10}")
    for name, step in steps():
        seconds = best_seconds(step, lines, args.repeat)
        print(f"{name:<14} {size / seconds / 1e6:7.1f} {seconds / len(lines) * 1e6:10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
