"""Semantic checks on a list of OpenAI chat messages, shared by openai-chat and openai-dpo.

The list has already passed the schema, so keys and types are as the schema says.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

import orjson

from traingate.finding import Finding
from traingate.formats.common import IMAGE_OUTSIDE_USER, emit
from traingate.formats.openai_rules import (
    DEPRECATED_FIELD,
    MISPLACED_WEIGHT,
    TOOL_ARGUMENTS_NOT_OBJECT,
    UNANSWERED_TOOL_CALL,
    UNKNOWN_TOOL_CALL_ID,
)
from traingate.reader.strict_json import repeated_key
from traingate.record import Record


def check_messages(
    record: Record, messages: list[dict[str, Any]], base: str, weight_allowed: bool
) -> Generator[Finding, None, bool]:
    """Findings for ``messages``, found at JSON pointer ``base`` inside ``record``.

    ``weight_allowed`` says whether assistant messages may carry ``weight`` (supervised
    records) or no message may (preference records). Returns whether some assistant
    message is trained on, that is has no weight or a weight other than 0.
    """
    # This runs on every record: pointers are built and sub-generators started only when
    # there is something to report.
    call_ids: set[str] = set()
    # The calls of the last assistant message with tool calls that no tool message has
    # answered yet: id -> pointer of the call.
    open_calls: dict[str, str] = {}
    trained = False
    for index, message in enumerate(messages):
        role = message["role"]
        if open_calls and role != "tool":
            yield from _unanswered(record, open_calls, role)
            open_calls = {}
        if role == "assistant":
            trained = trained or message.get("weight") != 0
            if "tool_calls" in message:
                for number, call in enumerate(message["tool_calls"]):
                    call_ids.add(call["id"])
                    open_calls[call["id"]] = f"{base}/{index}/tool_calls/{number}/id"
                for call in message["tool_calls"]:
                    if not _is_object(call["function"]["arguments"]):
                        yield from _tool_call_arguments(record, message, f"{base}/{index}")
                        break
            if "function_call" in message:
                yield from _function_call(record, message["function_call"], f"{base}/{index}")
        elif role == "tool":
            call_id = message["tool_call_id"]
            if open_calls.pop(call_id, None) is None:
                at = f"{base}/{index}/tool_call_id"
                yield _unknown_call(record, call_id, at, called=call_id in call_ids)
        elif role == "function":
            yield emit(DEPRECATED_FIELD, record, _FUNCTION_ROLE, f"{base}/{index}/role")
        if "weight" in message and not (weight_allowed and role == "assistant"):
            yield _misplaced_weight(record, role, weight_allowed, f"{base}/{index}/weight")
        if role != "user" and type(message.get("content")) is list:
            yield from _images(record, message["content"], role, f"{base}/{index}/content")
    return trained


_FUNCTION_ROLE = "role 'function' is deprecated; use a 'tool' message answering a tool call"


def _unknown_call(record: Record, call_id: str, pointer: str, *, called: bool) -> Finding:
    if called:
        message = (
            f"tool_call_id {call_id!r} answers a call that is answered already, or that was "
            "made before another message came"
        )
    else:
        message = f"tool_call_id {call_id!r} answers no earlier tool call"
    return emit(UNKNOWN_TOOL_CALL_ID, record, message, pointer)


def _unanswered(record: Record, open_calls: dict[str, str], role: str) -> Iterator[Finding]:
    for call_id, pointer in open_calls.items():
        message = f"tool call {call_id!r} is not answered before the next {role} message"
        yield emit(UNANSWERED_TOOL_CALL, record, message, pointer)


def _function_call(record: Record, function_call: dict[str, Any], at: str) -> Iterator[Finding]:
    yield emit(
        DEPRECATED_FIELD,
        record,
        "'function_call' is deprecated; use 'tool_calls'",
        f"{at}/function_call",
    )
    problem = _arguments_problem(function_call["arguments"])
    if problem:
        yield emit(TOOL_ARGUMENTS_NOT_OBJECT, record, problem, f"{at}/function_call/arguments")


def _tool_call_arguments(record: Record, message: dict[str, Any], at: str) -> Iterator[Finding]:
    for index, call in enumerate(message["tool_calls"]):
        problem = _arguments_problem(call["function"]["arguments"])
        if problem:
            pointer = f"{at}/tool_calls/{index}/function/arguments"
            yield emit(TOOL_ARGUMENTS_NOT_OBJECT, record, problem, pointer)


def _is_object(arguments: str) -> bool:
    try:
        parsed = orjson.loads(arguments)
    except orjson.JSONDecodeError:
        return False
    if type(parsed) is not dict:
        return False
    return repeated_key(arguments.encode(errors="surrogatepass"), parsed) is None


def _arguments_problem(arguments: str) -> str:
    """Why ``arguments`` is not a JSON object, or "" when it is one. An object that
    repeats a key is not one: readers disagree on which value the call passes."""
    try:
        parsed = orjson.loads(arguments)
    except orjson.JSONDecodeError as error:
        return f"tool call arguments are not valid JSON: {error}"
    if type(parsed) is not dict:
        return f"tool call arguments must encode a JSON object, not {_json_type(parsed)}"
    repeated = repeated_key(arguments.encode(errors="surrogatepass"), parsed)
    if repeated is not None:
        return f"tool call arguments at {repeated.pointer}: {repeated.message}"
    return ""


def _misplaced_weight(record: Record, role: str, weight_allowed: bool, pointer: str) -> Finding:
    if weight_allowed:
        message = f"'weight' has no effect on {role} messages, only on assistant messages"
    else:
        message = "'weight' has no effect in a preference (DPO) record"
    return emit(MISPLACED_WEIGHT, record, message, pointer)


def _images(record: Record, parts: list[dict[str, Any]], role: str, at: str) -> Iterator[Finding]:
    for index, part in enumerate(parts):
        if part["type"] == "image_url":
            yield emit(
                IMAGE_OUTSIDE_USER,
                record,
                f"{role} messages may not carry images; only user messages may",
                f"{at}/{index}",
            )


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array"
