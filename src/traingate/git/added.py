"""Which lines of a changed file are new: an append-only fast path, else diff hunks.

``git diff`` of a 200 MB file costs seconds and hundreds of MB whatever the change, while
training sets mostly grow by appending. If the new blob's first ``S`` bytes hash to the old
blob's id (``S`` = the old blob's size), the change is append-only and the added lines start
at byte ``S``: proving it costs one pass of hashing and no diff.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

_HUNK = re.compile(rb"@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")


@dataclass(frozen=True)
class AddedLines:
    """The added lines of a file's new version, as 1-based line numbers.

    Exactly one shape holds: ``everything`` (a new file); an append-only tail, where every
    line from ``first_line`` on is added and starts at byte ``from_offset`` of the new
    content, so a reader can seek there; or the explicit set ``lines`` from diff hunks.
    """

    everything: bool = False
    from_offset: int | None = None
    first_line: int | None = None
    lines: frozenset[int] = frozenset()

    @classmethod
    def all(cls) -> AddedLines:
        return cls(everything=True)

    @classmethod
    def none(cls) -> AddedLines:
        return cls()

    @classmethod
    def tail(cls, from_offset: int, first_line: int) -> AddedLines:
        return cls(from_offset=from_offset, first_line=first_line)

    @classmethod
    def of(cls, lines: Iterable[int]) -> AddedLines:
        return cls(lines=frozenset(lines))

    @property
    def fast_path(self) -> bool:
        """True when the change was proven append-only without running ``git diff``."""
        return self.first_line is not None

    @property
    def is_empty(self) -> bool:
        return not self.everything and self.first_line is None and not self.lines

    def __contains__(self, line: object) -> bool:
        if not isinstance(line, int):
            return False
        if self.everything:
            return line >= 1
        if self.first_line is not None:
            return line >= self.first_line
        return line in self.lines


class Digest(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def hexdigest(self) -> str: ...


def blob_digest(hash_name: str, size: int) -> Digest:
    """A hash that, fed ``size`` bytes of content, yields git's blob id for that content."""
    return hashlib.new(hash_name, b"blob %d\0" % size)


def append_only_tail(
    chunks: Iterable[bytes], old_oid: str, old_size: int, hash_name: str
) -> AddedLines | None:
    """The added tail if the new content starts with the old blob, else ``None``.

    ``chunks`` stream the new content. When the old content did not end with a newline its
    last line was extended, so the tail starts at that line, not at byte ``old_size``.
    """
    digest = blob_digest(hash_name, old_size)
    seen = newlines = line_start = 0
    for chunk in chunks:
        part = chunk if len(chunk) <= old_size - seen else chunk[: old_size - seen]
        digest.update(part)
        newlines += part.count(b"\n")
        last = part.rfind(b"\n")
        if last >= 0:
            line_start = seen + last + 1
        seen += len(part)
        if seen >= old_size:
            break
    if seen < old_size or digest.hexdigest() != old_oid:
        return None
    return AddedLines.tail(line_start, newlines + 1)


def parse_hunks(patch: Iterable[bytes]) -> frozenset[int]:
    """New-side line numbers of the ``+`` lines in a unified diff, given line by line.

    Context lines are counted too, so the result is right whatever ``--unified`` and
    ``--inter-hunk-context`` were in effect.
    """
    added: set[int] = set()
    line = 0
    in_hunk = False
    for raw in patch:
        match = _HUNK.match(raw)
        if match:
            line, in_hunk = int(match.group(1)), True
        elif not in_hunk or raw.startswith((b"-", b"\\")):
            continue
        elif raw.startswith(b"+"):
            added.add(line)
            line += 1
        elif raw.startswith((b" ", b"\n")):
            line += 1
        else:
            in_hunk = False
    return frozenset(added)
