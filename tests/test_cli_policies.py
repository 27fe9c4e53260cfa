"""``traingate test``, ``explain`` and ``check --policy`` through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from traingate.cli import main

GOOD_POLICY = """\
name: med
description: Medical advice that must never be trained.
rules:
  - id: bleach-cure
    message: Advises drinking bleach.
    in: [assistant]
    regex: 'drink\\w*\\s+bleach'
    allow: ['\\bnever drink']
    tests:
      block: ["To cure a cold, drink bleach."]
      pass: ["Never drink bleach."]
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_policy_tests_pass(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "med.yaml").write_text(GOOD_POLICY)
    assert main(["test", "med.yaml"]) == 0
    assert "2 policy tests passed (1 rule in 1 policy)" in capsys.readouterr().out


def test_failing_policy_test_names_rule_and_text(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "med.yaml").write_text(GOOD_POLICY.replace("Never drink bleach.", "Drink bleach!"))
    assert main(["test", "med.yaml"]) == 1
    out = capsys.readouterr().out
    assert "bleach-cure" in out and "Drink bleach!" in out


def test_policy_tests_default_to_the_configured_policies(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "med.yaml").write_text(GOOD_POLICY)
    (repo / ".traingate.yaml").write_text("policies: [med.yaml, builtin:medical-safety]\n")
    assert main(["test"]) == 0
    assert "in 2 policies" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        (GOOD_POLICY.replace("regex: 'drink", "regex: '(?<=x)drink"), "med.yaml:"),
        (GOOD_POLICY + "rules: []\n", "duplicate key 'rules'"),
        (GOOD_POLICY.replace("message:", "mesage:"), "med.yaml:4: rules[0]"),
    ],
)
def test_broken_policies_are_load_errors(
    repo: Path, capsys: pytest.CaptureFixture[str], policy: str, message: str
) -> None:
    (repo / "med.yaml").write_text(policy)
    (repo / "t.jsonl").write_text('{"prompt": "a", "completion": "b"}\n')
    assert main(["test", "med.yaml"]) == 2
    captured = capsys.readouterr()
    assert message in captured.out + captured.err
    assert main(["check", "--policy", "med.yaml", "t.jsonl"]) == 2
    assert message in capsys.readouterr().err


def test_explain_knows_configured_policy_rules(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "med.yaml").write_text(GOOD_POLICY)
    (repo / ".traingate.yaml").write_text("policies: [med.yaml]\n")
    assert main(["explain", "bleach-cure"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# bleach-cure\n") and "## Example that fails" in out


def test_config_severity_override_applies_to_policy_rules(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "med.yaml").write_text(GOOD_POLICY)
    (repo / ".traingate.yaml").write_text("policies: [med.yaml]\nrules: {bleach-cure: warning}\n")
    turns = '[{"role": "user", "content": "?"}, {"role": "assistant", "content": "Drink bleach."}]'
    (repo / "t.jsonl").write_text('{"messages": ' + turns + "}\n")
    assert main(["check", "t.jsonl"]) == 0
    assert "warning bleach-cure" in capsys.readouterr().out
    (repo / ".traingate.yaml").write_text("policies: [med.yaml]\nrules: {bleach-cur: off}\n")
    assert main(["check", "t.jsonl"]) == 2
    assert "did you mean 'bleach-cure'?" in capsys.readouterr().err


def test_no_excerpt_prints_another_findings_secret(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = ("jane.doe@gmail.com", "+1 415 555 2671", "AKIA4QXHMV7TRB2KXJ5N")
    answer = f"Mail {secrets[0]}, call {secrets[1]}, key {secrets[2]}."
    turns = [{"role": "user", "content": "?"}, {"role": "assistant", "content": answer}]
    (repo / "t.jsonl").write_text(json.dumps({"messages": turns}) + "\n")
    args = ["check", "--policy", "builtin:pii", "--policy", "builtin:secrets", "t.jsonl"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert {"email-address", "phone-number", "aws-access-key"} <= set(out.split())
    assert not any(secret in out for secret in secrets)
