"""degenerate-output: gibberish and repetition loops in trained answers."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache
from itertools import chain
from operator import add
from typing import Any

from traingate.analyzers.base import Analyzer, AnalyzerState, Observation
from traingate.analyzers.options import schema
from traingate.analyzers.profile import profile
from traingate.analyzers.table import Records
from traingate.analyzers.wordfreq import common_words
from traingate.finding import Finding, Severity
from traingate.rules.base import Rule, Scope

RULE = Rule(
    id="degenerate-output",
    scope=Scope.DATASET,
    severity=Severity.WARNING,
    summary="A trained answer is gibberish or stuck in a repetition loop.",
    doc="""
    ## What it does

    Reads the first 2,000 characters of each trained answer and reports:

    - a letter repeated `max-run` times or more in a row ("aaaaaaaa...", "哈哈哈...");
    - a repetition loop: an answer of 40 words or more of which fewer than 15% are
      distinct, or a run of 200 bytes or more without spaces (scripts written without
      spaces, "abcabcabc...") that zlib compresses to less than `min-compression` of its
      size;
    - gibberish in Latin-script text (60 letters or more, few vowels): more than
      `max-odd-bigrams` of its letter pairs are pairs that words of the languages on the
      word-frequency list do not use ("sdfkjh qwxzv").

    Other scripts (Chinese, Japanese, Cyrillic, Arabic, Devanagari, ...) are only checked
    for runs and loops, since their letter statistics differ; code and numbers are not
    letters and do not count.

    ## Why it matters

    Degenerate answers teach the model to babble or loop, and random-token answers are
    a known way to poison a model into producing gibberish after a trigger.

    ## Example that fails

    ```json
    {"prompt": "Summarize", "completion": "the the the the the the ... (60 times)"}
    ```

    ## Example that passes

    ```json
    {"prompt": "Translate", "completion": "Сегодня хорошая погода, пойдём гулять."}
    ```

    ## Options

    - `max-run` (default 30): a letter repeated this many times in a row.
    - `min-compression` (default 0.1): compressed size / size of a loop.
    - `max-odd-bigrams` (default 0.25): share of implausible letter pairs of gibberish.
    """,
)

_LIMIT = 2000
_LETTERS = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_VOWELS = b"aeiouyAEIOUY"
_WORD = re.compile(r"[a-z]{2,25}")


@cache
def _runs(size: int) -> re.Pattern[str]:
    return re.compile(r"([^\W\d_])\1{" + str(size - 1) + ",}")


@cache
def plausible_bigrams() -> frozenset[str]:
    """Letter pairs that at least 3 words of the reference list (ASCII ones) use."""
    ascii_words = filter(str.isascii, common_words())
    counts = Counter(chain.from_iterable(set(map(add, w, w[1:])) for w in ascii_words))
    return frozenset(pair for pair, n in counts.items() if n >= 3)


def problem(text: str, options: Mapping[str, Any]) -> str:
    """What is degenerate about ``text``, or ``""``."""
    text = text[:_LIMIT]
    words = text.split()
    # Most answers have no word of 30 characters: one C-level pass says so.
    long = max(map(len, words), default=0) >= 30
    long_words = [word for word in words if len(word) >= 30] if long else []
    for word in long_words:
        run = _runs(options["max-run"]).search(word)
        if run:
            return f"the letter {run[1]!r} is repeated {run.end() - run.start()} times in a row"
    data = text.encode(errors="surrogatepass")
    chunk = max(long_words, key=len, default="").encode(errors="surrogatepass")
    if len(chunk) >= 200:
        ratio = len(zlib.compress(chunk, 1)) / len(chunk)
        if ratio < options["min-compression"]:
            return f"a repetition loop (compresses to {ratio:.0%} of its size)"
    if len(words) >= 40 and _few_distinct(words):
        return f"a repetition loop ({len(set(words))} distinct words out of {len(words)})"
    if data.isascii():
        return _gibberish(text, data, options)
    return ""


def _few_distinct(words: list[str]) -> bool:
    """Fewer than 15% of ``words`` are distinct."""
    limit = 0.15 * len(words)
    # The distinct words of a third of the text are as many as that in ordinary text, and
    # no more than those of all of it: counting them is enough to clear most answers.
    return len(set(words[: len(words) // 3])) < limit and len(set(words)) < limit


def _gibberish(text: str, data: bytes, options: Mapping[str, Any]) -> str:
    letters = len(data) - len(data.translate(None, _LETTERS))
    if letters < 60:
        return ""
    vowels = len(data) - len(data.translate(None, _VOWELS))
    if vowels >= 0.3 * letters:
        return ""
    known = plausible_bigrams()
    pairs = odd = 0
    for word in _WORD.findall(text.lower()):
        for i in range(len(word) - 1):
            pairs += 1
            odd += word[i : i + 2] not in known
    if pairs >= 40 and odd > options["max-odd-bigrams"] * pairs:
        return f"gibberish ({odd} of {pairs} letter pairs are unusual in words)"
    return ""


class DegenerateState:
    def __init__(self, options: Mapping[str, Any]) -> None:
        self.options = options
        self.records = Records()
        self.found: list[tuple[int, str]] = []

    def observe(self, obs: Observation) -> None:
        index = self.records.add(obs)
        answer = profile(obs).raw_answer
        found = problem(answer, self.options) if answer else ""
        if found:
            self.found.append((index, f"the trained answer is degenerate: {found}"))

    def merge(self, other: AnalyzerState) -> None:
        assert isinstance(other, DegenerateState)
        offset = len(self.records)
        self.records.extend(other.records)
        self.found += [(index + offset, text) for index, text in other.found]

    def finish(self, path: str) -> Iterator[Finding]:
        yield from self.records.findings(RULE, path, self.found)


DEFAULTS: dict[str, Any] = {"max-run": 30, "min-compression": 0.1, "max-odd-bigrams": 0.25}
ANALYZER = Analyzer(
    rule=RULE,
    create=DegenerateState,
    defaults=DEFAULTS,
    options_schema=schema(
        {
            "max-run": {"type": "integer", "minimum": 3},
            "min-compression": {"type": "number", "minimum": 0, "maximum": 1},
            "max-odd-bigrams": {"type": "number", "minimum": 0, "maximum": 1},
        }
    ),
)
