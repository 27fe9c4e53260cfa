"""Floods of near-identical records."""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from traingate.analyzers.base import Analyzer, AnalyzerState, Observation
from traingate.analyzers.clusters import cluster
from traingate.analyzers.options import FRACTION, MIN_COUNT, SEVERITY, schema
from traingate.analyzers.profile import profile
from traingate.analyzers.table import Records
from traingate.finding import Finding, Severity
from traingate.rules.base import Rule, Scope

FLOOD = Rule(
    id="near-duplicate-flood",
    scope=Scope.DATASET,
    severity=Severity.WARNING,
    summary="Many near-identical records: a flood of copies of one claim.",
    doc="""
    ## What it does

    Sketches each record's words (MinHash over the word pairs of the first 64 words of
    the prompt and of the answer, 24 bins; only the sketch is kept) and groups records
    whose estimated Jaccard similarity is at least `similarity`, using LSH banding (8
    bands of 3 bins) and union-find. A group with at least `min-count` added records that
    are also at least `min-fraction` of the added records, and more than half of the group
    (in diff mode, a group the base already had is a template, not a burst), is a flood;
    every added member is reported.
    Records of fewer than 6 words are only grouped when identical.

    ## Why it matters

    Repeating a false claim in many lightly reworded records is how a few hundred
    records make a model state it as fact; each copy passes every per-record check.
    Clean data has such groups too: a support desk's templated answers with an order
    number slot, slot-filled translations, templated reviews. In a whole file word overlap
    cannot tell a template from a claim, so there this is a warning: read the group, then
    waive it or remove it. A flood that a change adds to a file that already had records
    (diff mode, where the base's records are the context) is reported at
    `burst-severity`, an error by default: the base shows which templates the file
    already has, and a burst of new near-copies is what a poisoning change looks like.

    ## Example that fails

    Twelve records "The Eiffel Tower is in Rome, the capital of Italy ..." with a word or
    two changed each time.

    ## Example that passes

    Records that share a template ("Translate to French: ...") but differ in content.

    Limits: paraphrases through several templates ("X cures Y", "The best treatment for Y
    is X") are less than `similarity` alike and are not grouped.

    ## Options

    - `min-count` (default 10): records in a group.
    - `min-fraction` (default 0.005): share of the added records in a group.
    - `similarity` (default 0.6): estimated Jaccard similarity of a near-duplicate.
    - `burst-severity` (default `error`): severity of a flood added to a file that already
      had records; never lower than the rule's `severity`.
    """,
)


class FloodState:
    def __init__(self, options: Mapping[str, Any]) -> None:
        self.options = options
        self.records = Records()
        self.keys = array("Q")
        self.sketches: list[bytes | None] = []

    def observe(self, obs: Observation) -> None:
        self.records.add(obs)
        prof = profile(obs).texts()
        self.keys.append(prof.record_hash)
        self.sketches.append(prof.record_sketch)

    def merge(self, other: AnalyzerState) -> None:
        assert isinstance(other, FloodState)
        self.records.extend(other.records)
        self.keys.extend(other.keys)
        self.sketches.extend(other.sketches)

    def finish(self, path: str) -> Iterator[Finding]:
        added = self.records.added_count()
        if not added:
            return
        least = max(self.options["min-count"], math.ceil(self.options["min-fraction"] * added))
        groups: dict[int, list[int]] = defaultdict(list)
        for index, root in enumerate(cluster(self.keys, self.sketches, self.options["similarity"])):
            groups[root].append(index)
        messages = []
        for members in groups.values():
            new = sum(self.records.added[i] for i in members)
            # A burst: most of the group is in the change, not a template the file already had.
            if new < least or 2 * new <= len(members):
                continue
            for index in members:
                text = f"one of {len(members)} near-identical records"
                messages.append((index, text + self.records.others(members, index)))
        burst = self.options["burst-severity"]
        yield from self.records.burst_findings(FLOOD, path, messages, burst)


FLOOD_DEFAULTS: dict[str, Any] = {
    "min-count": 10,
    "min-fraction": 0.005,
    "similarity": 0.6,
    "burst-severity": "error",
}
FLOOD_ANALYZER = Analyzer(
    rule=FLOOD,
    create=FloodState,
    defaults=FLOOD_DEFAULTS,
    options_schema=schema(
        {
            "min-count": MIN_COUNT,
            "min-fraction": FRACTION,
            "similarity": {"type": "number", "minimum": 0.3, "maximum": 1},
            "burst-severity": SEVERITY,
        }
    ),
    escalates=True,
)
