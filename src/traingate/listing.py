"""A bound on the findings one file lists: the first :data:`MAX_LISTED` of each rule, then
one finding that stands for the rest.

A file of a million blank lines (a kilobyte of gzip) would otherwise make a million
findings, held by the JSON and SARIF reports and by every ``--jobs`` worker until its
range is done: gigabytes. Past the bound, the findings of a rule are counted and folded
into a digest of what they are about (their records and pointers, not their lines), and
the file gets one more finding of that rule saying how many were not listed. It blocks
as they would, the summary counts each of them (its ``count``), and its record hash is
that digest: a baseline or waiver entry for it
holds while the same findings recur and fails as soon as one is added.

Ranges of a file checked in separate processes each list their first findings and count
the rest; merged in order, the first ones of the file are among those listed, so the
result is the same as in one pass.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

from traingate.finding import Finding, Severity

MAX_LISTED = 10_000
_DIGEST_MODULUS = 1 << 128


class Unlisted:
    """The findings of one rule past the bound: how many, how severe, and what about."""

    # A plain class: a dataclass costs half a millisecond to build at import, on every run.
    __slots__ = ("count", "digest", "severity")

    def __init__(self) -> None:
        self.count = 0
        self.severity = Severity.INFO
        self.digest = 0

    def add(self, finding: Finding) -> None:
        self.count += 1
        self.severity = max(self.severity, finding.severity)
        about = f"{finding.record_hash}\0{finding.pointer}".encode(errors="surrogatepass")
        value = int.from_bytes(hashlib.blake2b(about, digest_size=16).digest(), "big")
        self.digest = (self.digest + value) % _DIGEST_MODULUS

    def merge(self, other: Unlisted) -> None:
        self.count += other.count
        self.severity = max(self.severity, other.severity)
        self.digest = (self.digest + other.digest) % _DIGEST_MODULUS


class Listing:
    """The findings of one file (or one range of it) that are listed, and the rest."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        self.limit = limit
        self.listed: Counter[str] = Counter()
        self.unlisted: dict[str, Unlisted] = {}

    def filter(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """``findings`` up to ``limit`` of each rule; the rest are counted."""
        listed, limit = self.listed, self.limit
        for finding in findings:
            if listed[finding.rule] < limit:
                listed[finding.rule] += 1
                yield finding
            else:
                self.unlisted.setdefault(finding.rule, Unlisted()).add(finding)

    def absorb(self, unlisted: dict[str, Unlisted]) -> None:
        """Count what another range left unlisted."""
        for rule, more in unlisted.items():
            self.unlisted.setdefault(rule, Unlisted()).merge(more)

    def notices(self, path: str) -> Iterator[Finding]:
        """One finding per rule that went past the bound, standing for the rest."""
        for rule, more in sorted(self.unlisted.items()):
            message = (
                f"{more.count:,} more {rule} finding(s) in this file are not listed (only the "
                f"first {self.limit:,} of a rule are); they block as listed ones would"
            )
            digest = f"{more.digest:032x}"
            yield Finding(path, 0, 0, rule, more.severity, message, "", digest, more.count)
