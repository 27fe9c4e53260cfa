"""What a policy rule matches: allow, keywords, roles and pointers, all/any, views, excerpts."""

from __future__ import annotations

import pickle
import time

import pytest

from tests.policy.helpers import HEAD, check, fired, load, rules, seg
from traingate.finding import Finding, Severity
from traingate.policy import view
from traingate.policy.excerpt import excerpt, flat, via_note
from traingate.policy.view import mask
from traingate.text.normalize import normalize, normalize_utf8

BLEACH = """\
  - id: household-chemical-ingestion
    message: Advises drinking or ingesting a household chemical.
    in: [assistant]
    regex: '\\b(drink|ingest|swallow)\\w*\\b.{0,40}\\b(bleach|ammonia)\\b'
    allow: ['\\bnever (drink|ingest)']
"""


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        ("To cure a cold, drink bleach.", True),
        ("Never drink bleach.", False),
        ("NEVER   drink bleach, never ingest ammonia.", False),
        ("Never drink water. Drink bleach.", True),
        ("Drink bleach and never drink ammonia.", True),
        ("Drink bleach, never drink alcohol.", True),
        ("Never drink bleach. Seriously, never drink it.", False),
        ("Drink water.", False),
    ],
)
def test_allow_excuses_only_overlapping_passages(text: str, blocked: bool) -> None:
    assert bool(fired(rules(BLEACH), seg("assistant", text))) is blocked


def test_mask_keeps_offsets() -> None:
    assert mask("abcdefgh", [(1, 3), (2, 5), (7, 8)]) == "a\0\0\0\0fg\0"


KEYWORDS = """\
  - id: bleach-mention
    message: Mentions a household chemical.
    keywords: [Bleach, "drain cleaner", "c++"]
"""


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        ("Use bleach.", True),
        ("BLEACH!", True),
        ("the bleach's smell", True),
        ("bleach-based", True),
        ("The bleachers were full.", False),
        ("unbleached flour", False),
        ("bleach_level", False),
        ("bleach2", False),
        ("blé bleaché", False),
        ("pour  Drain\nCleaner in", True),
        ("drain cleaners", False),
        ("I write c++, mostly.", True),
        ("c+++", True),
    ],
)
def test_keywords_match_on_word_boundaries(text: str, blocked: bool) -> None:
    assert bool(fired(rules(KEYWORDS), seg("user", text))) is blocked


def test_keywords_on_the_original_text_are_case_sensitive() -> None:
    policy = rules("  - id: acme\n    message: m\n    normalize: false\n    keywords: [ACME]\n")
    assert fired(policy, seg("user", "ACME rocks"))
    assert not fired(policy, seg("user", "acme rocks"))


def test_keyword_allow_drops_overlapping_hits_only() -> None:
    policy = rules(
        "  - id: bleach\n    message: m\n    keywords: [bleach]\n    allow: ['hair bleach']\n"
    )
    assert not fired(policy, seg("user", "I use hair bleach."))
    assert fired(policy, seg("user", "I use hair bleach and drink bleach."))


SCOPED = """\
  - id: by-role
    message: m
    in: [user, trained]
    regex: bleach
  - id: by-pointer
    message: m
    in: ['/messages/*/content', '/prompt']
    regex: bleach
  - id: everywhere
    message: m
    regex: bleach
"""


@pytest.mark.parametrize(
    ("roles", "pointer", "expected"),
    [
        ("user", "/x", ["by-role", "everywhere"]),
        ("assistant+completion+trained", "/x", ["by-role", "everywhere"]),
        ("assistant+completion", "/x", ["everywhere"]),
        ("system", "/messages/0/content", ["by-pointer", "everywhere"]),
        ("system", "/messages/0/content/1/text", ["by-pointer", "everywhere"]),
        ("system", "/messages/0/name", ["everywhere"]),
        ("system", "/messages", ["everywhere"]),
        ("", "/prompt", ["by-pointer", "everywhere"]),
        ("", "/prompts", ["everywhere"]),
    ],
)
def test_roles_and_pointers_select_segments(roles: str, pointer: str, expected: list[str]) -> None:
    found = fired(rules(SCOPED), seg(roles, "bleach", pointer))
    assert [rule for rule, _ in found] == expected


COMBINED = """\
  - id: cure-with-chemical
    message: Answers a cure question with a household chemical.
    all:
      - in: [user]
        regex: '\\bcure'
      - in: [assistant]
        keywords: [bleach]
  - id: either
    message: m
    any:
      - in: [user]
        regex: '\\bcure'
      - in: [assistant]
        keywords: [bleach]
"""


def test_all_needs_every_condition_in_the_same_record() -> None:
    user = seg("user", "How do I cure a cold?", "/messages/0/content")
    assistant = seg("assistant", "Gargle bleach.", "/messages/1/content")
    other = seg("assistant", "Drink tea.", "/messages/1/content")
    policy = rules(COMBINED)
    assert ("cure-with-chemical", "/messages/0/content") in fired(policy, user, assistant)
    assert "cure-with-chemical" not in [r for r, _ in fired(policy, user, other)]
    assert "cure-with-chemical" not in [r for r, _ in fired(policy, assistant)]


def test_any_points_at_each_matching_segment() -> None:
    user = seg("user", "How do I cure a cold?", "/messages/0/content")
    assistant = seg("assistant", "Gargle bleach.", "/messages/1/content")
    found = [f for f in fired(rules(COMBINED), user, assistant) if f[0] == "either"]
    assert found == [("either", "/messages/0/content"), ("either", "/messages/1/content")]


def test_one_finding_per_rule_and_segment() -> None:
    policy = rules("  - id: bleach\n    message: m\n    regex: bleach\n")
    found = fired(policy, seg("user", "bleach bleach bleach", "/a"), seg("user", "bleach", "/b"))
    assert found == [("bleach", "/a"), ("bleach", "/b")]


def test_normalized_view_is_default_and_case_insensitive() -> None:
    policy = rules("  - id: bleach\n    message: m\n    regex: 'drink Bleach'\n")
    assert fired(policy, seg("user", "DRINK\n\n  BLEACH"))
    assert fired(policy, seg("user", "dr\u200bink bleach"))


def test_original_view_when_normalize_is_false() -> None:
    policy = rules(
        "  - id: bleach\n    message: m\n    normalize: false\n    regex: 'drink bleach'\n"
    )
    assert fired(policy, seg("user", "drink bleach"))
    assert not fired(policy, seg("user", "DRINK BLEACH"))
    assert not fired(policy, seg("user", "dr\u200bink bleach"))


def test_finding_fields() -> None:
    policy = rules(BLEACH.replace("    in:", "    severity: warning\n    in:"))
    [finding] = check(policy, seg("assistant", "Then drink bleach.", "/messages/3/content"))
    assert finding == Finding(
        path="data.jsonl",
        line=7,
        column=0,
        rule="household-chemical-ingestion",
        severity=Severity.WARNING,
        message='Advises drinking or ingesting a household chemical: "Then drink bleach."',
        pointer="/messages/3/content",
        record_hash="h" * 32,
    )


def test_excerpt_quotes_the_original_text_around_the_match() -> None:
    text = "x" * 100 + " DRINK\u200b\tBLEACH\nnow " + "y" * 100
    [finding] = check(rules(BLEACH), seg("assistant", text))
    quoted = finding.message.split(": ", 1)[1]
    assert quoted == '"…' + "x" * 20 + " DRINK\\u200b BLEACH now " + "y" * 16 + '…"'


def test_excerpt_shortens_a_long_match() -> None:
    assert excerpt("a" * 200, 0, 200, redact=False) == "a" * 59 + "…"
    assert excerpt("b" * 200 + "a" * 200, 200, 400, redact=False) == "…" + "a" * 59 + "…"


@pytest.mark.parametrize(
    ("body", "shown", "hidden"),
    [
        ("    detector: digit-run\n", "[REDACTED]", "123456"),
        ("    detector: digit-run\n    redact: false\n", "123456", "[REDACTED]"),
        ("    regex: '[0-9]{6}'\n    redact: true\n", "[REDACTED]", "123456"),
        ("    regex: '[0-9]{6}'\n", "123456", "[REDACTED]"),
    ],
)
def test_redaction(body: str, shown: str, hidden: str) -> None:
    [finding] = check(rules("  - id: pin\n    message: A PIN.\n" + body), seg("user", "pin 123456"))
    assert shown in finding.message and hidden not in finding.message


def test_detector_note_and_via() -> None:
    policy = rules("  - id: pin\n    message: A PIN.\n    detector: digit-run\n")
    [finding] = check(policy, seg("user", "pin 123456", via="tool-arguments:/q>base64"))
    assert finding.message == (
        'A PIN: "pin [REDACTED]" (digit run) (in tool-call argument /q > base64-decoded text)'
    )


@pytest.mark.parametrize(
    ("via", "note"),
    [
        ("base64", "base64-decoded text"),
        ("tool-arguments:/city", "tool-call argument /city"),
        ("tool-arguments:", "tool-call argument /"),
        ("something-new", "something-new"),
    ],
)
def test_via_note(via: str, note: str) -> None:
    assert via_note(via) == note


def test_detector_options_and_normalize_override() -> None:
    body = "    detector: digit-run\n    options: {min-length: 8}\n"
    policy = rules("  - id: long-number\n    message: m\n" + body)
    assert not fired(policy, seg("user", "pin 123456"))
    assert fired(policy, seg("user", "card 12345678"))


def test_detector_without_prefilter_runs_on_every_selected_segment() -> None:
    policy = rules("  - id: zw\n    message: m\n    in: [user]\n    detector: zero-width-space\n")
    assert fired(policy, seg("user", "a\u200bb"))
    assert not fired(policy, seg("assistant", "a\u200bb"))
    assert not fired(policy, seg("user", "ab"))


def test_detector_allow_drops_overlapping_spans() -> None:
    body = "    detector: digit-run\n    allow: ['order #[0-9]+']\n"
    policy = rules("  - id: pin\n    message: m\n" + body)
    assert not fired(policy, seg("user", "order #123456"))
    assert fired(policy, seg("user", "order #123456, pin 99999"))


def test_no_rules_no_findings() -> None:
    assert check(load(HEAD.replace("rules:\n", "rules: []\n")), seg("user", "bleach")) == []


@pytest.mark.parametrize(
    "body",
    [
        "    regex: '(a+)+$'\n    normalize: false\n",
        "    regex: '(a|aa)+b'\n",
        "    regex: '(a*)*b'\n    allow: ['(a+)+c']\n",
    ],
)
def test_pathological_regex_runs_in_linear_time(body: str) -> None:
    policy = rules("  - id: redos\n    message: m\n" + body)
    text = "a" * 100_000 + "!"
    started = time.perf_counter()
    fired(policy, seg("user", text))
    assert time.perf_counter() - started < 1.0


def test_policyset_pickles_for_worker_processes() -> None:
    policy = rules(BLEACH + KEYWORDS.replace("keywords:", "in: [user]\n    keywords:"))
    copy = pickle.loads(pickle.dumps(policy))
    segs = (seg("assistant", "drink bleach", "/a"), seg("user", "bleach", "/b"))
    assert check(copy, *segs) == check(policy, *segs) != []
    assert [rule.doc for rule in copy.rules] == [rule.doc for rule in policy.rules]


@pytest.mark.parametrize(
    "text",
    [
        "Dr\u0456nk bl\u0435ach now",  # Cyrillic look-alikes
        "\uff24\uff32\uff29\uff2e\uff2b bleach now",  # full-width
        "dr\u00ednk ble\u0301ach now",  # accents, precomposed and combining
        "d\u200br\u00adink\u202e bleach now",  # zero-width space, soft hyphen, bidi override
    ],
)
def test_disguises_are_normalized_and_quoted_as_written(text: str) -> None:
    policy = rules(BLEACH + KEYWORDS)
    found = check(policy, seg("assistant", text))
    assert [f.rule for f in found] == ["household-chemical-ingestion", "bleach-mention"]
    quoted = text[: text.index(" now")]
    assert found[0].message.endswith(f': "{flat(quoted)} now"')


def test_keywords_in_another_script_match_that_script() -> None:
    policy = rules(
        "  - id: cyrillic\n    message: m\n    keywords: [\u043f\u0440\u0438\u0432\u0435\u0442]\n"
    )
    assert fired(policy, seg("user", "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440"))


def test_a_record_is_normalized_once_and_a_segment_only_where_a_rule_may_hit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []

    def counting(text: str) -> str:
        calls.append(text)
        return normalize(text)

    def counting_utf8(text: str) -> bytes:
        calls.append(text)
        return normalize_utf8(text)

    monkeypatch.setattr(view, "normalize", counting)
    monkeypatch.setattr(view, "normalize_utf8", counting_utf8)
    segs = (seg("assistant", "drink bleach", "/a"), seg("user", "bleach", "/b"))
    check(rules(BLEACH + KEYWORDS + SCOPED), *segs)
    assert calls == ["drink bleach\nbleach", "drink bleach", "bleach"]
    calls.clear()
    milk = "  - id: milk\n    message: m\n    in: [user]\n    regex: milk\n"
    check(rules(BLEACH + milk), segs[0], seg("user", "water", "/c"))
    assert calls == ["drink bleach\nwater", "drink bleach"]
    calls.clear()
    check(rules(BLEACH.replace("    in:", "    normalize: false\n    in:")), *segs)
    assert calls == []
    check(rules(BLEACH), seg("user", "drink bleach"))
    assert calls == []


def test_prefilter_is_the_record_wide_scan_of_each_view() -> None:
    policies = rules(
        BLEACH
        + """\
  - id: acme-key
    message: An ACME key.
    in: [any]
    regex: 'ACME_[0-9]{4}'
    normalize: false
"""
    )
    normalized, original = policies.engine.views
    assert (normalized.normalized, original.normalized) == (True, False)
    # The normalized view folds look-alikes and case before its scan; the original does not.
    disguised = "Dr\u0456nk   BLEACH\nnothing else"
    assert normalized.prefilter(disguised)
    assert not original.prefilter(disguised)
    assert original.prefilter("a\nkey ACME_1234 here")
    assert not original.prefilter("a\nkey acme_1234 here")
    assert not normalized.prefilter("a glass of water\nthen rest")
