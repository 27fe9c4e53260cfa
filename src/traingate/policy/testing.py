"""``traingate test``: every rule's ``block`` texts must produce its finding, ``pass`` texts not.

Tests run through the same compiled matcher as a real check (all rules loaded together),
so they also catch a rule that another rule's patterns or the single pass would change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, TextIO

from traingate import exitcodes
from traingate.config import ConfigError
from traingate.display import flat
from traingate.policy.loader import load_policies
from traingate.policy.model import PolicyRule, PolicyTest
from traingate.policy.policyset import PolicySet
from traingate.record import Record

LABEL_WIDTH = 80


@dataclass(frozen=True)
class TestFailure:
    """A test whose outcome differs from what it expects; ``found`` is the unwanted finding."""

    __test__: ClassVar[bool] = False

    file: str
    line: int
    policy: str
    rule: str
    block: bool
    text: str
    found: str = ""

    def __str__(self) -> str:
        label = flat(self.text)
        if len(label) > LABEL_WIDTH:
            label = label[: LABEL_WIDTH - 1] + "…"
        where = f"{self.file}:{self.line}: {self.rule}"
        if self.block:
            return f'{where}: block test not blocked: "{label}"'
        return f'{where}: pass test blocked: "{label}"\n    found: {self.found}'


def run_policy_tests(policyset: PolicySet) -> list[TestFailure]:
    """Every test of every rule, in file order; the ones that fail."""
    return [
        failure
        for rule in policyset.policy_rules
        for test in rule.tests
        if (failure := _run(policyset, rule, test)) is not None
    ]


def _run(policyset: PolicySet, rule: PolicyRule, test: PolicyTest) -> TestFailure | None:
    record = Record(path=rule.file, line=test.line, value=dict(test.record), hash="", size=0)
    found = [f for f in policyset.check(record, test.segments) if f.rule == rule.id]
    if bool(found) == test.block:
        return None
    unwanted = found[0].message if found else ""
    return TestFailure(rule.file, test.line, rule.policy, rule.id, test.block, test.label, unwanted)


def test_command(refs: Sequence[str], root: Path, out: TextIO) -> int:
    """Load ``refs`` and run their tests: 0 all pass, 1 a test fails, 2 a policy is broken."""
    from traingate.rules.registry import RULES

    if not refs:
        out.write("traingate: no policies to test (name them, or list them under 'policies')\n")
        return exitcodes.USAGE
    try:
        policyset = load_policies(refs, root=root, reserved_ids=RULES)
    except ConfigError as exc:
        out.write(f"traingate: policy error: {exc}\n")
        return exitcodes.USAGE
    failures = run_policy_tests(policyset)
    for failure in failures:
        out.write(f"{failure}\n")
    out.write(_summary(policyset, len(failures)))
    return exitcodes.BLOCKED if failures else exitcodes.CLEAN


def _summary(policyset: PolicySet, failed: int) -> str:
    total = sum(len(rule.tests) for rule in policyset.policy_rules)
    scope = f"{_count(len(policyset.policy_rules), 'rule')} in "
    scope += _count(len(policyset.policies), "policy", "policies")
    untested = [rule.id for rule in policyset.policy_rules if not rule.tests]
    if untested:
        scope += f"; without tests: {', '.join(untested)}"
    if failed:
        return f"{failed} of {_count(total, 'policy test')} failed ({scope})\n"
    return f"{_count(total, 'policy test')} passed ({scope})\n"


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"
