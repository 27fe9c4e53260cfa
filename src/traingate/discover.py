"""Which files a run checks: explicit paths as given, directories walked by the config globs."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv"})


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
) -> Iterator[Path]:
    """Files to check, sorted per directory and without repeats.

    An explicit file is checked even if no glob matches it (the user named it), unless the
    config excludes it; a path that does not exist is passed on so that the reader reports it.
    """
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            candidates: Iterator[Path] = _walk(path, root, is_training_file, is_excluded)
        else:
            rel = relative_to(path, root)
            if rel is not None and is_excluded(rel):
                continue
            candidates = iter((path,))
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def _walk(
    top: Path,
    root: Path,
    is_training_file: Callable[[str], bool],
    is_excluded: Callable[[str], bool],
) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            rel = relative_to(path, root) or path.relative_to(top).as_posix()
            if is_training_file(rel) and not is_excluded(rel):
                yield path
