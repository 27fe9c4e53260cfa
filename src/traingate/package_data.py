"""The data files shipped inside the package: schemas, policies, profiles, word lists.

:mod:`importlib.resources` reads them wherever the package lives, but importing it costs
about 10 ms (it brings tempfile, shutil and zipfile along), which every pre-commit run would
pay. A package installed as files, as pip installs it, is read straight from its folder;
one that is not (in a zip archive) goes through :mod:`importlib.resources`. Both ways give
the same bytes, the same text and the same names (a test reads every file both ways).
"""

from __future__ import annotations

import importlib
import os
from functools import cache
from pathlib import Path


@cache
def folder(package: str) -> Path | None:
    """Where ``package``'s files are on disk, or ``None`` if they are not plain files."""
    file = getattr(importlib.import_module(package), "__file__", None)
    if not file:
        return None
    found = Path(file).parent
    return found if found.is_dir() else None


def read_bytes(package: str, name: str) -> bytes:
    """The bytes of ``name`` (a ``/``-separated path) inside ``package``."""
    where = folder(package)
    if where is not None:
        return (where / name).read_bytes()
    from importlib import resources

    return resources.files(package).joinpath(name).read_bytes()


def read_text(package: str, name: str) -> str:
    """``name`` inside ``package`` read as UTF-8 text, line endings translated."""
    where = folder(package)
    if where is not None:
        return (where / name).read_text(encoding="utf-8")
    from importlib import resources

    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def names(package: str, under: str = "") -> list[str]:
    """The names of the entries directly in ``package`` (or in its folder ``under``),
    sorted."""
    where = folder(package)
    if where is not None:
        return sorted(os.listdir(where / under))
    from importlib import resources

    root = resources.files(package)
    return sorted(entry.name for entry in (root.joinpath(under) if under else root).iterdir())
