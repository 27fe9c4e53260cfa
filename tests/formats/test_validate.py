from __future__ import annotations

import pytest

from tests.formats.support import findings, record_of
from traingate.finding import Severity
from traingate.formats.registry import FORMATS
from traingate.formats.validate import (
    MAX_MESSAGE_CHARS,
    MAX_SCHEMA_ERRORS,
    check_record,
    compiled_schema,
    json_pointer,
    schema_names,
)
from traingate.record import Record


@pytest.mark.parametrize(
    ("path", "pointer"),
    [
        ([], ""),
        (["messages", 2, "role"], "/messages/2/role"),
        (["a/b"], "/a~1b"),
        (["~1"], "/~01"),
        (["", 0], "//0"),
        (["caf\u00e9"], "/caf\u00e9"),
    ],
)
def test_json_pointer(path: list[str | int], pointer: str) -> None:
    assert json_pointer(path) == pointer


def test_finding_fields() -> None:
    value = {"messages": [{"role": "bot", "content": "Hi"}]}
    record = record_of(value, line=41)
    (finding,) = check_record(FORMATS["openai-chat"], record)
    assert finding.rule == "schema-violation"
    assert finding.severity is Severity.ERROR
    assert (finding.path, finding.line, finding.column) == ("data/train.jsonl", 41, 0)
    assert finding.record_hash == record.hash
    assert finding.pointer == "/messages/0/role"
    assert finding.message == (
        '"bot" is not one of "system", "developer", "user", "assistant", "tool", "function"'
    )


def test_messages_without_pointer_have_no_prefix() -> None:
    messages = [{"role": "user", "content": "x"}, {"role": "assistant", "content": "y"}]
    (finding,) = findings("openai-chat", {"prompt": "x", "messages": messages})
    assert finding.pointer == ""
    assert finding.message == "Additional properties are not allowed ('prompt' was unexpected)"


def test_pointer_escaping_in_findings() -> None:
    (finding,) = findings(
        "openai-chat", {"messages": [{"role": "user", "content": "x"}], "a/b~": 1}
    )
    assert finding.pointer == ""
    assert "a/b~" in finding.message
    (finding,) = findings("trl", {"text": "x", "messages": [{"role": "user", "a/b": 1}]})
    assert finding.pointer == "/messages/0"


def test_semantic_checks_run_only_on_schema_valid_records() -> None:
    # Unknown tool call id and a schema error: only the schema error is reported.
    value = {
        "messages": [
            {"role": "user", "content": "x", "lang": "en"},
            {"role": "tool", "tool_call_id": "nope", "content": "y"},
        ]
    }
    assert [finding.rule for finding in findings("openai-chat", value)] == ["schema-violation"]


def test_schema_errors_are_capped() -> None:
    value = {"messages": [{"role": "bot", "content": "x"} for _ in range(MAX_SCHEMA_ERRORS + 5)]}
    result = findings("openai-chat", value)
    assert len(result) == MAX_SCHEMA_ERRORS + 1
    assert result[-1].pointer == ""
    assert "more than 20 schema errors" in result[-1].message
    assert {finding.rule for finding in result} == {"schema-violation"}


def test_long_values_are_shortened_in_messages() -> None:
    (finding,) = findings("openai-completion", {"prompt": "x", "completion": ["y" * 10_000]})
    assert len(finding.message) <= MAX_MESSAGE_CHARS + len("/completion: ")
    assert finding.message.endswith("\u2026")


def test_schemas_compile_once() -> None:
    assert compiled_schema("openai-chat.json") is compiled_schema("openai-chat.json")


def test_every_format_has_a_shipped_schema() -> None:
    assert sorted(fmt.schema for fmt in FORMATS.values()) == schema_names()


def test_valid_record_yields_nothing() -> None:
    assert (
        findings(
            "openai-chat",
            {"messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": "y"}]},
        )
        == []
    )


def test_records_too_deep_for_the_validator_are_reported() -> None:
    # Deeper than orjson (and so the reader) goes: built by hand, with a made-up hash.
    nested: list[object] = []
    for _ in range(5000):
        nested = [nested]
    for value in ({"messages": [{"role": "user", "content": nested}]}, {"messages": nested}):
        record = Record("deep.jsonl", 1, value, "0" * 32, 10_000)
        (finding,) = check_record(FORMATS["openai-chat"], record)
        assert finding.rule == "schema-violation"
        assert finding.message.startswith("record cannot be validated: ")
