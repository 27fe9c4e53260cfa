from __future__ import annotations

from typing import Any

import pytest

from tests.formats.support import Expected, rule_pointers, table

SCHEMA = "schema-violation"
ORDER = "role-order"
SYSTEM = {"parts": [{"text": "Be terse."}]}


def content(role: str, *parts: dict[str, Any]) -> dict[str, Any]:
    return {"role": role, "parts": list(parts) or [{"text": "Hi"}]}


def gemini(*roles: str, **top: Any) -> dict[str, Any]:
    return {"contents": [content(role) for role in roles], **top}


FILE = {"fileData": {"mimeType": "image/png", "fileUri": "gs://bucket/cat.png"}}
CALL = {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}}
ANSWER = {"functionResponse": {"name": "get_weather", "response": {"temp": 18}}}
TOOLS = [{"functionDeclarations": [{"name": "get_weather", "parameters": {"type": "OBJECT"}}]}]

CASES = [
    ("plain", gemini("user", "model"), []),
    (
        "system instruction",
        gemini("user", "model", systemInstruction={**SYSTEM, "role": "system"}),
        [],
    ),
    (
        "snake case",
        {
            "system_instruction": SYSTEM,
            "contents": [
                content(
                    "user", {"file_data": {"mime_type": "image/png", "file_uri": "gs://b/c.png"}}
                ),
                content("model"),
            ],
        },
        [],
    ),
    ("file", {"contents": [content("user", {"text": "What?"}, FILE), content("model")]}, []),
    (
        "file fields spelled each way",
        {
            "contents": [
                content(
                    "user",
                    {"file_data": {"mimeType": "image/png", "file_uri": "gs://b/x"}},
                    {"fileData": {"mime_type": "image/png", "fileUri": "gs://b/y"}},
                ),
                content("model"),
            ]
        },
        [],
    ),
    (
        "file field spelled both ways at once",
        {
            "contents": [
                content(
                    "user",
                    {"fileData": {"mimeType": "a/b", "mime_type": "a/b", "fileUri": "gs://b/x"}},
                ),
                content("model"),
            ]
        },
        [(SCHEMA, "/contents/0/parts/0/fileData")],
    ),
    (
        "function calling",
        {
            "contents": [
                content("user"),
                content("model", CALL),
                content("user", ANSWER),
                content("model"),
            ],
            "tools": TOOLS,
        },
        [],
    ),
    # Schema violations.
    (
        "both system spellings",
        gemini("user", "model", systemInstruction=SYSTEM, system_instruction=SYSTEM),
        [(SCHEMA, "/system_instruction")],
    ),
    (
        "two data in a part",
        {"contents": [content("user", {"text": "x", **FILE}), content("model")]},
        [(SCHEMA, "/contents/0/parts/0")],
    ),
    (
        "empty part",
        {"contents": [content("user", {}), content("model")]},
        [(SCHEMA, "/contents/0/parts/0")],
    ),
    (
        "file without uri",
        {"contents": [content("user", {"fileData": {"mimeType": "image/png"}}), content("model")]},
        [(SCHEMA, "/contents/0/parts/0/fileData")],
    ),
    ("assistant role", gemini("user", "assistant"), [(SCHEMA, "/contents/1/role")]),
    (
        "missing role",
        {"contents": [{"parts": [{"text": "Hi"}]}, content("model")]},
        [(SCHEMA, "/contents/0")],
    ),
    (
        "messages key",
        {"contents": [content("user"), content("model")], "messages": []},
        [(SCHEMA, "")],
    ),
    ("empty contents", gemini(), [(SCHEMA, "/contents")]),
    # role-order
    ("starts with model", gemini("model", "user", "model"), [(ORDER, "/contents/0/role")]),
    ("two users", gemini("user", "user", "model"), [(ORDER, "/contents/1/role")]),
    ("ends with user", gemini("user", "model", "user"), [(ORDER, "/contents/2/role")]),
    ("user only", gemini("user"), [(ORDER, "/contents/0/role")]),
]


@pytest.mark.parametrize(("value", "expected"), table(CASES))
def test_vertex_gemini(value: dict[str, Any], expected: Expected) -> None:
    assert rule_pointers("vertex-gemini", value) == sorted(expected)
