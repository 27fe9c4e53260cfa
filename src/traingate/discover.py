"""Which files a run checks: explicit paths as given, directories walked by the config globs."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv"})
_SHOWN_FILES = 3


def shown_path(path: Path) -> str:
    """A path as a user wants to read it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else Path(relative).as_posix()


def relative_to(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def collect(
    paths: Sequence[Path],
    root: Path,
    is_training_file: Callable[[str], bool],
    is_excluded: Callable[[str], bool],
    empty: list[Path] | None = None,
) -> Iterator[Path]:
    """Files to check, sorted per directory and without repeats.

    An explicit file is checked even if no glob matches it (the user named it), unless the
    config excludes it; a path that does not exist is passed on so that the reader reports it.
    The directories in which the walk found no file to check are added to ``empty``.
    """
    seen: set[Path] = set()
    for path in paths:
        walked = path.is_dir()
        if walked:
            candidates: Iterator[Path] = _walk(path, root, is_training_file, is_excluded)
        else:
            rel = relative_to(path, root)
            if rel is not None and is_excluded(rel):
                continue
            candidates = iter((path,))
        found = False
        for candidate in candidates:
            found = True
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate
        if walked and not found and empty is not None:
            empty.append(path)


def _walk(
    top: Path,
    root: Path,
    is_training_file: Callable[[str], bool],
    is_excluded: Callable[[str], bool],
) -> Iterator[Path]:
    """The training files under ``top``. A directory that cannot be listed is yielded
    itself, so that the reader reports it unreadable instead of the walk passing over
    the files in it."""
    failed: list[OSError] = []
    for path, rel in _files_under(top, root, failed):
        yield from _unlisted(failed, top)
        if is_training_file(rel) and not is_excluded(rel):
            yield path
    yield from _unlisted(failed, top)


def _files_under(top: Path, root: Path, failed: list[OSError]) -> Iterator[tuple[Path, str]]:
    """Every file under ``top`` and its path relative to ``root`` (or to ``top`` outside
    it), sorted per directory; version-control and tool directories are left out, and
    symbolic links to directories are not followed, as git does not. The directories
    that cannot be listed are added to ``failed``."""
    for dirpath, dirnames, filenames in os.walk(top, onerror=failed.append):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            yield path, relative_to(path, root) or path.relative_to(top).as_posix()


def _unlisted(failed: list[OSError], top: Path) -> Iterator[Path]:
    for error in failed:
        yield Path(error.filename) if error.filename else top
    failed.clear()


def nothing_to_check(
    tops: Sequence[Path],
    root: Path,
    patterns: Sequence[str],
    is_training_file: Callable[[str], bool],
) -> str:
    """Why walking ``tops`` found no file to check: the globs, and the files that are
    there (the first few of those no glob matches, and how many the config excludes)."""
    others: list[str] = []
    count = excluded = 0
    for top in tops:
        for path, rel in _files_under(top, root, []):
            if is_training_file(rel):
                excluded += 1
            else:
                count += 1
                if len(others) < _SHOWN_FILES:
                    others.append(shown_path(path))
    why = [f"no file matches the training-file globs ({', '.join(patterns)})"]
    if excluded:
        why.append(f"{excluded} that do are excluded by the config's `exclude`")
    if count:
        more = ", ..." if count > len(others) else ""
        why.append(f"{count} other file(s) there: {', '.join(others)}{more}")
    shown = ", ".join(shown_path(top) for top in tops)
    return (
        f"nothing to check under {shown}: {'; '.join(why)}. Add their pattern to the config's "
        "`files`, or name the files as arguments."
    )
