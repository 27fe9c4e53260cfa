"""Segments of the OpenAI formats: openai-chat, openai-dpo and openai-completion."""

from __future__ import annotations

from typing import Any

from traingate.segments.base import (
    PROMPT,
    TRAINED_ASSISTANT,
    Segment,
    add_descriptions,
    add_string,
)
from traingate.segments.messages import (
    CONTEXT,
    NON_PREFERRED_OUTPUT,
    PREFERRED_OUTPUT,
    WEIGHTED,
    add_messages,
)

_OUTPUTS = (
    ("preferred_output", PREFERRED_OUTPUT),
    ("preferred_completion", PREFERRED_OUTPUT),
    ("non_preferred_output", NON_PREFERRED_OUTPUT),
    ("non_preferred_completion", NON_PREFERRED_OUTPUT),
)


def openai_chat(value: dict[str, Any], out: list[Segment]) -> None:
    """Messages by role (weight-0 assistant messages untrained), then tool descriptions."""
    add_messages(out, "/messages", value.get("messages"), WEIGHTED)
    if "tools" in value:
        add_descriptions(out, "/tools", value["tools"])
    if "functions" in value:
        add_descriptions(out, "/functions", value["functions"])


def openai_dpo(value: dict[str, Any], out: list[Segment]) -> None:
    """Input messages (nothing trained), tool descriptions, then the two outputs.

    The non-preferred output is not ``trained``: DPO lowers its likelihood.
    """
    task = value.get("input")
    if type(task) is dict:
        add_messages(out, "/input/messages", task.get("messages"), CONTEXT)
        if "tools" in task:
            add_descriptions(out, "/input/tools", task["tools"])
    for key, voices in _OUTPUTS:
        if key in value:
            add_messages(out, f"/{key}", value[key], voices)


def openai_completion(value: dict[str, Any], out: list[Segment]) -> None:
    """``prompt`` is the user's prompt; ``completion`` is trained on."""
    add_string(out, PROMPT, "/prompt", value.get("prompt"))
    add_string(out, TRAINED_ASSISTANT, "/completion", value.get("completion"))
