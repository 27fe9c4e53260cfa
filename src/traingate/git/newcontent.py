"""The new content of a change, read once however many questions are asked of it.

The gate asks three things of a changed file's new content: its first bytes (binary? LFS?),
whether it only appends to the old content, and the added bytes. For a 200 MB file each
question costs git a full inflate (for a delta in a pack, a rebuild in memory), so:

- when the work-tree file hashes to the new blob id (checked once, then trusted only while
  its size, mtime and inode stay the same), the file is read instead: hashing runs at over
  1 GB/s and reading the added tail is a seek;
- otherwise one pass over git's stream keeps the first bytes, proves the prefix and spools
  the bytes after the old content (as many as the change added) for the tail read.

Either way the bytes are exactly the committed or staged blob.
"""

from __future__ import annotations

import stat
import weakref
from collections.abc import Generator
from pathlib import Path
from typing import IO

from traingate.git import content
from traingate.git.added import AddedLines, append_only_tail, blob_digest
from traingate.git.changes import REGULAR_MODES, Change, require_file
from traingate.git.objects import Objects
from traingate.git.runner import CHUNK_SIZE, GitError

SPOOL_IN_MEMORY = 16 << 20
_Stamp = tuple[int, int, int, int]
_Chunks = Generator[bytes, None, None]


class NewContent(Objects):
    """Answers questions about changes' new content with as few reads as possible."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        # (path, blob id) -> the work-tree file's stat stamp if it hashed to the blob.
        self._twins: dict[tuple[str, str], _Stamp | None] = {}
        self._heads: dict[str, bytes] = {}
        self._appends: dict[tuple[str, str], AddedLines | None] = {}
        # Blob id -> (offset, the blob's bytes from that offset on), kept by append_tail.
        self._tails: dict[str, tuple[int, IO[bytes]]] = {}
        weakref.finalize(self, _close_spools, self._tails)

    def close(self) -> None:
        """Release the spooled tails (temporary files once they outgrow 16 MiB); also done
        when the object is garbage-collected."""
        _close_spools(self._tails)

    def new_content(self, change: Change, start: int = 0) -> _Chunks:
        """The new content of ``change`` from byte ``start``, in chunks of about 1 MiB."""
        oid = _new_oid(change)
        twin = self._twin(change.path, oid)
        tail = self._tails.get(oid)
        if twin is not None:
            chunks = _file_chunks(twin, start)
        elif tail is not None and start >= tail[0]:
            chunks = _spool_chunks(tail[1], start - tail[0])
        else:
            chunks = self.blob_chunks(oid, start)
        yield from self._capturing(oid, chunks) if start == 0 else chunks

    def work_tree_file(self, change: Change) -> Path | None:
        """The work-tree file of ``change`` if its bytes are the new content (hashed once,
        then trusted while its size, mtime and inode stay the same), else None."""
        return self._twin(change.path, _new_oid(change))

    def head_bytes(self, change: Change) -> bytes:
        """The first 8000 bytes of the new content (fewer if it is shorter): what git sniffs."""
        oid = _new_oid(change)
        if oid not in self._heads and change.old_oid and change.old_mode in REGULAR_MODES:
            self.append_tail(change, change.old_oid, oid)
        if oid not in self._heads:
            chunks = self.new_content(change)
            try:
                for _ in chunks:
                    if oid in self._heads:
                        break
            finally:
                chunks.close()
        return self._heads[oid]

    def append_tail(self, change: Change, old_oid: str, new_oid: str) -> AddedLines | None:
        """The added tail if blob ``new_oid`` is blob ``old_oid`` plus appended bytes."""
        if (old_oid, new_oid) not in self._appends:
            self._appends[old_oid, new_oid] = self._prove_append(change, old_oid, new_oid)
        return self._appends[old_oid, new_oid]

    def _prove_append(self, change: Change, old_oid: str, new_oid: str) -> AddedLines | None:
        old_size, new_size = self.blob_sizes(old_oid, new_oid)
        if old_size == 0:
            return AddedLines.tail(0, 1)
        if new_size <= old_size:
            return None
        if self._twin(change.path, new_oid) is None:
            return self._prove_append_from_git(old_oid, old_size, new_oid)
        source = self.new_content(change)
        try:
            return append_only_tail(source, old_oid, old_size, self.object_format)
        finally:
            source.close()

    def _prove_append_from_git(
        self, old_oid: str, old_size: int, new_oid: str
    ) -> AddedLines | None:
        # Kept open in self._tails until close(): the tail is read after this returns.
        from tempfile import SpooledTemporaryFile  # only when git must be read twice

        spool = SpooledTemporaryFile(SPOOL_IN_MEMORY)  # noqa: SIM115
        source = self._capturing(new_oid, _spooling(self.blob_chunks(new_oid), old_size, spool))
        kept = False
        try:
            tail = append_only_tail(source, old_oid, old_size, self.object_format)
            if tail is not None and new_oid not in self._tails:
                for _ in source:
                    pass
                self._tails[new_oid] = (old_size, spool)
                kept = True
            return tail
        finally:
            source.close()
            if not kept:
                spool.close()

    def _capturing(self, oid: str, chunks: _Chunks) -> _Chunks:
        """Pass ``chunks`` (the content from byte 0) through, keeping its first bytes."""
        head = b""
        try:
            for chunk in chunks:
                if oid not in self._heads:
                    head += chunk[: content.SNIFF_BYTES - len(head)]
                    if len(head) >= content.SNIFF_BYTES:
                        self._heads[oid] = head
                yield chunk
        finally:
            chunks.close()
        self._heads.setdefault(oid, head)

    def _twin(self, path: str, oid: str) -> Path | None:
        """The work-tree file at ``path`` if its bytes are blob ``oid``, else ``None``."""
        if (path, oid) not in self._twins:
            self._twins[path, oid] = self._prove_twin(path, oid)
        proven, file = self._twins[path, oid], self.root / path
        return file if proven is not None and _stamp(file) == proven else None

    def _prove_twin(self, path: str, oid: str) -> _Stamp | None:
        """The stat stamp of the work-tree file at ``path`` if it hashes to blob ``oid``."""
        file = self.root / path
        before = _stamp(file)
        if before is None or before[0] != self.blob_size(oid):
            return None
        digest = blob_digest(self.object_format, before[0])
        for chunk in _file_chunks(file):
            digest.update(chunk)
        return before if digest.hexdigest() == oid and _stamp(file) == before else None


def _close_spools(tails: dict[str, tuple[int, IO[bytes]]]) -> None:
    for _, spool in tails.values():
        spool.close()
    tails.clear()


def _new_oid(change: Change) -> str:
    if change.new_oid is None:
        raise GitError(f"{change.path} was deleted: it has no new content")
    require_file(change)
    return change.new_oid


def _stamp(file: Path) -> _Stamp | None:
    """Size, mtime, inode and device of a regular file (not followed if a symlink)."""
    try:
        info = file.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)


def _file_chunks(file: Path, start: int = 0) -> _Chunks:
    with file.open("rb") as handle:
        handle.seek(start)
        while chunk := handle.read(CHUNK_SIZE):
            yield chunk


def _spool_chunks(spool: IO[bytes], start: int) -> _Chunks:
    spool.seek(start)
    while chunk := spool.read(CHUNK_SIZE):
        yield chunk


def _spooling(chunks: _Chunks, start: int, spool: IO[bytes]) -> _Chunks:
    """Pass ``chunks`` through, writing every byte from offset ``start`` on to ``spool``."""
    offset = 0
    try:
        for chunk in chunks:
            if offset + len(chunk) > start:
                spool.write(chunk[max(0, start - offset) :])
            offset += len(chunk)
            yield chunk
    finally:
        chunks.close()
