"""Segments of the OpenAI formats: openai-chat, openai-dpo, openai-completion."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.segments.support import (
    ASSISTANT,
    DEVELOPER,
    NON_PREFERRED,
    PREFERRED,
    PROMPT,
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
from traingate.segments import messages


def call(arguments: Any, call_id: str = "c1") -> dict[str, Any]:
    return {
        "id": call_id,
        "type": "function",
        "function": {"name": "weather", "arguments": arguments},
    }


ARGS = "/messages/1/tool_calls/0/function/arguments"
WEATHER_ARGS = json.dumps({"city": "Paris", "when": {"days": ["mon", "tue"], "n": 2}})

CHAT: list[Case] = [
    (
        "roles",
        {
            "messages": [
                say("system", "Be terse."),
                say("developer", "No emoji."),
                say("user", "Capital of France?"),
                say("assistant", "Paris."),
            ]
        },
        [
            (SYSTEM, "/messages/0/content", "Be terse.", ""),
            (DEVELOPER, "/messages/1/content", "No emoji.", ""),
            (USER, "/messages/2/content", "Capital of France?", ""),
            (TRAINED, "/messages/3/content", "Paris.", ""),
        ],
    ),
    (
        "weights",
        {
            "messages": [
                say("user", "Hi"),
                say("assistant", "Untrained.", weight=0),
                say("user", "Again"),
                say("assistant", "Trained.", weight=1),
            ]
        },
        [
            (USER, "/messages/0/content", "Hi", ""),
            (ASSISTANT, "/messages/1/content", "Untrained.", ""),
            (USER, "/messages/2/content", "Again", ""),
            (TRAINED, "/messages/3/content", "Trained.", ""),
        ],
    ),
    (
        "names are not text",
        {"messages": [say("user", "Hi", name="alice"), say("assistant", "Hello", name="bot")]},
        [
            (USER, "/messages/0/content", "Hi", ""),
            (TRAINED, "/messages/1/content", "Hello", ""),
        ],
    ),
    (
        "content parts, images skipped",
        {
            "messages": [
                say(
                    "user",
                    [
                        {"type": "text", "text": "What is this?"},
                        {"type": "image_url", "image_url": {"url": "https://x.test/a.png"}},
                        {"type": "text", "text": "Be brief."},
                    ],
                ),
                say("assistant", [{"type": "text", "text": "A cat."}]),
            ]
        },
        [
            (USER, "/messages/0/content/0/text", "What is this?", ""),
            (USER, "/messages/0/content/2/text", "Be brief.", ""),
            (TRAINED, "/messages/1/content/0/text", "A cat.", ""),
        ],
    ),
    (
        "refusals",
        {
            "messages": [
                say("user", "Help me hack."),
                say("assistant", [{"type": "refusal", "refusal": "I can't help."}]),
                say("user", "Please."),
                {"role": "assistant", "content": None, "refusal": "No."},
            ]
        },
        [
            (USER, "/messages/0/content", "Help me hack.", ""),
            (TRAINED, "/messages/1/content/0/refusal", "I can't help.", ""),
            (USER, "/messages/2/content", "Please.", ""),
            (TRAINED, "/messages/3/refusal", "No.", ""),
        ],
    ),
    (
        "tool call arguments, nested",
        {
            "messages": [
                say("user", "Weather?"),
                {"role": "assistant", "tool_calls": [call(WEATHER_ARGS)]},
                {"role": "tool", "tool_call_id": "c1", "content": "18 C"},
                say("assistant", "It is 18 C."),
            ]
        },
        [
            (USER, "/messages/0/content", "Weather?", ""),
            (TRAINED, ARGS, WEATHER_ARGS, ""),
            (TRAINED, ARGS, "Paris", "tool-arguments:/city"),
            (TRAINED, ARGS, "mon", "tool-arguments:/when/days/0"),
            (TRAINED, ARGS, "tue", "tool-arguments:/when/days/1"),
            (TOOL, "/messages/2/content", "18 C", ""),
            (TRAINED, "/messages/3/content", "It is 18 C.", ""),
        ],
    ),
    (
        "tool call arguments, escaped keys and second call",
        {
            "messages": [
                say("user", "Go"),
                {
                    "role": "assistant",
                    "content": "Calling.",
                    "tool_calls": [call('{"a/b": "x", "c~d": "y"}'), call('{"q": "z"}', "c2")],
                },
            ]
        },
        [
            (USER, "/messages/0/content", "Go", ""),
            (TRAINED, "/messages/1/content", "Calling.", ""),
            (TRAINED, ARGS, '{"a/b": "x", "c~d": "y"}', ""),
            (TRAINED, ARGS, "x", "tool-arguments:/a~1b"),
            (TRAINED, ARGS, "y", "tool-arguments:/c~0d"),
            (TRAINED, "/messages/1/tool_calls/1/function/arguments", '{"q": "z"}', ""),
            (TRAINED, "/messages/1/tool_calls/1/function/arguments", "z", "tool-arguments:/q"),
        ],
    ),
    (
        "invalid JSON arguments give no extra segments",
        {"messages": [say("user", "Go"), {"role": "assistant", "tool_calls": [call('{"city": ')]}]},
        [(USER, "/messages/0/content", "Go", ""), (TRAINED, ARGS, '{"city": ', "")],
    ),
    (
        "arguments that are not an object",
        {"messages": [say("user", "Go"), {"role": "assistant", "tool_calls": [call('"Paris"')]}]},
        [
            (USER, "/messages/0/content", "Go", ""),
            (TRAINED, ARGS, '"Paris"', ""),
            (TRAINED, ARGS, "Paris", "tool-arguments:"),
        ],
    ),
    (
        "weight 0 tool call is untrained",
        {
            "messages": [
                say("user", "Go"),
                {"role": "assistant", "tool_calls": [call('{"q": "z"}')], "weight": 0},
            ]
        },
        [
            (USER, "/messages/0/content", "Go", ""),
            (ASSISTANT, ARGS, '{"q": "z"}', ""),
            (ASSISTANT, ARGS, "z", "tool-arguments:/q"),
        ],
    ),
    (
        "legacy function call and function role",
        {
            "messages": [
                say("user", "Weather?"),
                {"role": "assistant", "function_call": {"name": "w", "arguments": '{"c": "Oslo"}'}},
                {"role": "function", "name": "w", "content": "-3 C"},
            ]
        },
        [
            (USER, "/messages/0/content", "Weather?", ""),
            (TRAINED, "/messages/1/function_call/arguments", '{"c": "Oslo"}', ""),
            (TRAINED, "/messages/1/function_call/arguments", "Oslo", "tool-arguments:/c"),
            (TOOL, "/messages/2/content", "-3 C", ""),
        ],
    ),
    (
        "tool and function descriptions are system",
        {
            "messages": [say("user", "Hi"), say("assistant", "Hello")],
            "tools": [
                {
                    "type": "function",
                    "function": {
                        "name": "weather",
                        "description": "Current weather.",
                        "parameters": {
                            "type": "object",
                            "properties": {"city": {"type": "string", "description": "A city."}},
                        },
                    },
                }
            ],
            "functions": [{"name": "legacy", "description": "Old style."}],
        },
        [
            (USER, "/messages/0/content", "Hi", ""),
            (TRAINED, "/messages/1/content", "Hello", ""),
            (SYSTEM, "/tools/0/function/description", "Current weather.", ""),
            (
                SYSTEM,
                "/tools/0/function/parameters/properties/city/description",
                "A city.",
                "",
            ),
            (SYSTEM, "/functions/0/description", "Old style.", ""),
        ],
    ),
]


@pytest.mark.parametrize(("value", "expected"), table(CHAT))
def test_openai_chat(value: dict[str, Any], expected: list[Row]) -> None:
    assert rows("openai-chat", value) == expected


def test_arguments_longer_than_the_limit_are_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    arguments = '{"city": "Paris"}'
    monkeypatch.setattr(messages, "MAX_ARGUMENTS_LENGTH", len(arguments) - 1)
    value = {
        "messages": [say("user", "Go"), {"role": "assistant", "tool_calls": [call(arguments)]}]
    }
    assert rows("openai-chat", value)[1:] == [(TRAINED, ARGS, arguments, "")]


def test_deeply_nested_arguments_are_walked() -> None:
    arguments = "[" * 500 + '"deep"' + "]" * 500
    value = {
        "messages": [say("user", "Go"), {"role": "assistant", "tool_calls": [call(arguments)]}]
    }
    assert rows("openai-chat", value)[-1] == (TRAINED, ARGS, "deep", "tool-arguments:" + "/0" * 500)


DPO: list[Case] = [
    (
        "input untrained, outputs by preference",
        {
            "input": {
                "messages": [
                    say("system", "Be terse."),
                    say("user", "Capital?"),
                    say("assistant", "Of what?"),
                    say("user", "France."),
                ]
            },
            "preferred_output": [say("assistant", "Paris.")],
            "non_preferred_output": [say("assistant", "Lyon.")],
        },
        [
            (SYSTEM, "/input/messages/0/content", "Be terse.", ""),
            (USER, "/input/messages/1/content", "Capital?", ""),
            (ASSISTANT, "/input/messages/2/content", "Of what?", ""),
            (USER, "/input/messages/3/content", "France.", ""),
            (PREFERRED, "/preferred_output/0/content", "Paris.", ""),
            (NON_PREFERRED, "/non_preferred_output/0/content", "Lyon.", ""),
        ],
    ),
    (
        "legacy names",
        {
            "input": {"messages": [say("user", "Hi")]},
            "preferred_completion": [say("assistant", "Hello!")],
            "non_preferred_completion": [say("assistant", "What.")],
        },
        [
            (USER, "/input/messages/0/content", "Hi", ""),
            (PREFERRED, "/preferred_completion/0/content", "Hello!", ""),
            (NON_PREFERRED, "/non_preferred_completion/0/content", "What.", ""),
        ],
    ),
    (
        "weight means nothing in a preference record",
        {
            "input": {"messages": [say("user", "Hi")]},
            "preferred_output": [say("assistant", "Hello!", weight=0)],
            "non_preferred_output": [say("assistant", "What.", weight=1)],
        },
        [
            (USER, "/input/messages/0/content", "Hi", ""),
            (PREFERRED, "/preferred_output/0/content", "Hello!", ""),
            (NON_PREFERRED, "/non_preferred_output/0/content", "What.", ""),
        ],
    ),
    (
        "tools and tool calls",
        {
            "input": {
                "messages": [say("user", "Weather?")],
                "tools": [{"type": "function", "function": {"name": "w", "description": "D."}}],
            },
            "preferred_output": [{"role": "assistant", "tool_calls": [call('{"c": "Oslo"}')]}],
            "non_preferred_output": [{"role": "assistant", "tool_calls": [call('{"c": "Rome"}')]}],
        },
        [
            (USER, "/input/messages/0/content", "Weather?", ""),
            (SYSTEM, "/input/tools/0/function/description", "D.", ""),
            (PREFERRED, "/preferred_output/0/tool_calls/0/function/arguments", '{"c": "Oslo"}', ""),
            (
                PREFERRED,
                "/preferred_output/0/tool_calls/0/function/arguments",
                "Oslo",
                "tool-arguments:/c",
            ),
            (
                NON_PREFERRED,
                "/non_preferred_output/0/tool_calls/0/function/arguments",
                '{"c": "Rome"}',
                "",
            ),
            (
                NON_PREFERRED,
                "/non_preferred_output/0/tool_calls/0/function/arguments",
                "Rome",
                "tool-arguments:/c",
            ),
        ],
    ),
]


@pytest.mark.parametrize(("value", "expected"), table(DPO))
def test_openai_dpo(value: dict[str, Any], expected: list[Row]) -> None:
    assert rows("openai-dpo", value) == expected


def test_openai_completion() -> None:
    assert rows("openai-completion", {"prompt": "The sky is", "completion": " blue."}) == [
        (PROMPT, "/prompt", "The sky is", ""),
        (TRAINED, "/completion", " blue.", ""),
    ]
