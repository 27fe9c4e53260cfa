"""Every rule traingate knows, by id: built from explicit imports, never by scanning."""

from __future__ import annotations

from traingate.analyzers.registry import ANALYZERS
from traingate.formats.registry import FORMAT_RULES
from traingate.reader.rules import READER_RULES
from traingate.rules.base import Rule
from traingate.rules.detection import DETECTION_RULES
from traingate.rules.gating import GATING_RULES
from traingate.target_rules import TARGET_RULES


def _index(*groups: tuple[Rule, ...]) -> dict[str, Rule]:
    index: dict[str, Rule] = {}
    for group in groups:
        for rule in group:
            if rule.id in index:
                raise RuntimeError(f"rule id {rule.id!r} is defined twice")
            index[rule.id] = rule
    return index


ANALYZER_RULES: tuple[Rule, ...] = tuple(analyzer.rule for analyzer in ANALYZERS.values())

RULES: dict[str, Rule] = _index(
    READER_RULES, DETECTION_RULES, FORMAT_RULES, TARGET_RULES, GATING_RULES, ANALYZER_RULES
)
