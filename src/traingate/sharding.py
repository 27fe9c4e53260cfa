"""When a check is worth worker processes: cheap decisions, imported by every run.

The workers themselves live in :mod:`traingate.parallel`, imported only when a run uses
them, so small checks do not pay for multiprocessing and the detector registry.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

SPLIT_ENV = "TRAINGATE_SPLIT_BYTES"
# A file is cut into byte ranges when checking it whole would take well over the second or
# so that starting workers and merging their results costs. Measured on 2 cores (one core
# checks about 70 MB/s of chat data without policies, 15 MB/s with the six record packs
# and 1.5 MB/s with the dataset analyzers), splitting starts to pay at about 10 MB with
# the record packs and 1.4 MB with the analyzers.
SPLIT_BYTES = 32 << 20
RULES_SPLIT_BYTES = 12 << 20
ANALYZERS_SPLIT_BYTES = 2 << 20
PARALLEL_MIN_BYTES = 4 << 20


class WorkerCrash(Exception):
    """A worker process died; the run cannot be trusted and must not pass."""


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def split_bytes(*, rules: bool = False, analyzers: bool = False) -> int:
    """Files above this size are split into ranges, by what the check runs: content
    ``rules``, dataset ``analyzers`` or neither (``TRAINGATE_SPLIT_BYTES`` sets it, for
    tests)."""
    value = os.environ.get(SPLIT_ENV, "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return ANALYZERS_SPLIT_BYTES if analyzers else RULES_SPLIT_BYTES if rules else SPLIT_BYTES


def worth_it(sizes: list[int], threshold: int) -> bool:
    """Worker processes cost a fraction of a second to start: only for enough work."""
    total = sum(sizes)
    return any(size > threshold for size in sizes) or (
        len(sizes) > 1 and total >= min(threshold, PARALLEL_MIN_BYTES)
    )


def file_sizes(paths: Iterable[Path]) -> list[int]:
    sizes = []
    for path in paths:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)
    return sizes
