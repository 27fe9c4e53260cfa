"""Generated reference docs must match the code that generates them."""

from __future__ import annotations

from pathlib import Path

import pytest

from traingate.docs_gen import PAGES
from traingate.rules.registry import RULES

DOCS = Path(__file__).resolve().parents[1] / "docs"
SECTIONS = ("## What it does", "## Why it matters", "## Example that fails")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_page_is_current(name: str) -> None:
    expected = PAGES[name]()
    actual = (DOCS / name).read_text(encoding="utf-8")
    assert actual == expected, f"docs/{name} is stale: run `python -m traingate.docs_gen docs`"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_documents_itself(rule_id: str) -> None:
    rule = RULES[rule_id]
    positions = [rule.doc.find(section) for section in (*SECTIONS, "## Options")]
    assert -1 not in positions and positions == sorted(positions), rule_id
    assert rule.summary.endswith(".")
    assert rule_id == rule_id.lower() and not rule_id.startswith("no-")


def test_every_rule_is_in_the_rule_reference() -> None:
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    for rule_id in RULES:
        assert f"\n## {rule_id}\n" in text
