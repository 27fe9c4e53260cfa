"""Trigger machinery: prompt features whose records concentrate on one payload.

Each record has a few prompt features and a few payloads (integers). A pair (feature,
payload) is reported when, over the records of the file:

- at least ``min-count`` records have both, and they are at least ``min-share`` of the
  records with the feature;
- the payload is rare without the feature: at most ``max-background`` of the other
  records (and there are at least ``min-count`` other records); or, for the payloads the
  caller allows (fixed answers, not labels), when several features each meet every
  other condition with the same payload, rare without all of them (one payload taught
  through several triggers: each trigger's records are the others' background);
- the records with both have at least ``min-distinct`` (a fraction) distinct prompts, so
  that one duplicated record is not a "trigger";
- a one-sided hypergeometric (Fisher exact) test of "the feature's records draw the
  payload no more often than the rest" gives a p-value at most ``alpha`` after a
  Bonferroni correction for every (feature, payload) pair that met the count minimums.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from typing import Any

from traingate.analyzers.buckets import Buckets
from traingate.analyzers.options import MIN_COUNT, SHARE
from traingate.analyzers.stats import corrected, log_tail

TRIGGER_OPTIONS: dict[str, Any] = {
    "min-count": 8,
    "min-share": 0.8,
    "max-background": 0.05,
    "min-distinct": 0.5,
    "alpha": 0.001,
}
TRIGGER_SCHEMA: dict[str, Any] = {
    "min-count": MIN_COUNT,
    "min-share": SHARE,
    "max-background": {"type": "number", "minimum": 0, "maximum": 1},
    "min-distinct": {"type": "number", "minimum": 0, "maximum": 1},
    "alpha": SHARE,
}


@dataclass(frozen=True)
class Association:
    feature: int
    payload: int
    members: tuple[int, ...]
    with_feature: int
    with_payload: int
    total: int
    log_p: float
    p_value: float
    rare_alone: bool = True
    joint: int = 0

    @property
    def background(self) -> str:
        others = self.with_payload - len(self.members)
        text = f"{others} of {self.total - self.with_feature} other records"
        if self.joint:
            text += f" ({self.joint} of them with other features that go with it)"
        return text


def associations(
    features: Sequence[Sequence[int]],
    payloads: Sequence[tuple[int, ...]],
    prompts: Sequence[int],
    options: Mapping[str, Any],
    joint: Container[int] = (),
) -> dict[int, Association]:
    """The strongest significant association of each implicated record, by record index;
    the payloads in ``joint`` may be rare only without all their features together."""
    return strongest(significant(features, payloads, prompts, options, joint))


def strongest(found: Sequence[Association]) -> dict[int, Association]:
    """The strongest of ``found`` for each record it implicates."""
    best: dict[int, Association] = {}
    for assoc in found:
        for index in assoc.members:
            held = best.get(index)
            if held is None or (assoc.log_p, assoc.feature) < (held.log_p, held.feature):
                best[index] = assoc
    return best


def significant(
    features: Sequence[Sequence[int]],
    payloads: Sequence[tuple[int, ...]],
    prompts: Sequence[int],
    options: Mapping[str, Any],
    joint: Container[int] = (),
) -> list[Association]:
    """Every significant association, with its members (see :func:`associations`)."""
    minimum = int(options["min-count"])
    total = len(features)
    feature_count = _frequent(features, minimum)
    payload_count = Counter(chain.from_iterable(payloads))
    features_tested = set(feature_count)
    payloads_tested = {p for p, n in payload_count.items() if n >= minimum}
    tests = len(features_tested) * len(payloads_tested)
    pairs: Counter[tuple[int, int]] = Counter()
    for feats, pays in zip(features, payloads, strict=True):
        kept = [p for p in pays if p in payloads_tested]
        if kept:
            pairs.update((f, p) for f in feats if f in features_tested for p in kept)
    found = [
        found
        for (feature, payload), hits in pairs.items()
        if (
            found := _test(
                feature, payload, hits, feature_count, payload_count, total, tests, options
            )
        )
        is not None
    ]
    tested = _with_members(found, features, payloads, prompts, options)
    return _jointly_rare(tested, payload_count, total, joint, options)


def _frequent(rows: Sequence[Sequence[int]], minimum: int) -> Counter[int]:
    """The count of each item of ``rows`` seen at least ``minimum`` times (two passes, see
    :mod:`~traingate.analyzers.buckets`: most prompt features occur once)."""
    buckets = Buckets(len(rows))
    buckets.add(chain.from_iterable(rows))
    counts = Counter(f for f in chain.from_iterable(rows) if buckets.may_reach(f, minimum))
    return Counter({f: n for f, n in counts.items() if n >= minimum})


def _test(
    feature: int,
    payload: int,
    hits: int,
    feature_count: Counter[int],
    payload_count: Counter[int],
    total: int,
    tests: int,
    options: Mapping[str, Any],
) -> Association | None:
    drawn, marked = feature_count[feature], payload_count[payload]
    rest = total - drawn
    if hits < options["min-count"] or hits < options["min-share"] * drawn:
        return None
    if rest < options["min-count"]:
        return None
    log_p = log_tail(hits, total, marked, drawn)
    p_value = corrected(log_p, tests)
    if p_value > options["alpha"]:
        return None
    alone = (marked - hits) <= options["max-background"] * rest
    return Association(feature, payload, (), drawn, marked, total, log_p, p_value, alone)


def _jointly_rare(
    found: list[Association],
    payload_count: Counter[int],
    total: int,
    joint: Container[int],
    options: Mapping[str, Any],
) -> list[Association]:
    """The associations whose payload is rare without them, alone or with the others of
    the same payload."""
    groups: dict[int, list[Association]] = {}
    for assoc in found:
        groups.setdefault(assoc.payload, []).append(assoc)
    kept = []
    for payload, group in groups.items():
        kept += [a for a in group if a.rare_alone]
        if len(group) < 2 or payload not in joint or all(a.rare_alone for a in group):
            continue
        union = set(chain.from_iterable(a.members for a in group))
        if payload_count[payload] - len(union) <= options["max-background"] * (total - len(union)):
            kept += [
                replace(a, joint=len(union) - len(a.members)) for a in group if not a.rare_alone
            ]
    return kept


def _with_members(
    found: list[Association],
    features: Sequence[Sequence[int]],
    payloads: Sequence[tuple[int, ...]],
    prompts: Sequence[int],
    options: Mapping[str, Any],
) -> list[Association]:
    if not found:
        return []
    wanted = {(a.feature, a.payload) for a in found}
    members: dict[tuple[int, int], list[int]] = {pair: [] for pair in wanted}
    for index, (feats, pays) in enumerate(zip(features, payloads, strict=True)):
        for pair in ((f, p) for f in feats for p in pays):
            if pair in wanted:
                members[pair].append(index)
    kept = []
    for assoc in found:
        indexes = members[(assoc.feature, assoc.payload)]
        distinct = len({prompts[i] for i in indexes})
        if distinct >= max(2, math.ceil(options["min-distinct"] * len(indexes))):
            kept.append(replace(assoc, members=tuple(indexes)))
    return kept
