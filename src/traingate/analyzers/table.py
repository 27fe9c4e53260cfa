"""The per-record columns every analyzer keeps: line, record hash, whether it was added."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import replace

from traingate.analyzers.base import Observation
from traingate.finding import Finding, Severity
from traingate.rules.base import Rule

MAX_LINES = 10


class Records:
    """Lines, hashes and added flags of the records seen, in file order."""

    def __init__(self) -> None:
        self.lines = array("q")
        self.hashes: list[str] = []
        self.added = bytearray()

    def __len__(self) -> int:
        return len(self.lines)

    def add(self, obs: Observation) -> int:
        """Record ``obs`` and return its index."""
        self.lines.append(obs.line)
        self.hashes.append(obs.record_hash)
        self.added.append(obs.added)
        return len(self.lines) - 1

    def extend(self, other: Records) -> None:
        self.lines.extend(other.lines)
        self.hashes.extend(other.hashes)
        self.added.extend(other.added)

    def added_count(self) -> int:
        return self.added.count(1)

    def others(self, indexes: Iterable[int], but: int) -> str:
        """`` (also lines 3, 9 and 4 more)`` for the other records of a group."""
        lines = [self.lines[i] for i in indexes if i != but]
        if not lines:
            return ""
        shown = ", ".join(str(line) for line in lines[:MAX_LINES])
        more = f" and {len(lines) - MAX_LINES} more" if len(lines) > MAX_LINES else ""
        return f" (also line{'s' if len(lines) > 1 else ''} {shown}{more})"

    def findings(
        self, rule: Rule, path: str, messages: Iterable[tuple[int, str]]
    ) -> Iterator[Finding]:
        """One finding per ``(index, message)`` whose record was added, in line order."""
        for index, message in sorted(messages):
            if self.added[index]:
                yield rule.finding(path, self.lines[index], 0, message, "", self.hashes[index])

    def burst_findings(
        self, rule: Rule, path: str, messages: Iterable[tuple[int, str]], burst: str
    ) -> Iterator[Finding]:
        """:meth:`findings` of a flood, at severity ``burst`` when the file had records
        the change did not add (diff mode with a base: the flood is a burst into it), else
        at the rule's own."""
        severity = Severity.parse(burst) if 0 in self.added else rule.severity
        for finding in self.findings(rule, path, messages):
            yield replace(finding, severity=severity)


def excerpt(text: str, size: int = 40) -> str:
    """The start of a normalized text, for messages."""
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
