"""Objects by id: blob sizes, streamed blob contents, a file at a revision."""

from __future__ import annotations

import os
from collections.abc import Generator, Sequence
from pathlib import Path

from traingate.git.history import History
from traingate.git.runner import GitError


class Objects(History):
    """Reads objects through git, never the work tree."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self._blob_sizes: dict[str, int] = {}

    def blob_size(self, oid: str) -> int:
        """The size of blob ``oid`` (asked of git once: an id names one content)."""
        return self.blob_sizes(oid)[0]

    def blob_sizes(self, *oids: str) -> list[int]:
        """The size of each blob, those not known yet asked of git in one call."""
        wanted = [oid for oid in dict.fromkeys(oids) if oid not in self._blob_sizes]
        if wanted:
            query = "".join(f"{oid}\n" for oid in wanted).encode("ascii")
            out = self.git.run("cat-file", "--batch-check=%(objectname) %(objectsize)", stdin=query)
            lines = out.decode("ascii", "replace").splitlines()
            for oid, line in zip(wanted, lines, strict=False):
                name, _, size = line.partition(" ")
                if name != oid or not size.isdigit():
                    raise GitError(
                        f"`git cat-file --batch-check` cannot read object {oid}: {line!r}"
                    )
                self._blob_sizes[oid] = int(size)
            if len(lines) != len(wanted):
                raise GitError(f"git gave {len(lines)} sizes for {len(wanted)} objects")
        return [self._blob_sizes[oid] for oid in oids]

    def blob_chunks(self, oid: str, start: int = 0) -> Generator[bytes, None, None]:
        """A blob's bytes from offset ``start``, in chunks of about 1 MiB, never all at once.

        Close the iterator (or exhaust it) to stop the git process behind it.
        """
        skip = start
        for chunk in self.git.stream("cat-file", "blob", oid):
            if skip >= len(chunk):
                skip -= len(chunk)
                continue
            yield chunk[skip:] if skip else chunk
            skip = 0

    def show_many(self, rev: str, names: Sequence[str]) -> dict[str, bytes | None]:
        """What :meth:`show` gives for those of ``names`` (entries of the top level) that
        are absent at ``rev`` or files there, in two git calls in all. A name that is
        something else (a directory, a submodule) is left out, for :meth:`show` to refuse
        when it is read.

        Top-level names only: ``git ls-tree`` given a directory and a path inside it lists
        neither as asked.
        """
        if any(not name or "/" in name or name in (".", "..") for name in names):
            raise ValueError(f"not top-level names: {names!r}")
        commit = self.resolve(rev)
        listing = self.git.run(
            "--literal-pathspecs", "ls-tree", "-z", "--full-tree", commit, "--", *names
        )
        found: dict[str, bytes | None] = dict.fromkeys(names)
        blobs: dict[str, str] = {}
        for entry in filter(None, listing.split(b"\0")):
            info, _, listed = entry.partition(b"\t")
            path = os.fsdecode(listed)
            fields = info.decode("ascii", "replace").split()
            if path not in found or len(fields) != 3:
                raise GitError(f"unexpected `git ls-tree` entry at {rev}: {entry!r}")
            if fields[1] == "blob":
                blobs[path] = fields[2]
            else:
                del found[path]
        if blobs:
            contents = self._contents(rev, list(blobs.items()))
            found.update(zip(blobs, contents, strict=True))
        return found

    def show(self, rev: str, path: str) -> bytes | None:
        """The content of ``path`` at ``rev``; ``None`` if absent. An unknown ``rev`` raises."""
        commit = self.resolve(rev)
        code, out, _ = self.git.call("rev-parse", "--verify", "--quiet", f"{commit}:{path}")
        if code != 0:
            return None
        return self._contents(rev, [(path, out.decode("ascii").strip())])[0]

    def _contents(self, rev: str, wanted: Sequence[tuple[str, str]]) -> list[bytes]:
        """The bytes of each ``(path, blob id)`` at ``rev``, from one ``git cat-file --batch``
        ("<oid> <type> <size>\\n<content>\\n" each); an object that is not a file, or that
        git cannot read, raises naming its path."""
        query = "".join(f"{oid}\n" for _, oid in wanted).encode("ascii")
        out = self.git.run("cat-file", "--batch", stdin=query)
        contents: list[bytes] = []
        at = 0
        for path, oid in wanted:
            end = out.find(b"\n", at)
            header = out[at:end] if end >= 0 else out[at:]
            fields = header.decode("ascii", "replace").split()
            if len(fields) != 3 or fields[0] != oid or not fields[2].isdigit():
                raise GitError(f"{path} at {rev}: git cannot read object {oid}: {header!r}")
            if fields[1] != "blob":
                raise GitError(f"{path} at {rev} is a {fields[1]}, not a file")
            start, size = end + 1, int(fields[2])
            if out[start + size : start + size + 1] != b"\n":
                raise GitError(f"{path} at {rev}: git returned fewer than {size} bytes")
            contents.append(out[start : start + size])
            at = start + size + 1
        return contents
