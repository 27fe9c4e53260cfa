"""All record and file checks of one training file, as one stream of findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from traingate.analyzers.base import Naming, Observation
from traingate.analyzers.config import ConfiguredAnalyzer
from traingate.finding import Finding
from traingate.formats.base import Format
from traingate.formats.registry import FORMATS, detect
from traingate.formats.validate import check_record
from traingate.listing import MAX_LISTED, Listing
from traingate.policy import PolicySet
from traingate.reader.file import ReaderOptions, read_file
from traingate.reader.seek import read_lines, seekable
from traingate.record import Record
from traingate.rules.detection import MIXED_FORMATS, UNKNOWN_FORMAT
from traingate.segments import Segment, segments
from traingate.targets import FileLimits, Target, check_format
from traingate.targets import check_record as check_target_record

Items = Iterator[Record | Finding]
Finished = Callable[[], list[Finding]]
"""Waits for, and returns, an analyzer state's findings."""


@dataclass(frozen=True)
class FilePlan:
    """What to check in one file and how: resolved from the config and the command line.

    ``items`` produces the reader's output (records and reader findings); by default the
    file at ``path`` is read. ``is_added`` limits record checks to some lines (diff mode);
    findings about the whole file (line 0) are always kept.
    """

    path: Path
    shown: str
    relpath: str
    format: str
    target: Target | None
    reader: ReaderOptions
    policies: PolicySet | None = None
    generic_text: Mapping[str, Sequence[str]] = field(default_factory=dict)
    items: Callable[[], Items] | None = None
    is_added: Callable[[int], bool] | None = None
    analyzers: Sequence[ConfiguredAnalyzer] = ()
    max_listed: int = MAX_LISTED
    """Findings of one rule listed before the rest are counted (``traingate.listing``);
    ``traingate filter``, which must know every rejected line, lists them all."""


class FileCheck:
    """Checks one file; ``records`` counts the records checked, for the summary, and
    ``context_records`` those read only as the analyzers' context (diff mode).

    :meth:`findings` is the whole check. Under ``--jobs`` a worker runs
    :meth:`record_findings` on one byte range (``start_format`` is the file's format, found
    in its first range) and the parent merges the shards' state before :meth:`finish`.
    """

    def __init__(self, plan: FilePlan, start_format: Format | None = None) -> None:
        self.plan = plan
        self.records = 0
        self.size = 0
        self.context_records = 0
        self.context_bytes = 0
        self.fixed = plan.format != "auto"
        self.format: Format | None = FORMATS[plan.format] if self.fixed else start_format
        self.limits = FileLimits(plan.target) if plan.target else None
        self.states = [(item, item.analyzer.create(item.options)) for item in plan.analyzers]

    def findings(self) -> Iterator[Finding]:
        listing = Listing(self.plan.max_listed)
        yield from listing.filter(self.record_findings(self._items()))
        yield from listing.notices(self.plan.shown)
        yield from self.finish()

    def _items(self) -> Items:
        plan = self.plan
        return plan.items() if plan.items else read_file(plan.path, plan.shown, plan.reader)

    def record_findings(self, items: Items) -> Iterator[Finding]:
        """Findings of the records and reader findings in ``items``, in line order."""
        is_added = self.plan.is_added
        for item in items:
            if is_added is not None and item.line and not is_added(item.line):
                if isinstance(item, Record):
                    self.context_records += 1
                    self.context_bytes += item.size + 1
                    self._context(item)
                continue
            if isinstance(item, Finding):
                yield item
                continue
            self.records += 1
            self.size += item.size + 1
            yield from self._record(item)

    def finish(self, elsewhere: Mapping[int, Finished] | None = None) -> Iterator[Finding]:
        """The findings about the whole file, after all its records. ``elsewhere`` gives
        the findings of some analyzer states (by index) finished in another process."""
        plan = self.plan
        if self.limits is not None and plan.target is not None:
            yield from self.limits.finish(plan.shown, self._file_bytes())
        if plan.target is not None and self.format is not None:
            yield from check_format(plan.target, plan.shown, self.format.name)
        self._recall()
        for index, (configured, state) in enumerate(self.states):
            escalates = configured.analyzer.escalates
            done = (elsewhere or {}).get(index)
            for finding in done() if done is not None else state.finish(plan.shown):
                severity = configured.severity
                if escalates and finding.severity > severity:
                    severity = finding.severity
                yield replace(finding, severity=severity)

    def _recall(self) -> None:
        """Read the records the analyzers want to name their findings from again (see
        :class:`~traingate.analyzers.base.Naming`): by their offsets in a file on disk,
        else by reading to the last of them."""
        naming = [state for _, state in self.states if isinstance(state, Naming)]
        wanted = {line for state in naming for line in state.wanted()}
        if not wanted:
            return
        plan = self.plan
        items = (
            read_lines(plan.path, plan.shown, plan.reader, wanted)
            if plan.items is None and seekable(plan.path)
            else self._items()
        )
        for item in items:
            if not isinstance(item, Record) or item.line not in wanted:
                continue
            fmt = self.format
            if fmt is None or not (self.fixed or fmt.looks_like(item.value)):
                fmt = detect(item.value)
            if fmt is not None:
                segs = segments(fmt.name, item.value, self.plan.generic_text)
                obs = Observation(item.line, item.hash, fmt.name, item.value, segs)
                for state in naming:
                    state.recall(obs)
            wanted.discard(item.line)
            if not wanted:
                return

    def _context(self, record: Record) -> None:
        """An unchanged record fixes the file's format, counts toward the file's limits and
        is context for the analyzers."""
        if self.limits is not None:
            self.limits.add(record)
        if self.format is None:
            self.format = detect(record.value)
        if self.states and self.format is not None and self.format.looks_like(record.value):
            self._observe(record, self.format, None, added=False)

    def _observe(
        self, record: Record, fmt: Format, segs: Sequence[Segment] | None, *, added: bool
    ) -> None:
        if segs is None:
            segs = segments(fmt.name, record.value, self.plan.generic_text)
        obs = Observation(record.line, record.hash, fmt.name, record.value, segs, added)
        for _, state in self.states:
            state.observe(obs)

    def _file_bytes(self) -> int:
        """The file's size: on disk; or the bytes of its records, unchanged ones included,
        when it is compressed (what a provider is sent is the JSONL) or read from git
        (diff mode)."""
        read = self.size + self.context_bytes
        if self.plan.items is not None or self.plan.path.suffix.lower() in (".gz", ".zst"):
            return read
        try:
            return self.plan.path.stat().st_size
        except OSError:
            return read

    def _record(self, record: Record) -> Iterator[Finding]:
        fmt = self._format_of(record)
        if isinstance(fmt, Finding):
            yield fmt
            return
        yield from check_record(fmt, record)
        if self.plan.target is not None and self.limits is not None:
            self.limits.add(record)
            yield from check_target_record(self.plan.target, record)
        policies = self.plan.policies
        segs: Sequence[Segment] | None = None
        if policies is not None and policies.rules:
            segs = segments(fmt.name, record.value, self.plan.generic_text)
            yield from policies.check(record, segs)
        if self.states:
            self._observe(record, fmt, segs, added=True)

    def _format_of(self, record: Record) -> Format | Finding:
        if self.format is None:
            found = detect(record.value)
            if found is None:
                return _unknown(record)
            self.format = found
            return found
        if self.fixed or self.format.looks_like(record.value):
            return self.format
        other = detect(record.value)
        if other is None:
            return _unknown(record)
        return MIXED_FORMATS.finding(
            record.path,
            record.line,
            0,
            f"record is {other.name} but the file is {self.format.name}",
            record_hash=record.hash,
        )


def _unknown(record: Record) -> Finding:
    keys = ", ".join(sorted(record.value)[:8]) or "no keys"
    return UNKNOWN_FORMAT.finding(
        record.path,
        record.line,
        0,
        f"record matches no known format (keys: {keys}); set `format` in the config",
        record_hash=record.hash,
    )
