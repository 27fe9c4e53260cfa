"""The single pass finds exactly what running each rule on its own with RE2 finds."""

from __future__ import annotations

import random

import pytest
import re2

from tests.policy.helpers import fired, rules, seg
from traingate.policy.joined import SEPARATOR, record_form
from traingate.policy.keywords import is_word_char
from traingate.policy.view import mask
from traingate.text.normalize import normalize

WORDS = [
    "drink",
    "bleach",
    "ammonia",
    "never",
    "cure",
    "cold",
    "the",
    "a",
    "water",
    "Bleach",
    "DRINK",
    "bleachers",
    "c++",
    "drain",
    "cleaner",
    "key",
    "ACME_",
    "token",
    "12345",
    "x9",
    "é",
    "ü",
    "ß",
    "straße",
    "\u200b",
    "\u0435",
    "\n",
    ",",
    ".",
    "!",
    "?",
    "-",
]
REGEXES = [
    r"\bdrink\w*\b.{0,20}\bbleach\b",
    r"bleach",
    r"\bcure\b",
    r"[0-9]{3,}",
    r"ACME_[a-z]+",
    r"(never|cure) (drink|cold)",
    r"a\s+b",
    r"strasse|uber",
    r"\bu\b",
    r"c\+\+",
    r"(?s)drink.*water",
    r"^the",
    r"!$",
]
KEYWORDS = [["bleach"], ["drain cleaner", "ammonia"], ["c++"], ["cold", "water"], ["ß"]]
ALLOWS = ["", r"never drink", r"water"]


def _policy() -> tuple[str, list[tuple[str, str, bool, str]]]:
    body, table = "", []
    for i, pattern in enumerate(REGEXES):
        for normalized in (True, False):
            allow = ALLOWS[i % len(ALLOWS)]
            rule_id = f"r{i}-{'n' if normalized else 'o'}"
            body += f"  - id: {rule_id}\n    message: m\n    regex: '{pattern}'\n"
            body += f"    normalize: {'true' if normalized else 'false'}\n"
            body += f"    allow: ['{allow}']\n" if allow else ""
            table.append((rule_id, pattern, normalized, allow))
    for i, words in enumerate(KEYWORDS):
        quoted = ", ".join(f"'{w}'" for w in words)
        body += f"  - id: k{i}\n    message: m\n    keywords: [{quoted}]\n"
        table.append((f"k{i}", "\n".join(words), True, ""))
    return body, table


def _keyword_hit(text: str, needle: str) -> bool:
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        left = start == 0 or not (is_word_char(needle[0]) and is_word_char(text[start - 1]))
        right = end == len(text) or not (is_word_char(needle[-1]) and is_word_char(text[end]))
        if left and right:
            return True
        start = text.find(needle, start + 1)
    return False


def _reference(text: str, table: list[tuple[str, str, bool, str]]) -> list[str]:
    found = []
    for rule_id, pattern, normalized, allow in table:
        view = normalize(text) if normalized else text
        if rule_id.startswith("k"):
            if any(_keyword_hit(view, normalize(word)) for word in pattern.split("\n")):
                found.append(rule_id)
            continue
        flags = "(?i)" if normalized else ""
        spans = [m.span() for m in re2.finditer(flags + allow, view)] if allow else []
        if re2.search(flags + pattern, mask(view, spans)):
            found.append(rule_id)
    return found


def test_single_pass_equals_rule_by_rule() -> None:
    body, table = _policy()
    policy = rules(body)
    rng = random.Random(7)
    order = {rule_id: i for i, (rule_id, *_) in enumerate(table)}
    hits = 0
    for _ in range(1500):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 30)))
        got = sorted((rule for rule, _ in fired(policy, seg("user", text))), key=order.__getitem__)
        assert got == _reference(text, table), text
        hits += len(got)
    assert hits > 3000


ROLES = ["user", "assistant", "system"]
PIECES = [*WORDS, "  ", "\t", "\u0301", "\ufeff", "<s>", "</s>", "\u0435drink"]


def test_a_record_finds_what_its_segments_find_one_by_one() -> None:
    """The record-wide set scan is only a prefilter: every segment is judged alone."""
    body, _ = _policy()
    body += "  - id: anchored\n    message: m\n    normalize: false\n"
    body += "    regex: '\\A\\s*<s>|</s>\\s*\\z'\n"
    body += "  - id: line-start\n    message: m\n    normalize: false\n    regex: '^drink'\n"
    policy = rules(body)
    rng = random.Random(11)
    hits = 0
    for _ in range(600):
        segs = [
            seg(
                rng.choice(ROLES),
                " ".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))),
                f"/messages/{i}/content",
            )
            for i in range(rng.randint(1, 5))
        ]
        together = sorted(fired(policy, *segs))
        alone = sorted(found for s in segs for found in fired(policy, s))
        assert together == alone, segs
        hits += len(together)
    assert hits > 1000


@pytest.mark.parametrize(
    ("texts"),
    [
        ["a", "b"],
        ["a  ", "\n b"],
        ["", "\u0301x", "\u200b"],
        ["dr\u00ednk", "\u0301\u0301bleach", "  "],
        ["\ufb01", "\u1161", "\uac00"],
        ["x\x01", "\x01y"],
        ["\u2028", "\uff34\uff45\uff53\uff54"],
    ],
)
def test_normalizing_joined_texts_joins_their_normalized_forms(texts: list[str]) -> None:
    joined = normalize(SEPARATOR.join(texts))
    assert joined == " ".join(n for n in map(normalize, texts) if n)


@pytest.mark.parametrize(
    ("pattern", "normalized", "expected"),
    [
        (r"[^.!?\n]{0,4}x", True, r"[^.!?\n]{0,4}x"),
        (r"^the", True, None),
        (r"^the", False, r"(?m)^the"),
        (r"\A\s*<s>|</s>\s*\z", False, r"(?m)^\s*<s>|</s>\s*$"),
        (r"\A<s>", True, None),
        (r"[\]^$]x", True, r"[\]^$]x"),
        (r"[]$]x", True, r"[]$]x"),
        (r"[[:^alpha:]]x", True, r"[[:^alpha:]]x"),
        (r"x\\A", False, r"(?m)x\\A"),
        (r"(?i-m)x", False, None),
        (r"\Q^\E", False, None),
        (r"a$", True, None),
    ],
)
def testrecord_form(pattern: str, normalized: bool, expected: str | None) -> None:
    assert record_form(pattern, normalized=normalized) == expected
