"""Rules about the gate itself: baseline, waivers, changed policy, provenance, git inputs."""

from __future__ import annotations

from traingate.finding import Severity
from traingate.rules.base import Rule, Scope

STALE_BASELINE_ENTRY = Rule(
    "stale-baseline-entry",
    Scope.DATASET,
    Severity.WARNING,
    "A baseline entry no longer matches any finding.",
    """
    ## What it does
    After a full check, reports baseline entries (path, rule, record hash) that matched no
    finding: the record was fixed, edited or removed.

    ## Why it matters
    A stale baseline keeps accepting a finding that may come back with the same record;
    pruning it keeps the baseline honest. Run `traingate baseline` to rewrite it.

    ## Example that fails
    A baseline listing `email-address` for a record that no longer contains an email.

    ## Example that passes
    A baseline written by `traingate baseline` after the last change.

    ## Options
    `--strict-baseline` makes stale entries errors. Not reported in diff mode, which does
    not look at unchanged records.
    """,
)

EXPIRED_WAIVER = Rule(
    "expired-waiver",
    Scope.FILE,
    Severity.ERROR,
    "A waiver in the config is past its expiry date.",
    """
    ## What it does
    Reports every waiver whose `expires` date has passed; the waiver no longer suppresses
    anything.

    ## Why it matters
    Waivers are temporary by design; an expired one is a decision nobody revisited.

    ## Example that fails
    ```yaml
    waivers:
      - {rule: email-address, record: 4d7a214614ab2935c943f9e0ff69d22e, reason: public
         support address, expires: 2020-01-01}
    ```

    ## Example that passes
    The same waiver with a future `expires` date, or none.

    ## Options
    None.
    """,
)

POLICY_CHANGED = Rule(
    "policy-changed",
    Scope.FILE,
    Severity.WARNING,
    "The change edits the gate's own config, policies, waivers or baseline.",
    """
    ## What it does
    In diff mode, reports which of the config, the policy files, the waivers and the
    baseline the range changes. The check itself uses the versions from the base, so the
    change takes effect after merge.

    ## Why it matters
    A pull request must not be able to weaken the gate that judges it, for example by
    deleting a rule in the same commit that adds poisoned data. Reviewers should look at
    these changes on their own.

    ## Example that fails
    A pull request that edits `.traingate.yaml` and adds training records.

    ## Example that passes
    A pull request that only adds training records.

    ## Options
    `--policy-from worktree` uses the changed files instead (and says so in this finding).
    """,
)

UNSIGNED_COMMIT = Rule(
    "unsigned-commit",
    Scope.FILE,
    Severity.ERROR,
    "A commit touching training data lacks a good signature from an allowed signer.",
    """
    ## What it does
    With `signed-by` in the config, checks with git's own signature verification that every
    commit of the range that touches training files is signed by a key of the allowed
    signers file (read from the base, so the change cannot add its own key).

    ## Why it matters
    Who may add training data is part of the data's provenance; an unsigned commit can come
    from anyone with push access or a stolen token.

    ## Example that fails
    An unsigned commit adding records, or one signed by a key not in the file.

    ## Example that passes
    `git commit -S` with a key listed in the allowed signers file.

    ## Options
    `signed-by` (config): path of the allowed signers file.
    """,
)

UNSUPPORTED_GIT_ENTRY = Rule(
    "unsupported-git-entry",
    Scope.FILE,
    Severity.ERROR,
    "A changed path matching the training globs is a symlink, submodule or binary to git.",
    """
    ## What it does
    In diff mode, refuses changed paths that match the training-file globs but are
    symlinks or files git treats as binary (other than `.gz`/`.zst`), and submodules in
    a directory where the globs reach (their files are in another repository, out of the
    diff's sight, while a full check walks into them): exclude such a submodule and check
    it in its own repository.

    ## Why it matters
    Their content is not what a reviewer sees in the diff; the gate must not pass what it
    cannot read. The run exits 3.

    ## Example that fails
    `data/train.jsonl` committed as a symlink to a file outside the repository.

    ## Example that passes
    A regular text file.

    ## Options
    None.
    """,
    unreadable=True,
)

GATING_RULES: tuple[Rule, ...] = (
    STALE_BASELINE_ENTRY,
    EXPIRED_WAIVER,
    POLICY_CHANGED,
    UNSIGNED_COMMIT,
    UNSUPPORTED_GIT_ENTRY,
)
