"""The key words of an answer that a paraphrased claim keeps: its rarest content words,
with the sentence and position of each (for ``paraphrase-flood``)."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from itertools import repeat
from operator import itemgetter

from traingate.analyzers.hashing import crc32s
from traingate.analyzers.wordfreq import EDGES, FUNCTION_WORDS, word_ranks

WORDS = 8
MAX_TOKENS = 64
_END = re.compile("[.!?;:]")


def key_words(answer: str) -> tuple[array[int], bytes, bytes, dict[int, str]]:
    """The ``WORDS`` rarest content words of ``answer``: their crc32, sentence numbers,
    word positions, and texts."""
    raw = answer.split(None, MAX_TOKENS)[:MAX_TOKENS]
    words = list(map(str.strip, raw, repeat(EDGES)))
    # Each distinct word at its first position (later ones are overwritten going back).
    first = dict(zip(reversed(words), range(len(words) - 1, -1, -1), strict=True))
    ranks = word_ranks()
    rank = dict(zip(first, map(ranks.get, first, repeat(len(ranks))), strict=True))
    content = [w for w, r in rank.items() if r >= FUNCTION_WORDS and w and not w.isdigit()]
    # As heapq.nlargest, whose documented equivalent this is, but in one C-level sort.
    chosen = sorted(content, key=rank.__getitem__, reverse=True)[:WORDS]
    if not chosen:
        return array("I"), b"", b"", {}
    # The last character of each word, one per word: the sentence ends are found in C.
    ends = [m.start() for m in _END.finditer("".join(map(itemgetter(-1), raw)))]
    at = list(map(first.__getitem__, chosen))
    hashes = list(crc32s(chosen))
    return (
        array("I", hashes),
        bytes(min(bisect_left(ends, i), 255) for i in at),
        bytes(at),
        dict(zip(hashes, chosen, strict=True)),
    )
