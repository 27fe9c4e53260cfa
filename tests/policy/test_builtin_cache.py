"""The parse cache as the policies see it: same policies, and corrupt entries are ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from traingate.policy import load_policies
from traingate.policy.loader import builtin_names


def _signature(refs: list[str]) -> list[tuple[str, str, str]]:
    policyset = load_policies(refs, root=Path("."))
    return [(rule.id, rule.severity.label, rule.doc) for rule in policyset.rules]


def test_cached_parse_gives_the_same_policies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAINGATE_CACHE_DIR", str(tmp_path))
    refs = [f"builtin:{name}" for name in builtin_names()]
    cold = _signature(refs)
    assert any(p.name.startswith("yaml-") for p in tmp_path.iterdir())
    assert _signature(refs) == cold


def test_corrupt_cache_entries_are_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAINGATE_CACHE_DIR", str(tmp_path))
    cold = _signature(["builtin:pii"])
    for entry in tmp_path.glob("yaml-*.json"):
        entry.write_text('{"data": {"name": "pii"}, "lines": [[1, "x"]]}')
    assert _signature(["builtin:pii"]) == cold
    for entry in tmp_path.glob("yaml-*.json"):
        entry.write_text("not json")
    assert _signature(["builtin:pii"]) == cold
