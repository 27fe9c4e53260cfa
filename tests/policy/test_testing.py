"""``traingate test``: block texts must be blocked, pass texts passed; exit codes 0, 1, 2."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.policy.helpers import HEAD, load
from traingate.policy import testing

GOOD = """\
  - id: household-chemical-ingestion
    message: Advises drinking a household chemical.
    in: [assistant]
    regex: '\\bdrink\\w*\\b.{0,40}\\bbleach\\b'
    allow: ['\\bnever drink']
    tests:
      block: ["To cure a cold, drink bleach."]
      pass: ["Never drink bleach."]
  - id: cure-with-chemical
    message: Answers a cure question with a household chemical.
    all:
      - in: [user]
        regex: '\\bcure'
      - in: [assistant]
        keywords: [bleach]
    tests:
      block:
        - {user: "How do I cure a cold?", assistant: "Gargle bleach."}
        - record:
            messages:
              - {role: user, content: "A cure for colds?"}
              - {role: assistant, content: "Bleach."}
          format: openai-chat
        - "Gargle bleach to cure it."
      pass:
        - {user: "How do I clean a sink?", assistant: "Use bleach."}
  - id: secret-in-tool
    message: A secret in a tool result.
    in: ['/messages/*/content']
    normalize: false
    regex: 'SECRET'
    tests:
      block: ["a SECRET here", {'/messages/*/content': "SECRET"}]
      pass: ["a secret here"]
"""

BAD = """\
  - id: weak-rule
    message: Misses the capitalised form.
    normalize: false
    regex: bleach
    tests:
      block: ["BLEACH", "bleach"]
      pass: ["bleach is fine"]
"""


def test_all_tests_pass() -> None:
    assert testing.run_policy_tests(load(HEAD + GOOD)) == []


def test_failures_name_file_line_rule_and_text() -> None:
    failures = testing.run_policy_tests(load(HEAD + BAD, names=("policies/weak.yaml",)))
    assert [str(f) for f in failures] == [
        'policies/weak.yaml:9: weak-rule: block test not blocked: "BLEACH"',
        'policies/weak.yaml:10: weak-rule: pass test blocked: "bleach is fine"\n'
        '    found: Misses the capitalised form: "bleach is fine"',
    ]
    assert [(f.policy, f.rule, f.block) for f in failures] == [
        ("test-policy", "weak-rule", True),
        ("test-policy", "weak-rule", False),
    ]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "good.yaml").write_text(HEAD + GOOD, encoding="utf-8")
    bad = HEAD.replace("test-policy", "weak") + BAD
    (tmp_path / "policies" / "bad.yaml").write_text(bad, encoding="utf-8")
    (tmp_path / "policies" / "broken.yaml").write_text(HEAD + "  - id: x\n", encoding="utf-8")
    return tmp_path


def _run(refs: list[str], root: Path) -> tuple[int, str]:
    out = io.StringIO()
    code = testing.test_command(refs, root, out)
    return code, out.getvalue()


def test_command_passes(repo: Path) -> None:
    assert _run(["policies/good.yaml"], repo) == (
        0,
        "9 policy tests passed (3 rules in 1 policy)\n",
    )


def test_command_fails(repo: Path) -> None:
    code, output = _run(["policies/good.yaml", "policies/bad.yaml"], repo)
    assert code == 1
    assert output.splitlines() == [
        'policies/bad.yaml:9: weak-rule: block test not blocked: "BLEACH"',
        'policies/bad.yaml:10: weak-rule: pass test blocked: "bleach is fine"',
        '    found: Misses the capitalised form: "bleach is fine"',
        "2 of 12 policy tests failed (4 rules in 2 policies)",
    ]


def test_command_load_error(repo: Path) -> None:
    assert _run(["policies/broken.yaml"], repo) == (
        2,
        "traingate: policy error: policies/broken.yaml:4: rules[0]: "
        "missing required key 'message'\n",
    )


def test_command_without_policies(repo: Path) -> None:
    code, output = _run([], repo)
    assert code == 2 and "no policies to test" in output


def test_command_lists_untested_rules(repo: Path) -> None:
    text = HEAD + "  - id: untested\n    message: m\n    regex: a\n"
    (repo / "policies" / "untested.yaml").write_text(text, encoding="utf-8")
    assert _run(["policies/untested.yaml"], repo) == (
        0,
        "0 policy tests passed (1 rule in 1 policy; without tests: untested)\n",
    )
