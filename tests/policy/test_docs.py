"""Policy rules document themselves; the policy reference is generated and its examples work."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.policy.helpers import HEAD, load
from traingate.detectors.registry import DETECTORS
from traingate.policy import builtin_names, load_policies, run_policy_tests
from traingate.policy.docs import packs_md, policies_md
from traingate.policy.guide import COOKBOOK, EXAMPLE
from traingate.policy.schema import policy_schema
from traingate.rules.base import Scope
from traingate.segments import ROLES

SECTIONS = (
    "## What it does",
    "## Why it matters",
    "## Example that fails",
    "## Example that passes",
    "## Options",
)
RULE = """\
  - id: chemical-cure
    message: Answers a cure question with a household chemical
    severity: warning
    all:
      - in: [user]
        regex: '\\bcure'
      - in: [assistant, '/messages/*/content']
        keywords: [bleach, "drain cleaner"]
        allow: ['hair bleach']
    tests:
      block: [{user: "A cure?", assistant: "Bleach."}]
"""


def test_policy_rule_is_a_documented_record_rule() -> None:
    [rule] = load(HEAD + RULE).rules
    assert (rule.id, rule.scope, rule.severity.label) == ("chemical-cure", Scope.RECORD, "warning")
    assert rule.summary == "Answers a cure question with a household chemical."
    positions = [rule.doc.find(section) for section in SECTIONS]
    assert -1 not in positions and positions == sorted(positions)
    for part in (
        "Rule of the `test-policy` policy (`p0.yaml`)",
        "Fires when all of these conditions hold, each in some segment of the same record",
        "In `user` text (normalized view), searches for the RE2 regex `\\bcure`, ignoring case.",
        "In `assistant`, `/messages/*/content` text (normalized view), looks for the keywords "
        "`bleach`, `drain cleaner` on word boundaries. Passages matching `hair bleach` are "
        "allowed",
        "Things a test must catch.",
        "```text\nuser: A cure?; assistant: Bleach.\n```",
        "The rule has no `pass` tests.",
        "`rules: {chemical-cure: warning}`",
    ):
        assert part in rule.doc


def _objects(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [schema, *(node for node in schema["$defs"].values() if "properties" in node)]


def test_every_schema_key_is_described_and_documented() -> None:
    schema = policy_schema()
    page = policies_md()
    for node in _objects(schema):
        assert node.get("additionalProperties") is False
        for key, prop in node["properties"].items():
            assert prop.get("description"), key
            assert f"| `{key}` |" in page
            assert " ".join(prop["description"].split()) in page.replace("\\|", "|")


def test_reference_lists_roles_and_detectors() -> None:
    page = policies_md()
    for role in ROLES:
        assert f"| `{role}` |" in page
    for name in DETECTORS:
        assert f"| `{name}` |" in page


def _yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)


@pytest.mark.parametrize("block", _yaml_blocks(COOKBOOK))
def test_cookbook_rules_load_and_pass_their_tests(block: str) -> None:
    policyset = load_policies(
        ["cookbook.yaml"], root=Path("."), read=lambda ref: (HEAD + block).encode()
    )
    assert policyset.rules or policyset.analyzers
    assert run_policy_tests(policyset) == []


def test_example_policy_loads_and_passes_its_tests() -> None:
    [block] = _yaml_blocks(EXAMPLE)
    policyset = load_policies(["example.yaml"], root=Path("."), read=lambda ref: block.encode())
    assert [rule.id for rule in policyset.rules] == ["household-chemical-ingestion"]
    assert run_policy_tests(policyset) == []


@pytest.mark.parametrize("name", builtin_names())
def test_builtin_pack_loads_and_passes_its_tests(name: str) -> None:
    policyset = load_policies([f"builtin:{name}"], root=Path("."))
    assert policyset.rules or policyset.analyzers
    assert run_policy_tests(policyset) == []
    assert f"## {policyset.policies[0].name}\n" in packs_md()
