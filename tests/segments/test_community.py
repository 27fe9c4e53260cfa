"""Segments of the community formats: sharegpt, alpaca, trl."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.segments.support import (
    ASSISTANT,
    NON_PREFERRED,
    PREFERRED,
    PROMPT,
    SYSTEM,
    TEXT,
    TOOL,
    TRAINED,
    USER,
    Case,
    Row,
    rows,
    say,
    table,
)


def turn(speaker: str, value: str) -> dict[str, str]:
    return {"from": speaker, "value": value}


CALL = json.dumps({"name": "weather", "arguments": {"city": "Paris"}})

SHAREGPT: list[Case] = [
    (
        "speakers",
        {
            "system": "Be terse.",
            "tools": '[{"name": "weather", "description": "Weather."}]',
            "conversations": [
                turn("human", "Weather in Paris?"),
                turn("function_call", CALL),
                turn("observation", "18 C"),
                turn("gpt", "It is 18 C."),
            ],
        },
        [
            (SYSTEM, "/system", "Be terse.", ""),
            (SYSTEM, "/tools", '[{"name": "weather", "description": "Weather."}]', ""),
            (USER, "/conversations/0/value", "Weather in Paris?", ""),
            (TRAINED, "/conversations/1/value", CALL, ""),
            (TRAINED, "/conversations/1/value", "weather", "tool-arguments:/name"),
            (TRAINED, "/conversations/1/value", "Paris", "tool-arguments:/arguments/city"),
            (TOOL, "/conversations/2/value", "18 C", ""),
            (TRAINED, "/conversations/3/value", "It is 18 C.", ""),
        ],
    ),
    (
        "system turn, tools as a list, invalid call",
        {
            "tools": [{"name": "w", "description": "Weather."}],
            "conversations": [
                turn("system", "Be terse."),
                turn("human", "Go"),
                turn("function_call", "weather(Paris)"),
            ],
        },
        [
            (SYSTEM, "/tools/0/description", "Weather.", ""),
            (SYSTEM, "/conversations/0/value", "Be terse.", ""),
            (USER, "/conversations/1/value", "Go", ""),
            (TRAINED, "/conversations/2/value", "weather(Paris)", ""),
        ],
    ),
]


@pytest.mark.parametrize(("value", "expected"), table(SHAREGPT))
def test_sharegpt(value: dict[str, Any], expected: list[Row]) -> None:
    assert rows("sharegpt", value) == expected


ALPACA: list[Case] = [
    (
        "instruction only",
        {"instruction": "Name a color.", "output": "Blue."},
        [(PROMPT, "/instruction", "Name a color.", ""), (TRAINED, "/output", "Blue.", "")],
    ),
    (
        "every field",
        {
            "system": "Be terse.",
            "history": [["Hi", "Hello."], ["How are you?", "Fine."]],
            "instruction": "Translate.",
            "input": "Bonjour",
            "output": "Hello",
        },
        [
            (SYSTEM, "/system", "Be terse.", ""),
            (USER, "/history/0/0", "Hi", ""),
            (TRAINED, "/history/0/1", "Hello.", ""),
            (USER, "/history/1/0", "How are you?", ""),
            (TRAINED, "/history/1/1", "Fine.", ""),
            (PROMPT, "/instruction", "Translate.", ""),
            (PROMPT, "/input", "Bonjour", ""),
            (TRAINED, "/output", "Hello", ""),
        ],
    ),
]


@pytest.mark.parametrize(("value", "expected"), table(ALPACA))
def test_alpaca(value: dict[str, Any], expected: list[Row]) -> None:
    assert rows("alpaca", value) == expected


ASK = [say("system", "Be terse."), say("user", "Sky color?")]
ASK_ROWS = [
    (SYSTEM, "/prompt/0/content", "Be terse.", ""),
    (USER, "/prompt/1/content", "Sky color?", ""),
]

TRL: list[Case] = [
    ("language modeling", {"text": "The sky is blue."}, [(TEXT, "/text", "The sky is blue.", "")]),
    (
        "language modeling, conversational",
        {"messages": [say("user", "Sky?"), say("assistant", "Blue.")]},
        [(USER, "/messages/0/content", "Sky?", ""), (TRAINED, "/messages/1/content", "Blue.", "")],
    ),
    ("prompt-only", {"prompt": "The sky is"}, [(PROMPT, "/prompt", "The sky is", "")]),
    (
        "prompt-completion",
        {"prompt": "The sky is", "completion": " blue."},
        [(PROMPT, "/prompt", "The sky is", ""), (TRAINED, "/completion", " blue.", "")],
    ),
    (
        "prompt-completion, conversational",
        {"prompt": ASK, "completion": [say("assistant", "Blue.")]},
        [*ASK_ROWS, (TRAINED, "/completion/0/content", "Blue.", "")],
    ),
    (
        "prompt with an earlier assistant turn",
        {"prompt": [say("user", "Hi"), say("assistant", "Hello."), say("user", "Sky?")]},
        [
            (USER, "/prompt/0/content", "Hi", ""),
            (ASSISTANT, "/prompt/1/content", "Hello.", ""),
            (USER, "/prompt/2/content", "Sky?", ""),
        ],
    ),
    (
        "preference",
        {"prompt": "The sky is", "chosen": " blue.", "rejected": " green."},
        [
            (PROMPT, "/prompt", "The sky is", ""),
            (PREFERRED, "/chosen", " blue.", ""),
            (NON_PREFERRED, "/rejected", " green.", ""),
        ],
    ),
    (
        "preference, conversational, implicit prompt",
        {
            "chosen": [say("user", "Sky?"), say("assistant", "Blue.")],
            "rejected": [say("user", "Sky?"), say("assistant", "Green.")],
        },
        [
            (USER, "/chosen/0/content", "Sky?", ""),
            (PREFERRED, "/chosen/1/content", "Blue.", ""),
            (USER, "/rejected/0/content", "Sky?", ""),
            (NON_PREFERRED, "/rejected/1/content", "Green.", ""),
        ],
    ),
    (
        "unpaired preference, desirable",
        {"prompt": "The sky is", "completion": " blue.", "label": True},
        [(PROMPT, "/prompt", "The sky is", ""), (PREFERRED, "/completion", " blue.", "")],
    ),
    (
        "unpaired preference, undesirable, conversational",
        {"prompt": ASK, "completion": [say("assistant", "Green.")], "label": False},
        [*ASK_ROWS, (NON_PREFERRED, "/completion/0/content", "Green.", "")],
    ),
    (
        "stepwise supervision",
        {"prompt": "2+2*2?", "completions": ["2*2=4.", "2+4=6."], "labels": [True, True]},
        [
            (PROMPT, "/prompt", "2+2*2?", ""),
            (TRAINED, "/completions/0", "2*2=4.", ""),
            (TRAINED, "/completions/1", "2+4=6.", ""),
        ],
    ),
    (
        "tool calls with object arguments, tool results",
        {
            "messages": [
                say("user", "Weather?"),
                {
                    "role": "assistant",
                    "tool_calls": [
                        {"type": "function", "function": {"name": "w", "arguments": {"c": "Oslo"}}}
                    ],
                },
                say("tool", "-3 C"),
                say("assistant", "Cold."),
            ]
        },
        [
            (USER, "/messages/0/content", "Weather?", ""),
            (TRAINED, "/messages/1/tool_calls/0/function/arguments", "Oslo", "tool-arguments:/c"),
            (TOOL, "/messages/2/content", "-3 C", ""),
            (TRAINED, "/messages/3/content", "Cold.", ""),
        ],
    ),
]


@pytest.mark.parametrize(("value", "expected"), table(TRL))
def test_trl(value: dict[str, Any], expected: list[Row]) -> None:
    assert rows("trl", value) == expected
