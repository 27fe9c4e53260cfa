"""Segments of the provider formats: bedrock-claude, vertex-gemini."""

from __future__ import annotations

from typing import Any

import pytest

from tests.segments.support import (
    NO_ROLE,
    SYSTEM,
    TOOL,
    TRAINED,
    USER,
    Case,
    Row,
    rows,
    say,
    table,
)

IMAGE = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBO"}}

BEDROCK: list[Case] = [
    (
        "system and strings",
        {"system": "Be terse.", "messages": [say("user", "Capital?"), say("assistant", "Paris.")]},
        [
            (SYSTEM, "/system", "Be terse.", ""),
            (USER, "/messages/0/content", "Capital?", ""),
            (TRAINED, "/messages/1/content", "Paris.", ""),
        ],
    ),
    (
        "text blocks, images skipped",
        {
            "messages": [
                say("user", [IMAGE, {"type": "text", "text": "What is it?"}]),
                say("assistant", [{"type": "text", "text": "A cat."}]),
            ]
        },
        [
            (USER, "/messages/0/content/1/text", "What is it?", ""),
            (TRAINED, "/messages/1/content/0/text", "A cat.", ""),
        ],
    ),
]


@pytest.mark.parametrize(("value", "expected"), table(BEDROCK))
def test_bedrock_claude(value: dict[str, Any], expected: list[Row]) -> None:
    assert rows("bedrock-claude", value) == expected


def turn(role: str, *parts: dict[str, Any]) -> dict[str, Any]:
    return {"role": role, "parts": list(parts)}


CALL_ARGS = "/contents/1/parts/0/functionCall/args"

VERTEX: list[Case] = [
    (
        "system instruction and turns",
        {
            "systemInstruction": {"role": "system", "parts": [{"text": "Be terse."}]},
            "contents": [turn("user", {"text": "Capital?"}), turn("model", {"text": "Paris."})],
        },
        [
            (SYSTEM, "/systemInstruction/parts/0/text", "Be terse.", ""),
            (USER, "/contents/0/parts/0/text", "Capital?", ""),
            (TRAINED, "/contents/1/parts/0/text", "Paris.", ""),
        ],
    ),
    (
        "snake case, files skipped",
        {
            "system_instruction": {"parts": [{"text": "A."}, {"text": "B."}]},
            "contents": [
                turn(
                    "user",
                    {"file_data": {"mime_type": "image/png", "file_uri": "gs://b/x.png"}},
                    {"text": "What is it?"},
                ),
                turn("model", {"text": "A cat."}),
            ],
        },
        [
            (SYSTEM, "/system_instruction/parts/0/text", "A.", ""),
            (SYSTEM, "/system_instruction/parts/1/text", "B.", ""),
            (USER, "/contents/0/parts/1/text", "What is it?", ""),
            (TRAINED, "/contents/1/parts/0/text", "A cat.", ""),
        ],
    ),
    (
        "function call arguments and response",
        {
            "contents": [
                turn("user", {"text": "Weather?"}),
                turn(
                    "model",
                    {"functionCall": {"name": "w", "args": {"city": "Paris", "opts": ["metric"]}}},
                ),
                turn(
                    "user",
                    {"functionResponse": {"name": "w", "response": {"temp": "18 C", "n": 18}}},
                ),
                turn("model", {"text": "18 C."}),
            ],
            "tools": [
                {
                    "functionDeclarations": [
                        {
                            "name": "w",
                            "description": "Weather.",
                            "parameters": {"properties": {"city": {"description": "City."}}},
                        }
                    ]
                }
            ],
        },
        [
            (USER, "/contents/0/parts/0/text", "Weather?", ""),
            (TRAINED, CALL_ARGS, "Paris", "tool-arguments:/city"),
            (TRAINED, CALL_ARGS, "metric", "tool-arguments:/opts/0"),
            (TOOL, "/contents/2/parts/0/functionResponse/response/temp", "18 C", ""),
            (TRAINED, "/contents/3/parts/0/text", "18 C.", ""),
            (SYSTEM, "/tools/0/functionDeclarations/0/description", "Weather.", ""),
            (
                SYSTEM,
                "/tools/0/functionDeclarations/0/parameters/properties/city/description",
                "City.",
                "",
            ),
        ],
    ),
    (
        "snake case function call",
        {
            "contents": [
                turn("user", {"text": "Go"}),
                turn("model", {"function_call": {"name": "w", "args": {"q": "x"}}}),
            ]
        },
        [
            (USER, "/contents/0/parts/0/text", "Go", ""),
            (TRAINED, "/contents/1/parts/0/function_call/args", "x", "tool-arguments:/q"),
        ],
    ),
    (
        "unknown role has no role",
        {"contents": [turn("narrator", {"text": "Once."})]},
        [(NO_ROLE, "/contents/0/parts/0/text", "Once.", "")],
    ),
]


@pytest.mark.parametrize(("value", "expected"), table(VERTEX))
def test_vertex_gemini(value: dict[str, Any], expected: list[Row]) -> None:
    assert rows("vertex-gemini", value) == expected
