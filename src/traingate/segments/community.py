"""Segments of the community formats: sharegpt, alpaca and trl."""

from __future__ import annotations

from typing import Any

from traingate.segments.base import (
    NO_ROLE,
    NON_PREFERRED,
    PREFERRED,
    PROMPT,
    SYSTEM,
    TEXT,
    TOOL,
    TRAINED_ASSISTANT,
    USER,
    Segment,
    add_descriptions,
    add_string,
    segment,
)
from traingate.segments.messages import (
    CONTEXT,
    CONVERSATION,
    NON_PREFERRED_OUTPUT,
    PREFERRED_OUTPUT,
    add_arguments,
    add_messages,
)

_SPEAKERS = {
    "system": SYSTEM,
    "human": USER,
    "gpt": TRAINED_ASSISTANT,
    "function_call": TRAINED_ASSISTANT,
    "observation": TOOL,
}


def sharegpt(value: dict[str, Any], out: list[Segment]) -> None:
    """``system`` and ``tools``, then turns by speaker; a ``function_call`` value is parsed."""
    add_string(out, SYSTEM, "/system", value.get("system"))
    tools = value.get("tools")
    if type(tools) is str:
        out.append(segment(SYSTEM, "/tools", tools))
    else:
        add_descriptions(out, "/tools", tools)
    turns = value.get("conversations")
    if type(turns) is not list:
        return
    for index, turn in enumerate(turns):
        if type(turn) is not dict:
            continue
        speaker = turn.get("from")
        roles = _SPEAKERS.get(speaker, NO_ROLE) if type(speaker) is str else NO_ROLE
        if speaker == "function_call":
            add_arguments(out, roles, f"/conversations/{index}/value", turn.get("value"))
        else:
            add_string(out, roles, f"/conversations/{index}/value", turn.get("value"))


def alpaca(value: dict[str, Any], out: list[Segment]) -> None:
    """``system``, ``history`` pairs, then ``instruction`` and ``input`` (prompt), ``output``."""
    add_string(out, SYSTEM, "/system", value.get("system"))
    history = value.get("history")
    if type(history) is list:
        for index, pair in enumerate(history):
            if type(pair) is list and len(pair) >= 2:
                add_string(out, USER, f"/history/{index}/0", pair[0])
                add_string(out, TRAINED_ASSISTANT, f"/history/{index}/1", pair[1])
    add_string(out, PROMPT, "/instruction", value.get("instruction"))
    add_string(out, PROMPT, "/input", value.get("input"))
    add_string(out, TRAINED_ASSISTANT, "/output", value.get("output"))


def trl(value: dict[str, Any], out: list[Segment]) -> None:
    """Every TRL column that holds text, standard (strings) or conversational (messages).

    With ``label`` (unpaired preference, as KTO reads it) a completion labelled ``true``
    counts as preferred and one labelled ``false`` as non-preferred, so not trained.
    """
    add_string(out, TEXT, "/text", value.get("text"))
    add_messages(out, "/messages", value.get("messages"), CONVERSATION)
    prompt = value.get("prompt")
    if type(prompt) is str:
        out.append(segment(PROMPT, "/prompt", prompt))
    else:
        add_messages(out, "/prompt", prompt, CONTEXT)
    label = value.get("label")
    if label is True:
        _add_output(out, "/completion", value.get("completion"))
    elif label is False:
        _add_output(out, "/completion", value.get("completion"), preferred=False)
    else:
        completion = value.get("completion")
        if type(completion) is str:
            out.append(segment(TRAINED_ASSISTANT, "/completion", completion))
        else:
            add_messages(out, "/completion", completion, CONVERSATION)
    _add_output(out, "/chosen", value.get("chosen"))
    _add_output(out, "/rejected", value.get("rejected"), preferred=False)
    steps = value.get("completions")
    if type(steps) is list:
        for index, step in enumerate(steps):
            add_string(out, TRAINED_ASSISTANT, f"/completions/{index}", step)


def _add_output(out: list[Segment], pointer: str, output: Any, preferred: bool = True) -> None:
    if type(output) is str:
        out.append(segment(PREFERRED if preferred else NON_PREFERRED, pointer, output))
    else:
        add_messages(out, pointer, output, PREFERRED_OUTPUT if preferred else NON_PREFERRED_OUTPUT)
