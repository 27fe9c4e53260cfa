"""Objects by id: blob sizes, streamed blob contents, a file at a revision."""

from __future__ import annotations

from collections.abc import Generator
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

    def show(self, rev: str, path: str) -> bytes | None:
        """The content of ``path`` at ``rev``; ``None`` if absent. An unknown ``rev`` raises."""
        commit = self.resolve(rev)
        code, out, _ = self.git.call("rev-parse", "--verify", "--quiet", f"{commit}:{path}")
        if code != 0:
            return None
        oid = out.decode("ascii").strip()
        # Type, size and content in one call: "<oid> <type> <size>\n<content>\n".
        found = self.git.run("cat-file", "--batch", stdin=oid.encode("ascii") + b"\n")
        header, _, rest = found.partition(b"\n")
        fields = header.decode("ascii", "replace").split()
        if len(fields) != 3 or not fields[2].isdigit():
            raise GitError(f"{path} at {rev}: git cannot read object {oid}: {header!r}")
        kind, size = fields[1], int(fields[2])
        if kind != "blob":
            raise GitError(f"{path} at {rev} is a {kind}, not a file")
        if len(rest) != size + 1:
            raise GitError(f"{path} at {rev}: git returned {len(rest) - 1} of {size} bytes")
        return rest[:size]
