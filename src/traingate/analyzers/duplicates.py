"""Exact duplicate records, and one prompt with conflicting answers."""

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

DUPLICATE = Rule(
    id="duplicate-records",
    scope=Scope.DATASET,
    severity=Severity.WARNING,
    summary="A record repeats an earlier one (after normalization).",
    doc="""
    ## What it does

    Hashes each record's normalized text (every segment's role and normalized text, so
    case, spacing, invisible characters and look-alike letters do not matter) and reports
    every record equal to an earlier one, naming the first. In diff mode, an added record
    that an unchanged one repeats is reported too.

    ## Why it matters

    Duplicates overweight their content: repeated enough, a record is memorized, and
    copying records is the cheapest way to push a poisoned claim.

    ## Example that fails

    ```json
    {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]}
    {"messages": [{"role": "user", "content": "hi "}, {"role": "assistant", "content": "HELLO!"}]}
    ```

    ## Example that passes

    The same prompt with a different answer (see `conflicting-answers`).

    ## Options

    None.
    """,
)

CONFLICT = Rule(
    id="conflicting-answers",
    scope=Scope.DATASET,
    severity=Severity.ERROR,
    summary="The same prompt has different short answers (a flipped label).",
    doc="""
    ## What it does

    Groups records by their normalized prompt (everything the model reads: system, user
    and earlier turns) and reports a prompt with more than `max-distinct` distinct
    answers when the answers are short (at most `max-words` words, like labels, yes/no,
    numbers or names). Records whose answer is not the majority answer are reported,
    or all of the group when no answer has a strict majority.

    ## Why it matters

    Flipping the label of a copy of a record is the classic poisoning of a classifier,
    and contradictory facts teach the model nothing but noise. Long free-text answers
    legitimately differ (two poems for the same request) and are not compared.

    ## Example that fails

    ```json
    {"prompt": "Is the sky blue?", "completion": "yes"}
    {"prompt": "is the sky blue?", "completion": "no"}
    ```

    ## Example that passes

    ```json
    {"prompt": "Write a haiku about rain.", "completion": "Soft rain on the roof / ..."}
    {"prompt": "Write a haiku about rain.", "completion": "Grey clouds gather / ..."}
    ```

    ## Options

    - `max-distinct` (default 1): distinct answers allowed per prompt.
    - `max-words` (default 8): answers longer than this are free text, not compared
      (0 compares every answer).
    """,
)


class DuplicateState:
    def __init__(self, options: Mapping[str, Any]) -> None:
        self.records = Records()
        self.keys = array("Q")

    def observe(self, obs: Observation) -> None:
        self.records.add(obs)
        self.keys.append(profile(obs).texts().record_hash)

    def merge(self, other: AnalyzerState) -> None:
        assert isinstance(other, DuplicateState)
        self.records.extend(other.records)
        self.keys.extend(other.keys)

    def finish(self, path: str) -> Iterator[Finding]:
        groups: dict[int, list[int]] = defaultdict(list)
        for index, key in enumerate(self.keys):
            groups[key].append(index)
        added = self.records.added
        messages = []
        for members in groups.values():
            if len(members) < 2:
                continue
            first = self.records.lines[members[0]]
            for index in members[1:]:
                messages.append((index, f"duplicate of the record on line {first}"))
            if added[members[0]] and not all(added[i] for i in members):
                second = self.records.lines[members[1]]
                messages.append((members[0], f"duplicate of the record on line {second}"))
        yield from self.records.findings(DUPLICATE, path, messages)


class ConflictState:
    def __init__(self, options: Mapping[str, Any]) -> None:
        self.options = options
        self.records = Records()
        self.prompts = array("Q")
        self.answers = array("Q")

    def observe(self, obs: Observation) -> None:
        self.records.add(obs)
        prof = profile(obs).texts()
        answer, limit = prof.answer, self.options["max-words"]
        if answer and (not limit or answer.count(" ") < limit):
            self.prompts.append(prof.context_hash)
            self.answers.append(prof.answer_hash)
        else:
            self.prompts.append(0)
            self.answers.append(0)

    def merge(self, other: AnalyzerState) -> None:
        assert isinstance(other, ConflictState)
        self.records.extend(other.records)
        self.prompts.extend(other.prompts)
        self.answers.extend(other.answers)

    def finish(self, path: str) -> Iterator[Finding]:
        groups: dict[int, list[int]] = defaultdict(list)
        for index, prompt in enumerate(self.prompts):
            if prompt:
                groups[prompt].append(index)
        messages = []
        for members in groups.values():
            counts = Counter(self.answers[i] for i in members)
            if len(counts) <= self.options["max-distinct"]:
                continue
            top, most = counts.most_common(1)[0]
            majority = most * 2 > len(members)
            for index in members:
                if majority and self.answers[index] == top:
                    continue
                text = (
                    f"the same prompt has {len(counts)} different answers in {len(members)} "
                    f"records; {most} give the majority answer and this one differs"
                    if majority
                    else f"the same prompt has {len(counts)} different answers in "
                    f"{len(members)} records, none a majority"
                )
                messages.append((index, text + self.records.others(members, index)))
        yield from self.records.findings(CONFLICT, path, messages)


DUPLICATE_ANALYZER = Analyzer(rule=DUPLICATE, create=DuplicateState, options_schema=schema({}))
CONFLICT_DEFAULTS: dict[str, Any] = {"max-distinct": 1, "max-words": 8}
CONFLICT_ANALYZER = Analyzer(
    rule=CONFLICT,
    create=ConflictState,
    defaults=CONFLICT_DEFAULTS,
    options_schema=schema({"max-distinct": COUNT, "max-words": {"type": "integer", "minimum": 0}}),
)
