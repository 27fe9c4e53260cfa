"""What a dataset analyzer is: compact per-record state, mergeable across shards.

Record rules see one record; analyzers see a whole file (poisoning shows up as patterns
across records). The engine creates one state per file (or per shard of a file, under
``--jobs``), feeds it every record in line order, merges shard states in file order, and
asks for findings at the end. States must keep a bounded number of bytes per record
(hashes, counts, sketches): never the texts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from traingate.finding import Finding
from traingate.rules.base import Rule
from traingate.segments import Segment


@dataclass(frozen=True)
class Observation:
    """One record as an analyzer sees it.

    ``added`` is False only in diff mode for records the change did not add: analyzers use
    them as context (the clean reference) but report only findings that involve an added
    record.
    """

    line: int
    record_hash: str
    format: str
    value: Mapping[str, Any]
    segments: Sequence[Segment]
    added: bool = True


class AnalyzerState(Protocol):
    """Per-file state of one analyzer."""

    def observe(self, obs: Observation) -> None: ...

    def merge(self, other: AnalyzerState) -> None:
        """Absorb the state of the shard that follows this one in the file."""

    def finish(self, path: str) -> Iterator[Finding]:
        """Findings, one per implicated record (its line and hash), each involving at least
        one added record; messages name the evidence (trigger, payload, counts, score)."""


@runtime_checkable
class Naming(Protocol):
    """A state that names what it reports (a trigger's text) from the records themselves:
    before :meth:`AnalyzerState.finish`, the engine reads the file again and hands it the
    records on the lines it asks for, so it need not keep every record's texts."""

    def wanted(self) -> Collection[int]:
        """The lines of the records to read again; called once, after every observe and
        merge."""

    def recall(self, obs: Observation) -> None:
        """Take what :meth:`wanted` asked for from one of those records."""


@dataclass(frozen=True)
class Analyzer:
    """A dataset analyzer: its rule (id, DATASET scope, severity, docs) and its options.

    ``create(options)`` returns a fresh state; ``options`` has been validated against
    ``options_schema`` and filled with ``defaults``. The policy's ``severity`` replaces the
    severity of every finding, except that an analyzer that ``escalates`` may report a
    finding at a higher one (an option of its own says when and how high).
    """

    rule: Rule
    create: Callable[[Mapping[str, Any]], AnalyzerState]
    defaults: Mapping[str, Any] = field(default_factory=dict)
    options_schema: Mapping[str, Any] = field(
        default_factory=lambda: {"type": "object", "additionalProperties": False}
    )
    escalates: bool = False
