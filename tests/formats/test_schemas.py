"""The shipped schemas are valid Draft 2020-12, and jsonschema_rs reads them as the reference does.

The pure-Python ``jsonschema`` validator is the reference implementation; traingate uses
``jsonschema_rs`` for speed, so both must agree on every sample record.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import referencing
from referencing.jsonschema import DRAFT202012

from tests.formats import (
    test_bedrock_claude,
    test_detect,
    test_openai_chat,
    test_openai_dpo,
    test_sharegpt,
    test_simple_formats,
    test_trl,
    test_vertex_gemini,
)
from traingate.formats.validate import compiled_schema, load_schema, schema_names

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

SAMPLES: list[dict[str, Any]] = [
    value
    for cases in (
        test_openai_chat.CASES,
        test_openai_dpo.CASES,
        test_bedrock_claude.CASES,
        test_vertex_gemini.CASES,
        test_trl.CASES,
        test_sharegpt.CASES,
        test_simple_formats.ALPACA_CASES,
        test_simple_formats.COMPLETION_CASES,
        test_simple_formats.GENERIC_CASES,
        test_detect.DETECTION,
    )
    for _, value, _ in cases
]


def reference_validator(name: str) -> jsonschema.Draft202012Validator:
    resources = [
        (load_schema(other)["$id"], DRAFT202012.create_resource(load_schema(other)))
        for other in schema_names()
    ]
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(resources)
    return jsonschema.Draft202012Validator(load_schema(name), registry=registry)


@pytest.mark.parametrize("name", schema_names())
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == DRAFT_2020_12
    assert schema["$id"] == "urn:traingate:format:" + name.removesuffix(".json")
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", schema_names())
def test_jsonschema_rs_agrees_with_reference(name: str) -> None:
    fast = compiled_schema(name)
    reference = reference_validator(name)
    disagreements = [
        value for value in SAMPLES if fast.is_valid(value) != reference.is_valid(value)
    ]
    assert disagreements == []


def test_samples_exercise_both_outcomes() -> None:
    # The agreement test means something only if each schema accepts and rejects samples.
    for name in schema_names():
        outcomes = {compiled_schema(name).is_valid(value) for value in SAMPLES}
        assert outcomes == ({True} if name == "generic.json" else {True, False}), name


@pytest.mark.parametrize(
    "value",
    [
        {
            "messages": [
                {"role": "user", "content": "x"},
                {"role": "assistant", "content": "y", "weight": 1.0},
            ]
        },
        {
            "messages": [
                {"role": "user", "content": "x"},
                {"role": "assistant", "content": "y", "weight": False},
            ]
        },
        {
            "messages": [
                {"role": "user", "content": "x"},
                {"role": "assistant", "content": "y", "weight": 0.0},
            ]
        },
        {"messages": [{"role": "user", "content": "\ud800"}]},
        {
            "messages": [
                {"role": "user", "content": "x" * 100_000},
                {"role": "assistant", "content": "y"},
            ]
        },
        {
            "messages": [
                {
                    "role": "assistant",
                    "content": "y",
                    "tool_calls": [
                        {"id": "", "type": "function", "function": {"name": "f", "arguments": ""}}
                    ],
                }
            ]
        },
        {
            "messages": [
                {
                    "role": "assistant",
                    "tool_calls": [
                        {
                            "id": "a",
                            "type": "function",
                            "function": {"name": "f" * 65, "arguments": ""},
                        }
                    ],
                }
            ]
        },
        {
            "messages": [{"role": "user", "content": "x"}],
            "tools": [{"type": "function", "function": {"name": "f", "parameters": []}}],
        },
    ],
)
def test_edge_values_agree(value: dict[str, Any]) -> None:
    assert compiled_schema("openai-chat.json").is_valid(value) == reference_validator(
        "openai-chat.json"
    ).is_valid(value)
