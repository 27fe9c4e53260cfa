"""Loaded policies compiled into one matcher, and the findings it yields for a record."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from traingate.finding import Finding
from traingate.policy.engine import Engine, Hits
from traingate.policy.excerpt import finding_message, span_of
from traingate.policy.model import Policy, PolicyRule
from traingate.policy.ruledoc import rule_metadata
from traingate.record import Record
from traingate.rules.base import Rule
from traingate.segments import Segment


class PolicySet:
    """All rules of all loaded policies, compiled once.

    ``analyzers`` are the dataset analyzers the policies enable, in order (a
    :class:`~traingate.analyzers.config.ConfiguredAnalyzer` each). ``rules`` holds each
    policy rule as a documented :class:`Rule` (for ``explain`` and the
    docs), in the same order as ``policy_rules``. :meth:`check` yields at most one finding
    per rule and segment; an ``all``/``any`` rule points at the segment its first
    (matching) condition matched.
    """

    def __init__(self, policies: Sequence[Policy] = ()) -> None:
        self.policies = tuple(policies)
        self.policy_rules: tuple[PolicyRule, ...] = tuple(r for p in policies for r in p.rules)
        self.analyzers = tuple(a for p in self.policies for a in p.analyzers)
        self.rules: tuple[Rule, ...] = tuple(
            rule_metadata(rule, policy) for policy in policies for rule in policy.rules
        )
        self._first: list[int] = []
        self._rule_of: list[int] = []
        for index, rule in enumerate(self.policy_rules):
            self._first.append(len(self._rule_of))
            self._rule_of += [index] * len(rule.conditions)
        self._engine = Engine([c for rule in self.policy_rules for c in rule.conditions])

    @property
    def engine(self) -> Engine:
        """The compiled matcher of every condition (for benchmarks and tests)."""
        return self._engine

    def __reduce__(self) -> tuple[type[PolicySet], tuple[tuple[Policy, ...]]]:
        # Compiled sets cannot be pickled; a worker process recompiles from the policies.
        return PolicySet, (self.policies,)

    def check(self, record: Record, segs: Sequence[Segment]) -> Iterator[Finding]:
        """Findings of every policy rule on one record's segments."""
        hits = self._engine.scan(segs) if self.policy_rules else {}
        masks = self._masks(segs, hits) if hits else {}
        for index in sorted({self._rule_of[cid] for cid in hits}):
            yield from self._findings(index, record, segs, hits, masks)

    def _masks(self, segs: Sequence[Segment], hits: Hits) -> dict[int, list[tuple[int, int]]]:
        """Per segment, the spans of every redacting rule's match: no excerpt shows them."""
        masks: dict[int, list[tuple[int, int]]] = {}
        for cid, found in hits.items():
            if self.policy_rules[self._rule_of[cid]].redact:
                for seg_index, hit in found.items():
                    masks.setdefault(seg_index, []).append(span_of(segs[seg_index], hit))
        return masks

    def _findings(
        self,
        index: int,
        record: Record,
        segs: Sequence[Segment],
        hits: Hits,
        masks: dict[int, list[tuple[int, int]]],
    ) -> Iterator[Finding]:
        rule = self.policy_rules[index]
        ids = range(self._first[index], self._first[index] + len(rule.conditions))
        if rule.require_all and any(cid not in hits for cid in ids):
            return
        leading = [hits.get(cid, {}) for cid in (ids[:1] if rule.require_all else ids)]
        for seg_index in sorted({i for found in leading for i in found}):
            hit = next(found[seg_index] for found in leading if seg_index in found)
            seg = segs[seg_index]
            message = finding_message(
                rule.message, seg, hit, redact=rule.redact, masks=masks.get(seg_index, ())
            )
            meta = self.rules[index]
            yield meta.finding(record.path, record.line, 0, message, seg.pointer, record.hash)
