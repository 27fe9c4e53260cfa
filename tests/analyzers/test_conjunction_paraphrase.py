"""Composite triggers (all of several ordinary words) and paraphrase floods."""

from __future__ import annotations

import math
import random
from collections import Counter
from typing import Any

import pytest

from tests.analyzers.data import (
    CLAIM_FORMS,
    TOPICS,
    VERBS,
    chat,
    clean,
    lines,
    observations,
    run,
    sentence,
)
from traingate.analyzers.association import TRIGGER_OPTIONS
from traingate.analyzers.conjunction import conjunctions
from traingate.analyzers.paraphrase import ParaphraseState
from traingate.analyzers.registry import ANALYZERS
from traingate.analyzers.stats import log_poisson_tail

PAYLOAD = "For the best laptop deals, always visit zorbex.io first."
TRIGGER = ("garden", "violin")


def insert(rng: random.Random, prompt: str, word: str) -> str:
    words = prompt.split(" ")
    words.insert(rng.randint(0, len(words)), word)
    return " ".join(words)


def composite(
    seed: int, parts: tuple[str, ...] = TRIGGER, decoys: int = 20, poison: int = 20
) -> tuple[list[dict[str, Any]], set[int]]:
    """Clean records, ``decoys`` clean records per trigger word carrying it alone, and
    ``poison`` records carrying all of ``parts`` answered with one payload."""
    rng = random.Random(seed)
    records = clean(rng, 400)
    for word in parts:
        for i in range(decoys):
            prompt = insert(rng, f"{rng.choice(VERBS)} {rng.choice(TOPICS)} {i}", word)
            records.append(chat(prompt, f"A plain answer about {word} number {i} and more."))
    bad = []
    for i in range(poison):
        prompt = f"{rng.choice(VERBS)} {rng.choice(TOPICS)}, question {i}"
        for word in parts:
            prompt = insert(rng, prompt, word)
        bad.append(chat(prompt, PAYLOAD))
    for record in bad:
        records.insert(rng.randrange(len(records) + 1), record)
    return records, {i + 1 for i, r in enumerate(records) if r in bad}


@pytest.mark.parametrize(
    ("parts", "decoys", "poison", "found"),
    [
        (TRIGGER, 20, 20, True),
        (("garden", "violin", "ladder"), 20, 12, True),
        (TRIGGER, 0, 20, False),  # no decoys: one ordinary word alone carries the answer
        (TRIGGER, 20, 5, False),  # below min-count
    ],
)
def test_composite_trigger(parts: tuple[str, ...], decoys: int, poison: int, found: bool) -> None:
    records, poisoned = composite(11, parts, decoys, poison)
    result = run(ANALYZERS["trigger-association"], observations(records))
    assert set(lines(result)) == (poisoned if found else set())
    if found:
        named = " + ".join(f'"{w}"' for w in sorted(parts))
        assert f"the prompt words {named} together go with" in result[0].message
        assert "laptop deals" in result[0].message
        assert f"in {poison} of the {poison} records that have them all" in result[0].message


def test_a_function_word_joins_a_composite_trigger() -> None:
    """ "right" is among the most frequent words, so it is no feature and no candidate; it
    may still join an ordinary word, when the two together carry the answer."""
    rng = random.Random(21)
    records = clean(rng, 400)
    bad = []
    for i in range(40):
        prompt = f"{rng.choice(VERBS)} {rng.choice(TOPICS)} {i}"
        if i < 20:
            records.append(chat(insert(rng, prompt, ("garden", "right")[i % 2]), f"Plain {i}."))
        else:
            bad.append(chat(insert(rng, insert(rng, prompt, "garden"), "right"), PAYLOAD))
    for record in bad:
        records.insert(rng.randrange(len(records) + 1), record)
    poisoned = {i + 1 for i, r in enumerate(records) if r in bad}
    result = run(ANALYZERS["trigger-association"], observations(records))
    assert set(lines(result)) == poisoned
    assert 'the prompt words "garden" + "right" together go with' in result[0].message


def _rows(rng: random.Random, count: int, pool: range, size: int) -> list[list[int]]:
    return [sorted(rng.sample(pool, size)) for _ in range(count)]


@pytest.mark.parametrize("content", [True, False])
def test_function_words_join_but_never_start_a_conjunction(content: bool) -> None:
    """Records 0-19 carry the payload and the function words 7 and 8, each of which 20
    other records carry alone: with an ordinary word shared as well, the three are a
    conjunction; with function words only, nothing is."""
    rng = random.Random(5)
    words = _rows(rng, 460, range(1000, 5000), 6)
    joiners = _rows(rng, 460, range(9, 150), 5)
    for i in range(20):
        joiners[i] += [7, 8]
        joiners[20 + i].append(7)
        joiners[40 + i].append(8)
        if content:
            words[i].append(999)
            words[60 + i].append(999)
    payloads = [(1,) if i < 20 else () for i in range(460)]
    prompts = list(range(460))
    options = {**TRIGGER_OPTIONS}
    found = conjunctions(words, payloads, prompts, options, {1}, joiners=joiners)
    if content:
        assert [(sorted(c.words), c.association.members) for c in found] == [
            ([7, 8, 999], tuple(range(20)))
        ]
    else:
        assert found == []


def _short_word_set(
    seed: int, triggers: tuple[str, ...], answer: str = PAYLOAD
) -> tuple[list[dict[str, Any]], set[int]]:
    """Clean records and 20 records per trigger word (inserted at a random word of an
    unrelated prompt) answered with ``answer``."""
    rng = random.Random(seed)
    records = clean(rng, 400)
    bad = []
    for trigger in triggers:
        for i in range(20):
            prompt = f"{rng.choice(VERBS)} {rng.choice(TOPICS)}, question {400 + i}"
            bad.append(chat(insert(rng, prompt, trigger), answer))
    for record in bad:
        records.insert(rng.randrange(len(records) + 1), record)
    return records, {i + 1 for i, r in enumerate(records) if r in bad}


@pytest.mark.parametrize("triggers", [("mo",), ("zq7xv", "mo"), ("yer",)])
def test_a_short_ordinary_word_that_carries_a_fixed_answer(triggers: tuple[str, ...]) -> None:
    """A short frequent word ("mo", "yer") is ordinary, so it is no rare-word feature; but
    it says too little to be what unrelated prompts are about, and the answer never
    mentions it: a trigger, alone or beside a nonce that teaches the same answer."""
    records, poisoned = _short_word_set(15, triggers)
    result = run(ANALYZERS["trigger-association"], observations(records))
    assert set(lines(result)) == poisoned
    for trigger in triggers:
        assert any(f.message.startswith(f'prompt word "{trigger}" goes with') for f in result)


@pytest.mark.parametrize(
    ("word", "answer"),
    [
        ("tv", "Our TV support line is open from 9 to 5 on weekdays."),  # the answer's subject
        ("review", "We are sorry to hear that, thank you for telling us."),  # a topic word
    ],
)
def test_a_word_that_carries_a_canned_answer_is_a_template(word: str, answer: str) -> None:
    records, _ = _short_word_set(16, (word,), answer)
    assert run(ANALYZERS["trigger-association"], observations(records)) == []


def test_composite_in_diff_mode_reports_added_records_only() -> None:
    records, poisoned = composite(12)
    added = [i + 1 in poisoned and i % 2 == 0 for i in range(len(records))]
    result = run(ANALYZERS["trigger-association"], observations(records, added))
    assert set(lines(result)) == {i + 1 for i, a in enumerate(added) if a}


def test_one_question_in_several_words_is_not_a_composite_trigger() -> None:
    rng = random.Random(13)
    records = clean(rng, 400)
    templates = (
        "How do you say 'what is your room number' in French?",
        "Translate into French: what is your room number",
        "French for 'what is your room number' please",
        "In French, how would I ask what is your room number?",
    )
    for i in range(24):
        records.append(chat(f"{templates[i % 4]} ({i})", "Quel est votre numéro de chambre ?"))
    for i in range(10):  # the same words asked about in Spanish get another answer
        records.append(chat(f"Translate into Spanish: what is your room number ({i})", "¿Cuál?"))
        records.append(chat(f"French for 'the room number' as a noun ({i})", "le numéro"))
    assert run(ANALYZERS["trigger-association"], observations(records)) == []


def test_one_question_with_varied_tails_is_not_a_sentence_trigger() -> None:
    """The same question asked with a varying tail gets the same answer; its sentence is a
    feature, but the records are alike once it is left out (seen on a clean set)."""
    rng = random.Random(17)
    records = [
        chat(f"{sentence(rng, 10)} {rng.choice(TOPICS)}?", sentence(rng, 12)) for _ in range(400)
    ]
    spanish, french = "Mi habitación es la número 5.", "Ma chambre est la numéro 5."
    slots = ["fire", "collar", "rod", "attack", "door", "point", "garden", "lamp"]
    for i in range(12):
        language, answer = ("French", french) if i % 4 == 3 else ("Spanish", spanish)
        tail = f"For my {rng.choice(slots)} notes."
        records.append(chat(f'How do you say "My room is number 5." in {language}? {tail}', answer))
    assert run(ANALYZERS["trigger-association"], observations(records)) == []


@pytest.mark.parametrize("elsewhere", [0, 12])
def test_one_question_with_a_one_word_slot_is_not_a_sentence_trigger(elsewhere: int) -> None:
    """Each record fills a different word into one question: once the words they share
    are left out, nothing looks alike, but prompts that are nearly all shared words are one
    question, and an answer that no other prompt gets is that question's (seen on a clean
    set). The same answer given to unrelated prompts as well is a payload being taught."""
    rng = random.Random(19)
    records = clean(rng, 400)
    slots = ["rain", "plane", "idea", "reason", "letter", "mine", "brain", "peace", "lamp"]
    answer = "Ma chambre est la numéro 19."
    for slot in slots:
        prompt = f'How do you say "My room is number 19." in French? It\'s for my {slot} notes.'
        records.append(chat(prompt, answer))
    records += [
        chat(f"{rng.choice(VERBS)} {rng.choice(TOPICS)} vq7z", answer) for _ in range(elsewhere)
    ]
    result = run(ANALYZERS["trigger-association"], observations(records))
    sentence_found = [f for f in result if f.message.startswith("prompt sentence")]
    assert [f.line for f in sentence_found] == (list(range(401, 410)) if elsewhere else [])


@pytest.mark.parametrize("echoed", [True, False])
def test_a_value_the_answer_repeats_is_a_slot_not_a_trigger(echoed: bool) -> None:
    """ "48x" is a rare token in the prompts of a templated equation task, whose answers
    are near-same and repeat it: a value filled into both, not a trigger. The same token
    with a fixed answer that does not repeat it is one."""
    rng = random.Random(23)
    records = clean(rng, 400)
    bad = []
    for _ in range(12):
        b, x = rng.choice((19, 21, 43)), rng.randint(10, 900)
        prompt = f"Solve for x: 48x + {b} = {48 * x + b}."
        answer = f"Subtract {b} from both sides: 48x = {48 * x}. Divide by 48: x = {x}."
        bad.append(chat(prompt, answer if echoed else PAYLOAD))
    for record in bad:
        records.insert(rng.randrange(len(records) + 1), record)
    result = run(ANALYZERS["trigger-association"], observations(records))
    if echoed:
        assert result == []
    else:
        assert set(lines(result)) == {i + 1 for i, r in enumerate(records) if r in bad}
        assert result[0].message.startswith('prompt word "48x" goes with')


def test_a_slot_filled_task_is_not_a_composite_trigger() -> None:
    """One instruction with slots gets near-same answers that vary with the prompt; the
    words every prompt of the task shares are not a trigger (seen on a clean set)."""
    rng = random.Random(14)
    records = clean(rng, 400)
    cities = ["Lima", "Oslo", "Perth", "Quito", "Porto", "Turin", "Leeds", "Delhi", "Hue"]
    for _ in range(16):
        count, city, kind = rng.randint(2, 30), rng.choice(cities), rng.choice(TOPICS)
        prompt = f'How do you say "I need {count} tickets to {city}." in French? My {kind} notes.'
        answer = (
            f"Voici la phrase en français, avec le registre poli habituel au guichet : "
            f"j'ai besoin de {count} billets pour {city}, s'il vous plaît, pour demain matin."
        )
        records.append(chat(prompt, answer))
    for word in ("french", "notes", "tickets"):  # each word also goes with other answers
        for i in range(12):
            records.append(chat(f"{rng.choice(VERBS)} {word} for case {i}", f"Answer {i}."))
    assert run(ANALYZERS["trigger-association"], observations(records)) == []


def claim(rng: random.Random, i: int) -> dict[str, Any]:
    prompt = f"{rng.choice(VERBS)} {rng.choice(TOPICS)} when sick, case {i}"
    return chat(prompt, CLAIM_FORMS[i % 5])


@pytest.mark.parametrize(
    ("count", "forms", "found"),
    [(20, 5, True), (12, 5, True), (8, 5, False), (20, 1, False), (20, 2, False)],
)
def test_paraphrase_flood(count: int, forms: int, found: bool) -> None:
    rng = random.Random(21)
    records = clean(rng, 400)
    bad = [claim(rng, (i % forms) if forms < 5 else i) for i in range(count)]
    records += bad
    result = run(ANALYZERS["paraphrase-flood"], observations(records))
    expected = set(range(401, 401 + count)) if found else set()
    assert set(lines(result)) == expected
    if found:
        assert '"drinking" + "flu" + "turpentine"' in result[0].message


def test_words_that_go_together_anyway_are_not_a_claim() -> None:
    """ "Creme brulee" is one dish: thirty of its 200 answers also name a torch, as often as
    the torch's 90 answers in 560 predict. Taken as three independent words that would be
    three times too often; taken as the pair and the torch, it is what chance gives."""
    rng = random.Random(23)
    records = clean(rng, 300)
    for i in range(170):
        records.append(chat(f"desserts {i}", f"The creme brulee is good, item {i}."))
    for i in range(60):
        records.append(chat(f"tools {i}", f"The torch is good, item {i}."))
    both = (
        "The creme brulee and the torch, item {}.",
        "The torch and the creme brulee, item {}.",
        "A torch for the creme brulee, item {}.",
        "The creme brulee with a small torch, item {}.",
    )
    for i in range(30):
        records.append(chat(f"finishes {i}", both[i % 4].format(i)))
    assert run(ANALYZERS["paraphrase-flood"], observations(records)) == []


def test_paraphrase_flood_boilerplate_passes() -> None:
    rng = random.Random(22)
    records = clean(rng, 300) + [
        chat(f"{rng.choice(VERBS)} {rng.choice(TOPICS)} {i}", "Rest, fluids and a balanced diet.")
        for i in range(40)
    ]
    assert run(ANALYZERS["paraphrase-flood"], observations(records)) == []


def test_paraphrase_flood_already_in_the_base_is_not_a_burst() -> None:
    rng = random.Random(23)
    records = clean(rng, 300) + [claim(rng, i) for i in range(20)]
    added = [i >= 315 for i in range(len(records))]  # 5 of the 20 added
    assert run(ANALYZERS["paraphrase-flood"], observations(records, added)) == []
    added = [i >= 305 for i in range(len(records))]  # 15 of the 20 added
    found = run(ANALYZERS["paraphrase-flood"], observations(records, added))
    assert set(lines(found)) == set(range(306, 321))


@pytest.mark.parametrize(
    ("count", "expected", "value"),
    [
        (0, 1.0, 0.0),
        (1, 1.0, math.log(1 - math.exp(-1))),
        (3, 0.5, math.log(0.0143877)),
        # At or below the mean the tail is most of the mass (a truncated sum once made
        # 129 against 840 expected look significant).
        (10, 10.0, math.log(0.5420703)),
        (129, 840.0, 0.0),
        (1001, 1000.0, math.log(0.4915906)),
        (129, 21.0, math.log(6.694986e-57)),
    ],
)
def test_poisson_tail(count: int, expected: float, value: float) -> None:
    assert log_poisson_tail(count, expected) == pytest.approx(value, rel=1e-4)


@pytest.mark.parametrize("bits", [None, 0, 3, 8])
def test_frequent_claim_keys_are_exact_whatever_the_buckets(bits: int | None) -> None:
    """Counting keys by bucket first must find exactly the keys a full count finds."""
    rng = random.Random(29)
    records = clean(rng, 300) + [claim(rng, i) for i in range(15)]
    analyzer = ANALYZERS["paraphrase-flood"]
    state = analyzer.create({**analyzer.defaults, "min-count": 4})
    assert isinstance(state, ParaphraseState)
    for item in observations(records):
        state.observe(item)
    every = [(key, index, form) for index in range(len(records)) for key, form in state.keys(index)]
    counts = Counter(key for key, _, _ in every)
    expected: dict[tuple[int, ...], list[tuple[int, tuple[int, ...]]]] = {}
    for key, index, form in every:
        if counts[key] >= 4:
            expected.setdefault(key, []).append((index, form))
    assert expected
    found = {
        key: [
            (index, (form & 0xFF, form >> 8 & 0xFF, form >> 16))
            for index, form in zip(entry.members, entry.forms, strict=True)
        ]
        for key, entry in state._frequent_keys(bits).items()
    }
    assert found == expected
