"""The on-disk cache: JSON only, rebuilt when missing or malformed, never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import pytest

from traingate.text import cache, tables
from traingate.text.images import build_images


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRAINGATE_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_store_and_load_round_trip(folder: Path) -> None:
    name = cache.key("test", "a", b"b")
    assert cache.load(name) is None
    cache.store(name, {"x": [1, "é"]})
    assert cache.load(name) == {"x": [1, "é"]}
    assert [p.name for p in folder.iterdir()] == [name]


def test_key_depends_on_every_part() -> None:
    assert cache.key("k", "ab", "c") != cache.key("k", "a", "bc")
    assert cache.key("k", "a") != cache.key("j", "a")


def test_a_folder_that_cannot_be_made_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("TRAINGATE_CACHE_DIR", str(tmp_path / "file" / "cache"))
    cache.store("x.json", 1)
    assert cache.load("x.json") is None


@pytest.mark.parametrize(
    "entry",
    [
        "not json",
        '{"codes": [1], "images": [2], "marks": [], "leading": [], "changing": []}',
        '{"codes": [true], "images": ["a"], "marks": [], "leading": [], "changing": []}',
        '{"codes": [1.0], "images": ["a"], "marks": [], "leading": [], "changing": []}',
        '{"codes": [1114112], "images": ["a"], "marks": [], "leading": [], "changing": []}',
        '{"codes": [-1], "images": ["a"], "marks": [], "leading": [], "changing": []}',
        '{"codes": [1, 2], "images": ["a"], "marks": [], "leading": [], "changing": []}',
        '{"codes": [1, 1], "images": ["a", "b"], "marks": [], "leading": [], "changing": []}',
        '{"codes": {}, "images": [], "marks": [], "leading": [], "changing": []}',
        '{"images": [[1, "a"]], "marks": [], "leading": [], "changing": []}',
        '{"codes": [], "images": [], "marks": [[1]], "leading": [], "changing": []}',
        '{"codes": [], "images": [], "marks": [[2, 1]], "leading": [], "changing": []}',
        '{"codes": [], "images": [], "marks": [], "leading": []}',
        '{"codes": [], "images": [], "marks": [], "leading": [], "changing": [], "more": 1}',
        "[]",
    ],
)
def test_tables_are_rebuilt_from_a_malformed_entry(folder: Path, entry: str) -> None:
    built = tables._images()
    assert built[:2] == build_images()
    (path,) = folder.iterdir()
    assert tables._valid(cache.load(path.name)) == built
    path.write_text(entry)
    assert tables._images() == built
    assert tables._valid(cache.load(path.name)) == built


def test_values_json_cannot_hold_are_not_stored(folder: Path) -> None:
    cache.store("set.json", {"x": {1, 2}})
    cache.store("tuple-key.json", {(1, 2): "tuple key"})
    assert list(folder.iterdir()) == []
    cache.store("surrogate.json", ["\ud800", "é"])
    assert cache.load("surrogate.json") == ["\ud800", "é"]
