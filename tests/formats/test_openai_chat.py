from __future__ import annotations

from typing import Any

import pytest

from tests.formats.support import Expected, assistant, call, image, rule_pointers, table, user

SCHEMA = "schema-violation"
TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": {}}}]


def calling(*calls: dict[str, Any]) -> dict[str, Any]:
    return {"role": "assistant", "tool_calls": list(calls)}


def tool(call_id: str = "call_1", content: Any = "18 C") -> dict[str, Any]:
    return {"role": "tool", "tool_call_id": call_id, "content": content}


def chat(*messages: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"messages": list(messages), **top}


CASES = [
    # Valid records.
    ("plain", chat({"role": "system", "content": "Be terse."}, user(), assistant()), []),
    ("developer", chat({"role": "developer", "content": "Be terse."}, user(), assistant()), []),
    ("named user", chat({**user(), "name": "alice"}, assistant()), []),
    (
        "text parts",
        chat(
            user([{"type": "text", "text": "Hi"}]), assistant([{"type": "text", "text": "Hello"}])
        ),
        [],
    ),
    (
        "image in user",
        chat(user([{"type": "text", "text": "What?"}, image()]), assistant("A cat.")),
        [],
    ),
    (
        "image detail",
        chat(
            user([{"type": "image_url", "image_url": {"url": "u", "detail": "low"}}]), assistant()
        ),
        [],
    ),
    ("refusal", chat(user(), assistant("I can't help.", refusal="I can't.")), []),
    ("refusal part", chat(user(), assistant([{"type": "refusal", "refusal": "No."}])), []),
    (
        "tool cycle",
        chat(
            user(),
            calling(call("a"), call("b")),
            tool("b"),
            tool("a"),
            assistant(),
            tools=TOOLS,
            parallel_tool_calls=True,
        ),
        [],
    ),
    ("content null with calls", chat(user(), assistant(None, tool_calls=[call()])), []),
    ("final tool call trained", chat(user(), calling(call())), []),
    ("weights", chat(user(), assistant("No.", weight=0), user("Please?"), assistant(weight=1)), []),
    # Schema violations.
    (
        "unknown role",
        chat({"role": "bot", "content": "Hi"}, assistant()),
        [(SCHEMA, "/messages/0/role")],
    ),
    ("missing role", chat({"content": "Hi"}, assistant()), [(SCHEMA, "/messages/0")]),
    ("no messages key", {"prompt": "x"}, [(SCHEMA, ""), (SCHEMA, "")]),
    ("empty messages", chat(), [(SCHEMA, "/messages")]),
    ("unknown top-level key", chat(user(), assistant(), metadata={"id": 1}), [(SCHEMA, "")]),
    ("unknown message key", chat({**user(), "lang": "en"}, assistant()), [(SCHEMA, "/messages/0")]),
    ("assistant without content", chat(user(), {"role": "assistant"}), [(SCHEMA, "/messages/1")]),
    ("assistant null content", chat(user(), assistant(None)), [(SCHEMA, "/messages/1/content")]),
    (
        "refusal without content",
        chat(user(), assistant(None, refusal="No.")),
        [(SCHEMA, "/messages/1/content")],
    ),
    ("user null content", chat(user(None), assistant()), [(SCHEMA, "/messages/0/content")]),
    ("empty parts", chat(user([]), assistant()), [(SCHEMA, "/messages/0/content")]),
    ("weight 2", chat(user(), assistant(weight=2)), [(SCHEMA, "/messages/1/weight")]),
    ("weight true", chat(user(), assistant(weight=True)), [(SCHEMA, "/messages/1/weight")]),
    ("weight 0.5", chat(user(), assistant(weight=0.5)), [(SCHEMA, "/messages/1/weight")]),
    (
        "tool without id",
        chat(user(), calling(call()), {"role": "tool", "content": "x"}),
        [(SCHEMA, "/messages/2")],
    ),
    (
        "call type",
        chat(user(), calling({**call(), "type": "code"})),
        [(SCHEMA, "/messages/1/tool_calls/0/type")],
    ),
    (
        "arguments as object",
        chat(user(), calling({**call(), "function": {"name": "f", "arguments": {"a": 1}}})),
        [(SCHEMA, "/messages/1/tool_calls/0/function/arguments")],
    ),
    (
        "function name",
        chat(user(), calling({**call(), "function": {"name": "get weather", "arguments": "{}"}})),
        [(SCHEMA, "/messages/1/tool_calls/0/function/name")],
    ),
    (
        "empty tool_calls",
        chat(user(), assistant(tool_calls=[])),
        [(SCHEMA, "/messages/1/tool_calls")],
    ),
    (
        "image detail value",
        chat(
            user([{"type": "image_url", "image_url": {"url": "u", "detail": "ultra"}}]), assistant()
        ),
        [(SCHEMA, "/messages/0/content/0/image_url/detail")],
    ),
    (
        "refusal part in user",
        chat(user([{"type": "refusal", "refusal": "x"}]), assistant()),
        [(SCHEMA, "/messages/0/content/0/type")],
    ),
    ("tools not list", chat(user(), assistant(), tools={"get_weather": {}}), [(SCHEMA, "/tools")]),
    (
        "parallel not bool",
        chat(user(), assistant(), parallel_tool_calls="yes"),
        [(SCHEMA, "/parallel_tool_calls")],
    ),
    # tool-arguments-not-object
    (
        "arguments not JSON",
        chat(user(), calling(call(arguments="{'city': 'Paris'}"))),
        [("tool-arguments-not-object", "/messages/1/tool_calls/0/function/arguments")],
    ),
    (
        "arguments truncated",
        chat(user(), calling(call(arguments='{"city": "Par'))),
        [("tool-arguments-not-object", "/messages/1/tool_calls/0/function/arguments")],
    ),
    (
        "arguments array",
        chat(user(), calling(call("a"), call("b", "[1, 2]"))),
        [("tool-arguments-not-object", "/messages/1/tool_calls/1/function/arguments")],
    ),
    (
        "arguments string",
        chat(user(), calling(call(arguments='"Paris"'))),
        [("tool-arguments-not-object", "/messages/1/tool_calls/0/function/arguments")],
    ),
    (
        "arguments repeat a key",
        chat(user(), calling(call(arguments='{"city": "Paris", "city": "Rome"}'))),
        [("tool-arguments-not-object", "/messages/1/tool_calls/0/function/arguments")],
    ),
    (
        "arguments repeat a nested key spelled with an escape",
        chat(user(), calling(call(arguments='{"q": {"a": 1, "\\u0061": 2}}'))),
        [("tool-arguments-not-object", "/messages/1/tool_calls/0/function/arguments")],
    ),
    (
        "arguments with colons in values",
        chat(user(), calling(call(arguments='{"time": "12:30", "note": "a:b"}'))),
        [],
    ),
    ("arguments empty object", chat(user(), calling(call(arguments="{}"))), []),
    # unknown-tool-call-id
    (
        "unknown id",
        chat(user(), calling(call("a")), tool("a"), tool("b"), assistant()),
        [("unknown-tool-call-id", "/messages/3/tool_call_id")],
    ),
    (
        "unknown id instead of the call's",
        chat(user(), calling(call("a")), tool("b"), assistant()),
        [
            ("unknown-tool-call-id", "/messages/2/tool_call_id"),
            ("unanswered-tool-call", "/messages/1/tool_calls/0/id"),
        ],
    ),
    (
        "answered twice",
        chat(user(), calling(call("a")), tool("a"), tool("a"), assistant()),
        [("unknown-tool-call-id", "/messages/3/tool_call_id")],
    ),
    (
        "answer before call",
        chat(user(), tool("a"), calling(call("a")), tool("a"), assistant()),
        [("unknown-tool-call-id", "/messages/1/tool_call_id")],
    ),
    (
        "id from earlier turn, after other messages",
        chat(user(), calling(call("a")), tool("a"), assistant(), user(), tool("a"), assistant()),
        [("unknown-tool-call-id", "/messages/5/tool_call_id")],
    ),
    # unanswered-tool-call
    (
        "a user message before the result",
        chat(user(), calling(call("a")), user("hurry"), tool("a"), assistant()),
        [
            ("unanswered-tool-call", "/messages/1/tool_calls/0/id"),
            ("unknown-tool-call-id", "/messages/3/tool_call_id"),
        ],
    ),
    (
        "one of two calls answered",
        chat(user(), calling(call("a"), call("b")), tool("b"), assistant()),
        [("unanswered-tool-call", "/messages/1/tool_calls/0/id")],
    ),
    (
        "both calls answered in any order",
        chat(user(), calling(call("a"), call("b")), tool("b"), tool("a"), assistant()),
        [],
    ),
    ("a conversation that ends on the call", chat(user(), calling(call("a"))), []),
    # misplaced-weight
    (
        "weight on user",
        chat({**user(), "weight": 0}, assistant()),
        [("misplaced-weight", "/messages/0/weight")],
    ),
    (
        "weight on system",
        chat({"role": "system", "content": "x", "weight": 1}, user(), assistant()),
        [("misplaced-weight", "/messages/0/weight")],
    ),
    (
        "weight on tool",
        chat(user(), calling(call()), {**tool(), "weight": 0}, assistant()),
        [("misplaced-weight", "/messages/2/weight")],
    ),
    # image-outside-user
    (
        "image in assistant",
        chat(user(), assistant([image()])),
        [("image-outside-user", "/messages/1/content/0")],
    ),
    (
        "image in system",
        chat(
            {"role": "system", "content": [{"type": "text", "text": "x"}, image()]},
            user(),
            assistant(),
        ),
        [("image-outside-user", "/messages/0/content/1")],
    ),
    (
        "image in tool",
        chat(user(), calling(call()), tool(content=[image()]), assistant()),
        [("image-outside-user", "/messages/2/content/0")],
    ),
    # untrained-record
    (
        "no assistant",
        chat({"role": "system", "content": "x"}, user()),
        [("untrained-record", "/messages")],
    ),
    (
        "all weight 0",
        chat(user(), assistant(weight=0), user(), assistant(weight=0)),
        [("untrained-record", "/messages")],
    ),
    # deprecated-field
    (
        "functions",
        chat(user(), assistant(), functions=[{"name": "get_weather", "parameters": {}}]),
        [("deprecated-field", "/functions")],
    ),
    (
        "function_call and role function",
        chat(
            user(),
            {"role": "assistant", "function_call": {"name": "get_weather", "arguments": "{}"}},
            {"role": "function", "name": "get_weather", "content": "18 C"},
            assistant(),
        ),
        [
            ("deprecated-field", "/messages/1/function_call"),
            ("deprecated-field", "/messages/2/role"),
        ],
    ),
    (
        "function_call arguments",
        chat(
            user(),
            {
                "role": "assistant",
                "content": None,
                "function_call": {"name": "f", "arguments": "nope"},
            },
        ),
        [
            ("deprecated-field", "/messages/1/function_call"),
            ("tool-arguments-not-object", "/messages/1/function_call/arguments"),
        ],
    ),
    (
        "several rules",
        chat({**user([image()]), "weight": 1}, assistant([image()], weight=0)),
        [
            ("image-outside-user", "/messages/1/content/0"),
            ("misplaced-weight", "/messages/0/weight"),
            ("untrained-record", "/messages"),
        ],
    ),
]


@pytest.mark.parametrize(("value", "expected"), table(CASES))
def test_openai_chat(value: dict[str, Any], expected: Expected) -> None:
    assert rule_pointers("openai-chat", value) == sorted(expected)
