"""The single pass: every condition of every policy compiled once, each record scanned once.

Per view of the text (normalized, original) one ``re2.Set`` holds every regex, every
detector prefilter and an alternation of every keyword (and a second one the few patterns
that must be scanned text by text). A record's texts that a rule on
that view selects are joined and scanned once (normalized once, as a whole); a text is
normalized and scanned on its own only where that scan hit a condition that selects it
(see ``traingate.policy.joined``). Only the conditions the set hit, among those whose
``in`` selects the segment, then run their own regex (a plain search: allowed passages
are masked first, so the first match is the answer), the keyword automaton with its
word-boundary checks, or their detector; detectors without a prefilter run where their
guard lets them.
"""

from __future__ import annotations

from collections.abc import Sequence

from traingate.policy.joined import SEPARATOR
from traingate.policy.model import Condition
from traingate.policy.scope import Selector
from traingate.policy.view import Hit, View
from traingate.segments import Segment

_CACHE_LIMIT = 1 << 16

Hits = dict[int, dict[int, Hit]]
"""Condition id -> segment index -> the condition's first hit in that segment."""


class Engine:
    """Scans segments for a fixed list of conditions (ids are indexes into that list)."""

    def __init__(self, conditions: Sequence[Condition]) -> None:
        selectors: dict[Selector, int] = {}
        self._selector_of = tuple(selectors.setdefault(c.scope, len(selectors)) for c in conditions)
        self._selectors = tuple(selectors)
        self._views = tuple(
            View(
                [(i, c) for i, c in enumerate(conditions) if c.normalize is flag],
                flag,
                self._selector_of,
            )
            for flag in (True, False)
            if any(c.normalize is flag for c in conditions)
        )
        self._plans: dict[tuple[frozenset[str], str], tuple[tuple[bool, ...], tuple[View, ...]]]
        self._plans = {}

    @property
    def views(self) -> tuple[View, ...]:
        """The compiled views, normalized first (for benchmarks and tests)."""
        return self._views

    def scan(self, segs: Sequence[Segment]) -> Hits:
        hits: Hits = {}
        indexes = [i for i, seg in enumerate(segs) if seg.text]
        if not indexes:
            return hits
        plans = [self.plan(segs[i]) for i in indexes]
        texts = [segs[i].text for i in indexes]
        actives = [active for active, _ in plans]
        # Most records have every text in every view: their texts are joined once.
        joined = SEPARATOR.join(texts)
        for view in self._views:
            chosen = [k for k, (_, views) in enumerate(plans) if view in views]
            if len(chosen) == len(plans):
                found = view.scan_record(texts, actives, joined)
            elif chosen:
                some = [texts[k] for k in chosen]
                found = view.scan_record(some, [actives[k] for k in chosen])
                found = [(chosen[k], cid, hit) for k, cid, hit in found]
            else:
                continue
            for k, cid, hit in found:
                hits.setdefault(cid, {})[indexes[k]] = hit
        return hits

    def plan(self, seg: Segment) -> tuple[tuple[bool, ...], tuple[View, ...]]:
        """Which selectors select ``seg``, and the views it must be scanned in (cached)."""
        key = (seg.roles, seg.pointer)
        found = self._plans.get(key)
        if found is None:
            if len(self._plans) >= _CACHE_LIMIT:
                self._plans.clear()
            active = tuple(s.selects(seg.roles, seg.pointer) for s in self._selectors)
            views = tuple(v for v in self._views if any(active[i] for i in v.selectors))
            found = self._plans[key] = (active, views)
        return found
