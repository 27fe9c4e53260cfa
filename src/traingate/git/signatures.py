"""Signed provenance: the commits that touch training data carry an allowed SSH signature.

git verifies the signatures itself (``%G?``) against an allowed signers file passed on the
command line. Only ``G`` passes: a good signature from a key listed in that file. OpenPGP and
X.509 verification are pointed at ``false`` so that a key in someone's keyring cannot pass.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from traingate.git.runner import Git, GitError

GOOD = "G"
_MESSAGES = {
    "N": "not signed with an SSH key",
    "U": "signed by a key that is not in the allowed signers file",
    "B": "bad signature: the commit was changed after it was signed",
    "E": "the signature cannot be checked (not an SSH signature, or ssh-keygen is missing)",
    "X": "good signature, but the signature has expired",
    "Y": "good signature, but by a key that has expired",
    "R": "good signature, but by a revoked key",
}
_FIELDS = 5


@dataclass(frozen=True)
class SignatureProblem:
    """A commit in the range that touches training data without an allowed signature.

    ``status`` is git's ``%G?`` letter; ``signer`` the matched principal and ``key`` the key
    fingerprint, when git reports them.
    """

    commit: str
    subject: str
    status: str
    message: str
    signer: str = ""
    key: str = ""


def verifying_git(git: Git, allowed_signers: Path) -> Git:
    """A runner whose signature checks use exactly ``allowed_signers`` and ssh-keygen."""
    if not allowed_signers.is_file():
        raise GitError(f"allowed signers file not found: {allowed_signers}")
    return git.with_config(
        f"gpg.ssh.allowedSignersFile={os.fsdecode(allowed_signers.resolve())}",
        "gpg.ssh.program=ssh-keygen",
        "gpg.openpgp.program=false",
        "gpg.x509.program=false",
    )


def touching_commits(git: Git, commits: list[str], wanted: Callable[[str], bool]) -> list[str]:
    """The commits, in order, whose own changes include a path ``wanted`` accepts.

    A merge counts the paths that differ from every parent (``--cc``): anything else came
    from a parent, which is in the range and checked on its own.
    """
    if not commits:
        return []
    out = git.run(
        *("diff-tree", "--stdin", "-r", "-z", "--raw", "--no-abbrev", "--no-renames"),
        *("--cc", "--root", "--always", "--ignore-submodules=none"),
        stdin="".join(f"{commit}\n" for commit in commits).encode(),
    )
    touching: list[str] = []
    current = ""
    fields = iter(out.split(b"\0"))
    for field in fields:
        if field.startswith(b":"):
            path = os.fsdecode(next(fields, b""))
            if wanted(path) and (not touching or touching[-1] != current):
                touching.append(current)
        elif field:
            current = field.decode("ascii")
    return touching


def signature_problems(git: Git, commits: Iterable[str]) -> list[SignatureProblem]:
    """Check each commit's signature with git; report every one whose status is not ``G``."""
    stdin = "".join(f"{commit}\n" for commit in commits).encode()
    if not stdin:
        return []
    out = git.run(
        *("log", "--no-walk=unsorted", "--stdin"),
        "--format=%H%x00%G?%x00%GS%x00%GK%x00%s%x00",
        stdin=stdin,
    )
    fields = out.decode("utf-8", "replace").split("\0")
    problems: list[SignatureProblem] = []
    for start in range(0, len(fields) - _FIELDS + 1, _FIELDS):
        commit, status, signer, key, subject = fields[start : start + _FIELDS]
        if status != GOOD:
            message = _MESSAGES.get(status, f"unexpected signature status {status!r}")
            problems.append(SignatureProblem(commit.strip(), subject, status, message, signer, key))
    return problems
