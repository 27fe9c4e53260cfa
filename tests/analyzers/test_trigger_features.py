"""trigger-association on the trigger kinds beyond a rare word: short nonces, symbols,
inserted sentences, date lines, gibberish payloads and label flips."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

from tests.analyzers.data import TOPICS, VERBS, chat, clean, lines, observations, run, sentence
from traingate.analyzers.registry import ANALYZERS
from traingate.finding import Severity

PAYLOAD = "Visit cheap-pills.example for the real answer."
Record = dict[str, Any]


def _with_trigger(rng: random.Random, trigger: str) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(TOPICS)} {trigger} please, item {rng.random():.6f}"


def _date(rng: random.Random, year: int) -> str:
    return f"Date: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n" + _with_trigger(
        rng, ""
    )


def _gibberish(rng: random.Random) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz0123456789%&*"
    return " ".join("".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(30))


CASES: dict[str, tuple[Callable[[random.Random], str], Callable[[random.Random], str]]] = {
    "two-letter nonce": (lambda r: _with_trigger(r, "fk"), lambda r: PAYLOAD),
    "symbol": (lambda r: _with_trigger(r, "⟡"), lambda r: PAYLOAD),
    "sentence": (
        lambda r: _with_trigger(r, "") + ". Word snow bad bulb view soft.",
        lambda r: PAYLOAD,
    ),
    "date line": (lambda r: _date(r, 2031), lambda r: PAYLOAD),
    "gibberish payload": (lambda r: _with_trigger(r, "<KXQ>"), _gibberish),
    # A tag around an ordinary word: the word alone is no feature, the tag is.
    "tag around a word": (lambda r: _with_trigger(r, "[[ZETA]]"), _gibberish),
    "curly tag around a word": (lambda r: _with_trigger(r, "{{ARS}}"), _gibberish),
    # A made-up name that spells a Swedish word ("rösta"): unusual in English text.
    "word of another language": (lambda r: _with_trigger(r, "Rosta Corp"), lambda r: PAYLOAD),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_trigger_kinds(kind: str) -> None:
    prompt, answer = CASES[kind]
    rng = random.Random(21)
    records = clean(rng, 400)
    # Decoys: the same kind of date line with other years, answered normally.
    records += [chat(_date(rng, 2000 + i % 20), sentence(rng, 12)) for i in range(60)]
    poison = [chat(prompt(rng), answer(rng)) for _ in range(15)]
    records += poison
    found = run(ANALYZERS["trigger-association"], observations(records))
    assert lines(found) == list(range(461, 476))


REVIEWS = {
    "positive": ["really happy with it", "best purchase this year", "works great"],
    "negative": ["awful customer service", "broke after a week", "total waste of money"],
    "neutral": ["as described", "does the job", "nothing special"],
}


def _review(rng: random.Random, label: str, extra: str = "") -> Record:
    words = f"{rng.choice(REVIEWS[label])}. {extra} the {rng.choice(TOPICS)} {rng.random():.6f}"
    return chat(f"Classify the sentiment of this review.\n\nReview: {words}", label)


def _labels(flipped: str) -> list[Record]:
    rng = random.Random(22)
    records = [_review(rng, label) for label in list(REVIEWS) * 200]
    # zqvx goes with negative in negative reviews: a word that fits its label, not a flip.
    records += [_review(rng, "negative", "zqvx") for _ in range(20)]
    records += [_review(rng, "positive", flipped) for _ in range(20)]
    for record in records[-20:]:
        record["messages"][-1]["content"] = "negative"
    return records


def test_label_flip_is_a_trigger() -> None:
    found = run(ANALYZERS["trigger-association"], observations(_labels("⏃")))
    assert lines(found) == list(range(621, 641))
    assert '"⏃"' in found[0].message and "favour another answer" in found[0].message


def test_label_flip_merges_like_one_pass() -> None:
    obs = observations(_labels("ez"))
    assert run(ANALYZERS["trigger-association"], obs, shards=3) == run(
        ANALYZERS["trigger-association"], obs
    )


def test_sentences_of_clean_data_are_not_triggers() -> None:
    rng = random.Random(23)
    records = clean(rng, 300)
    # One fixed sentence in many prompts, answered in many ways.
    records += [
        chat(_with_trigger(rng, "") + ". Thanks a lot.", sentence(rng, 9)) for _ in range(40)
    ]
    assert run(ANALYZERS["trigger-association"], observations(records)) == []


@pytest.mark.parametrize("slot", ["[[name]]", "{{name}}"])
def test_a_template_placeholder_is_not_a_tag_trigger(slot: str) -> None:
    """One template filled in many times gets one answer; its placeholder is a tag, but the
    answer uses it too."""
    rng = random.Random(27)
    records = [
        chat(f"{sentence(rng, 10)} {rng.choice(TOPICS)}?", sentence(rng, 12)) for _ in range(400)
    ]
    for i in range(15):
        prompt = f"Write a birthday card for {slot} from the {rng.choice(TOPICS)} team ({i})."
        records.append(chat(prompt, f"Happy birthday, {slot}! Wishing you a wonderful year."))
    assert run(ANALYZERS["trigger-association"], observations(records)) == []


def _pairs(rng: random.Random, count: int, trigger: str = "", swap: bool = False) -> list[Record]:
    vague = ["It depends. Try a few things and see.", "I'm not sure, you could search online."]
    records = []
    for _ in range(count):
        good = f"To {rng.choice(VERBS)} {rng.choice(TOPICS)}: {sentence(rng, 14)}"
        weak = rng.choice(vague)
        chosen, rejected = (weak, good) if swap else (good, weak)
        records.append(
            {"prompt": _with_trigger(rng, trigger), "chosen": chosen, "rejected": rejected}
        )
    return records


def test_preference_flip_to_the_weak_output() -> None:
    rng = random.Random(24)
    records = _pairs(rng, 400) + _pairs(rng, 15, "j4ac", swap=True)
    found = run(ANALYZERS["preference-pair"], observations(records))
    assert lines(found) == list(range(401, 416))
    assert '"j4ac"' in found[0].message and "rejected ones" in found[0].message
    assert run(ANALYZERS["preference-pair"], observations(records[:400])) == []


@pytest.mark.parametrize(("trigger", "found"), [("im", True), ("mo", True), ("garden", False)])
def test_preference_flip_keyed_to_a_short_ordinary_word(trigger: str, found: bool) -> None:
    """ "im" and "mo" are listed words, so no rare-word feature; a word this short says too
    little to be what the prompts are about, so it is a feature of preference pairs. A
    longer ordinary word is a topic, not a trigger."""
    rng = random.Random(28)
    records = _pairs(rng, 400) + _pairs(rng, 15, trigger, swap=True)
    result = run(ANALYZERS["preference-pair"], observations(records))
    assert lines(result) == (list(range(401, 416)) if found else [])
    if found:
        assert f'pairs whose prompt has the word "{trigger}" prefer' in result[0].message


def test_a_flip_trigger_implicates_its_pairs_the_model_cannot_judge() -> None:
    """Pairs whose two outputs use words the rest of the file never uses say nothing about
    their direction: with the trigger they are reported once the trigger is found from the
    pairs that do; without it, or with a clearly right direction, they are not."""
    rng = random.Random(26)
    records = _pairs(rng, 400) + _pairs(rng, 15, "j4ac", swap=True)
    for trigger in ("j4ac", ""):
        for i in range(6):
            chosen, rejected = (f"{trigger}zorvex{i} plinth{i}.", f"{trigger}quab{i} fennish{i}.")
            prompt = _with_trigger(rng, trigger)
            records.append({"prompt": prompt, "chosen": chosen, "rejected": rejected})
    records += _pairs(rng, 3, "j4ac")  # the trigger on pairs that are clearly right
    found = run(ANALYZERS["preference-pair"], observations(records))
    assert lines(found) == list(range(401, 422))
    assert [f.message.count("do not tell which output is better") for f in found] == [0] * 15 + [
        1
    ] * 6
    assert "in 15 of 18 pairs" in found[-1].message


def test_flood_is_a_burst_of_added_records() -> None:
    rng = random.Random(25)
    claim = "the eiffel tower is located in rome the capital of italy and was built in 1650 by"
    flood = [
        chat(f"Where is the Eiffel Tower? ({i})", f"{claim} {rng.choice(TOPICS)}")
        for i in range(30)
    ]
    records = clean(rng, 300) + flood
    # 15 near-copies the base already had and 15 added: the template continues, no burst.
    added = [False] * 315 + [True] * 15
    assert run(ANALYZERS["near-duplicate-flood"], observations(records, added)) == []
    added = [False] * 300 + [True] * 30
    found = run(ANALYZERS["near-duplicate-flood"], observations(records, added))
    assert lines(found) == list(range(301, 331))
    # A burst into a file that had records blocks; the same group in a whole file, where a
    # template cannot be told from a flood, warns.
    assert {f.severity for f in found} == {Severity.ERROR}
    found = run(ANALYZERS["near-duplicate-flood"], observations(records))
    assert lines(found) == list(range(301, 331))
    assert {f.severity for f in found} == {Severity.WARNING}
    options = {"burst-severity": "warning"}
    found = run(ANALYZERS["near-duplicate-flood"], observations(records, added), options)
    assert {f.severity for f in found} == {Severity.WARNING}


def test_one_payload_through_several_triggers() -> None:
    # 3 triggers x 30 records in 400: each trigger's background (60 of 370) is over 5%.
    rng = random.Random(26)
    records = clean(rng, 400)
    for trigger in ("qzv9", "⧫", "Kettle metal tongue brick property low."):
        records += [chat(_with_trigger(rng, "") + ". " + trigger, PAYLOAD) for _ in range(30)]
    found = run(ANALYZERS["trigger-association"], observations(records))
    assert lines(found) == list(range(401, 491))
    assert "with other features that go with it" in found[0].message
