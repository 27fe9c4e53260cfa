"""The shipped confusables table: letters that pass for Latin ones, and their Latin fold.

``data/confusables.txt`` is derived from Unicode's UTS #39 data by
``tools/gen_confusables.py`` (which documents what is kept and why); it is read once, on
first use (through :mod:`traingate.package_data`, so it works from a wheel or a zip).
"""

# ruff: noqa: RUF002 (look-alike characters are what this module is about)

from __future__ import annotations

from functools import cache

from traingate import package_data


@cache
def folds() -> dict[str, str]:
    """Source letter -> the lower-case ASCII letters it folds to (``а`` -> ``a``)."""
    text = package_data.read_text("traingate.text", "data/confusables.txt")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            source, target = line.split(";")
            table[chr(int(source, 16))] = "".join(chr(int(c, 16)) for c in target.split())
    return table
