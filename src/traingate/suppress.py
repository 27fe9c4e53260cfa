"""Baseline and waivers: accepted findings, keyed on (path, rule, record hash), never lines.

A baseline lets an existing dataset adopt the gate without fixing everything first; waivers
accept single findings with a reason and an expiry. Both match on the record's content hash,
so moving or inserting lines keeps them valid and editing the record re-flags it.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import orjson

from traingate import __version__
from traingate.config import ConfigError, Waiver
from traingate.finding import Finding, Severity
from traingate.rules.gating import EXPIRED_WAIVER, STALE_BASELINE_ENTRY

BASELINE_VERSION = 1
Key = tuple[str, str, str]  # (path relative to the root, rule id, record hash)


class Baseline:
    """Counts of accepted findings; each matching finding uses up one count."""

    def __init__(self, counts: Counter[Key] | None = None, name: str = "") -> None:
        self.counts: Counter[Key] = counts or Counter()
        self.remaining: Counter[Key] = Counter(self.counts)
        self.name = name

    @classmethod
    def parse(cls, raw: bytes, name: str) -> Baseline:
        try:
            data = orjson.loads(raw)
            if data.get("version") != BASELINE_VERSION:
                raise ValueError(f"unsupported version {data.get('version')!r}")
            counts: Counter[Key] = Counter()
            for entry in data["entries"]:
                key = (str(entry["path"]), str(entry["rule"]), str(entry["record"]))
                counts[key] += int(entry["count"])
        except (orjson.JSONDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(name, 0, f"invalid baseline: {exc}") from exc
        return cls(counts, name)

    def accepts(self, relpath: str, finding: Finding) -> bool:
        key = (relpath, finding.rule, finding.record_hash)
        if self.remaining[key] > 0:
            self.remaining[key] -= 1
            return True
        return False

    def names(self, relpath: str) -> bool:
        """Whether an entry is keyed to ``relpath``."""
        return any(path == relpath for path, _, _ in self.counts)

    def stale(self, checked: Iterable[str], strict: bool) -> list[Finding]:
        paths = set(checked)
        findings = []
        for (path, rule, record), left in sorted(self.remaining.items()):
            if left > 0 and path in paths:
                finding = STALE_BASELINE_ENTRY.finding(
                    self.name,
                    0,
                    0,
                    f"{left} baselined {rule} finding(s) in {path} no longer match "
                    f"(record {record}); run `traingate baseline` to prune",
                    record_hash=record,
                )
                if strict:
                    finding = replace(finding, severity=Severity.ERROR)
                findings.append(finding)
        return findings


def dump_baseline(keys: Iterable[Key]) -> bytes:
    """The baseline file: sorted, stable, no line numbers and no record text."""
    counts = Counter(keys)
    entries = [
        {"path": path, "rule": rule, "record": record, "count": count}
        for (path, rule, record), count in sorted(counts.items())
    ]
    document: dict[str, Any] = {
        "version": BASELINE_VERSION,
        "generated_by": f"traingate {__version__}",
        "entries": entries,
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


@dataclass(frozen=True)
class WaiverStatus:
    waiver: Waiver
    expired: bool


class Waivers:
    """The config's waivers as of ``today``; expired ones accept nothing."""

    def __init__(self, waivers: Iterable[Waiver], today: datetime.date, source: str) -> None:
        self.statuses = [
            WaiverStatus(
                w, w.expires is not None and datetime.date.fromisoformat(w.expires) < today
            )
            for w in waivers
        ]
        self.source = source
        self._active = {
            (s.waiver.rule, s.waiver.record): s.waiver for s in self.statuses if not s.expired
        }

    def accepts(self, relpath: str, finding: Finding) -> bool:
        waiver = self._active.get((finding.rule, finding.record_hash))
        return waiver is not None and (waiver.path is None or waiver.path.match(relpath))

    def tell_apart(self, first: str, second: str) -> bool:
        """Whether a waiver in force applies at one of the two paths and not the other."""
        return any(
            waiver.path is not None and waiver.path.match(first) != waiver.path.match(second)
            for waiver in self._active.values()
        )

    def expired(self) -> list[Finding]:
        return [
            EXPIRED_WAIVER.finding(
                self.source,
                s.waiver.line,
                0,
                f"waiver for {s.waiver.rule} on record {s.waiver.record} expired on "
                f"{s.waiver.expires} ({s.waiver.reason})",
                record_hash=s.waiver.record,
            )
            for s in self.statuses
            if s.expired
        ]
