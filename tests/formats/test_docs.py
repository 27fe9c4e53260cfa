"""Rule and format documentation: shape, and examples that do what they say."""

from __future__ import annotations

import re

import orjson
import pytest

from tests.formats import (
    test_bedrock_claude,
    test_openai_chat,
    test_openai_dpo,
    test_sharegpt,
    test_simple_formats,
    test_trl,
    test_vertex_gemini,
)
from tests.formats.support import findings
from traingate.formats.registry import FORMAT_RULES, FORMATS, detect, documented_formats
from traingate.rules.base import Rule, Scope

RULE_SECTIONS = [
    "## What it does",
    "## Why it matters",
    "## Example that fails",
    "## Example that passes",
    "## Options",
]
JSON_BLOCK = re.compile(r"```json\n(.*?)\n```", re.DOTALL)
RULE_IDS = {rule.id for rule in FORMAT_RULES}
TABLES = [
    test_openai_chat.CASES,
    test_openai_dpo.CASES,
    test_bedrock_claude.CASES,
    test_vertex_gemini.CASES,
    test_trl.CASES,
    test_sharegpt.CASES,
    test_simple_formats.ALPACA_CASES,
    test_simple_formats.COMPLETION_CASES,
]


def rule_params() -> list[object]:
    return [pytest.param(rule, id=rule.id) for rule in FORMAT_RULES]


def test_rule_ids_are_unique() -> None:
    assert len(RULE_IDS) == len(FORMAT_RULES)


@pytest.mark.parametrize("rule", rule_params())
def test_rule_metadata(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.id)
    assert not rule.id.startswith("no-")
    assert rule.scope is Scope.RECORD
    assert "\n" not in rule.summary
    assert rule.summary.endswith(".")
    positions = [rule.doc.find(section) for section in RULE_SECTIONS]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert rule.doc.rstrip().endswith("None.")


@pytest.mark.parametrize("rule", rule_params())
def test_rule_examples(rule: Rule) -> None:
    failing, passing = (orjson.loads(block) for block in JSON_BLOCK.findall(rule.doc))
    fmt = detect(failing)
    assert fmt is not None
    assert {finding.rule for finding in findings(fmt.name, failing)} == {rule.id}
    fmt = detect(passing)
    assert fmt is not None
    assert findings(fmt.name, passing) == []


def test_every_rule_is_tested_failing() -> None:
    expected = {rule for cases in TABLES for _, _, found in cases for rule, _ in found}
    assert expected == RULE_IDS


@pytest.mark.parametrize(("name", "summary", "doc"), documented_formats())
def test_format_doc(name: str, summary: str, doc: str) -> None:
    assert "\n" not in summary
    assert doc == doc.strip()
    for section in ("## Fields", "## Example", "## Semantic checks"):
        assert section in doc, section
    mentioned = set(re.findall(r"`([a-z]+(?:-[a-z]+)+)`", doc.split("## Semantic checks")[1]))
    assert mentioned <= RULE_IDS | set(FORMATS)
    (example,) = JSON_BLOCK.findall(doc.split("## Example")[1])
    assert findings(name, orjson.loads(example)) == []


def test_documented_formats_follow_registry_order() -> None:
    assert [name for name, _, _ in documented_formats()] == list(FORMATS)
