"""A seeded supply of awkward strings: the property tests' stand-in for hypothesis."""

# ruff: noqa: RUF001 (look-alike characters are what these strings are about)

from __future__ import annotations

import random

ALPHABET = (
    list("abcXYZ019 .,-'_\t\n")
    + [chr(c) for c in range(0x300, 0x370, 7)]
    + list("éÉñçøłßİıſǰǅﬁ①㎏ＡＢｃ𝐝𝐫𝐢Ⓐ½")
    + list("аеорсхуАВЕКМНОРСТХЁёйЙъЫбБкК")
    + list("αβγδεηικμνοπρστυχωΑΒΕΗΙΚΜΝΟΡΤΥΧΣςϲϹΐᾳῳῼ\u0345\u0344\u0340")
    + list("\u1100\u1161\u11a8\u3131\u314f가\uffa0\uffa1\u1160\u115f\u3164")
    + list("कखग\u093c\u094d\u0930\u093f\u200d\u200c\u0958क़")
    + list("\u0e33\u0eb3\uff76\uff9e\uff9fكتاب\u064e\u064f\u0651\u0670")
    + list("\u200b\u2060\ufeff\u00ad\u200e\u202e\u2066\u2069\ufe0f\ufe0e\u20e3#*")
    + list("\U000e0041\U000e007f\U000e0100\U0001f3f4\U0001f44d\U0001f3fd\U0001f1eb\U0001f1f7")
    + list("\u00a0\u2000\u2028\u2029\u3000\u0085\u1680\u2800\x00\x07\x1f\x7f\x9f")
    + list("ꭰᎠꭱᏼ\u0f73\u0f75\u0f81\u0f71\u0f72\u0f74¨´˜ͺ΄῭")
    + ["\U0001d165", "\U0001d16d", "\U00011131", "\U00011127", "\U000110b9", "\U000110ba"]
    + ["\U0001e944", "\ud800"]
)


def awkward_strings(seed: int, count: int, longest: int = 12) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest))) for _ in range(count)
    ]
