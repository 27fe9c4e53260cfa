from __future__ import annotations

from typing import Any

import pytest

from tests.formats.support import Expected, assistant, call, image, rule_pointers, table, user

SCHEMA = "schema-violation"
LEGACY = "legacy-dpo-field"


def dpo(messages: list[dict[str, Any]] | None = None, **outputs: Any) -> dict[str, Any]:
    value: dict[str, Any] = {"input": {"messages": messages or [user()]}}
    value.update(outputs)
    return value


GOOD = [assistant("Paris.")]
BAD = [assistant("Lyon.")]
BOTH = {"preferred_output": GOOD, "non_preferred_output": BAD}

CASES = [
    ("plain", dpo(**BOTH), []),
    (
        "tools",
        {
            "input": {
                "messages": [{"role": "system", "content": "Use tools."}, user()],
                "tools": [{"type": "function", "function": {"name": "get_weather"}}],
                "parallel_tool_calls": False,
            },
            "preferred_output": [{"role": "assistant", "tool_calls": [call()]}],
            "non_preferred_output": BAD,
        },
        [],
    ),
    ("image in input", dpo([user([image()])], **BOTH), []),
    (
        "tool answer in input",
        dpo(
            [
                user(),
                {"role": "assistant", "tool_calls": [call()]},
                {"role": "tool", "tool_call_id": "call_1", "content": "x"},
            ],
            **BOTH,
        ),
        [],
    ),
    # Legacy names.
    (
        "legacy names",
        dpo(preferred_completion=GOOD, non_preferred_completion=BAD),
        [(LEGACY, "/preferred_completion"), (LEGACY, "/non_preferred_completion")],
    ),
    (
        "one legacy name",
        dpo(preferred_output=GOOD, non_preferred_completion=BAD),
        [(LEGACY, "/non_preferred_completion")],
    ),
    (
        "legacy and current",
        dpo(**BOTH, preferred_completion=GOOD),
        [(LEGACY, "/preferred_completion")],
    ),
    # Schema violations.
    ("missing non-preferred", dpo(preferred_output=GOOD), [(SCHEMA, "")]),
    ("missing input", {"preferred_output": GOOD, "non_preferred_output": BAD}, [(SCHEMA, "")]),
    (
        "two outputs",
        dpo(preferred_output=[*GOOD, *GOOD], non_preferred_output=BAD),
        [(SCHEMA, "/preferred_output")],
    ),
    (
        "empty output",
        dpo(preferred_output=[], non_preferred_output=BAD),
        [(SCHEMA, "/preferred_output")],
    ),
    (
        "user output",
        dpo(preferred_output=[user()], non_preferred_output=BAD),
        [(SCHEMA, "/preferred_output/0/role")],
    ),
    (
        "output not list",
        dpo(preferred_output=assistant(), non_preferred_output=BAD),
        [(SCHEMA, "/preferred_output")],
    ),
    (
        "unknown input key",
        {**dpo(**BOTH), "input": {"messages": [user()], "functions": []}},
        [(SCHEMA, "/input")],
    ),
    ("unknown top key", dpo(**BOTH, metadata={}), [(SCHEMA, "")]),
    # Shared message checks.
    (
        "weight in output",
        dpo(preferred_output=[assistant(weight=1)], non_preferred_output=BAD),
        [("misplaced-weight", "/preferred_output/0/weight")],
    ),
    (
        "weight in input",
        dpo([{**user(), "weight": 0}], **BOTH),
        [("misplaced-weight", "/input/messages/0/weight")],
    ),
    (
        "bad arguments in output",
        dpo(
            preferred_output=GOOD,
            non_preferred_output=[{"role": "assistant", "tool_calls": [call(arguments="[]")]}],
        ),
        [("tool-arguments-not-object", "/non_preferred_output/0/tool_calls/0/function/arguments")],
    ),
    (
        "unknown id in input",
        dpo([user(), {"role": "tool", "tool_call_id": "call_9", "content": "x"}], **BOTH),
        [("unknown-tool-call-id", "/input/messages/1/tool_call_id")],
    ),
    (
        "image in output",
        dpo(preferred_output=[assistant([image()])], non_preferred_output=BAD),
        [("image-outside-user", "/preferred_output/0/content/0")],
    ),
    (
        "function_call in legacy output",
        dpo(
            preferred_output=GOOD,
            non_preferred_completion=[
                {"role": "assistant", "function_call": {"name": "f", "arguments": "{}"}}
            ],
        ),
        [
            (LEGACY, "/non_preferred_completion"),
            ("deprecated-field", "/non_preferred_completion/0/function_call"),
        ],
    ),
]


@pytest.mark.parametrize(("value", "expected"), table(CASES))
def test_openai_dpo(value: dict[str, Any], expected: Expected) -> None:
    assert rule_pointers("openai-dpo", value) == sorted(expected)
