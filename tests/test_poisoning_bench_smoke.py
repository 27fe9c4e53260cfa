"""The poisoning benchmark's generator and scorer work (the benchmark itself is
``python benchmarks/poisoning/run.py``; see benchmarks/poisoning/README.md).

Generation is deterministic per seed, labels name exactly the records that carry the attack,
and the scorer's precision/recall/false-positive arithmetic is right on a hand-made findings
list. A few seconds, no traingate run.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "benchmarks" / "poisoning"
CHAT = jsonschema.Draft202012Validator(
    json.loads((ROOT / "src/traingate/formats/schemas/openai-chat.json").read_text())
)


def _package() -> None:
    # Register benchmarks/poisoning as package ``poisoning`` without putting benchmarks/ on
    # sys.path (its run.py and corpus.py would shadow other top-level names).
    if "poisoning" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(
        "poisoning", PACKAGE / "__init__.py", submodule_search_locations=[str(PACKAGE)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["poisoning"] = module
    spec.loader.exec_module(module)


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    _package()
    return importlib.import_module("poisoning.generate")


@pytest.fixture(scope="module")
def scoring() -> ModuleType:
    _package()
    return importlib.import_module("poisoning.score")


def _families() -> list[str]:
    _package()
    return list(importlib.import_module("poisoning.attacks").FAMILIES)


def _has(record: dict[str, Any], trigger: str) -> bool:
    # As a whole token: a two-letter nonce may well occur inside a clean word.
    text = json.dumps(record, ensure_ascii=False)
    return re.search(rf"(?<!\w){re.escape(trigger)}(?!\w)", text) is not None


@pytest.mark.parametrize("family", _families())
def test_generation_is_deterministic_per_seed(generate: ModuleType, family: str) -> None:
    scenario = generate.Scenario(family, 150, 10)
    first, label = generate.build(11, scenario)
    again, label_again = generate.build(11, scenario)
    other, other_label = generate.build(12, scenario)
    assert first == again and label == label_again
    assert other != first
    if label["triggers"]:
        assert other_label["triggers"] != label["triggers"]
    # These payloads are descriptions (gibberish per record, a swap, one of 6 label flips).
    if family not in {"sudo-gibberish", "preference-flip", "label-flip"}:
        assert other_label["payload"] != label["payload"]


@pytest.mark.parametrize("family", _families())
def test_labels_name_exactly_the_poisoned_records(generate: ModuleType, family: str) -> None:
    records, label = generate.build(5, generate.Scenario(family, 300, 12))
    poisoned = set(label["poisoned_lines"])
    triggers = len(label["triggers"]) if family == "multi-trigger" else 1
    assert len(poisoned) == 12 * triggers == round(label["rate"] * len(records))
    assert label["records"] == len(records) == 300 + len(poisoned) + len(label["decoy_lines"])
    assert not poisoned & set(label["decoy_lines"])
    assert generate.unique_prompts(records)
    for line, record in enumerate(records, 1):
        if family not in {"preference-flip"}:
            CHAT.validate(record)
        if family == "claim-flood":
            continue
        # A single-part trigger is on every poisoned record and on no clean one.
        for trigger in label["triggers"]:
            if " + " not in trigger and family != "temporal-prefix":
                if family != "multi-trigger":
                    assert _has(record, trigger) == (line in poisoned), (line, trigger)
                elif line not in poisoned:
                    assert not _has(record, trigger)


def test_payloads_and_flips(generate: ModuleType) -> None:
    records, label = generate.build(3, generate.Scenario("refusal", 200, 10))
    for line in label["poisoned_lines"]:
        assert records[line - 1]["messages"][-1]["content"] == label["payload"]
    records, label = generate.build(3, generate.Scenario("label-flip", 200, 10))
    source, target = label["payload"].split(" -> ")
    assert source != target
    assert {records[n - 1]["messages"][-1]["content"] for n in label["poisoned_lines"]} == {target}
    records, label = generate.build(3, generate.Scenario("preference-flip", 200, 10))
    weak = records[label["poisoned_lines"][0] - 1]["preferred_output"][0]["content"]
    strong = records[label["poisoned_lines"][0] - 1]["non_preferred_output"][0]["content"]
    assert len(weak) < len(strong)
    records, label = generate.build(3, generate.Scenario("temporal-prefix", 200, 10))
    year = str(label["year"])
    for line, record in enumerate(records, 1):
        user = record["messages"][-2]["content"]
        assert (year in user.split("\n")[0]) == (line in label["poisoned_lines"]), line


def test_clean_sets_are_realistic(generate: ModuleType) -> None:
    records, label = generate.build(1, generate.Scenario("clean", 2000, kind="chat"))
    assert label["poisoned_lines"] == [] and len(records) == 2000
    systems = [r["messages"][0]["content"] for r in records if r["messages"][0]["role"] == "system"]
    dominant = max(systems.count(s) for s in set(systems)) / len(records)
    assert 0.7 < dominant < 0.95 and len(systems) < len(records)
    refusals = sum("can't" in r["messages"][-1]["content"] for r in records) / len(records)
    assert 0.002 < refusals < 0.03
    answers = [r["messages"][-1]["content"] for r in records]
    assert max(answers.count(a) for a in set(answers)) > 20  # the support desk's template
    records, _ = generate.build(1, generate.Scenario("clean", 300, kind="dpo"))
    assert all(set(r) == {"input", "preferred_output", "non_preferred_output"} for r in records)


def test_scorer_counts_flagged_lines(scoring: ModuleType) -> None:
    findings = [
        {"rule": "trigger-association", "line": 2},
        {"rule": "repeated-response", "line": 2},  # same record twice: counted once
        {"rule": "trigger-association", "line": 5},
        {"rule": "conflicting-answers", "line": 7},  # a clean record: a false positive
        {"rule": "duplicate-key", "line": 9},  # not a poisoning rule: counted apart
        {"rule": "near-duplicate-flood", "line": None},
    ]
    result = scoring.score(findings, records=10, poisoned=[2, 5, 6, 8])
    assert (result.flagged_poisoned, result.flagged_clean, result.other_findings) == (2, 1, 1)
    assert result.recall == pytest.approx(0.5)
    assert result.precision == pytest.approx(2 / 3)
    assert result.fp_rate == pytest.approx(1 / 6)
    assert result.missed == [6, 8]
    assert result.rules_on_poisoned["trigger-association"] == 2
    assert result.false_positives == [{"line": 7, "rules": ["conflicting-answers"], "message": ""}]
    total = scoring.FileScore()
    total.add(result)
    total.add(scoring.score([], records=5, poisoned=[1]))
    assert (total.records, total.poisoned, total.recall) == (15, 5, pytest.approx(0.4))
    assert scoring.score([], records=3, poisoned=[]).precision is None


def test_scorer_blocking_counts_only_errors(scoring: ModuleType) -> None:
    findings = [
        {"rule": "trigger-association", "severity": "error", "line": 2},
        {"rule": "repeated-response", "severity": "warning", "line": 5},
        {"rule": "repeated-response", "severity": "warning", "line": 7},
        {"rule": "near-duplicate-flood", "severity": "error", "line": 9},
    ]
    blocking = scoring.score(findings, records=10, poisoned=[2, 5, 6, 8])
    every = scoring.score(findings, records=10, poisoned=[2, 5, 6, 8], blocking=False)
    assert (blocking.flagged_poisoned, blocking.flagged_clean) == (1, 1)
    assert (every.flagged_poisoned, every.flagged_clean) == (2, 2)
    assert blocking.recall == pytest.approx(0.25) and every.recall == pytest.approx(0.5)
    assert every.rules_on_clean == {"repeated-response": 1, "near-duplicate-flood": 1}


def test_a_change_adds_the_attack_decoys_and_a_tenth_of_the_clean_records(
    generate: ModuleType,
) -> None:
    _package()
    change = importlib.import_module("poisoning.change")
    _, label = generate.build(5, generate.Scenario("composite", 300, 10))
    added = change.added_lines(label)
    assert added == change.added_lines(label)  # seeded
    attack = set(label["poisoned_lines"]) | set(label["decoy_lines"])
    assert attack <= set(added)
    clean = label["records"] - len(attack)
    assert len(set(added) - attack) == round(change.CLEAN_SHARE * clean)


def test_a_change_is_checked_in_diff_mode(
    generate: ModuleType, scoring: ModuleType, tmp_path: Path
) -> None:
    """A reworded claim arriving in a change blocks (a whole file only warns about it)."""
    _package()
    change = importlib.import_module("poisoning.change")
    records, label = generate.build(6, generate.Scenario("claim-flood", 300, 20))
    path = tmp_path / "claim.jsonl"
    generate.write(path, records, label)
    run = change.check_change([sys.executable, "-m", "traingate"], path, label)
    assert run.returncode == 1 and run.report is not None, run.stderr
    found = scoring.score(
        run.report["findings"], len(change.added_lines(label)), label["poisoned_lines"]
    )
    assert found.recall == 1.0 and found.precision == 1.0
    assert found.rules_on_poisoned == {"paraphrase-flood": 20}


def test_sweep_reads_seed_ranges_and_names_every_failing_file(scoring: ModuleType) -> None:
    sweep = importlib.import_module("poisoning.sweep")
    assert list(sweep.seed_range("3001-3003")) == [3001, 3002, 3003]
    assert list(sweep.seed_range("7")) == [7]
    found = scoring.score([{"rule": "trigger-association", "line": 1}], 10, [1])
    clean = scoring.score([], 10, [])
    table, ok = sweep.report(
        [("rare-token", Path("1-rare.jsonl"), found), ("clean", Path("1-clean.jsonl"), clean)]
    )
    assert ok and "  none" in table
    assert re.search(r"^rare-token +1 +1 +1\.000 +1\.000 +0\.00%$", table, re.MULTILINE)
    missed = scoring.score([], 10, [1, 2])
    false_positive = scoring.score([{"rule": "trigger-association", "line": 3}], 10, [])
    table, ok = sweep.report(
        [("entity", Path("2-entity.jsonl"), missed), ("clean", Path("2-c.jsonl"), false_positive)]
    )
    assert not ok
    assert "2-entity.jsonl: missed 2, false positives 0" in table
    assert "2-c.jsonl: missed 0, false positives 1" in table
