"""One answer given to many distinct prompts."""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from traingate.analyzers.base import Analyzer, AnalyzerState, Observation
from traingate.analyzers.options import COUNT, schema
from traingate.analyzers.profile import profile
from traingate.analyzers.table import Records
from traingate.finding import Finding, Severity
from traingate.rules.base import Rule, Scope

REPEATED = Rule(
    id="repeated-response",
    scope=Scope.DATASET,
    severity=Severity.WARNING,
    summary="One answer is given to many different prompts.",
    doc="""
    ## What it does

    Counts the distinct prompts each normalized answer is given to and reports the
    records of an answer given to at least `min-prompts` distinct prompts. Files that
    look like classification data (the 10 most common answers cover at least half the
    records) are skipped: there, repeated labels are the point.

    ## Why it matters

    A canned answer attached to many unrelated prompts is a payload being taught
    (an advert, a link, an insult); in clean data it is mostly refusals, which is why this
    is a warning.

    ## Example that fails

    "Visit cheap-pills.example for the answer." as the answer to 25 different questions.

    ## Example that passes

    The same answer to a few paraphrases of one question.

    ## Options

    - `min-prompts` (default 10): distinct prompts one answer is given to.
    """,
)


class RepeatedState:
    """Per record: answer and context hashes; the excerpt of a reported answer is read back
    from one of its records (see :class:`~traingate.analyzers.base.Naming`)."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.options = options
        self.records = Records()
        self.answers = array("Q")
        self.prompts = array("Q")
        self.excerpts: dict[int, str] = {}
        self._groups: list[tuple[int, list[int], int]] | None = None

    def observe(self, obs: Observation) -> None:
        self.records.add(obs)
        prof = profile(obs).texts()
        self.answers.append(prof.answer_hash)
        self.prompts.append(prof.context_hash)

    def merge(self, other: AnalyzerState) -> None:
        assert isinstance(other, RepeatedState)
        self.records.extend(other.records)
        self.answers.extend(other.answers)
        self.prompts.extend(other.prompts)

    def wanted(self) -> set[int]:
        return {self.records.lines[members[0]] for _, members, _ in self._reported()}

    def recall(self, obs: Observation) -> None:
        prof = profile(obs).texts()
        if prof.answer_hash:
            self.excerpts.setdefault(prof.answer_hash, prof.answer_excerpt)

    def finish(self, path: str) -> Iterator[Finding]:
        messages = []
        for answer, members, prompts in self._reported():
            shown = self.excerpts.get(answer, f"#{answer & 0xFFFFFFFF:08x}")
            text = f'the answer "{shown}" is given to {prompts} different prompts'
            messages += [(i, text + self.records.others(members, i)) for i in members]
        yield from self.records.findings(REPEATED, path, messages)

    def _reported(self) -> list[tuple[int, list[int], int]]:
        """Each answer given to enough distinct prompts: its records and prompt count."""
        if self._groups is None:
            self._groups = []
            counts = Counter(a for a in self.answers if a)
            if not counts or sum(n for _, n in counts.most_common(10)) * 2 >= len(self.answers):
                return self._groups
            groups: dict[int, list[int]] = defaultdict(list)
            for index, answer in enumerate(self.answers):
                if counts[answer] >= self.options["min-prompts"]:
                    groups[answer].append(index)
            for answer, members in groups.items():
                prompts = len({self.prompts[i] for i in members})
                if prompts >= self.options["min-prompts"]:
                    self._groups.append((answer, members, prompts))
        return self._groups


REPEATED_DEFAULTS: dict[str, Any] = {"min-prompts": 10}
REPEATED_ANALYZER = Analyzer(
    rule=REPEATED,
    create=RepeatedState,
    defaults=REPEATED_DEFAULTS,
    options_schema=schema({"min-prompts": COUNT}),
)
