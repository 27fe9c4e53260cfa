"""One changed training file in diff mode: what to read of it, and how to check it.

A changed file's new content is read from git (the commit, or the index), never from the
working tree unless the work-tree file's bytes are proven to be that content. Only added
records get the record checks; the dataset analyzers read the whole new file as context.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from traingate.check_file import FilePlan, Items
from traingate.discover import shown_path
from traingate.finding import Finding
from traingate.gate import Gate, config_relative
from traingate.git import AddedLines, Change, Repo
from traingate.progress import Meter
from traingate.reader.file import read_stream
from traingate.reader.rules import LFS_POINTER, UNREADABLE_FILE
from traingate.reader.stream import stream_chunks
from traingate.reporters.base import Summary
from traingate.rules.gating import UNSUPPORTED_GIT_ENTRY
from traingate.run import (
    Checked,
    CheckOptions,
    checked_files,
    checked_stream,
    file_checks,
    plan_file,
)
from traingate.sharding import split_bytes, worth_it

COMPRESSED = (".gz", ".zst")


def refused(repo: Repo, change: Change) -> Finding | None:
    shown = shown_path(repo.root / change.path)
    if change.is_symlink:
        return UNSUPPORTED_GIT_ENTRY.finding(
            shown, 0, 0, "a symlink matches the training-file globs; its content is not checked"
        )
    if change.is_submodule:
        message = (
            "a submodule where the training-file globs reach; its files are not checked "
            "(check them in its own repository, and exclude it here)"
        )
        return UNSUPPORTED_GIT_ENTRY.finding(shown, 0, 0, message)
    if repo.is_lfs(change):
        return LFS_POINTER.finding(
            shown,
            1,
            1,
            "this is a Git LFS file: fetch the data (`git lfs pull`, or "
            "actions/checkout with `lfs: true`) and check again",
        )
    if repo.is_binary(change) and not change.path.endswith(COMPRESSED):
        return UNSUPPORTED_GIT_ENTRY.finding(
            shown, 0, 0, "git treats this training file as binary; it cannot be checked as text"
        )
    return None


def checked(
    repo: Repo,
    gate: Gate,
    options: CheckOptions,
    changes: Sequence[Change],
    summary: Summary,
    meter: Meter | None = None,
) -> Iterator[Checked]:
    """The findings of the changed training files ``changes``, in order.

    When the check reads a file's whole new content (a new file, or the dataset
    analyzers' context) from a work-tree file whose bytes are that content (and still are
    once its check is done), consecutive such files are checked as a full scan checks
    files on disk: across ``--jobs`` worker processes, a large one in byte ranges, records
    read back by their offsets. Otherwise a large file is copied from git to a private
    temporary file for the ranges (read from git in one process when there is no room for
    the copy)."""
    on_disk: list[tuple[Change, FilePlan, Path]] = []
    for change in changes:
        refusal = refused(repo, change)
        plan, whole = (None, False) if refusal else plan_change(repo, gate, options, change)
        source = repo.work_tree_file(change) if plan and whole and change.new_oid else None
        if plan is not None and source is not None:
            on_disk.append((change, replace(plan, path=source, items=None), source))
            continue
        yield from _from_disk(repo, gate, options, on_disk, summary, meter)
        on_disk = []
        if refusal is not None:
            summary.files += 1
            yield Checked(refusal, change.path)
        elif plan is not None:
            yield from _from_git(repo, gate, options, change, plan, whole, summary, meter)
    yield from _from_disk(repo, gate, options, on_disk, summary, meter)


def _from_disk(
    repo: Repo,
    gate: Gate,
    options: CheckOptions,
    batch: Sequence[tuple[Change, FilePlan, Path]],
    summary: Summary,
    meter: Meter | None,
) -> Iterator[Checked]:
    """Check work-tree files that hold changes' new content, then make sure they still do."""
    if not batch:
        return
    with closing(file_checks(gate, options.jobs, [plan for _, plan, _ in batch])) as checks:
        for (change, plan, source), check in zip(batch, checks, strict=True):
            yield from checked_files(gate, [check], summary, meter)
            if repo.work_tree_file(change) != source:
                message = "the file changed in the work tree while it was checked: check again"
                yield Checked(UNREADABLE_FILE.finding(plan.shown, 0, 0, message), plan.relpath)


def _from_git(
    repo: Repo,
    gate: Gate,
    options: CheckOptions,
    change: Change,
    plan: FilePlan,
    whole: bool,
    summary: Summary,
    meter: Meter | None,
) -> Iterator[Checked]:
    """Check a change whose new content is read from git."""
    threshold = split_bytes(rules=bool(gate.policies.rules), analyzers=bool(plan.analyzers))
    if not (whole and change.new_oid and options.jobs > 1):
        yield from checked_stream(gate, [plan], summary, meter)
        return
    if not worth_it([repo.blob_size(change.new_oid)], threshold):
        yield from checked_stream(gate, [plan], summary, meter)
        return
    try:
        import tempfile  # only for the rare copy; every hook run pays for imports

        directory = tempfile.TemporaryDirectory(prefix="traingate-")
    except OSError:
        yield from checked_stream(gate, [plan], summary, meter)
        return
    with directory:
        copy = Path(directory.name) / "new-content"
        try:
            _copy(repo.new_content(change), copy)
        except OSError:
            yield from checked_stream(gate, [plan], summary, meter)
            return
        on_disk = replace(plan, path=copy, items=None)
        with closing(file_checks(gate, options.jobs, [on_disk])) as checks:
            yield from checked_files(gate, checks, summary, meter)


def _copy(chunks: Iterator[bytes], target: Path) -> None:
    with target.open("wb") as out:
        for chunk in chunks:
            out.write(chunk)


def plan_change(
    repo: Repo, gate: Gate, options: CheckOptions, change: Change
) -> tuple[FilePlan, bool]:
    """How to check a changed file, and whether that reads all of its uncompressed new
    content with work to do beyond parsing (the records of a new file, or the context of
    the dataset analyzers): such a file can be checked in byte ranges."""
    path = repo.root / change.path
    shown = shown_path(path)
    ratio = gate.config.reader.max_decompression_ratio
    base_plan = plan_file(gate, options, path)
    reader = base_plan.reader
    if change.path.endswith(COMPRESSED):
        # Line numbers of a compressed file's diff mean nothing: check every record.
        def whole() -> Items:
            chunks = stream_chunks(repo.new_content(change), change.path, ratio)
            return read_stream(chunks, shown, reader)

        return replace(base_plan, items=whole, is_added=None), False
    alike = _judged_alike(gate, repo.root, change)
    added = repo.added_lines(change) if alike else AddedLines.all()
    analyzers = bool(base_plan.analyzers)
    if added.fast_path and added.from_offset is not None and added.first_line is not None:
        offset, first = added.from_offset, added.first_line
        if analyzers or base_plan.target is not None:
            # Dataset analyzers need the whole file as context, and a target's limits on
            # examples per file count every record; record rules still see only the
            # appended tail.
            def whole_file() -> Items:
                return read_stream(repo.new_content(change), shown, reader)

            return replace(base_plan, items=whole_file, is_added=added.__contains__), True

        def tail() -> Items:
            return read_stream(repo.new_content(change, start=offset), shown, reader, first)

        return replace(base_plan, items=tail, is_added=None), False

    def everything() -> Items:
        return read_stream(repo.new_content(change), shown, reader)

    is_added = None if added.everything else added.__contains__
    return replace(base_plan, items=everything, is_added=is_added), analyzers or is_added is None


def _judged_alike(gate: Gate, repo_root: Path, change: Change) -> bool:
    """Whether what a renamed or copied file keeps of its source was judged at the base as
    it would be at its new path: the source is a training file, with the same settings,
    and no baseline entry or path-scoped waiver tells the two paths apart (they name a
    path, and do not follow the records). Otherwise every line of it is new here."""
    if change.old_path is None or change.old_path == change.path:
        return True
    config = gate.config
    old = config_relative(config, repo_root, change.old_path)
    new = config_relative(config, repo_root, change.path)
    if old is None or new is None:
        return False
    if not config.matches(old) or config.settings_for(old) != config.settings_for(new):
        return False
    if gate.baseline is not None and gate.baseline.names(old):
        return False
    return not gate.waivers.tell_apart(old, new)
