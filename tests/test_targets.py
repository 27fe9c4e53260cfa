from __future__ import annotations

import base64
import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from traingate.finding import Finding, Severity
from traingate.record import Record
from traingate.rules.base import Scope
from traingate.target_rules import TARGET_RULES
from traingate.targets import (
    FORMAT_NAMES,
    NO_TARGET,
    TARGETS,
    FileLimits,
    Limits,
    Target,
    TargetError,
    check_format,
    check_record,
    describe_targets,
    load_target,
    measure,
    parse_profile,
)

SHIPPED = ("openai", "bedrock", "vertex")


def target(**limits: int) -> Target:
    return dataclasses.replace(load_target(NO_TARGET), name="test", limits=Limits(**limits))


def record(value: dict[str, Any], line: int = 1) -> Record:
    return Record(path="train.jsonl", line=line, value=value, hash="h" * 32, size=0)


def chat(*contents: Any) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": c} for c in contents]}


def data_url(n_bytes: int) -> str:
    return "data:image/png;base64," + base64.b64encode(b"\0" * n_bytes).decode()


def openai_image(url: str) -> dict[str, Any]:
    return {"type": "image_url", "image_url": {"url": url}}


def bedrock_image(n_bytes: int) -> dict[str, Any]:
    data = base64.b64encode(b"\0" * n_bytes).decode()
    return {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}}


def vertex_file(mime: str) -> dict[str, Any]:
    return {"fileData": {"mimeType": mime, "fileUri": "gs://bucket/x"}}


def found(findings: list[Finding]) -> list[tuple[str, int, str]]:
    return [(f.rule, f.line, f.pointer) for f in findings]


# --- profiles --------------------------------------------------------------------------


@pytest.mark.parametrize("name", SHIPPED)
def test_profile_loads_with_source_and_date(name: str) -> None:
    profile = load_target(name)
    assert profile.name == name
    assert profile.source and all(url.startswith("https://") for url in profile.source)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", profile.retrieved)
    assert re.fullmatch(r"\d{4}-\d{2}", profile.version)
    assert profile.notes
    assert profile.formats and profile.formats <= FORMAT_NAMES
    assert profile.limits != Limits()


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("openai", "min_examples_per_file", 10),
        ("openai", "max_tokens_per_example", 65_536),
        ("openai", "max_file_bytes", 512 << 20),
        ("bedrock", "min_examples_per_file", 32),
        ("bedrock", "max_examples_per_file", 10_000),
        ("bedrock", "max_tokens_per_example", 32_000),
        ("vertex", "max_tokens_per_example", 131_072),
        ("vertex", "max_images_per_example", 30),
    ],
)
def test_profile_values(name: str, field: str, value: int) -> None:
    assert getattr(load_target(name).limits, field) == value


def test_registry_lists_none_and_shipped_profiles() -> None:
    assert sorted(TARGETS) == sorted((NO_TARGET, *SHIPPED))
    assert TARGETS[NO_TARGET].limits == Limits()
    assert TARGETS[NO_TARGET].formats is None


def test_unknown_target_lists_known_names() -> None:
    with pytest.raises(TargetError, match=r"unknown target 'opnai'; known targets: bedrock, none"):
        load_target("opnai")


GOOD_PROFILE: dict[str, Any] = {
    "name": "x",
    "provider": "X",
    "version": "2026-01",
    "source": "https://example.com",
    "retrieved": "2026-01-01",
    "notes": "n",
    "limits": {"max-tokens-per-example": 5},
    "formats": ["generic"],
}


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"colour": "red"}, r"p\.json: unknown keys \['colour'\]"),
        (
            {"limits": {"max-tokens": 1}},
            r"limits\.max-tokens: unknown limit; known: max-examples-per-file, max-file",
        ),
        ({"limits": {"max_file_bytes": 1}}, r"limits\.max_file_bytes: unknown limit"),
        ({"limits": {"max-file-bytes": -1}}, r"limits\.max-file-bytes: must be a non-negative"),
        ({"limits": {"max-file-bytes": True}}, r"max-file-bytes: must be a non-negative"),
        ({"formats": ["openai"]}, r"p\.json: formats must be a list of"),
        ({"retrieved": ""}, r"p\.json: retrieved: must be a non-empty string"),
        ({"retrieved": "June 2025"}, r"p\.json: retrieved: must be a date, YYYY-MM-DD"),
        ({"source": []}, r"p\.json: source: name at least one URL"),
        ({"formats": [["generic"]]}, r"p\.json: formats must be a list of"),
    ],
)
def test_bad_profile_fails_loudly(change: dict[str, Any], error: str) -> None:
    with pytest.raises(TargetError, match=error):
        parse_profile({**GOOD_PROFILE, **change}, "p.json")


def test_good_profile_parses() -> None:
    parsed = parse_profile(GOOD_PROFILE, "p.json")
    assert parsed.source == ("https://example.com",)
    assert parsed.limits == Limits(max_tokens_per_example=5)
    assert parsed.formats == frozenset({"generic"})


# --- per-record rules ------------------------------------------------------------------

RECORD_CASES: list[tuple[str, Target, dict[str, Any], list[tuple[str, int, str]]]] = [
    # "user" (4) + 12 characters = 16 characters = 4 tokens
    ("at token limit", target(max_tokens_per_example=4), chat("x" * 12), []),
    (
        "over token limit",
        target(max_tokens_per_example=4),
        chat("x" * 13),
        [("example-too-long", 1, "")],
    ),
    (
        "data URLs are not text",
        target(max_tokens_per_example=4),
        chat([openai_image(data_url(3000))]),
        [],
    ),
    (
        "audio data is not text",
        target(max_tokens_per_example=4),
        {"contents": [{"inlineData": {"mimeType": "audio/wav", "data": "A" * 400}}]},
        [],
    ),
    (
        "images at limit",
        target(max_images_per_example=2),
        chat([openai_image("https://a")] * 2),
        [],
    ),
    (
        "openai images over limit",
        target(max_images_per_example=2),
        chat([openai_image("https://a")] * 2, [openai_image("https://b")]),
        [("too-many-images", 1, "")],
    ),
    (
        "bedrock images over limit",
        target(max_images_per_example=1),
        chat([bedrock_image(1), {"type": "text", "text": "?"}, bedrock_image(1)]),
        [("too-many-images", 1, "")],
    ),
    (
        "vertex images over limit",
        target(max_images_per_example=1),
        {"contents": [{"role": "user", "parts": [vertex_file("image/png")] * 2}]},
        [("too-many-images", 1, "")],
    ),
    (
        "vertex images over limit, spelled as protobuf names them",
        target(max_images_per_example=1),
        {
            "contents": [
                {
                    "role": "user",
                    "parts": [
                        {"file_data": {"mime_type": "image/png", "file_uri": "gs://b/x"}},
                        {"file_data": {"mimeType": "image/png", "file_uri": "gs://b/y"}},
                    ],
                }
            ]
        },
        [("too-many-images", 1, "")],
    ),
    (
        "vertex PDFs are not images",
        target(max_images_per_example=1),
        {"contents": [{"role": "user", "parts": [vertex_file("application/pdf")] * 2}]},
        [],
    ),
    ("image at size limit", target(max_image_bytes=300), chat([openai_image(data_url(300))]), []),
    (
        "openai image over size limit",
        target(max_image_bytes=300),
        chat("look", [{"type": "text", "text": "a"}, openai_image(data_url(301))]),
        [("image-too-large", 1, "/messages/1/content/1")],
    ),
    (
        "bedrock images over size limit, in document order",
        target(max_image_bytes=10),
        chat([bedrock_image(11), bedrock_image(5), bedrock_image(12)]),
        [
            ("image-too-large", 1, "/messages/0/content/0"),
            ("image-too-large", 1, "/messages/0/content/2"),
        ],
    ),
    (
        "vertex inline image over size limit, escaped pointer",
        target(max_image_bytes=10),
        {"a/b~c": [{"inlineData": {"mimeType": "image/jpeg", "data": "QUFB" * 4}}]},
        [("image-too-large", 1, "/a~1b~0c/0")],
    ),
    (
        "linked images cannot be measured",
        target(max_image_bytes=0),
        chat([openai_image("https://a"), vertex_file("image/png")]),
        [],
    ),
    (
        "every per-record rule at once",
        target(max_tokens_per_example=1, max_images_per_example=0, max_image_bytes=0),
        chat("long text", [openai_image(data_url(3))]),
        [
            ("example-too-long", 1, ""),
            ("too-many-images", 1, ""),
            ("image-too-large", 1, "/messages/1/content/0"),
        ],
    ),
    ("none target has no limits", load_target(NO_TARGET), chat("x" * 10**6), []),
    ("openai passes a normal chat", load_target("openai"), chat("hi", "hello"), []),
    # "user" (4) + 127,996 characters = 128,000 characters = 32,000 tokens
    ("bedrock accepts 32,000 tokens", load_target("bedrock"), chat("x" * 127_996), []),
    (
        "bedrock rejects 32,001 tokens",
        load_target("bedrock"),
        chat("x" * 127_997),
        [("example-too-long", 1, "")],
    ),
    (
        "vertex rejects 31 images",
        load_target("vertex"),
        {"contents": [{"role": "user", "parts": [vertex_file("image/png")] * 31}]},
        [("too-many-images", 1, "")],
    ),
]


@pytest.mark.parametrize(
    ("profile", "value", "expected"),
    [case[1:] for case in RECORD_CASES],
    ids=[case[0] for case in RECORD_CASES],
)
def test_check_record(
    profile: Target, value: dict[str, Any], expected: list[tuple[str, int, str]]
) -> None:
    findings = list(check_record(profile, record(value)))
    assert found(findings) == expected
    assert all(f.severity is Severity.ERROR and f.record_hash == "h" * 32 for f in findings)


def test_token_message_says_it_is_an_approximation() -> None:
    (finding,) = check_record(target(max_tokens_per_example=1), record(chat("abcdefgh")))
    assert finding.message == (
        "about 3 tokens (12 characters / 4, an approximation); "
        "test accepts at most 1 tokens per example"
    )


def test_measure_walks_deep_records_without_recursion() -> None:
    value: Any = "xyz"
    for _ in range(5000):
        value = [value]
    deep = {"a": value}
    assert measure(deep) == (3, 0, ())
    assert measure(deep).approx_tokens == 1


def test_image_size_is_measured_without_decoding() -> None:
    url = data_url(1000)
    assert measure(chat([openai_image(url)]), 999).oversized_images == (
        ("/messages/0/content/0", 1000),
    )


# --- file-level rules ------------------------------------------------------------------

FILE_CASES: list[tuple[str, int, int, list[tuple[str, int, str]], str]] = [
    ("bedrock", 32, 1000, [], ""),
    ("bedrock", 31, 1000, [("too-few-examples", 0, "")], "31 examples"),
    ("bedrock", 0, 0, [("too-few-examples", 0, "")], "0 examples"),
    ("bedrock", 10_000, 1000, [], ""),
    (
        "bedrock",
        10_001,
        1000,
        [("too-many-examples", 0, "")],
        "first one over the limit is on line 10001",
    ),
    ("openai", 10, 512 << 20, [], ""),
    ("openai", 10, (512 << 20) + 1, [("file-too-large", 0, "")], "512.0 MiB"),
    ("openai", 9, 600 << 20, [("too-few-examples", 0, ""), ("file-too-large", 0, "")], ""),
    ("vertex", 1, 10, [], ""),
    ("none", 0, 10**12, [], ""),
]


@pytest.mark.parametrize(("name", "count", "n_bytes", "expected", "message_part"), FILE_CASES)
def test_file_limits(
    name: str,
    count: int,
    n_bytes: int,
    expected: list[tuple[str, int, str]],
    message_part: str,
) -> None:
    limits = FileLimits(load_target(name))
    for line in range(1, count + 1):
        limits.add(record({"text": "x"}, line=line))
    findings = list(limits.finish("train.jsonl", n_bytes))
    assert found(findings) == expected
    assert all(f.path == "train.jsonl" for f in findings)
    assert message_part in " ".join(f.message for f in findings)


def test_file_limits_keep_constant_state() -> None:
    limits = FileLimits(target(max_examples_per_file=3))
    for line in range(1, 100_001):
        limits.add(record({"text": "x"}, line=line * 2))
    assert not hasattr(limits, "__dict__")
    (finding,) = limits.finish("big.jsonl", 10)
    assert finding.message == (
        "100,000 examples; test accepts at most 3 (the first one over the limit is on line 8)"
    )


@pytest.mark.parametrize(
    ("name", "format_name", "expected"),
    [
        ("openai", "openai-chat", []),
        ("openai", "openai-dpo", []),
        ("openai", "bedrock-claude", ["format-unsupported-by-target"]),
        ("bedrock", "bedrock-claude", []),
        ("bedrock", "openai-chat", ["format-unsupported-by-target"]),
        ("vertex", "vertex-gemini", []),
        ("vertex", "alpaca", ["format-unsupported-by-target"]),
        ("none", "alpaca", []),
    ],
)
def test_check_format(name: str, format_name: str, expected: list[str]) -> None:
    findings = list(check_format(load_target(name), "train.jsonl", format_name))
    assert [f.rule for f in findings] == expected
    assert all(format_name in f.message and f.line == 0 for f in findings)


# --- rule metadata and docs ------------------------------------------------------------

SECTIONS = (
    "## What it does",
    "## Why it matters",
    "## Example that fails",
    "## Example that passes",
    "## Options",
)


@pytest.mark.parametrize("rule", TARGET_RULES, ids=[r.id for r in TARGET_RULES])
def test_rule_metadata_and_doc(rule: Any) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.id)
    assert not rule.id.startswith("no-")
    assert rule.scope in (Scope.RECORD, Scope.FILE)
    positions = [rule.doc.find(section) for section in SECTIONS]
    assert -1 not in positions and positions == sorted(positions)
    assert rule.summary.endswith(".")


def test_rule_ids_are_unique_and_token_doc_says_approximate() -> None:
    ids = [rule.id for rule in TARGET_RULES]
    assert len(ids) == len(set(ids)) == 7
    (too_long,) = (rule for rule in TARGET_RULES if rule.id == "example-too-long")
    assert "approximation" in too_long.doc


def test_describe_targets_names_limits_sources_and_dates() -> None:
    text = describe_targets()
    for name in SHIPPED:
        profile = load_target(name)
        assert f"## `{name}`" in text
        assert profile.retrieved in text
        assert all(url in text for url in profile.source)
    assert "| `max-tokens-per-example` | 32,000 |" in text
    assert "## `none`" in text


@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_a_compressed_file_is_measured_by_what_it_holds(tmp_path: Path, suffix: str) -> None:
    import gzip

    from traingate.check_file import FileCheck, FilePlan
    from traingate.reader.file import ReaderOptions

    line = b'{"prompt": "' + b"x" * 100 + b'", "completion": "y"}\n'
    data = line * 200  # 24,800 bytes; gzip makes them a few hundred
    path = tmp_path / f"train.jsonl{suffix}"
    path.write_bytes(gzip.compress(data) if suffix else data)
    limit = target(max_file_bytes=len(data) - 1)
    plan = FilePlan(path, path.name, path.name, "openai-completion", limit, ReaderOptions())
    rules = [f.rule for f in FileCheck(plan).findings()]
    assert "file-too-large" in rules
