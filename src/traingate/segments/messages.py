"""Segments of chat message lists (OpenAI, Bedrock, TRL) and of tool-call arguments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from traingate.segments.base import (
    ASSISTANT,
    DEVELOPER,
    NO_ROLE,
    NON_PREFERRED,
    PREFERRED,
    SYSTEM,
    TOOL,
    TRAINED_ASSISTANT,
    USER,
    Roles,
    Segment,
    segment,
    string_leaves,
)

MAX_ARGUMENTS_LENGTH = 1 << 20
"""Tool-call arguments strings longer than this (in characters) are not parsed."""

TOOL_ARGUMENTS = "tool-arguments:"


@dataclass(frozen=True)
class Voices:
    """The roles of each message role's text in one list of messages.

    ``weight_zero``, when set, replaces the roles of an assistant message whose ``weight``
    is 0 (OpenAI supervised records, where such a message is not trained on).
    """

    by_role: Mapping[str, Roles]
    weight_zero: Roles | None = None


_CHAT_ROLES: Mapping[str, Roles] = {
    "system": SYSTEM,
    "developer": DEVELOPER,
    "user": USER,
    "assistant": TRAINED_ASSISTANT,
    "tool": TOOL,
    "function": TOOL,
}

WEIGHTED = Voices(_CHAT_ROLES, weight_zero=ASSISTANT)
CONVERSATION = Voices(_CHAT_ROLES)
CONTEXT = Voices({**_CHAT_ROLES, "assistant": ASSISTANT})
PREFERRED_OUTPUT = Voices({**_CHAT_ROLES, "assistant": PREFERRED})
NON_PREFERRED_OUTPUT = Voices({**_CHAT_ROLES, "assistant": NON_PREFERRED})


def add_messages(out: list[Segment], base: str, messages: Any, voices: Voices) -> None:
    """Append the text of each message in ``messages`` (found at ``base``).

    A message's text is its ``content`` (a string, or the ``text`` and ``refusal`` of each
    part), its ``refusal`` and its tool-call arguments; names and ids are not text. A
    message whose role ``voices`` does not know gets no role, so only ``any`` selects it.
    """
    if type(messages) is not list:
        return
    by_role, weight_zero = voices.by_role, voices.weight_zero
    for index, message in enumerate(messages):
        if type(message) is not dict:
            continue
        role: Any = message.get("role")
        try:
            roles = by_role[role]
        except (KeyError, TypeError):
            roles = NO_ROLE
        if role == "assistant" and weight_zero is not None and message.get("weight") == 0:
            roles = weight_zero
        content = message.get("content")
        if type(content) is str:
            out.append(segment(roles, f"{base}/{index}/content", content))
        elif type(content) is list:
            _add_parts(out, roles, f"{base}/{index}/content", content)
        # A message with just a role and a content has nothing more to read.
        if len(message) > 2 or content is None or role is None:
            _add_extras(out, roles, f"{base}/{index}", message)


def _add_extras(out: list[Segment], roles: Roles, at: str, message: dict[str, Any]) -> None:
    """The text of a message besides its content: refusal and tool-call arguments."""
    refusal = message.get("refusal")
    if type(refusal) is str:
        out.append(segment(roles, at + "/refusal", refusal))
    if "tool_calls" in message:
        _add_tool_calls(out, roles, at + "/tool_calls", message["tool_calls"])
    call = message.get("function_call")
    if type(call) is dict:
        add_arguments(out, roles, at + "/function_call/arguments", call.get("arguments"))


def _add_parts(out: list[Segment], roles: Roles, base: str, parts: list[Any]) -> None:
    for index, part in enumerate(parts):
        if type(part) is not dict:
            continue
        for key in ("text", "refusal"):
            text = part.get(key)
            if type(text) is str:
                out.append(segment(roles, f"{base}/{index}/{key}", text))


def _add_tool_calls(out: list[Segment], roles: Roles, base: str, calls: Any) -> None:
    if type(calls) is not list:
        return
    for index, call in enumerate(calls):
        function = call.get("function") if type(call) is dict else None
        if type(function) is dict:
            pointer = f"{base}/{index}/function/arguments"
            add_arguments(out, roles, pointer, function.get("arguments"))


def add_arguments(out: list[Segment], roles: Roles, pointer: str, arguments: Any) -> None:
    """Append the text of tool-call ``arguments`` found at ``pointer``.

    A string is a segment itself, and, when it parses as JSON (and is no longer than
    :data:`MAX_ARGUMENTS_LENGTH`), each string inside it is one more segment with ``via``
    ``tool-arguments:<pointer inside>``. Arguments given as an object or array (Vertex
    ``args``, TRL) give those inner segments directly.
    """
    if type(arguments) is str:
        out.append(segment(roles, pointer, arguments))
        if len(arguments) > MAX_ARGUMENTS_LENGTH:
            return
        try:
            arguments = orjson.loads(arguments)
        except orjson.JSONDecodeError:
            return
    elif type(arguments) not in (dict, list):
        return
    out.extend(
        [
            segment(roles, pointer, text, TOOL_ARGUMENTS + inner)
            for inner, text in string_leaves(arguments, "")
        ]
    )
