from __future__ import annotations

from typing import Any

import pytest

from tests.formats.support import Expected, rule_pointers, table

SCHEMA = "schema-violation"
MIXED = "mixed-trl-forms"
ORDER = "role-order"


def say(role: str, content: Any = "Hi") -> dict[str, Any]:
    return {"role": role, "content": content}


ASK = [say("user", "What color is the sky?")]
BLUE = [say("assistant", "It is blue.")]
GREEN = [say("assistant", "It is green.")]

CASES = [
    # Every TRL type, standard then conversational.
    ("language modeling", {"text": "The sky is blue."}, []),
    ("language modeling, conversational", {"messages": [*ASK, *BLUE]}, []),
    ("prompt-only", {"prompt": "The sky is"}, []),
    ("prompt-only, conversational", {"prompt": ASK}, []),
    ("prompt-completion", {"prompt": "The sky is", "completion": " blue."}, []),
    ("prompt-completion, conversational", {"prompt": ASK, "completion": BLUE}, []),
    ("preference", {"prompt": "The sky is", "chosen": " blue.", "rejected": " green."}, []),
    ("preference, conversational", {"prompt": ASK, "chosen": BLUE, "rejected": GREEN}, []),
    ("implicit prompt", {"chosen": "The sky is blue.", "rejected": "The sky is green."}, []),
    ("implicit prompt, conversational", {"chosen": [*ASK, *BLUE], "rejected": [*ASK, *GREEN]}, []),
    ("unpaired preference", {"prompt": "The sky is", "completion": " blue.", "label": True}, []),
    (
        "unpaired preference, conversational",
        {"prompt": ASK, "completion": GREEN, "label": False},
        [],
    ),
    (
        "stepwise supervision",
        {"prompt": "2+2*2?", "completions": ["2*2=4", "4+2=6"], "labels": [True, True]},
        [],
    ),
    ("extra columns", {"text": "x", "id": 7, "source": "web"}, []),
    (
        "vision parts",
        {
            "messages": [
                say("user", [{"type": "image"}, {"type": "text", "text": "What?"}]),
                *BLUE,
            ],
            "images": ["a.png"],
        },
        [],
    ),
    (
        "tool calls",
        {
            "messages": [
                *ASK,
                {"role": "assistant", "tool_calls": [{"type": "function"}]},
                say("tool", "blue"),
                *BLUE,
            ]
        },
        [],
    ),
    # Schema violations.
    ("no TRL column", {"question": "x"}, [(SCHEMA, "")]),
    ("chosen alone", {"prompt": "x", "chosen": "y"}, [(SCHEMA, "")]),
    ("label without completion", {"prompt": "x", "label": True}, [(SCHEMA, "")]),
    ("label not boolean", {"prompt": "x", "completion": "y", "label": 1}, [(SCHEMA, "/label")]),
    ("labels without completions", {"prompt": "x", "labels": [True]}, [(SCHEMA, "")]),
    ("text not string", {"text": ["x"]}, [(SCHEMA, "/text")]),
    ("unknown role", {"prompt": [say("human")]}, [(SCHEMA, "/prompt/0/role")]),
    ("message without content", {"messages": [{"role": "user"}]}, [(SCHEMA, "/messages/0")]),
    (
        "empty conversation",
        {"prompt": [], "completion": []},
        [(SCHEMA, "/completion"), (SCHEMA, "/prompt")],
    ),
    # mixed-trl-forms
    (
        "conversational prompt, standard completion",
        {"prompt": ASK, "completion": "blue"},
        [(MIXED, "/completion")],
    ),
    (
        "standard chosen, conversational rejected",
        {"chosen": "blue", "rejected": GREEN},
        [(MIXED, "/rejected")],
    ),
    # role-order
    (
        "completion starts with user",
        {"prompt": ASK, "completion": ASK},
        [(ORDER, "/completion/0/role")],
    ),
    (
        "chosen starts with user",
        {"prompt": ASK, "chosen": [*ASK, *BLUE], "rejected": GREEN},
        [(ORDER, "/chosen/0/role")],
    ),
    (
        "implicit prompt ends with user",
        {"chosen": [*BLUE, *ASK], "rejected": [*ASK, *GREEN]},
        [(ORDER, "/chosen/1/role")],
    ),
]


@pytest.mark.parametrize(("value", "expected"), table(CASES))
def test_trl(value: dict[str, Any], expected: Expected) -> None:
    assert rule_pointers("trl", value) == sorted(expected)
