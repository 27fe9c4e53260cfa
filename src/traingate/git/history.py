"""Revisions and merge bases, failing closed when the history cannot answer."""

from __future__ import annotations

import functools
from pathlib import Path

from traingate.git.runner import Git, GitError

FETCH_ADVICE = (
    "fetch the full history (actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow`)"
)


class History:
    """Commits and refs of the repository at ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.git = Git(root)
        # Commit ids already verified: an id names one commit for good, and a run resolves
        # its base again for each file it reads there (every git call costs ~2 ms).
        self._commits: set[str] = set()

    @functools.cached_property
    def object_format(self) -> str:
        """The hash behind object ids: ``sha1`` or ``sha256``."""
        return self.git.text("rev-parse", "--show-object-format")

    @functools.cached_property
    def is_shallow(self) -> bool:
        return self.git.text("rev-parse", "--is-shallow-repository") == "true"

    def resolve(self, rev: str) -> str:
        """The commit id ``rev`` names; an unknown name raises with what to do about it."""
        if rev.startswith("-"):
            raise GitError(f"{rev!r} is not a revision")
        if rev in self._commits:
            return rev
        code, out, _ = self.git.call("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
        if code == 0:
            commit = out.decode("ascii").strip()
            self._commits.add(commit)
            return commit
        if rev == "HEAD":
            raise GitError("HEAD does not name a commit: the repository has no commits yet")
        if self.is_shallow:
            raise GitError(f"unknown revision {rev!r} in a shallow clone: {FETCH_ADVICE}")
        raise GitError(
            f"unknown revision {rev!r}: check the name, or fetch it first (in CI: "
            "actions/checkout with `fetch-depth: 0`)"
        )

    def merge_base(self, base: str, head: str = "HEAD") -> str:
        """The best common ancestor of ``base`` and ``head``; none at all raises."""
        head_id = self.resolve(head)
        base_id = self.resolve(base)
        code, out, err = self.git.call("merge-base", base_id, head_id)
        if code == 0:
            return out.decode("ascii").strip()
        if code != 1 or err:
            raise GitError(f"`git merge-base {base} {head}` failed: {err or f'exit {code}'}")
        if self.is_shallow:
            raise GitError(
                f"{base!r} and {head!r} have no common ancestor in this shallow clone, so the "
                f"changes cannot be computed: {FETCH_ADVICE}"
            )
        raise GitError(
            f"{base!r} and {head!r} have no common ancestor (unrelated histories): diff mode "
            "needs a base that the checked revision branched from"
        )

    def head_or_empty_tree(self) -> str:
        """``HEAD``'s commit id, or the empty tree's id before the first commit."""
        code, out, _ = self.git.call("rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        if code == 0:
            return out.decode("ascii").strip()
        return self.git.run("hash-object", "-t", "tree", "--stdin", stdin=b"").decode().strip()
