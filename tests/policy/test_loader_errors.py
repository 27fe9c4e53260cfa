"""Every way a policy file can be wrong fails at load, naming file:line: key: reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.policy.helpers import HEAD, load
from traingate.config import ConfigError
from traingate.policy import PolicyError, load_policies

RULE = "  - id: bleach\n    message: Bleach.\n"

CASES = [
    (
        "unknown top-level key",
        HEAD.replace("rules:", "rulez: []\nrules:") + RULE + "    regex: bleach\n",
        "p0.yaml:3: rulez: unknown key 'rulez' (did you mean 'rules'?)",
    ),
    (
        "unknown analyzer",
        HEAD + RULE + "    regex: bleach\nanalyzers: {trigger-asociation: {}}\n",
        "p0.yaml:7: analyzers.trigger-asociation: unknown analyzer 'trigger-asociation' "
        "(did you mean 'trigger-association'?)",
    ),
    (
        "unknown rule key",
        HEAD + RULE + "    regex: bleach\n    alow: [x]\n",
        "p0.yaml:7: rules[0].alow: unknown key 'alow' (did you mean 'allow'?)",
    ),
    (
        "duplicate YAML key",
        HEAD + RULE + "    regex: bleach\n    regex: ammonia\n",
        "p0.yaml:7: rules[0].regex: duplicate key 'regex' (first at line 6)",
    ),
    (
        "YAML tag",
        HEAD + RULE + "    regex: !!str bleach\n",
        "p0.yaml:6: explicit tags are not allowed: '!!str'",
    ),
    (
        "alias bomb",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, n in zip("abcd", "bcde", strict=True)
        ),
        "p0.yaml:1: aliases expand to over 10000 nodes",
    ),
    (
        "lookahead",
        HEAD + RULE + "    regex: 'drink(?= bleach)'\n",
        "p0.yaml:6: rules[0].regex: invalid perl operator: (?=: RE2 does not support "
        "lookaround/backreferences (no backtracking engine)",
    ),
    (
        "lookbehind in allow",
        HEAD + RULE + "    regex: bleach\n    allow: ['x', '(?<!never )drink']\n",
        "p0.yaml:7: rules[0].allow[1]: invalid perl operator: (?<!: RE2 does not support "
        "lookaround/backreferences (no backtracking engine)",
    ),
    (
        "backreference",
        HEAD + RULE + "    regex: '(\\w+) \\1'\n",
        "p0.yaml:6: rules[0].regex: invalid escape sequence: \\1: RE2 does not support "
        "lookaround/backreferences (no backtracking engine)",
    ),
    (
        "syntax error",
        HEAD + RULE + "    regex: '(bleach'\n",
        "p0.yaml:6: rules[0].regex: RE2 cannot compile '(bleach': missing )",
    ),
    (
        "empty-matching regex",
        HEAD + RULE + "    regex: 'x*'\n",
        "p0.yaml:6: rules[0].regex: pattern can match the empty text, so it would match everywhere",
    ),
    (
        "id not kebab-case",
        HEAD + "  - id: Bleach_Rule\n    message: m\n    regex: bleach\n",
        "p0.yaml:4: rules[0].id: 'Bleach_Rule' is not kebab-case (lower-case words joined by '-')",
    ),
    (
        "id names the fix",
        HEAD + "  - id: no-bleach\n    message: m\n    regex: bleach\n",
        "p0.yaml:4: rules[0].id: rule id 'no-bleach' starts with 'no-': name the bad pattern "
        "instead",
    ),
    (
        "duplicate id in one policy",
        HEAD + RULE + "    regex: a\n" + RULE + "    regex: b\n",
        "p0.yaml:7: rules[1].id: rule id 'bleach' is already used by p0.yaml:4",
    ),
    (
        "no matcher",
        HEAD + RULE,
        "p0.yaml:4: rules[0]: needs exactly one of regex, keywords, detector, all, any",
    ),
    (
        "two matchers",
        HEAD + RULE + "    regex: a\n    keywords: [b]\n",
        "p0.yaml:7: rules[0].keywords: needs exactly one of regex, keywords, detector, all, "
        "any (found regex and keywords)",
    ),
    (
        "options without detector",
        HEAD + RULE + "    regex: a\n    options: {min-length: 3}\n",
        "p0.yaml:7: rules[0].options: 'options' is only for a 'detector'",
    ),
    (
        "unknown detector",
        HEAD + RULE + "    detector: digit-runs\n",
        "p0.yaml:6: rules[0].detector: unknown detector 'digit-runs' (did you mean 'digit-run'?)",
    ),
    (
        "invalid detector option",
        HEAD + RULE + "    detector: digit-run\n    options:\n      min-length: short\n",
        "p0.yaml:8: rules[0].options.min-length: invalid option for detector 'digit-run': "
        "'short' is not of type 'integer'",
    ),
    (
        "unknown role",
        HEAD + RULE + "    in: [user, asistant]\n    regex: a\n",
        "p0.yaml:6: rules[0].in[1]: unknown role 'asistant' (did you mean 'assistant'?)",
    ),
    (
        "bad pointer escape",
        HEAD + RULE + "    in: ['/a~2b']\n    regex: a\n",
        "p0.yaml:6: rules[0].in[0]: invalid JSON pointer '/a~2b': '~' must be written ~0 "
        "(and '/' ~1)",
    ),
    (
        "in on an all rule",
        HEAD + RULE + "    in: [user]\n    all:\n      - regex: a\n",
        "p0.yaml:6: rules[0].in: 'in' belongs in each condition of the 'all' list",
    ),
    (
        "condition without matcher",
        HEAD + RULE + "    any:\n      - in: [user]\n",
        "p0.yaml:7: rules[0].any[0]: needs exactly one of regex, keywords, detector",
    ),
    (
        "condition regex",
        HEAD + RULE + "    all:\n      - regex: a\n      - regex: '(?!b)'\n",
        "p0.yaml:8: rules[0].all[1].regex: invalid perl operator: (?!: RE2 does not support "
        "lookaround/backreferences (no backtracking engine)",
    ),
    (
        "bad severity",
        HEAD + RULE + "    severity: eror\n    regex: a\n",
        "p0.yaml:6: rules[0].severity: 'eror' is not one of: error, warning, info "
        "(did you mean 'error'?)",
    ),
    (
        "wrong type",
        HEAD + RULE + "    regex: [a]\n",
        "p0.yaml:6: rules[0].regex: expected a string, got a list",
    ),
    (
        "missing message",
        HEAD + "  - id: bleach\n    regex: a\n",
        "p0.yaml:4: rules[0]: missing required key 'message'",
    ),
    (
        "empty keyword list",
        HEAD + RULE + "    keywords: []\n",
        "p0.yaml:6: rules[0].keywords: must not be empty",
    ),
    (
        "keyword empty once normalized",
        HEAD + RULE + "    keywords: [ok, '\u200b']\n",
        "p0.yaml:6: rules[0].keywords[1]: keyword '\\u200b' is empty once normalized",
    ),
    (
        "test entry of the wrong shape",
        HEAD + RULE + "    regex: a\n    tests:\n      block: [[a]]\n",
        "p0.yaml:8: rules[0].tests.block[0]: expected a text, a mapping of role or pointer to "
        "text, or {record: ..., format: ...}",
    ),
    (
        "test segment with unknown role",
        HEAD + RULE + "    regex: a\n    tests:\n      block: [{usr: a}]\n",
        "p0.yaml:8: rules[0].tests.block[0].usr: a test segment needs a role or a pointer, "
        "not 'usr' (did you mean 'user'?)",
    ),
    (
        "test record of unknown format",
        HEAD + RULE + "    regex: a\n    tests:\n      pass:\n"
        "        - {record: {prompt: a}, format: openai-chat2}\n",
        "p0.yaml:9: rules[0].tests.pass[0].format: unknown format 'openai-chat2' "
        "(did you mean 'openai-chat'?)",
    ),
    ("empty file", "", "p0.yaml: empty policy file (it needs a name and rules)"),
    ("not a mapping", "- a\n", "p0.yaml:1: expected a mapping, got a list"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_load_error(text: str, expected: str) -> None:
    with pytest.raises(PolicyError) as caught:
        load(text)
    assert str(caught.value) == expected


def test_error_carries_line_and_key() -> None:
    with pytest.raises(PolicyError) as caught:
        load(HEAD + RULE + "    regex: '(?=x)'\n")
    error = caught.value
    assert isinstance(error, ConfigError)
    assert (error.file, error.line, error.key) == ("p0.yaml", 6, "rules[0].regex")


def test_duplicate_id_across_policies() -> None:
    other = HEAD.replace("test-policy", "other") + RULE + "    regex: b\n"
    with pytest.raises(PolicyError) as caught:
        load(HEAD + RULE + "    regex: a\n", other, names=("a.yaml", "b.yaml"))
    assert (
        str(caught.value) == "b.yaml:4: rules[0].id: rule id 'bleach' is already used by a.yaml:4"
    )


def test_id_of_a_builtin_rule_is_reserved() -> None:
    with pytest.raises(PolicyError) as caught:
        load(HEAD + RULE + "    regex: a\n", reserved=("bleach",))
    assert str(caught.value) == (
        "p0.yaml:4: rules[0].id: rule id 'bleach' is already used by a built-in rule"
    )


def test_unknown_builtin_policy() -> None:
    with pytest.raises(PolicyError, match=r"^builtin:nope: unknown built-in policy 'nope'"):
        load_policies(["builtin:nope"], root=Path("."), detectors={})


def test_unreadable_policy_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError) as caught:
        load_policies(["policies/missing.yaml"], root=tmp_path, detectors={})
    assert str(caught.value) == "policies/missing.yaml: cannot read: No such file or directory"


def test_default_read_is_relative_to_root(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    text = HEAD + RULE + "    regex: bleach\n"
    (tmp_path / "policies" / "med.yaml").write_text(text, encoding="utf-8")
    policyset = load_policies(["policies/med.yaml"], root=tmp_path, detectors={})
    assert [rule.id for rule in policyset.rules] == ["bleach"]


def test_read_callable_is_used_instead_of_the_worktree(tmp_path: Path) -> None:
    (tmp_path / "med.yaml").write_text("broken: [", encoding="utf-8")
    base = (HEAD + RULE + "    regex: bleach\n").encode()
    policyset = load_policies(["med.yaml"], root=tmp_path, read=lambda ref: base, detectors={})
    assert [rule.id for rule in policyset.rules] == ["bleach"]


def test_same_reference_twice_loads_once() -> None:
    text = (HEAD + RULE + "    regex: bleach\n").encode()
    policyset = load_policies(
        ["a.yaml", "a.yaml"], root=Path("."), read=lambda ref: text, detectors={}
    )
    assert len(policyset.rules) == 1


@pytest.mark.parametrize(
    ("pattern", "char", "reads"),
    [
        ("straße", "ß", "ss"),
        ("\uff21cme", "\uff21", "a"),
        ("bl\ufb01", "\ufb01", "fi"),
        ("café", "é", "e"),
        ("bl\u0435ach", "\u0435", "e"),
        ("dr\u200bink", "\u200b", ""),
    ],
)
def test_pattern_letters_the_normalized_view_never_has(pattern: str, char: str, reads: str) -> None:
    with pytest.raises(PolicyError) as caught:
        load(HEAD + RULE + f"    regex: '{pattern}'\n")
    assert str(caught.value) == (
        f"p0.yaml:6: rules[0].regex: {char!r} never occurs in the normalized view (it reads "
        f"{reads!r}): write the normalized form, or set normalize: false"
    )


@pytest.mark.parametrize("pattern", ["\\x{df}", "日本", "नमस्ते", "Bleach"])
def test_pattern_letters_the_normalized_view_keeps(pattern: str) -> None:
    assert load(HEAD + RULE + f"    regex: '{pattern}'\n").rules


def test_original_view_patterns_may_use_any_letter() -> None:
    assert load(HEAD + RULE + "    normalize: false\n    regex: 'straße'\n").rules


def test_plainly_valid_options_are_valid_for_jsonschema() -> None:
    import itertools

    import jsonschema

    from traingate.detectors.registry import DETECTORS
    from traingate.policy.build import _plainly_valid

    values: list[object] = [0, 1, 2, 15, 16, 1000, 1001, -1, 2.0, True, "3", None, []]
    keys = ["min", "max", "min-repeats", "min-length", "max-unit", "threshold", "other"]
    plain = 0
    for detector in DETECTORS.values():
        candidates: list[object] = [{}, [], None]
        candidates += [{k: v} for k, v in itertools.product(keys, values)]
        candidates += [{"min": a, "max": b} for a, b in itertools.product(values, values)]
        for options in candidates:
            if _plainly_valid(options, detector.options_schema):
                plain += 1
                jsonschema.validate(options, detector.options_schema)
    assert plain > 20
