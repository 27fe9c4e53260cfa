"""The hidden-text detectors: what they report, what they leave alone, and their contract."""

# ruff: noqa: RUF001 (look-alike characters are what these tests are about)

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import jsonschema
import pytest
import re2

from traingate.detectors.base import Detector
from traingate.detectors.hidden import HIDDEN_DETECTORS

BY_NAME = {d.name: d for d in HIDDEN_DETECTORS}
ENGLAND = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


def _tags(text: str) -> str:
    return "".join(chr(0xE0000 + ord(c)) for c in text)


def _selectors(data: bytes) -> str:
    return "".join(chr(0xFE00 + b) if b < 16 else chr(0xE0100 + b - 16) for b in data)


IW, BC, TC = "invisible-in-word", "bidi-control", "tag-characters"
MW, VS = "mixed-script-word", "variation-selector-run"
CANCEL = "\U000e007f"
Row = tuple[str, str, dict[str, Any], list[str], str]

# (detector, text, options, what it reports, words its first note contains)
FOUND: list[Row] = [
    (IW, "drink blea\u200bch", {}, ["\u200b"], "U+200B ZERO WIDTH SPACE inside a word"),
    (IW, "dr\u00adink", {}, ["\u00ad"], "SOFT HYPHEN"),
    (IW, "dr\u2060ink dr\ufeffink", {}, ["\u2060", "\ufeff"], "WORD JOINER"),
    (IW, "dri\u200enk", {}, ["\u200e"], "LEFT-TO-RIGHT MARK"),
    (IW, "f\u2061x", {}, ["\u2061"], "FUNCTION APPLICATION"),
    (IW, "dr\x00ink", {}, ["\x00"], "U+0000"),
    (IW, "drink\u3164bleach", {}, ["\u3164"], "HANGUL FILLER"),
    (IW, "pay\u200dpal pay\u200cpal", {}, ["\u200d", "\u200c"], "ZERO WIDTH JOINER"),
    (IW, "ab\ufe0fcd", {}, ["\ufe0f"], "VARIATION SELECTOR-16"),
    (IW, "e\u0301\u200bx 4111\u200b1111 к\u200bот", {}, ["\u200b"] * 3, ""),
    (IW, "a\u200b\u200cb", {}, ["\u200b\u200c"], "ZERO WIDTH SPACE, U+200C"),
    (IW, "کتاب\u200bها 葛\U000e0100\U000e0101城", {}, ["\u200b", "\U000e0100\U000e0101"], ""),
    (IW, "dr\u00adink dr\u200bink", {"ignore-characters": ["\u00ad"]}, ["\u200b"], ""),
    (BC, "invoice\u202egnp.exe", {}, ["\u202e"], "RIGHT-TO-LEFT OVERRIDE"),
    (
        BC,
        'if (x != "u\u202e \u2066// admin\u2069 \u2066") {',
        {},
        list("\u202e\u2066\u2069\u2066"),
        "",
    ),
    (BC, "\u2067שלום\u2069 world", {}, ["\u2067", "\u2069"], "RIGHT-TO-LEFT ISOLATE"),
    (BC, "\u2067שלום world", {"allow-isolates": True}, ["\u2067"], ""),
    (BC, "\u2067a\nb\u2069", {"allow-isolates": True}, ["\u2067", "\u2069"], ""),
    (BC, "\u2067a\u202eb\u2069", {"allow-isolates": True}, ["\u202e"], "OVERRIDE"),
    (BC, "\u202a\u202bx\u202c", {}, ["\u202a\u202b", "\u202c"], "EMBEDDING"),
    (
        TC,
        f"Hi{_tags('run it')}!",
        {},
        [_tags("run it")],
        '6 tag characters hiding the ASCII text "run it"',
    ),
    (TC, _tags("gbeng") + CANCEL, {}, [_tags("gbeng") + CANCEL], '"gbeng'),
    (TC, "🏴" + _tags("gbeng"), {}, [_tags("gbeng")], "5 tag characters"),
    (TC, "🏴" + _tags("GBENG") + CANCEL, {}, [_tags("GBENG") + CANCEL], "GBENG"),
    (TC, "🏴" + _tags("say hello") + CANCEL, {}, [_tags("say hello") + CANCEL], "say hello"),
    (TC, "x\U000e0001" + CANCEL, {}, ["\U000e0001" + CANCEL], "2 tag characters"),
    (TC, "x" + _tags("a" * 200), {}, [_tags("a" * 200)], '"' + "a" * 119 + '…"'),
    (MW, "Log in to pаypal now", {}, ["pаypal"], "Latin word with Cyrillic 'а' (U+0430)"),
    (MW, "Я живу в Москвa.", {}, ["Москвa"], "Cyrillic word with Latin 'a'"),
    (MW, "οpen the door", {}, ["οpen"], "Greek 'ο'"),
    (MW, "DRІNK", {}, ["DRІNK"], "Cyrillic 'І'"),
    (MW, "Ѕοс", {}, ["Ѕοс"], "Cyrillic word with Greek 'ο'"),
    (MW, "p\u0301аy\u200bpal", {}, ["p\u0301аy\u200bpal"], ""),
    (MW, "visit gооgle.com pаy4pal", {}, ["gооgle", "pаy4pal"], ""),
    (MW, "Ꮯat and ΒΕΑCΗ", {}, ["Ꮯat", "ΒΕΑCΗ"], "Cherokee"),
    (VS, "ok 😊" + _selectors(b"hi there"), {}, [_selectors(b"hi there")], 'they read "hi there"'),
    (VS, "a\ufe00\ufe01\ufe02", {}, ["\ufe00\ufe01\ufe02"], "3 variation selectors"),
    (VS, "a" + _selectors(b"\xff\xfe\xfd"), {}, [_selectors(b"\xff\xfe\xfd")], ""),
    (VS, "a\ufe0f\ufe0e", {"max-run": 1}, ["\ufe0f\ufe0e"], ""),
]

NOT_FOUND: list[tuple[str, str, dict[str, Any]]] = [
    (IW, "می\u200cخواهم", {}),
    (IW, "क्\u200dष", {}),
    (IW, "ภาษา\u200bไทย", {}),
    (IW, "東京\u200b大阪", {}),
    (IW, "👨\u200d👩\u200d👧 ❤️ ok 1️⃣2 ℹ️Note", {}),
    (IW, "葛\U000e0100城", {}),
    (IW, "ᠪᠠ\u180bᠭ", {}),
    (IW, "\u1100\u1160\u11a8", {}),
    (IW, "drink \u200bbleach\u200b. \u200b", {}),
    (IW, "ab\u202ecd ab\U000e0041cd", {}),
    (IW, "dr\u00adink", {"ignore-characters": ["\u00ad"]}),
    (BC, "שלום\u200fworld \u061c \u200e", {}),
    (BC, "\u2067שלום\u2069 world \u2068x\u2069", {"allow-isolates": True}),
    (TC, f"Go {ENGLAND} and {SCOTLAND}!", {}),
    (TC, "🏴 plain flag", {}),
    (MW, "Привет, мир! Γειά σου.", {}),
    (MW, "Tシャツを買った、Jリーグ", {}),
    (MW, "5 μg, p = ρgh, σT⁴, E = hν, x²+αx, Δx, αβγ", {}),
    (MW, "naïve café, iPhone купил, C++ и Java", {}),
    (MW, "𝐝rink ｄrink ﬁne", {}),
    (MW, "Москва-city, a_б", {}),
    (VS, "❤️ 1️⃣ 葛\U000e0100 a\ufe0f\ufe0e", {}),
    (VS, "a\ufe00\ufe01\ufe02\ufe03", {"max-run": 4}),
]


@pytest.mark.parametrize(("name", "text", "options", "shown", "note"), FOUND)
def test_found(name: str, text: str, options: dict[str, Any], shown: list[str], note: str) -> None:
    spans = list(BY_NAME[name].find(text, options))
    assert [text[s.start : s.end] for s in spans] == shown
    assert note in spans[0].note


@pytest.mark.parametrize(("name", "text", "options"), NOT_FOUND)
def test_not_found(name: str, text: str, options: dict[str, Any]) -> None:
    assert list(BY_NAME[name].find(text, options)) == []


def _examples(detector: Detector) -> tuple[str, str]:
    doc = detector.doc
    fails = doc.split("## Example that fails\n```text\n", 1)[1].split("\n```\n", 1)[0]
    passes = doc.split("## Example that passes\n```text\n", 1)[1].split("\n```\n", 1)[0]
    return fails, passes


def _texts(detector: Detector) -> list[tuple[str, Mapping[str, Any]]]:
    texts: list[tuple[str, Mapping[str, Any]]] = [(t, {}) for t in _examples(detector)]
    texts += [(text, options) for name, text, options, *_ in FOUND if name == detector.name]
    texts += [(text, options) for name, text, options in NOT_FOUND if name == detector.name]
    return texts


@pytest.mark.parametrize("detector", HIDDEN_DETECTORS, ids=lambda d: d.name)
def test_contract(detector: Detector) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", detector.name)
    assert detector.summary.endswith(".") and "\n" not in detector.summary
    sections = ["What it does", "Why it matters", "Example that fails", "Example that passes"]
    positions = [detector.doc.find(f"## {s}") for s in [*sections, "Options"]]
    assert -1 not in positions and positions == sorted(positions)
    assert detector.normalize is False and detector.redact is False


@pytest.mark.parametrize("detector", HIDDEN_DETECTORS, ids=lambda d: d.name)
def test_doc_examples(detector: Detector) -> None:
    fails, passes = _examples(detector)
    assert list(detector.find(fails, {}))
    assert list(detector.find(passes, {})) == []


@pytest.mark.parametrize("detector", HIDDEN_DETECTORS, ids=lambda d: d.name)
def test_options_schema(detector: Detector) -> None:
    schema = dict(detector.options_schema)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema.get("additionalProperties") is False
    defaults = {k: v["default"] for k, v in schema.get("properties", {}).items()}
    jsonschema.validate(defaults, schema)
    for _, options in _texts(detector):
        jsonschema.validate(dict(options), schema)
    # The defaults the schema declares are what find() assumes when an option is absent.
    sample = f"dr\u00adink \u2067x\u2069 🏴{_tags('ab')} pаy a\ufe00\ufe01\ufe02"
    assert list(detector.find(sample, defaults)) == list(detector.find(sample, {}))


@pytest.mark.parametrize("detector", HIDDEN_DETECTORS, ids=lambda d: d.name)
def test_prefilter_matches_wherever_find_does(detector: Detector) -> None:
    assert detector.prefilter is not None
    prefilter = re2.compile(f"(?i){detector.prefilter}")
    assert prefilter.search("") is None
    assert prefilter.search("Plain ASCII text, with digits 123 and punctuation!") is None
    hits = 0
    for text, options in _texts(detector):
        if list(detector.find(text, options)):
            hits += 1
            assert prefilter.search(text), ascii(text)
    assert hits


ORDINARY = [
    "Привет, мир! Как дела? Отбеливатель опасен.",
    "Γειά σου κόσμε. Η χλωρίνη είναι επικίνδυνη.",
    "مرحبا بالعالم، لا تشرب المبيض. \u200fנא לא\u200f",
    "می\u200cخواهم بخوانم، کتاب\u200cها",
    "नमस्ते दुनिया, क्\u200dष ब्लीच मत पियो।",
    "ภาษาไทย\u200bง่ายมาก",
    "你好世界，不要喝漂白剂。東京は晴れです。Tシャツ",
    "안녕하세요, 표백제를 마시지 마세요.",
    "Ժամը քանիսն է: Ես սիրում եմ Հայաստանը:",
    "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ",
    "👨\u200d👩\u200d👧 👍🏽 🇫🇷 ❤️ 1️⃣ #️⃣ ℹ️ 🧑🏽\u200d🚀 " + ENGLAND + SCOTLAND,
    "Dosage: 5 μg/kg; p = ρgh; E = hν; ΔG < 0; α-helix; β-blocker; naïve café",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_not_flagged(text: str) -> None:
    for detector in HIDDEN_DETECTORS:
        assert list(detector.find(text, {})) == [], detector.name


def test_options_are_validated() -> None:
    schema = dict(BY_NAME["invisible-in-word"].options_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"ignore-characters": ["ab"]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"max-run": 0}, dict(BY_NAME["variation-selector-run"].options_schema))
