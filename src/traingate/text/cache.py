"""A small on-disk cache of plain JSON data, for work every run would otherwise repeat.

Entries live in ``$TRAINGATE_CACHE_DIR``, else ``$XDG_CACHE_HOME/traingate``, else
``~/.cache/traingate``; each is named by a SHA-256 of its inputs and the package version,
so a changed input or a new release never reads a stale entry. The cache is data, not
code: entries are JSON, written atomically, and an entry that is missing, unreadable or
malformed reads as absent (the caller rebuilds it). Failing to write is silent: a read-only
home costs time, never correctness.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from traingate import __version__


def directory() -> Path:
    explicit = os.environ.get("TRAINGATE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "traingate"


def key(kind: str, *parts: str | bytes) -> str:
    """A file name for an entry of ``kind`` computed from ``parts``."""
    digest = hashlib.sha256(f"{kind}\0{__version__}".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return f"{kind}-{digest.hexdigest()[:40]}.json"


def load(name: str) -> Any:
    """The JSON value stored under ``name``, or ``None``."""
    try:
        with (directory() / name).open("rb") as stream:
            return json.loads(stream.read())
    except (OSError, ValueError, RecursionError):
        return None


def store(name: str, value: Any) -> None:
    """Store ``value`` under ``name`` (atomically; errors are ignored, and so is a value
    JSON cannot hold)."""
    import tempfile  # only to write, which a run whose entries exist never does

    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: escaped, it reads back the same
            data = json.dumps(value, separators=(",", ":")).encode("ascii")
    except (TypeError, ValueError, RecursionError):
        return
    folder = directory()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, folder / name)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return


def prune(kind: str, keep: int) -> None:
    """Delete all but the ``keep`` most recently written entries of ``kind`` (errors are
    ignored), for kinds whose inputs change often."""
    prefix = f"{kind}-"
    try:
        with os.scandir(directory()) as listing:
            entries = [(e.stat().st_mtime_ns, e.path) for e in listing if e.name.startswith(prefix)]
        for _, path in sorted(entries, reverse=True)[keep:]:
            os.unlink(path)
    except OSError:
        return
