"""The shipped confusables table: what the generator makes of Unicode's data, and sane."""

# ruff: noqa: RUF001 (look-alike characters are what these tests are about)

from __future__ import annotations

import importlib.util
import unicodedata
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from traingate.text.confusables import folds
from traingate.text.normalize import normalize
from traingate.text.scripts import LOOKALIKE, script_of

ROOT = Path(__file__).parents[2]
SOURCE = ROOT.parent / "shared/data/unicode/confusables.txt"


def _generator() -> ModuleType:
    path = ROOT / "tools" / "gen_confusables.py"
    spec = importlib.util.spec_from_file_location("gen_confusables", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_files_are_what_the_generator_makes() -> None:
    if not SOURCE.exists():
        pytest.skip(f"{SOURCE} is not here (a clone without ../shared)")
    generator = _generator()
    header, _ = generator.parse(SOURCE.read_text(encoding="utf-8"))
    if generator.version(header) != unicodedata.unidata_version:
        pytest.skip("the generator runs on the Python whose Unicode matches the data")
    data = resources.files("traingate.text").joinpath("data")
    for name, content in generator.generate(SOURCE).items():
        assert data.joinpath(name).read_text(encoding="utf-8") == content, name


def test_license_travels_with_the_table() -> None:
    notice = resources.files("traingate.text").joinpath("data/UNICODE-LICENSE.txt")
    text = notice.read_text(encoding="utf-8")
    assert "Copyright © 1991-2022 Unicode, Inc. All rights reserved." in text
    assert "# Version: 14.0.0" in text and "Permission is hereby granted" in text


def test_table_folds_look_alike_letters_to_lower_case_ascii() -> None:
    table = folds()
    assert 300 < len(table) < 1000
    for source, target in table.items():
        assert not source.isascii() and unicodedata.category(source).startswith("L")
        assert script_of(source) in LOOKALIKE
        assert target.isascii() and target.isalpha() and target == target.lower()


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("а", "a"),  # Cyrillic small a
        ("В", "b"),  # Cyrillic capital ve passes for B
        ("в", "b"),  # its small letter passes for small-capital B
        ("І", "i"),  # UTS #39 maps capital-I shapes to l; folded text has no capitals
        ("ǀ", "l"),  # a vertical stroke that is no capital stays l
        ("ᴅ", "d"),  # Latin small capitals fold to their letter
        ("ł", "l"),  # overlays are dropped like accents
        ("Ꮯ", "c"),  # Cherokee
        ("ꓓ", "d"),  # Lisu
    ],
)
def test_folds(source: str, target: str) -> None:
    assert folds()[source] == target


@pytest.mark.parametrize(
    "kept",
    ["١", "०", "ا", "ו", "ס", "丨", "ㅣ", "〇", "ଠ", "ყ", "б", "З", "m", "0", "1", "ſ"],
)
def test_does_not_fold_digits_other_scripts_or_ascii(kept: str) -> None:
    assert kept not in folds()


def test_every_fold_survives_normalization() -> None:
    # A capital folds like its small letter, which passes for another Latin letter here.
    small_wins = {"Η": "n", "Ν": "v", "Υ": "u", "Ӏ": "i"}
    for source, target in folds().items():
        assert normalize(source) == small_wins.get(source, target), source
