"""The per-record columns: how a finding names the other records of its group."""

from __future__ import annotations

import random

import pytest

from traingate.analyzers.base import Observation
from traingate.analyzers.table import MAX_LINES, Records


def _records(count: int) -> Records:
    records = Records()
    for line in range(count):
        records.add(Observation(3 * line + 1, f"h{line}", "openai-chat", {}, (), True))
    return records


def reference(records: Records, indexes: list[int], but: int) -> str:
    """The message by its definition: every other member's line, the first ten shown."""
    lines = [records.lines[i] for i in indexes if i != but]
    if not lines:
        return ""
    shown = ", ".join(str(line) for line in lines[:MAX_LINES])
    more = f" and {len(lines) - MAX_LINES} more" if len(lines) > MAX_LINES else ""
    return f" (also line{'s' if len(lines) > 1 else ''} {shown}{more})"


@pytest.mark.parametrize("seed", range(20))
def test_others_names_the_rest_of_the_group(seed: int) -> None:
    rng = random.Random(seed)
    records = _records(200)
    groups = [rng.sample(range(200), rng.choice([1, 2, 3, 10, 11, 12, 50])) for _ in range(5)]
    # Members and non-members (an implicated record a group does not hold), groups in turn
    # and interleaved, as the analyzers call it.
    calls = [(g, but) for g in groups for but in [*g[:15], rng.randrange(200)]]
    rng.shuffle(calls)
    for group, but in calls:
        assert records.others(group, but) == reference(records, group, but)


def test_others_of_a_large_group() -> None:
    records = _records(30_000)
    group = list(range(30_000))
    assert records.others(group, 5) == reference(records, group, 5)
    assert records.others(group, 0).endswith("and 29989 more)")
    # A new list with the same contents is a new group, even at a reused address.
    shorter = group[:3]
    del group
    assert records.others(shorter, 1) == " (also lines 1, 7)"
