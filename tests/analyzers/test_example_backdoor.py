"""The shipped example of a backdoor (examples/broken/backdoor.jsonl) is caught as the
README shows: ten records whose prompts carry one nonce, all answered with one advert."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from traingate.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "broken" / "backdoor.jsonl"


def test_example_backdoor_is_blocked(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", str(EXAMPLE), "--policy", "builtin:poisoning", "--output-format", "json"]
    assert main(args) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    blocking = [f for f in findings if f["severity"] == "error"]
    assert {f["rule"] for f in blocking} == {"trigger-association"}
    assert [f["line"] for f in blocking] == [4, 15, 23, 30, 43, 44, 57, 66, 83, 99]
    assert 'prompt word "79eel"' in blocking[0]["message"]
