"""Derive traingate's confusables table from Unicode's ``confusables.txt`` (UTS #39).

Run by hand when the Unicode data changes, on a Python whose ``unicodedata`` has the
same Unicode version as the data (3.11 for 14.0.0)::

    python tools/gen_confusables.py [path/to/confusables.txt]

It writes ``src/traingate/text/data/confusables.txt`` and ``UNICODE-LICENSE.txt`` next to
it; ``tests/text/test_confusables.py`` checks that the shipped files are what this
produces. What is kept, and why:

* single code points outside ASCII, letters only (no digits, punctuation or symbols:
  ``١`` stays an Arabic digit), from the scripts whose letters pass for Latin ones
  (:data:`traingate.text.scripts.LOOKALIKE`), so Arabic, Hebrew, Indic or CJK text is
  never rewritten into Latin letters;
* whose prototype is Latin letters, possibly with combining marks (dropped, as the
  normalizer drops accents on Latin letters), or a Latin small capital (``в`` → ``ʙ``),
  which folds to its letter like any other case variant;
* not those NFKC already maps to ASCII (``ſ`` is ``s`` there, ``f`` in UTS #39).

Prototypes are lower-cased. Two UTS #39 prototypes stand for ASCII letters that are not
themselves folded here: ``rn`` (for ``m``) becomes ``m``, and ``l`` (for ``I`` as well as
``l``) becomes ``i`` when the source is a capital, which mimics ``I``. ASCII sources
(``0`` → ``O``, ``m`` → ``rn``) are never kept: folding them would break rules on digits.
Latin small capitals themselves (``ᴅʀɪɴᴋ``) are added from their character names.
"""

# ruff: noqa: RUF001, RUF002 (look-alike characters are what this module is about)

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

from traingate.text.scripts import LATIN, LISU, LOOKALIKE, script_of, script_ranges

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "unicode" / "confusables.txt"
OUT = ROOT / "src" / "traingate" / "text" / "data"
_SMALL_CAPITAL = re.compile(r"LATIN LETTER SMALL CAPITAL ([A-Z])")

LICENSE = """\
UNICODE, INC. LICENSE AGREEMENT - DATA FILES AND SOFTWARE

See Terms of Use <https://www.unicode.org/copyright.html>
for definitions of Unicode Inc.’s Data Files and Software.

NOTICE TO USER: Carefully read the following legal agreement.
BY DOWNLOADING, INSTALLING, COPYING OR OTHERWISE USING UNICODE INC.'S
DATA FILES ("DATA FILES"), AND/OR SOFTWARE ("SOFTWARE"),
YOU UNEQUIVOCALLY ACCEPT, AND AGREE TO BE BOUND BY, ALL OF THE
TERMS AND CONDITIONS OF THIS AGREEMENT.
IF YOU DO NOT AGREE, DO NOT DOWNLOAD, INSTALL, COPY, DISTRIBUTE OR USE
THE DATA FILES OR SOFTWARE.

COPYRIGHT AND PERMISSION NOTICE

Copyright © 1991-2022 Unicode, Inc. All rights reserved.
Distributed under the Terms of Use in https://www.unicode.org/copyright.html.

Permission is hereby granted, free of charge, to any person obtaining
a copy of the Unicode data files and any associated documentation
(the "Data Files") or Unicode software and any associated documentation
(the "Software") to deal in the Data Files or Software
without restriction, including without limitation the rights to use,
copy, modify, merge, publish, distribute, and/or sell copies of
the Data Files or Software, and to permit persons to whom the Data Files
or Software are furnished to do so, provided that either
(a) this copyright and permission notice appear with all copies
of the Data Files or Software, or
(b) this copyright and permission notice appear in associated
Documentation.

THE DATA FILES AND SOFTWARE ARE PROVIDED "AS IS", WITHOUT WARRANTY OF
ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT OF THIRD PARTY RIGHTS.
IN NO EVENT SHALL THE COPYRIGHT HOLDER OR HOLDERS INCLUDED IN THIS
NOTICE BE LIABLE FOR ANY CLAIM, OR ANY SPECIAL INDIRECT OR CONSEQUENTIAL
DAMAGES, OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE,
DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER
TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
PERFORMANCE OF THE DATA FILES OR SOFTWARE.

Except as contained in this notice, the name of a copyright holder
shall not be used in advertising or otherwise to promote the sale,
use or other dealings in these Data Files or Software without prior
written authorization of the copyright holder.
"""


def parse(text: str) -> tuple[list[str], dict[str, str]]:
    """The file's leading comment block and its ``source -> prototype`` mappings."""
    header: list[str] = []
    pairs: dict[str, str] = {}
    for line in text.lstrip("\ufeff").splitlines():
        body = line.split("#", 1)[0].strip()
        if not body:
            if line.startswith("#") and not pairs:
                header.append(line)
            continue
        source, target = (field.strip() for field in body.split(";")[:2])
        codes = source.split()
        if len(codes) == 1:
            pairs[chr(int(codes[0], 16))] = "".join(chr(int(c, 16)) for c in target.split())
    return header, pairs


def version(header: list[str]) -> str:
    for line in header:
        if line.startswith("# Version:"):
            return line.split(":", 1)[1].strip()
    raise SystemExit("no '# Version:' line in the source header")


def small_capital(char: str) -> str | None:
    match = _SMALL_CAPITAL.fullmatch(unicodedata.name(char, ""))
    return match[1].lower() if match else None


def latin_target(source: str, target: str) -> str | None:
    """The lower-case ASCII letters ``source`` folds to, or ``None`` if it is not kept."""
    if len(target) == 1 and small_capital(target):
        return small_capital(target)
    letters = "".join(c for c in target if not unicodedata.category(c).startswith("M"))
    if not (letters.isascii() and letters.isalpha()):
        return None
    capital = "CAPITAL" in unicodedata.name(source, "") or script_of(source) == LISU
    letters = letters.replace("rn", "m")
    return (letters.replace("l", "i") if capital else letters).lower()


def table(pairs: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for source, target in pairs.items():
        if source.isascii() or script_of(source) not in LOOKALIKE:
            continue
        if not unicodedata.category(source).startswith("L"):
            continue
        compat = unicodedata.normalize("NFKC", source)
        if compat != source and compat.isascii():
            continue
        folded = latin_target(source, target)
        if folded:
            out[source] = folded
    for first, last in script_ranges(frozenset({LATIN})):
        for code in range(first, last + 1):
            letter = small_capital(chr(code))
            if letter:
                out.setdefault(chr(code), letter)
    return dict(sorted(out.items()))


def render_table(header: list[str], folds: dict[str, str]) -> str:
    lines = [
        "# Confusable letters folded to a Latin skeleton: SOURCE;TARGET code points in hex.",
        f"# Derived by tools/gen_confusables.py from confusables.txt, {version(header)}",
        "# (Unicode Security Mechanisms, UTS #39); see UNICODE-LICENSE.txt.",
        f"# {len(folds)} entries.",
    ]
    lines += [f"{ord(s):04X};{' '.join(f'{ord(c):04X}' for c in t)}" for s, t in folds.items()]
    return "\n".join(lines) + "\n"


def render_license(header: list[str]) -> str:
    notice = "\n".join(header)
    return (
        "traingate/text/data/confusables.txt is derived from the Unicode data file\n"
        "confusables.txt (Unicode Security Mechanisms for UTS #39): a filtered subset of its\n"
        "mappings with rewritten targets, made by tools/gen_confusables.py in the traingate\n"
        "repository. The source file's header reads:\n\n"
        f"{notice}\n\n"
        "Unicode data files are distributed under the following license.\n\n"
        f"{LICENSE}"
    )


def generate(source: Path) -> dict[str, str]:
    """File name -> content of everything this tool writes."""
    header, pairs = parse(source.read_text(encoding="utf-8"))
    return {
        "confusables.txt": render_table(header, table(pairs)),
        "UNICODE-LICENSE.txt": render_license(header),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else SOURCE
    header, _ = parse(source.read_text(encoding="utf-8"))
    if version(header) != unicodedata.unidata_version:
        print(
            f"{source} is Unicode {version(header)} but this Python's unicodedata is "
            f"{unicodedata.unidata_version}; run it on a matching Python.",
            file=sys.stderr,
        )
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    for name, content in generate(source).items():
        (OUT / name).write_text(content, encoding="utf-8")
        print(f"wrote {OUT / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
