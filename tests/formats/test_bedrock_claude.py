from __future__ import annotations

from typing import Any

import pytest

from tests.formats.support import Expected, rule_pointers, table

SCHEMA = "schema-violation"
ORDER = "role-order"
IMAGE = {
    "type": "image",
    "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="},
}


def turn(role: str, content: Any = "Hi") -> dict[str, Any]:
    return {"role": role, "content": content}


def bedrock(*roles: str, **top: Any) -> dict[str, Any]:
    return {**top, "messages": [turn(role) for role in roles]}


CASES = [
    ("with system", bedrock("user", "assistant", system="Be terse."), []),
    ("without system", bedrock("user", "assistant"), []),
    ("multi-turn", bedrock("user", "assistant", "user", "assistant"), []),
    (
        "blocks",
        {
            "messages": [
                turn("user", [{"type": "text", "text": "What?"}, IMAGE]),
                turn("assistant", [{"type": "text", "text": "A cat."}]),
            ]
        },
        [],
    ),
    # Schema violations.
    ("extra top key", bedrock("user", "assistant", id="7"), [(SCHEMA, "")]),
    (
        "extra message key",
        {"messages": [{**turn("user"), "name": "al"}, turn("assistant")]},
        [(SCHEMA, "/messages/0")],
    ),
    ("one message", bedrock("user"), [(SCHEMA, "/messages")]),
    ("system role", bedrock("system", "user", "assistant"), [(SCHEMA, "/messages/0/role")]),
    (
        "system not string",
        bedrock("user", "assistant", system=[{"text": "x"}]),
        [(SCHEMA, "/system")],
    ),
    (
        "image media type",
        {
            "messages": [
                turn("user", [{**IMAGE, "source": {**IMAGE["source"], "media_type": "image/bmp"}}]),
                turn("assistant"),
            ]
        },
        [(SCHEMA, "/messages/0/content/0/source/media_type")],
    ),
    (
        "unknown block",
        {"messages": [turn("user", [{"type": "document", "text": "x"}]), turn("assistant")]},
        [(SCHEMA, "/messages/0/content/0/type")],
    ),
    # role-order
    (
        "starts with assistant",
        bedrock("assistant", "user", "assistant"),
        [(ORDER, "/messages/0/role")],
    ),
    ("two users", bedrock("user", "user", "assistant"), [(ORDER, "/messages/1/role")]),
    ("two assistants", bedrock("user", "assistant", "assistant"), [(ORDER, "/messages/2/role")]),
    ("ends with user", bedrock("user", "assistant", "user"), [(ORDER, "/messages/2/role")]),
    # image-outside-user
    (
        "image in assistant",
        {"messages": [turn("user"), turn("assistant", [{"type": "text", "text": "x"}, IMAGE])]},
        [("image-outside-user", "/messages/1/content/1")],
    ),
]


@pytest.mark.parametrize(("value", "expected"), table(CASES))
def test_bedrock_claude(value: dict[str, Any], expected: Expected) -> None:
    assert rule_pointers("bedrock-claude", value) == sorted(expected)
