"""A loaded policy as plain, checked data: policies, rules, conditions and their tests."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from traingate.detectors.base import Detector
from traingate.finding import Severity
from traingate.policy.scope import Selector
from traingate.segments import Segment

if TYPE_CHECKING:
    from traingate.analyzers.config import ConfiguredAnalyzer


@dataclass(frozen=True)
class RegexMatcher:
    pattern: str


@dataclass(frozen=True)
class KeywordMatcher:
    """``words`` as written; ``needles`` as searched (normalized unless the condition is not)."""

    words: tuple[str, ...]
    needles: tuple[str, ...]


@dataclass(frozen=True)
class DetectorMatcher:
    detector: Detector
    options: Mapping[str, Any] = field(default_factory=dict)


Matcher = RegexMatcher | KeywordMatcher | DetectorMatcher


@dataclass(frozen=True)
class Condition:
    """One matcher over the segments ``scope`` selects, on one view of their text."""

    scope: Selector
    matcher: Matcher
    allow: tuple[str, ...] = ()
    normalize: bool = True


@dataclass(frozen=True)
class PolicyTest:
    """One ``tests`` entry: the segments it stands for and whether the rule must block it."""

    block: bool
    segments: tuple[Segment, ...]
    label: str
    line: int
    record: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PolicyRule:
    """A rule of a policy file. ``combinator`` is ``all`` or ``any`` for combined rules and
    ``""`` for a rule with a single matcher (which behaves as a one-condition ``any``)."""

    id: str
    message: str
    severity: Severity
    conditions: tuple[Condition, ...]
    combinator: Literal["", "all", "any"]
    redact: bool
    tests: tuple[PolicyTest, ...]
    file: str
    line: int
    policy: str

    @property
    def require_all(self) -> bool:
        return self.combinator == "all"


@dataclass(frozen=True)
class Policy:
    name: str
    description: str
    file: str
    rules: tuple[PolicyRule, ...]
    version: str | int | None = None
    analyzers: tuple[ConfiguredAnalyzer, ...] = ()
