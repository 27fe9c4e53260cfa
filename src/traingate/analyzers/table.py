"""The per-record columns every analyzer keeps: line, record hash, whether it was added."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
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
        # Keyed by id() and holding the object itself, so that an id is not reused.
        self._groups: dict[int, tuple[Sequence[int], frozenset[int], Sequence[int]]] = {}

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

    def others(self, indexes: Sequence[int], but: int) -> str:
        """`` (also lines 3, 9 and 4 more)`` for the records of a group (distinct indexes,
        not changed between calls) other than ``but``.

        Every record of a group is told about the others, so what this needs of a group
        (its members, its first lines) is worked out once for each ``indexes`` object: a
        group of n records costs O(n), not O(n^2) (20,000 identical records took 25 s).
        """
        group = self._groups.get(id(indexes))
        if group is None or group[0] is not indexes:
            group = (indexes, frozenset(indexes), indexes[: MAX_LINES + 1])
            self._groups[id(indexes)] = group
        _, members, head = group
        count = len(indexes) - (but in members)
        if not count:
            return ""
        shown = ", ".join([str(self.lines[i]) for i in head if i != but][:MAX_LINES])
        more = f" and {count - MAX_LINES} more" if count > MAX_LINES else ""
        return f" (also line{'s' if count > 1 else ''} {shown}{more})"

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
