"""Segments of the cloud provider formats: bedrock-claude and vertex-gemini."""

from __future__ import annotations

from typing import Any

from traingate.segments.base import (
    NO_ROLE,
    SYSTEM,
    TOOL,
    TRAINED_ASSISTANT,
    USER,
    Roles,
    Segment,
    add_descriptions,
    add_leaves,
    add_string,
)
from traingate.segments.messages import CONVERSATION, add_arguments, add_messages

_GEMINI_ROLES = {"user": USER, "model": TRAINED_ASSISTANT}
_CALLS = ("functionCall", "function_call")
_RESPONSES = ("functionResponse", "function_response")


def bedrock_claude(value: dict[str, Any], out: list[Segment]) -> None:
    """``system``, then messages: user, and assistant (trained); text blocks only."""
    add_string(out, SYSTEM, "/system", value.get("system"))
    add_messages(out, "/messages", value.get("messages"), CONVERSATION)


def vertex_gemini(value: dict[str, Any], out: list[Segment]) -> None:
    """System instruction, contents (user; model trained), then tool descriptions."""
    for key in ("systemInstruction", "system_instruction"):
        instruction = value.get(key)
        if type(instruction) is dict:
            _add_parts(out, SYSTEM, f"/{key}/parts", instruction.get("parts"))
    contents = value.get("contents")
    if type(contents) is list:
        for index, content in enumerate(contents):
            if type(content) is dict:
                role = content.get("role")
                roles = _GEMINI_ROLES.get(role, NO_ROLE) if type(role) is str else NO_ROLE
                _add_parts(out, roles, f"/contents/{index}/parts", content.get("parts"))
    tools = value.get("tools")
    if type(tools) is list:
        for index, tool in enumerate(tools):
            for key in ("functionDeclarations", "function_declarations"):
                if type(tool) is dict and key in tool:
                    add_descriptions(out, f"/tools/{index}/{key}", tool[key])


def _add_parts(out: list[Segment], roles: Roles, base: str, parts: Any) -> None:
    """Text parts; function call arguments (the turn's roles); function responses (tool)."""
    if type(parts) is not list:
        return
    for index, part in enumerate(parts):
        if type(part) is not dict:
            continue
        at = f"{base}/{index}"
        if "text" in part:
            add_string(out, roles, at + "/text", part["text"])
            continue
        for key in _CALLS:
            call = part.get(key)
            if type(call) is dict and "args" in call:
                add_arguments(out, roles, f"{at}/{key}/args", call["args"])
        for key in _RESPONSES:
            response = part.get(key)
            if type(response) is dict and "response" in response:
                add_leaves(out, TOOL, f"{at}/{key}/response", response["response"])
