"""One git repository, as the gate's diff mode sees it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from traingate.git import content, signatures
from traingate.git.added import AddedLines, parse_hunks
from traingate.git.changes import REGULAR_MODES, Change, parse_raw, require_file
from traingate.git.newcontent import NewContent
from traingate.git.runner import Git, GitError
from traingate.git.signatures import SignatureProblem

_DIFF_OPTIONS = (
    *("-z", "--raw", "--no-abbrev", "-M", "-C"),
    *("--no-ext-diff", "--no-textconv", "--ignore-submodules=none"),
)
_PATCH_OPTIONS = (
    *("-z", "--no-ext-diff", "--no-textconv", "--text", "--no-color"),
    *("--unified=0", "--inter-hunk-context=0", "--no-relative"),
)


class Repo(NewContent):
    """A work tree's repository. Content is addressed by blob id (from commits or the
    index), so what is checked is exactly what is committed or staged; a work-tree file is
    read only once it has hashed to that blob id."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self._attributes: dict[str, dict[str, str]] = {}

    def __enter__(self) -> Repo:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @classmethod
    def discover(cls, start: Path) -> Repo:
        """The repository containing ``start`` (a directory or a file)."""
        where = start if start.is_dir() else start.parent
        if not where.is_dir():
            raise GitError(f"{start} does not exist")
        # The object format comes with the top level: one git call fewer for every run.
        code, out, err = Git(where).call("rev-parse", "--show-toplevel", "--show-object-format")
        if code != 0:
            raise GitError(f"{start} is not inside a git work tree: {err}")
        top, _, object_format = out.rstrip(b"\n").rpartition(b"\n")
        repo = cls(Path(os.fsdecode(top)))
        repo.object_format = object_format.decode("ascii")
        return repo

    def changed_files(
        self,
        base: str | None = None,
        *,
        staged: bool = False,
        head: str = "HEAD",
        against: str | None = None,
    ) -> list[Change]:
        """The paths changed by ``merge-base(base, head)..head`` (``git diff base...head``),
        or with ``staged=True`` by the index against ``HEAD`` (the empty tree before the
        first commit; ``against``, a commit id, when the caller has resolved it already).
        Renames and copies are followed; deletions are included, flagged by
        :attr:`Change.is_deleted`; paths only marked with ``git add -N`` are not changes."""
        if staged == (base is not None):
            raise ValueError("pass either a base revision or staged=True")
        if base is not None:
            old, new = self.merge_base(base, head), self.resolve(head)
            return parse_raw(self.git.run("diff-tree", "-r", *_DIFF_OPTIONS, old, new, "--"))
        tree = against if against is not None else self.head_or_empty_tree()
        # A path added with `git add -N` is not committed: no change of the index.
        options = ("--cached", "--ita-invisible-in-index", *_DIFF_OPTIONS)
        return parse_raw(self.git.run("diff-index", *options, tree, "--"))

    def added_lines(self, change: Change) -> AddedLines:
        """The lines of ``change``'s new content that are added.

        The new content is the blob ``change.new_oid``: the commit's for a range, the
        index's for ``staged``. An append-only change is proven by hashing the new content's
        first old-size bytes (no ``git diff``), and its tail is then read with
        :meth:`new_content`; other changes fall back to ``git diff --unified=0``.
        """
        if change.is_deleted or change.old_oid == change.new_oid:
            return AddedLines.none()
        require_file(change)
        old_oid, new_oid = change.old_oid, change.new_oid
        if old_oid is None or new_oid is None or change.old_mode not in REGULAR_MODES:
            return AddedLines.all()
        tail = self.append_tail(change, old_oid, new_oid)
        if tail is not None:
            return tail
        return AddedLines.of(self.hunk_lines(old_oid, new_oid))

    def hunk_lines(self, old_oid: str, new_oid: str) -> frozenset[int]:
        """The added lines by ``git diff --unified=0 --text`` of two blobs: the slow path,
        whose time and memory grow with the file, not with the change."""
        patch = self.git.stream("diff", *_PATCH_OPTIONS, old_oid, new_oid, lines=True)
        return parse_hunks(patch)

    def attributes(self, path: str) -> dict[str, str]:
        """The ``diff`` and ``filter`` attributes of ``path``, from the index's
        ``.gitattributes`` (git 2.39 cannot read them from a commit; in CI the index is the
        checked-out commit). Values are ``set``, ``unset``, ``unspecified`` or a string.
        Asked of git once per path."""
        found = self._attributes.get(path)
        if found is None:
            out = self.git.run(
                "check-attr", "-z", "--stdin", "--cached", *content.ATTRIBUTES,
                stdin=os.fsencode(path) + b"\0",
            )  # fmt: skip
            found = self._attributes[path] = content.parse_check_attr(out)
        return found

    def is_binary(self, change: Change) -> bool:
        """git's own view: ``-diff``/``binary`` attributes, a binary diff driver, else a NUL
        byte in the first 8000 bytes. Unlike ``git diff``, size alone never makes a file
        binary here."""
        if change.new_oid is None:
            return False
        require_file(change)
        attributes = self.attributes(change.path)
        driver = content.diff_driver(attributes)
        driver_binary = driver is not None and self._config_true(f"diff.{driver}.binary")
        decided = content.binary_by_attributes(attributes, driver_binary)
        if decided is not None:
            return decided
        return content.looks_binary(self.head_bytes(change))

    def is_lfs(self, change: Change) -> bool:
        """A Git LFS file: ``filter=lfs`` is set for the path, or the blob is an LFS pointer."""
        if change.new_oid is None:
            return False
        require_file(change)
        if content.is_lfs_filtered(self.attributes(change.path)):
            return True
        return content.is_lfs_pointer(self.head_bytes(change))

    def verify_commits(
        self, base: str, head: str, paths_filter: Callable[[str], bool], allowed_signers: Path
    ) -> list[SignatureProblem]:
        """Every commit in ``merge-base(base, head)..head`` that touches a path accepted by
        ``paths_filter`` must carry a good SSH signature (``%G?`` = ``G``) from a key in
        ``allowed_signers``; returns the commits that do not, oldest first."""
        verifier = signatures.verifying_git(self.git, allowed_signers)
        start = self.merge_base(base, head)
        listed = self.git.text("rev-list", "--reverse", f"{start}..{self.resolve(head)}")
        touching = signatures.touching_commits(self.git, listed.split(), paths_filter)
        return signatures.signature_problems(verifier, touching)

    def _config_true(self, name: str) -> bool:
        code, out, _ = self.git.call("config", "--type=bool", "--get", name)
        return code == 0 and out.strip() == b"true"
