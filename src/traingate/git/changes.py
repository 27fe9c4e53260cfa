"""What a diff changed, parsed from ``git diff-tree``/``diff-index -z --raw`` output."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, cast

from traingate.git.runner import GitError

Status = Literal["A", "M", "R", "C", "T", "D"]

REGULAR_MODES = frozenset({"100644", "100755"})
SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"
_ABSENT_MODE = "000000"
_STATUSES = frozenset("AMRCTD")


@dataclass(frozen=True)
class Change:
    """One changed path.

    ``status`` is git's letter: Added, Modified, Renamed, Copied, Type changed, Deleted.
    ``old_path`` is set for renames and copies only. Object ids and modes (git's octal
    strings such as ``"100644"``) are ``None`` on the side where the path does not exist.
    ``similarity`` is git's rename/copy score in percent.
    """

    status: Status
    path: str
    old_path: str | None
    old_oid: str | None
    new_oid: str | None
    old_mode: str | None
    new_mode: str | None
    similarity: int | None = None

    @property
    def is_deleted(self) -> bool:
        """Nothing to check: the path is gone (callers ignore these)."""
        return self.status == "D"

    @property
    def is_symlink(self) -> bool:
        return self.new_mode == SYMLINK_MODE

    @property
    def is_submodule(self) -> bool:
        return self.new_mode == SUBMODULE_MODE

    @property
    def is_regular_file(self) -> bool:
        """A plain file whose bytes are in the repository (not a symlink or submodule)."""
        return self.new_mode in REGULAR_MODES

    @property
    def source_path(self) -> str:
        """The path the old content was at: the rename or copy source, else ``path``."""
        return self.old_path if self.old_path is not None else self.path


def require_file(change: Change) -> None:
    """Raise unless the change's new side is a regular file, whose lines can be checked."""
    if not change.is_regular_file:
        kind = "submodule" if change.is_submodule else "symlink" if change.is_symlink else "entry"
        raise GitError(f"{change.path}: a {kind} has no content the gate can check")


def parse_raw(output: bytes) -> list[Change]:
    """Parse ``--raw -z --no-abbrev`` output; an unmerged or unknown entry raises."""
    fields = output.split(b"\0")
    if fields and fields[-1] == b"":
        fields.pop()
    changes: list[Change] = []
    items = iter(fields)
    for header in items:
        changes.append(_parse_entry(header, items))
    return changes


def _parse_entry(header: bytes, items: Iterator[bytes]) -> Change:
    parts = header.decode("ascii", "replace").split(" ")
    if len(parts) != 5 or not parts[0].startswith(":"):
        raise GitError(f"unexpected line in git's raw diff output: {header!r}")
    old_mode, new_mode, old_oid, new_oid, letters = parts[0][1:], *parts[1:]
    status = letters[:1]
    if status == "U":
        raise GitError("the index has unmerged paths: resolve the conflicts and stage the result")
    if status not in _STATUSES:
        raise GitError(f"unexpected change status {letters!r} in git's raw diff output")
    paths = [_next_path(items) for _ in range(2 if status in "RC" else 1)]
    return Change(
        status=cast(Status, status),
        path=paths[-1],
        old_path=paths[0] if len(paths) == 2 else None,
        old_oid=None if old_mode == _ABSENT_MODE else old_oid,
        new_oid=None if new_mode == _ABSENT_MODE else new_oid,
        old_mode=None if old_mode == _ABSENT_MODE else old_mode,
        new_mode=None if new_mode == _ABSENT_MODE else new_mode,
        similarity=int(letters[1:]) if letters[1:].isdigit() else None,
    )


def _next_path(items: Iterator[bytes]) -> str:
    raw = next(items, None)
    if raw is None:
        raise GitError("git's raw diff output ended in the middle of an entry")
    return os.fsdecode(raw)
