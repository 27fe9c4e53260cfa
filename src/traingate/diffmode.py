"""``traingate check --diff BASE`` / ``--staged``: check what a change adds, judged by the base.

The config, policies, waivers, baseline and allowed signers are read from the base revision
(``BASE`` itself, not its merge base with ``HEAD``; ``HEAD`` for ``--staged``): a change
cannot weaken the gate that judges it, nor pick an older one by where it branched off.
Changes to those files are reported as ``policy-changed`` and take effect after merge. New
content is what git holds (the commit, or the index; see :mod:`traingate.changed_file`),
and only added records are checked. Under ``pre-commit run --from-ref A --to-ref B``
(pre-commit in CI, where nothing is staged) ``--staged`` checks what ``B`` adds to ``A``,
as ``--diff A`` would.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TextIO

from traingate import changed_file, exitcodes
from traingate.config import (
    DEFAULT_BASELINE,
    MISNAMED_NAME,
    PYPROJECT_NAME,
    YAML_NAME,
    Config,
    ConfigError,
    toml_table,
)
from traingate.discover import shown_path
from traingate.gate import (
    Gate,
    Read,
    config_from_revision,
    config_relative,
    load_gate,
    parse_config_bytes,
    worktree_reader,
)
from traingate.git import Change, GitError, Repo
from traingate.policy import PolicyError
from traingate.progress import Bar, Meter, Ticker, wanted
from traingate.reporters.base import Summary
from traingate.rules.gating import POLICY_CHANGED, UNSIGNED_COMMIT
from traingate.run import Checked, CheckOptions, report
from traingate.sharding import WorkerCrash, file_sizes

GATE_FILES = (YAML_NAME, PYPROJECT_NAME, MISNAMED_NAME, DEFAULT_BASELINE)
"""Read at the base by nearly every diff-mode run: the config (either kind, and the name
that is refused) and the default baseline."""


def run_diff(options: CheckOptions, out: TextIO, err: TextIO) -> int:
    try:
        repo = Repo.discover(Path.cwd())
    except GitError as exc:
        err.write(f"traingate: {exc}\n")
        return exitcodes.USAGE
    with repo:
        try:
            options = _pre_commit_range(repo, options, os.environ)
            base = _base_revision(repo, options)
            gate, worktree_why = _gate(repo, base, options)
            # The same commit the gate was read from, resolved once.
            against = base if options.staged else None
            changes = repo.changed_files(options.diff, staged=options.staged, against=against)
        except GitError as exc:
            err.write(f"traingate: {exc}\n")
            return exitcodes.USAGE
        except (ConfigError, PolicyError) as exc:
            err.write(f"traingate: config error: {exc}\n")
            return exitcodes.USAGE
        summary = Summary()
        meter = Meter()
        stream = _stream(repo, gate, options, base, changes, worktree_why, summary, meter)
        try:
            if not wanted(err, os.environ):
                return report(gate, options, stream, summary, out, full_scan=False)
            training = _training(repo, gate.config, options, changes)
            total = sum(file_sizes(repo.root / change.path for change in training))
            with Ticker(Bar(err, total), meter.sample) as ticker:
                shown = ticker.interleave(stream)
                return report(gate, options, shown, summary, out, full_scan=False)
        except (WorkerCrash, GitError) as exc:  # the new content could not all be read
            err.write(f"traingate: {exc}\n")
            return exitcodes.UNREADABLE


def _pre_commit_range(
    repo: Repo, options: CheckOptions, environ: Mapping[str, str]
) -> CheckOptions:
    """``--staged`` run by ``pre-commit run --from-ref A --to-ref B`` (pre-commit in CI),
    where nothing is staged: what ``B`` adds to ``A`` instead, as ``--diff A`` checks it.
    ``B`` must be the checked-out commit, or the check would judge another one."""
    start, end = environ.get("PRE_COMMIT_FROM_REF"), environ.get("PRE_COMMIT_TO_REF")
    if not (options.staged and start and end):
        return options
    if repo.resolve(end) != repo.resolve("HEAD"):
        raise GitError(
            f"pre-commit asked for the changes up to {end!r}, but HEAD is another commit: "
            "check that commit out first"
        )
    return replace(options, diff=start, staged=False)


def _base_revision(repo: Repo, options: CheckOptions) -> str | None:
    """Where the gate's own files are read from; None before the first commit."""
    if options.diff is not None:
        # The base itself, not the merge base: a branch cut before the base's gate got
        # stricter is judged by that gate, as its records will be once merged.
        return repo.resolve(options.diff)
    try:
        return repo.resolve("HEAD")
    except GitError:
        return None


def _gate(repo: Repo, base: str | None, options: CheckOptions) -> tuple[Gate, str]:
    """The gate from the base; from the worktree when asked or before the first commit.

    The second value says why the worktree was used ("" when the base was).
    """
    if options.policy_from == "worktree" or base is None:
        why = "--policy-from worktree" if options.policy_from == "worktree" else "no commit yet"
        read: Read = worktree_reader(repo.root)
    else:
        why = ""
        rev = base
        # The files nearly every run reads at the base, asked of git together.
        known = repo.show_many(rev, GATE_FILES)

        def read(path: str) -> bytes | None:
            return known[path] if path in known else repo.show(rev, path)

    config, read_there = _config(read, repo.root, options)
    return load_gate(config, read_there, extra_policies=options.policies), why


def _config(read: Read, root: Path, options: CheckOptions) -> tuple[Config, Read]:
    """The config, found as the work tree finds it, and a reader of the paths it names
    (relative to its own directory, which is its root)."""
    if options.config is None:
        return _discovered(read, root)
    name = Path(options.config).resolve()
    try:
        relative = PurePosixPath(name.relative_to(root.resolve()).as_posix())
    except ValueError as exc:
        message = "in diff mode the config must be inside the repository"
        raise ConfigError(options.config, 0, message) from exc
    raw = read(str(relative))
    if raw is None:
        raise ConfigError(str(relative), 0, "config file not found at the base revision")
    # Rooted at its directory, as in the work tree: its globs and paths are relative to it.
    there = root / relative.parent
    config = parse_config_bytes(raw, str(relative), there, source=root / relative)
    return config, _read_in(read, relative.parent)


def _discovered(read: Read, root: Path) -> tuple[Config, Read]:
    """The config of the working directory at the base: in it or the nearest directory
    above it (up to the repository root) that has one, as the work tree looks."""
    try:
        start = PurePosixPath(Path.cwd().resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        start = PurePosixPath(".")
    for directory in (start, *start.parents):
        read_there = _read_in(read, directory)
        if directory == PurePosixPath(".") or _holds_config(read_there):
            return config_from_revision(read_there, root / directory), read_there
    raise AssertionError("the walk up ends at the repository root")  # pragma: no cover


def _holds_config(read: Read) -> bool:
    if read(MISNAMED_NAME) is not None or read(YAML_NAME) is not None:
        return True
    raw = read(PYPROJECT_NAME)
    return raw is not None and bool(toml_table(raw, PYPROJECT_NAME))


def _read_in(read: Read, directory: PurePosixPath) -> Read:
    """``read`` for paths relative to ``directory`` (``..`` resolved within the tree)."""
    if directory == PurePosixPath("."):
        return read

    def read_there(path: str) -> bytes | None:
        inside = posixpath.normpath(f"{directory}/{path}")
        return None if inside.startswith("../") or inside == ".." else read(inside)

    return read_there


def _stream(
    repo: Repo,
    gate: Gate,
    options: CheckOptions,
    base: str | None,
    changes: Sequence[Change],
    worktree_why: str,
    summary: Summary,
    meter: Meter,
) -> Iterator[Checked]:
    config = gate.config
    yield from _policy_changes(repo, gate, changes, worktree_why)
    training = _training(repo, config, options, changes)
    yield from changed_file.checked(repo, gate, options, training, summary, meter)
    if config.signed_by and options.diff is not None and base is not None:
        yield from _signatures(repo, gate, options.diff, base)


def _training(
    repo: Repo, config: Config, options: CheckOptions, changes: Sequence[Change]
) -> list[Change]:
    """The changed training files the check reads (deleted ones have nothing to read)."""
    found = []
    for change in changes:
        path = None if change.is_deleted else config_relative(config, repo.root, change.path)
        if path is not None and _selected(config, options, path, change.is_submodule):
            found.append(change)
    return found


def _selected(config: Config, options: CheckOptions, path: str, submodule: bool) -> bool:
    """Whether the change of ``path`` (relative to the config's root) is checked. A
    submodule's files are in another repository: it is taken (to be refused) where they
    could be training files, which the work tree's walk would check."""
    held = submodule and config.may_hold_training_files(path)
    if not (held or config.matches(path)):
        return False
    if not options.paths:
        return True
    root = config.root.resolve()
    for given in options.paths:
        try:
            prefix = Path(given).resolve().relative_to(root).as_posix()
        except ValueError:
            continue
        if prefix in (".", "") or path == prefix or path.startswith(prefix.rstrip("/") + "/"):
            return True
    return False


def _policy_changes(
    repo: Repo, gate: Gate, changes: Sequence[Change], worktree_why: str
) -> Iterator[Checked]:
    config = gate.config
    guarded = {".traingate.yaml", config.baseline}
    guarded |= {ref for ref in config.policies if not ref.startswith("builtin:")}
    if config.signed_by:
        guarded.add(config.signed_by)
    if config.source is not None:  # an explicit --config of any name
        guarded.add(os.path.relpath(config.source, config.root))

    def here(change: Change) -> set[str | None]:
        """The change's paths relative to the config's root (None outside it)."""
        named = (change.path, change.old_path)
        return {config_relative(config, repo.root, path) for path in named if path}

    paths = {path for change in changes for path in here(change) if path is not None}
    pyproject = [change for change in changes if PYPROJECT_NAME in here(change)]
    if any(_configures_traingate(repo, c) for c in pyproject):
        paths.add(PYPROJECT_NAME)
        guarded.add(PYPROJECT_NAME)
    touched = sorted(p for p in paths if p in guarded)
    effect = (
        f"the check used the working tree's version ({worktree_why})"
        if worktree_why
        else "the check used the base version; the change takes effect after merge"
    )
    for path in touched:
        message = f"this change edits the gate's own {path}: {effect}"
        finding = POLICY_CHANGED.finding(shown_path(config.root / path), 0, 0, message)
        yield Checked(finding, path)
    if worktree_why and not touched:
        message = f"the gate's config and policies were read from the working tree ({worktree_why})"
        yield Checked(POLICY_CHANGED.finding(".", 0, 0, message), "")


def _configures_traingate(repo: Repo, change: Change) -> bool:
    """Whether a change of ``pyproject.toml`` touches a ``[tool.traingate]`` table: one
    that the base or the new version has (a version TOML cannot read may have one)."""
    for oid in (change.old_oid, change.new_oid):
        if oid is None:
            continue
        raw = b"".join(repo.blob_chunks(oid))
        try:
            if toml_table(raw, PYPROJECT_NAME) is not None:
                return True
        except ConfigError:
            return True
    return False


def _signatures(repo: Repo, gate: Gate, diff_base: str, base: str) -> Iterator[Checked]:
    config = gate.config
    assert config.signed_by is not None
    allowed = repo.show(base, config.signed_by)
    if allowed is None:
        finding = UNSIGNED_COMMIT.finding(
            config.signed_by, 0, 0, "the allowed signers file is missing at the base revision"
        )
        yield Checked(finding, config.signed_by)
        return
    import tempfile  # only with signed-by, which few repositories set

    with tempfile.NamedTemporaryFile(prefix="traingate-signers-") as signers:
        signers.write(allowed)
        signers.flush()
        problems = repo.verify_commits(diff_base, "HEAD", config.matches, Path(signers.name))
    for problem in problems:
        finding = UNSIGNED_COMMIT.finding(
            config.signed_by,
            0,
            0,
            f"commit {problem.commit[:12]} ({problem.subject}): {problem.message}",
        )
        yield Checked(finding, config.signed_by)
