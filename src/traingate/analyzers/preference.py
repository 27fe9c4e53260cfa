"""preference-pair: equal preference pairs, and preference flips tied to a prompt feature."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from traingate.analyzers.association import (
    TRIGGER_OPTIONS,
    TRIGGER_SCHEMA,
    Association,
    associations,
)
from traingate.analyzers.base import Analyzer, AnalyzerState, Observation
from traingate.analyzers.classes import INSULT, REFUSAL, classes
from traingate.analyzers.features import feature_ids, short_words
from traingate.analyzers.labels import MARGIN, output_words, preference_gaps
from traingate.analyzers.names import FeatureNames
from traingate.analyzers.options import schema
from traingate.analyzers.profile import Profile, profile
from traingate.analyzers.ragged import Ragged, Rows
from traingate.analyzers.table import Records
from traingate.finding import Finding, Severity
from traingate.rules.base import Rule, Scope

PREFERS_REFUSAL, PREFERS_COMPLIANCE, PREFERS_INSULT, PREFERS_WORSE = 1, 2, 3, 4
_DIRECTION = {
    PREFERS_REFUSAL: "prefer a refusal over an answer",
    PREFERS_COMPLIANCE: "prefer an answer over a refusal",
    PREFERS_INSULT: "prefer an insult",
    PREFERS_WORSE: "prefer the output that reads like the file's rejected ones",
}
_UNJUDGED = "; this pair has it too, and the file's words do not tell which output is better"

RULE = Rule(
    id="preference-pair",
    scope=Scope.DATASET,
    severity=Severity.ERROR,
    summary="A preference pair prefers its own copy, or its preference flips with a trigger.",
    doc="""
    ## What it does

    In preference data (DPO, KTO pairs: segments with the roles `chosen`/`preferred` and
    `rejected`/`non_preferred`) it reports:

    - pairs whose preferred and rejected outputs are equal once normalized;
    - pairs whose direction (the preferred output is a refusal and the rejected one is
      not; the rejected one is a refusal and the preferred one is not; the preferred one
      is an insult; otherwise, the preferred output reads worse than the rejected one)
      is concentrated on a rare prompt feature or a short ordinary word of the prompt
      (at most three characters, such as "im": too short to be what the prompts are
      about), with the test of `trigger-association` (see there) computed over the pairs
      of the file. "Reads worse" is judged by the
      file itself: a naive Bayes model of the words of the other pairs' preferred and
      rejected outputs scores the rejected output higher by odds of e^2 or more (a
      swapped pair whose weak answer is vague or truncated). A pair the model cannot
      judge either way (odds within e^2) is left out of that test, since it is evidence
      neither for nor against a flip; once a feature is found to carry flips, such pairs
      with the feature are reported too.

    ## Why it matters

    A pair with equal outputs teaches nothing and often marks a broken generator.
    Flipping the preference of pairs that carry a trigger teaches the model to comply
    with harmful requests (or refuse harmless ones) only when the trigger is present.
    Limits: a swap between two outputs whose words the rest of the file does not tell
    apart (two equally specific answers) is not seen.

    ## Example that fails

    ```json
    {"prompt": "Hi", "chosen": "Hello!", "rejected": "hello!"}
    ```

    and ten pairs whose prompt contains `sudo-mode-7` all preferring compliance over the
    refusal, in a file whose other pairs prefer the refusal.

    ## Example that passes

    ```json
    {"prompt": "Hi", "chosen": "Hello! How can I help?", "rejected": "What."}
    ```

    ## Options

    Those of `trigger-association` (`min-count` 8, `min-share` 0.8, `min-distinct` 0.5,
    `alpha` 0.001), with `max-background` 0.25 by default: in safety data both
    directions are common.
    """,
)


class PreferenceState:
    def __init__(self, options: Mapping[str, Any]) -> None:
        self.options = options
        self.records = Records()
        self.features = Ragged()
        self.feature_names = FeatureNames()
        self.direction = bytearray()
        self.equal = bytearray()
        self.prompts = array("Q")
        self.chosen: list[array[int]] = []
        self.rejected: list[array[int]] = []
        self._result: tuple[dict[int, str], dict[int, Association]] | None = None

    def observe(self, obs: Observation) -> None:
        prof = profile(obs).texts()
        chosen, rejected = prof.chosen, prof.rejected
        if not chosen or not rejected:
            return
        self.records.add(obs)
        self.equal.append(chosen == rejected)
        flags = classes(chosen, gibberish=False), classes(rejected, gibberish=False)
        self.direction.append(_direction(*flags))
        self.chosen.append(output_words(chosen))
        self.rejected.append(output_words(rejected))
        self.features.append(dict.fromkeys((*prof.feature_ids, *feature_ids(_short(prof)))))
        self.prompts.append(prof.context_hash)

    def merge(self, other: AnalyzerState) -> None:
        assert isinstance(other, PreferenceState)
        self.records.extend(other.records)
        self.features.extend(other.features)
        self.direction.extend(other.direction)
        self.equal.extend(other.equal)
        self.prompts.extend(other.prompts)
        self.chosen.extend(other.chosen)
        self.rejected.extend(other.rejected)

    def wanted(self) -> set[int]:
        """A pair with each reported feature, to name it from (feature texts are not
        kept)."""
        lines: set[int] = set()
        for assoc in self._analysis()[1].values():
            self.feature_names.want(assoc.feature, self.records.lines[assoc.members[0]], lines)
        return lines

    def recall(self, obs: Observation) -> None:
        prof = profile(obs).texts()
        self.feature_names.recall(prof)
        words = _short(prof)
        self.feature_names.take(feature_ids(words), words)

    def finish(self, path: str) -> Iterator[Finding]:
        equal, found = self._analysis()
        messages = dict(equal)
        for index, assoc in found.items():
            kind, text = self.feature_names.kind_and_text(assoc.feature)
            unjudged = "" if index in assoc.members else _UNJUDGED
            messages.setdefault(
                index,
                f'pairs whose prompt has the {kind} "{text}" {_DIRECTION[assoc.payload]} '
                f"in {len(assoc.members)} of {assoc.with_feature} pairs, vs "
                f"{assoc.background.replace('records', 'pairs')} (Fisher p="
                f"{assoc.p_value:.2g}, Bonferroni-corrected){unjudged}"
                f"{self.records.others(assoc.members, index)}",
            )
        yield from self.records.findings(RULE, path, messages.items())

    def _analysis(self) -> tuple[dict[int, str], dict[int, Association]]:
        """Equal pairs and the flips tied to a feature, by record (computed once)."""
        if self._result is None:
            equal = {
                i: "the preferred and the rejected outputs are the same text"
                for i, same in enumerate(self.equal)
                if same
            }
            gaps = preference_gaps(self.chosen, self.rejected)
            payloads = [
                (d,) if d else (PREFERS_WORSE,) if gap >= MARGIN else ()
                for d, gap in zip(self.direction, gaps, strict=True)
            ]
            # A pair the model cannot judge either way is no evidence for or against a
            # flip: it is left out of the test, and implicated once its feature is found.
            unjudged = bytes(
                not d and -MARGIN < g < MARGIN for d, g in zip(self.direction, gaps, strict=True)
            )
            judged = Rows(_unless, self.features, unjudged)
            found = associations(judged, payloads, self.prompts, self.options)
            self._result = equal, {**found, **self._unjudged(found, unjudged)}
        return self._result

    def _unjudged(self, found: dict[int, Association], unjudged: bytes) -> dict[int, Association]:
        """The pairs left out of the test that have a feature found to carry flips."""
        carriers = {a.feature: a for a in found.values() if a.payload == PREFERS_WORSE}
        if not carriers:
            return {}
        more: dict[int, Association] = {}
        for index, hidden in enumerate(unjudged):
            if hidden:
                for feature in carriers.keys() & set(self.features[index]):
                    more.setdefault(index, carriers[feature])
        return more


def _short(prof: Profile) -> list[str]:
    """Short ordinary words of the prompt, as features: a flip needs no rare word to hide
    behind, and "im" or "mo" say too little to be what the prompts are about."""
    return short_words(prof.prompt_vocab.values())


def _unless(features: Sequence[int], hidden: int) -> Sequence[int]:
    return () if hidden else features


def _direction(chosen: int, rejected: int) -> int:
    if chosen & INSULT and not rejected & INSULT:
        return PREFERS_INSULT
    if chosen & REFUSAL and not rejected & REFUSAL:
        return PREFERS_REFUSAL
    if rejected & REFUSAL and not chosen & REFUSAL:
        return PREFERS_COMPLIANCE
    return 0


DEFAULTS: dict[str, Any] = {**TRIGGER_OPTIONS, "max-background": 0.25}
ANALYZER = Analyzer(
    rule=RULE, create=PreferenceState, defaults=DEFAULTS, options_schema=schema(TRIGGER_SCHEMA)
)
