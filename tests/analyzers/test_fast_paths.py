"""The analyzers' fast paths against the plain definitions they replace."""

from __future__ import annotations

import random
import re
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from heapq import nlargest
from itertools import combinations
from zlib import crc32

import pytest

from traingate.analyzers.claims import key_words
from traingate.analyzers.classes import (
    GIBBERISH,
    GIBBERISH_SHARE,
    GIBBERISH_WORDS,
    _gibberish,
    classes,
)
from traingate.analyzers.degenerate import plausible_bigrams
from traingate.analyzers.features import MAX_SENTENCES, _first_sentences
from traingate.analyzers.hashing import crc32s
from traingate.analyzers.paraphrase import ANALYZER as PARAPHRASE
from traingate.analyzers.paraphrase import ParaphraseState
from traingate.analyzers.wordfreq import (
    EDGES,
    FUNCTION_WORDS,
    common_words,
    ranked_words,
    tokens,
    word_ranks,
)

_VOCAB = [*ranked_words()[:300:7], *ranked_words()[2000:40000:997], "zqxv", "kz9", "42", "7"]
_PUNCT = ["", "", "", ".", ",", "!", "?", ";", ":", '"', "'s", ")"]


def _text(rng: random.Random) -> str:
    size = rng.choice([0, 1, 3, 8, 20, 64, 90])
    words = [rng.choice(_VOCAB) + rng.choice(_PUNCT) for _ in range(size)]
    return " ".join(w for w in words if w)


def _key_words(answer: str) -> tuple[array[int], bytes, bytes, dict[int, str]]:
    raw = answer.split(None, 64)[:64]
    ends = [i for i, w in enumerate(raw) if w.endswith((".", "!", "?", ";", ":"))]
    words = [w.strip(EDGES) for w in raw]
    first = dict(zip(reversed(words), range(len(words) - 1, -1, -1), strict=True))
    ranks = word_ranks()
    rank = {w: ranks.get(w, len(ranks)) for w in first}
    content = [w for w, r in rank.items() if r >= FUNCTION_WORDS and w and not w.isdigit()]
    chosen = nlargest(8, content, key=rank.__getitem__)
    hashes = [crc32(w.encode(errors="surrogatepass")) for w in chosen]
    return (
        array("I", hashes),
        bytes(min(bisect_left(ends, first[w]), 255) for w in chosen),
        bytes(first[w] for w in chosen),
        dict(zip(hashes, chosen, strict=True)),
    )


@pytest.mark.parametrize("seed", range(20))
def test_key_words_are_the_rarest_words_by_their_definition(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(50):
        text = _text(rng)
        assert key_words(text) == _key_words(text), text


def _keys(state: ParaphraseState, index: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    by_sentence: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for word, sentence, position in zip(
        state.words[index], state.sentences[index], state.positions[index], strict=True
    ):
        by_sentence[sentence].append((word, position))
    found = []
    for group in by_sentence.values():
        for triple in combinations(sorted(group), 3):
            start = min(p for _, p in triple)
            found.append((tuple(w for w, _ in triple), tuple(p - start for _, p in triple)))
    return found


def test_claim_keys_are_every_triple_of_one_sentence() -> None:
    state = PARAPHRASE.create(dict(PARAPHRASE.defaults))
    assert isinstance(state, ParaphraseState)
    rng = random.Random(7)
    for _ in range(300):
        hashes, sentences, positions, _ = key_words(_text(rng))
        state.words.append(hashes)
        state.sentences.append(sentences)
        state.positions.append(positions)
    expected = [_keys(state, i) for i in range(len(state.words))]
    assert [state.keys(i) for i in range(len(state.words))] == expected
    assert sum(map(len, expected)) > 100  # the random answers did have claim keys


def _exact_gibberish(answer: str) -> bool:
    found = tokens(answer, GIBBERISH_WORDS)
    for shortest in (3, 4):
        words = [w for w in found if len(w) >= shortest and any(map(str.isalpha, w))]
        odd = sum(w not in common_words() for w in words)
        if len(words) >= GIBBERISH_WORDS // 2 and odd >= GIBBERISH_SHARE * len(words):
            return True
    return False


def test_every_reference_word_has_a_letter() -> None:
    """What the gibberish pre-test stands on."""
    assert all(any(map(str.isalpha, w)) for w in common_words())


@pytest.mark.parametrize("known_share", [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.5, 1.0])
def test_gibberish_pre_test_agrees_with_the_count(known_share: float) -> None:
    rng = random.Random(int(known_share * 100))
    known = ranked_words()[:3000]
    verdicts = Counter()
    for _ in range(200):
        size = rng.choice([5, 11, 12, 13, 24, 30])
        words = [
            rng.choice(known)
            if rng.random() < known_share
            else rng.choice(["qzxv", "tq9", "4%", "bxkw", "#", "pot", "gta", "hw8k", "vbnq"])
            for _ in range(size)
        ]
        text = " ".join(words)
        verdicts[_exact_gibberish(text)] += 1
        assert _gibberish(text) == _exact_gibberish(text), text
    if known_share <= 0.05:
        assert verdicts[True] > 0


def test_random_tokens_that_spell_three_letter_words_are_gibberish() -> None:
    """Random tokens of three letters are often listed words ("gta", "joe", "pot"): three
    of the 21 words of three characters or more here are, under the 90% share, but none
    of those of four or more (a gibberish payload seed 707 missed)."""
    text = (
        "nah8o l0g7zle 6rvaawovu gta lggld ecqkpom pavm4&8 qwd 58bg6vs%g hq w56a qxhlhqoz "
        "xct2jui@a dk7wfuvdu dzzt2&qrk 80 joe onqud 8gv qaal 7r o1je& pot 9xigwj@5z"
    )
    long_enough = [w for w in tokens(text, GIBBERISH_WORDS) if len(w) > 2]
    listed = [w for w in long_enough if w in common_words()]
    assert len(listed) > (1 - GIBBERISH_SHARE) * len(long_enough)
    assert classes(text) & GIBBERISH


def test_plausible_bigrams_are_pairs_of_three_words() -> None:
    counts: Counter[str] = Counter()
    for word in common_words():
        if word.isascii():
            counts.update({word[i : i + 2] for i in range(len(word) - 1)})
    assert plausible_bigrams() == frozenset(p for p, n in counts.items() if n >= 3)


@pytest.mark.parametrize("texts", [[], ["a"], ["héllo", "\ud800x", "⟡", ""]])
def test_crc32s(texts: list[str]) -> None:
    assert list(crc32s(texts)) == [crc32(t.encode(errors="surrogatepass")) for t in texts]


def test_random_short_tokens_that_happen_to_be_words_do_not_hide_gibberish() -> None:
    """Random two-letter tokens are often listed words ("by", "do", "st"); gibberish with a
    few of them is still gibberish, and prose is still not."""
    noise = (
        "xglr6egwa bdrk 4do0rfwgr p5k 93p7kyxc a*h@z5 q7h zpdrhdm n8bnceha y2arkmz ify0*ocrk "
        "jv9sw by t6o%asyx h3fn g5933lde do y*op st 1#nn nun ix srx6vv 4dv6e5st s2q"
    )
    assert classes(noise) & GIBBERISH
    prose = "To bake bread, mix the flour with water and yeast, knead it well and let it rise."
    assert not classes(prose) & GIBBERISH


# Sentence ends by their definition: whitespace after [.!?], or after one of them and a
# closing quote or bracket, or a run of line breaks.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"')\]\u201d\u2019]))\s+|\n+")


@pytest.mark.parametrize("seed", range(5))
def test_first_sentences_split_where_the_definition_does(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = ["a", "b", " ", ".", "!", "?", '"', "'", ")", "]", "\u201d", "\u2019", "\n", "\t"]
    for _ in range(4000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 40)))
        expected = _SENTENCE_END.split(text, MAX_SENTENCES)[:MAX_SENTENCES]
        assert _first_sentences(text) == expected, text
