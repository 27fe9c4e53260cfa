"""Rules, findings and summaries shared by the reporter tests (independent of the registry)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping

from traingate.finding import Finding, Severity
from traingate.reporters.base import Reporter, Summary
from traingate.rules.base import Rule, Scope

DOC = """
    ## What it does
    Reports an object that repeats a key.

    ## Why it matters
    Readers disagree on which value counts.

    ## Example that fails
    `{"a": 1, "a": 2}`

    ## Example that passes
    `{"a": 1}`

    ## Options
    None.
    """

RULES: Mapping[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("duplicate-key", Scope.LINE, Severity.ERROR, "An object repeats a key.", DOC),
        Rule("email-address", Scope.RECORD, Severity.WARNING, "A record holds an email.", DOC),
        Rule("short-answer", Scope.RECORD, Severity.INFO, "An answer is very short.", DOC),
        Rule(
            "unreadable-file",
            Scope.FILE,
            Severity.ERROR,
            "A file cannot be read.",
            DOC,
            unreadable=True,
        ),
    )
}

DUPLICATE = Finding(
    path="data/train.jsonl",
    line=3,
    column=17,
    rule="duplicate-key",
    severity=Severity.ERROR,
    message="duplicate key 'a,b': 50% sure\nsecond line",
    pointer="/messages/1/content",
    record_hash="a" * 32,
)
EMAIL = Finding(
    path="data/dir with space/ünï.jsonl",
    line=2,
    column=0,
    rule="email-address",
    severity=Severity.WARNING,
    message="email: x@example.com | <b>bold</b>",
    pointer="/messages/0/content",
    record_hash="b" * 32,
)
SHORT = Finding("data/train.jsonl", 0, 0, "short-answer", Severity.INFO, "answers are short")
MISSING = Finding("data/missing.jsonl", 0, 0, "unreadable-file", Severity.ERROR, "no such file")


def run(
    reporter: Reporter,
    findings: Iterable[Finding],
    *,
    fail_on: Severity = Severity.ERROR,
    checked: Iterable[str] = (),
) -> Summary:
    """Feed ``findings`` the way ``traingate.run.report`` does; return the summary."""
    summary = Summary(checked_paths=set(checked))
    summary.files = len(summary.checked_paths)
    for finding in findings:
        summary.add(finding, finding.severity >= fail_on, RULES[finding.rule].unreadable)
        reporter.finding(finding)
    reporter.finish(summary)
    return summary


def render(
    kind: type[Reporter],
    findings: Iterable[Finding],
    *,
    quiet: bool = False,
    fail_on: Severity = Severity.ERROR,
    checked: Iterable[str] = (),
) -> str:
    out = io.StringIO()
    run(
        kind(out, color=False, quiet=quiet, rules=RULES), findings, fail_on=fail_on, checked=checked
    )
    return out.getvalue()
