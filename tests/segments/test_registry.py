"""The registry, the role vocabulary, and segments of odd shapes."""

from __future__ import annotations

import pickle
import random
from typing import Any

import orjson
import pytest

from traingate.formats.registry import FORMATS
from traingate.segments import ANY, EXTRACTORS, ROLES, Segment, in_scope, segments


def test_every_format_has_segments() -> None:
    assert set(EXTRACTORS) | {"generic"} == set(FORMATS)


def test_unknown_format_raises() -> None:
    with pytest.raises(KeyError):
        segments("csv", {"text": "x"})


def test_roles_are_documented() -> None:
    assert ANY in ROLES
    assert all(name == name.lower() and description.strip() for name, description in ROLES.items())


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ({"any"}, True),
        ({"assistant"}, True),
        ({"user", "trained"}, True),
        ({"user"}, False),
        (set(), False),
    ],
)
def test_in_scope(scope: set[str], expected: bool) -> None:
    assert in_scope(frozenset({"assistant", "completion", "trained"}), frozenset(scope)) is expected


def test_segments_are_frozen_values() -> None:
    made = segments("openai-completion", {"prompt": "p", "completion": "c"})[0]
    assert made == Segment(frozenset({"prompt", "user"}), "/prompt", "p")
    assert hash(made) == hash(Segment(frozenset({"prompt", "user"}), "/prompt", "p"))
    assert pickle.loads(pickle.dumps(made)) == made
    with pytest.raises(AttributeError):
        made.text = "changed"  # type: ignore[misc]


HIDDEN = "SGVsbG8gd29ybGQsIGhpZGRlbiB0ZXh0IGhlcmU="
CALL = {"id": "c", "type": "function", "function": {"name": "f", "arguments": '{"q": ["x"]}'}}
CHAT = [
    {"role": "system", "content": "s"},
    {"role": "user", "content": [{"type": "text", "text": HIDDEN}, {"type": "image_url"}]},
    {"role": "assistant", "content": None, "tool_calls": [CALL], "weight": 0},
    {"role": "tool", "tool_call_id": "c", "content": "r"},
    {"role": "assistant", "content": "a", "refusal": "no", "function_call": CALL["function"]},
]
TOOLS = [{"type": "function", "function": {"name": "f", "description": "d"}}]
PARTS = [{"text": "t"}, {"functionCall": {"name": "f", "args": {"q": "x"}}}]
SEEDS: dict[str, dict[str, Any]] = {
    "openai-chat": {"messages": CHAT, "tools": TOOLS, "functions": [TOOLS[0]["function"]]},
    "openai-dpo": {
        "input": {"messages": CHAT, "tools": TOOLS},
        "preferred_output": CHAT[-1:],
        "non_preferred_completion": CHAT[2:3],
    },
    "openai-completion": {"prompt": HIDDEN, "completion": "c"},
    "bedrock-claude": {"system": "s", "messages": CHAT[1:3]},
    "vertex-gemini": {
        "systemInstruction": {"parts": [{"text": "s"}]},
        "contents": [
            {"role": "user", "parts": PARTS},
            {
                "role": "model",
                "parts": [{"functionResponse": {"name": "f", "response": {"r": HIDDEN}}}],
            },
        ],
        "tools": [{"functionDeclarations": [{"name": "f", "description": "d"}]}],
    },
    "sharegpt": {
        "system": "s",
        "tools": TOOLS,
        "conversations": [
            {"from": "human", "value": HIDDEN},
            {"from": "function_call", "value": "{}"},
        ],
    },
    "alpaca": {"instruction": "i", "input": HIDDEN, "output": "o", "history": [["q", "a"]]},
    "trl": {
        "text": "t",
        "messages": CHAT,
        "prompt": CHAT[:2],
        "completion": "c",
        "chosen": CHAT[2:],
        "rejected": "r",
        "label": True,
        "completions": ["x", HIDDEN],
    },
    "generic": {"messages": CHAT, "output": {"a": [HIDDEN]}, "a/b": "x"},
}
GENERIC_TEXT = {"user": ["/messages/*/content", "/a~1b", "/*/*/text"], "assistant": ["/output"]}
ODD: list[Any] = [
    "user",
    "assistant",
    "model",
    "gpt",
    "function_call",
    "text",
    "",
    '{"a": ',
    None,
    0,
    [],
]


def random_json(rng: random.Random, depth: int) -> Any:
    pick = rng.random()
    if depth <= 0 or pick < 0.4:
        return rng.choice([*ODD, HIDDEN, True, -1.5, {}])
    if pick < 0.7:
        return [random_json(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["role", "content", "text", "x"]): random_json(rng, depth - 1)}


def mutate(rng: random.Random, value: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``value`` with a few subtrees replaced by random JSON or removed."""
    copy: dict[str, Any] = orjson.loads(orjson.dumps(value))
    for _ in range(rng.randint(1, 4)):
        containers: list[Any] = []
        stack: list[Any] = [copy]
        while stack:
            node = stack.pop()
            containers.append(node)
            children = node.values() if type(node) is dict else node
            stack.extend(child for child in children if type(child) in (dict, list))
        node = rng.choice(containers)
        if not node:
            continue
        key = rng.choice(list(node)) if type(node) is dict else rng.randrange(len(node))
        if rng.random() < 0.2:
            del node[key]
        else:
            node[key] = random_json(rng, 3)
    return copy


def at(value: Any, pointer: str) -> Any:
    """The value at an RFC 6901 ``pointer``; KeyError or IndexError if there is none."""
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        value = value[int(token)] if type(value) is list else value[token]
    return value


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_odd_shapes_never_raise_and_pointers_hold(format_name: str) -> None:
    rng = random.Random(format_name)
    vias: set[str] = set()
    for _ in range(1000):
        value = mutate(rng, SEEDS[format_name])
        for found in segments(format_name, value, GENERIC_TEXT):
            assert found.roles <= set(ROLES) - {ANY}
            source = at(value, found.pointer)
            if found.via == "":
                assert source == found.text
            else:
                assert type(source) in (str, dict, list)
            vias.add(found.via.split(":")[0].split(">")[-1])
    # The seeds reach decoding, and tool arguments where the format has them.
    assert "base64" in vias
    assert ("tool-arguments" in vias) == (format_name not in NO_TOOL_CALLS)


NO_TOOL_CALLS = {"openai-completion", "alpaca", "generic"}


def test_non_json_values_do_not_raise() -> None:
    odd: dict[str, Any] = {
        "messages": [{"role": ["user"], "content": "x"}, {"role": {"a": 1}, "content": ["y"]}],
        "contents": [{"role": ["model"], "parts": [{"text": 1}]}],
        "conversations": [{"from": ["gpt"], "value": "z"}],
    }
    for name in FORMATS:
        found = segments(name, odd, {"user": ["/messages/0/content"]})
        assert all(type(item.text) is str for item in found)
    assert orjson.dumps(odd)
