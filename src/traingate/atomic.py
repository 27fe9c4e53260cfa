"""Files written whole or not at all.

A new version is written to a file beside the old one and renamed over it once complete,
so a run that fails halfway (a disk that fills, an input that cannot be read, an
interrupt) leaves the old file as it was, and the file being read can be the one written.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO


@contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A binary file whose bytes become ``path``'s when the block ends without an
    exception; until then, and if it raises, ``path`` keeps what it had.

    A symbolic link is followed: the file it names is replaced, and keeps its permission
    bits. A path that exists and is not a regular file (``/dev/null``, a pipe) is written
    directly; a directory raises :class:`IsADirectoryError`. An :class:`OSError` names
    ``path``, not the file beside it.
    """
    target = Path(os.path.realpath(path))
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        if target.exists() and not target.is_file():
            with target.open("wb") as direct:
                yield direct
            return
        with temp.open("xb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        with suppress(FileNotFoundError):
            os.chmod(temp, stat.S_IMODE(target.stat().st_mode))
        os.replace(temp, target)
    except BaseException as exc:
        with suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError) and exc.filename in (None, str(temp), str(target)):
            raise type(exc)(exc.errno, exc.strerror, str(path)) from exc
        raise


def same_file(first: Path, second: Path) -> bool:
    """Whether writing ``first`` and ``second`` would write one regular file (through
    links, or one not made yet named twice); a device such as ``/dev/null`` takes both."""
    one, two = os.path.realpath(first), os.path.realpath(second)
    if os.path.exists(one) and not os.path.isfile(one):
        return False
    if one == two:
        return True
    return os.path.exists(one) and os.path.exists(two) and os.path.samefile(one, two)
