"""Each policy rule as a :class:`~traingate.rules.base.Rule`, documented like built-in rules.

The doc is generated from the policy's description, the rule's matcher and its tests, so
``traingate explain ID`` and the docs work for policy rules and cannot drift from them.
"""

from __future__ import annotations

import json

from traingate.policy.model import (
    Condition,
    DetectorMatcher,
    KeywordMatcher,
    Policy,
    PolicyRule,
    PolicyTest,
)
from traingate.rules.base import Rule, Scope

_JOIN = {"all": "all of these conditions hold, each", "any": "any of these conditions holds"}


def rule_metadata(rule: PolicyRule, policy: Policy) -> Rule:
    summary = rule.message if rule.message.endswith(".") else f"{rule.message}."
    return Rule(rule.id, Scope.RECORD, rule.severity, summary, rule_doc(rule, policy))


def rule_doc(rule: PolicyRule, policy: Policy) -> str:
    blocked = [test for test in rule.tests if test.block]
    passed = [test for test in rule.tests if not test.block]
    sections = [
        ("What it does", _what(rule, policy)),
        ("Why it matters", policy.description.strip() or "The policy gives no description."),
        ("Example that fails", _example(blocked, "block")),
        ("Example that passes", _example(passed, "pass")),
        ("Options", _options(rule)),
    ]
    return "\n\n".join(f"## {title}\n{body}" for title, body in sections)


def _what(rule: PolicyRule, policy: Policy) -> str:
    head = f"Rule of the `{policy.name}` policy (`{policy.file}`): {rule.message}"
    if not rule.combinator:
        return f"{head}\n\n{describe_condition(rule.conditions[0])}"
    where = " in some segment of the same record" if rule.require_all else ""
    items = "\n".join(f"- {describe_condition(c)}" for c in rule.conditions)
    return f"{head}\n\nFires when {_JOIN[rule.combinator]}{where}:\n\n{items}"


def describe_condition(condition: Condition) -> str:
    """One sentence or two: which text, which view, what is matched, what is allowed."""
    roles = ", ".join(f"`{name}`" for name in condition.scope.names)
    view = "normalized view" if condition.normalize else "original text, not normalized"
    matcher = condition.matcher
    if isinstance(matcher, DetectorMatcher):
        what = f"runs the `{matcher.detector.name}` detector ({matcher.detector.summary})"
        if matcher.options:
            what += f" with options {code(json.dumps(matcher.options, sort_keys=True))}"
    elif isinstance(matcher, KeywordMatcher):
        words = ", ".join(code(word) for word in matcher.words)
        what = f"looks for the keywords {words} on word boundaries"
    else:
        case = ", ignoring case" if condition.normalize else ""
        what = f"searches for the RE2 regex {code(matcher.pattern)}{case}"
    text = f"In {roles} text ({view}), {what}."
    if condition.allow:
        allowed = ", ".join(code(pattern) for pattern in condition.allow)
        text += f" Passages matching {allowed} are allowed (blanked out before matching)."
    return text


def _example(tests: list[PolicyTest], kind: str) -> str:
    if not tests:
        return f"The rule has no `{kind}` tests."
    return fence(tests[0].label)


def _options(rule: PolicyRule) -> str:
    text = (
        f"Default severity: {rule.severity.label}; change it in the config with "
        f"`rules: {{{rule.id}: warning}}` (or `off`)."
    )
    if rule.redact:
        text += " Excerpts mask the matched text as `[REDACTED]`."
    return text


def code(text: str) -> str:
    """``text`` as Markdown inline code, whatever backticks it holds."""
    ticks = "`" * (_longest_backtick_run(text) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def fence(text: str) -> str:
    """``text`` as a fenced Markdown code block."""
    ticks = "`" * max(3, _longest_backtick_run(text) + 1)
    return f"{ticks}text\n{text}\n{ticks}"


def _longest_backtick_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return longest
