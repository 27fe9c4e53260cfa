"""The dataset analyzers by rule id."""

from __future__ import annotations

from traingate.analyzers import degenerate, paraphrase, preference, system_prompt, trigger
from traingate.analyzers.base import Analyzer
from traingate.analyzers.duplicates import CONFLICT_ANALYZER, DUPLICATE_ANALYZER
from traingate.analyzers.flood import FLOOD_ANALYZER
from traingate.analyzers.repeated import REPEATED_ANALYZER

ANALYZERS: dict[str, Analyzer] = {
    a.rule.id: a
    for a in (
        trigger.ANALYZER,
        CONFLICT_ANALYZER,
        DUPLICATE_ANALYZER,
        FLOOD_ANALYZER,
        REPEATED_ANALYZER,
        paraphrase.ANALYZER,
        preference.ANALYZER,
        system_prompt.ANALYZER,
        degenerate.ANALYZER,
    )
}
