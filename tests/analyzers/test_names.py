"""Naming word hashes: listed words from the reference, the others from what was kept."""

from __future__ import annotations

from traingate.analyzers.hashing import crc32s
from traingate.analyzers.names import WordNames, reference_names


def _key(word: str) -> int:
    return next(crc32s([word]))


def test_listed_words_are_named_from_the_reference_and_not_kept() -> None:
    names = WordNames()
    names.note({_key("garden"): "garden", _key("zorbex"): "zorbex"})
    assert names.kept == {_key("zorbex"): "zorbex"}
    assert names.name(_key("garden")) == "garden"
    assert names.name(_key("zorbex")) == "zorbex"
    assert names.name(_key("qqqunseen")) == f"#{_key('qqqunseen'):08x}"


def test_merge_keeps_what_either_shard_kept() -> None:
    first, second = WordNames(), WordNames()
    first.note({_key("zorbex"): "zorbex"})
    second.note({_key("velmora"): "velmora"})
    first.merge(second)
    assert first.name(_key("velmora")) == "velmora" and first.name(_key("zorbex")) == "zorbex"


def test_reference_names_cover_the_list() -> None:
    names = reference_names()
    assert names[_key("the")] == "the" and names[_key("nicht")] == "nicht"
    assert len(names) > 40_000
