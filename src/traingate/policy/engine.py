"""The single pass: every condition of every policy compiled once, each segment scanned once.

Per view of the text (normalized, original) one ``re2.Set`` holds every regex, every
detector prefilter and an alternation of every keyword; a segment is normalized at most
once (and only if a rule on that view selects it) and scanned once per view. Only the
conditions the set hit, among those whose ``in`` selects the segment, then run their own
regex (a plain search: allowed passages are masked first, so the first match is the
answer), the keyword automaton with its word-boundary checks, or their detector.
"""

from __future__ import annotations

from collections.abc import Sequence

from traingate.policy.model import Condition
from traingate.policy.scope import Selector
from traingate.policy.view import Hit, View
from traingate.segments import Segment
from traingate.text.normalize import normalize

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

    def scan(self, segs: Sequence[Segment]) -> Hits:
        hits: Hits = {}
        for index, seg in enumerate(segs):
            if not seg.text:
                continue
            active, views = self.plan(seg)
            for view in views:
                text = normalize(seg.text) if view.normalized else seg.text
                for cid, hit in view.scan(text, active):
                    hits.setdefault(cid, {})[index] = hit
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
