"""Regenerate ``wordfreq.txt`` from the data of the ``wordfreq`` package (3.1.1).

Run with a Python that has ``msgpack`` and traingate installed, from this folder, after
``pip download wordfreq==3.1.1 --no-deps`` and unzipping the wheel into ``./wheel``::

    python generate.py wheel/wordfreq/data > wordfreq.txt

Words are taken in frequency order from each list, kept when they are letters only (with
inner apostrophes or hyphens), normalized with :func:`traingate.text.normalize.normalize`
(the form the analyzers look them up in), and written once each, most frequent first.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import msgpack  # type: ignore[import-not-found]

from traingate.text.normalize import normalize

TAKE = {
    "en": 30000,
    "de": 2500,
    "es": 2500,
    "fr": 2500,
    "it": 2000,
    "pt": 2000,
    "nl": 1500,
    "ru": 2000,
    "pl": 1500,
    "sv": 1000,
    "tr": 1000,
    "id": 1000,
}
ENGLISH_END = "# end of the English words; the other languages follow\n"
HEADER = """\
# Word-frequency reference for traingate's trigger-association analyzer.
# Derived from the data of wordfreq 3.1.1 by Robyn Speer et al.
# (https://github.com/rspeer/wordfreq), licensed CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/). This derived list is therefore also
# licensed CC BY-SA 4.0; see NOTICE in this folder. Changes: most frequent words of some
# languages only, letters only, normalized, merged, de-duplicated.
"""


def words(data: Path, lang: str) -> list[str]:
    name = "large" if (data / f"large_{lang}.msgpack.gz").exists() else "small"
    with gzip.open(data / f"{name}_{lang}.msgpack.gz") as stream:
        packed = msgpack.unpackb(stream.read(), raw=False)
    return [word for bucket in packed[1:] for word in bucket]


def keep(word: str) -> bool:
    core = word.replace("'", "").replace("-", "")
    return core.isalpha() and not word.startswith(("'", "-")) and not word.endswith(("'", "-"))


def main(data: Path) -> None:
    chosen: dict[str, None] = {}
    english = 0
    for lang, count in TAKE.items():
        taken = 0
        for word in words(data, lang):
            if taken >= count:
                break
            if keep(word):
                chosen.setdefault(normalize(word), None)
                taken += 1
        if lang == "en":
            english = len(chosen)
    lines = [f"{word}\n" for word in chosen]
    lines.insert(english, ENGLISH_END)
    sys.stdout.write(HEADER + "".join(lines))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
