"""The git layer of diff mode and signed provenance.

Everything is read through the ``git`` binary (no shell, NUL-separated output, pinned
options) and from the object database: commits and the index, never the work tree. Whatever
the repository cannot answer raises :class:`GitError` with a message that says what to do.

Diff mode, in the order that reads each big file once::

    with Repo.discover(Path.cwd()) as repo:
        for change in repo.changed_files("origin/main"):  # or changed_files(staged=True)
            if change.is_deleted:
                continue
            if change.is_symlink or change.is_submodule:
                ...  # fail closed if it matches the training globs
            if repo.is_lfs(change) or repo.is_binary(change):
                ...  # fail closed
            added = repo.added_lines(change)
            if added.first_line is not None:  # append-only: read just the tail
                chunks = repo.new_content(change, added.from_offset or 0)
                first_line = added.first_line
            else:  # whole content; check the lines ``in added``
                chunks, first_line = repo.new_content(change), 1

The gate's own files are read from the base with ``repo.show(base, path)``, and signed
provenance is checked with ``repo.verify_commits(base, "HEAD", is_training_data, signers)``.
"""

from __future__ import annotations

from traingate.git.added import AddedLines
from traingate.git.changes import Change, Status
from traingate.git.history import FETCH_ADVICE
from traingate.git.repo import Repo
from traingate.git.runner import GitError
from traingate.git.signatures import SignatureProblem

__all__ = [
    "FETCH_ADVICE",
    "AddedLines",
    "Change",
    "GitError",
    "Repo",
    "SignatureProblem",
    "Status",
]
