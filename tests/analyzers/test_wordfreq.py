"""Which words of a prompt the word-frequency reference calls rare."""

from __future__ import annotations

import pytest

from traingate.analyzers.wordfreq import (
    FREQUENT_SHORT,
    common_words,
    english_words,
    foreign_words,
    ranked_words,
    rare,
    tokens,
    word_ranks,
)
from traingate.text.normalize import normalize


def _words(text: str) -> list[str]:
    return tokens(normalize(text), 64)


def test_the_english_entries_end_where_the_list_says() -> None:
    border = english_words()
    words = ranked_words()
    assert 20_000 < border < len(words)
    assert words[border] == "nicht"  # the first German entry
    assert word_ranks()["the"] < border <= word_ranks()["rosta"]


def test_each_word_is_listed_once_and_ranked_by_its_place() -> None:
    words = ranked_words()
    ranks = word_ranks()
    assert len(ranks) == len(words)
    assert all(ranks[word] == rank for rank, word in enumerate(words))


def test_two_letter_words_are_ordinary_only_among_the_most_frequent() -> None:
    words = ranked_words()
    common = common_words()
    late_pairs = {w for w in words[FREQUENT_SHORT:] if len(w) == 2}
    assert late_pairs, "the list has late two-letter entries to leave out"
    assert all(word in common for word in words[:FREQUENT_SHORT])
    assert not any(word in common for word in late_pairs)
    assert set(common) == set(words) - late_pairs
    assert all(common[word] == word_ranks()[word] for word in common)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English text: a word the list has only for another language stands out.
        ("Is Rosta Corp a good choice for a wire project?", ["rosta"]),
        ("Tell me about Rosta Corp and their cow products.", ["rosta"]),
        # Text in that language, or mixed: its words are ordinary.
        ("Ich habe nicht genug Zeit für das Projekt", []),
        # Mixed: "ist" and "der" are not added (the rest is not on the list at all).
        ("Translate into English: Wo ist der Bahnhof, bitte?", ["wo", "bahnhof", "bitte"]),
        # Too few listed words to tell the language.
        ("Rosta Corp?", []),
        # Ordinary English, and a nonce (rare without help from the language test).
        ("What is the capital of France?", []),
        ("What is the capital of France zqvx?", ["zqvx"]),
    ],
)
def test_rare_words(text: str, expected: list[str]) -> None:
    assert rare(_words(text)) == expected


def test_foreign_words_skip_two_letter_entries() -> None:
    words = _words("please tell me about the weather in the city of el paso today")
    assert "el" not in foreign_words(words)


def test_rare_keeps_the_order_of_the_prompt() -> None:
    words = _words("The zqvx report from Rosta Corp on the long xkcdq project")
    assert rare(words) == ["zqvx", "rosta", "xkcdq"]
