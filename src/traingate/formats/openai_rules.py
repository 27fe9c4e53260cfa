"""Rules for OpenAI chat messages (openai-chat, openai-dpo) beyond what the schemas say."""

from __future__ import annotations

from traingate.finding import Severity
from traingate.rules.base import Rule, Scope

TOOL_ARGUMENTS_NOT_OBJECT = Rule(
    id="tool-arguments-not-object",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="A tool call's `arguments` string is not a JSON object.",
    doc="""
    ## What it does
    Parses `function.arguments` of every assistant tool call (and the legacy
    `function_call.arguments`) as JSON and reports it when it is not valid JSON, does not
    encode an object, or repeats a key at any depth (`{"city": "Paris", "city": "Rome"}`).

    ## Why it matters
    OpenAI transmits tool arguments as a string that must hold a JSON object. Training on
    truncated JSON, on a bare string or on a Python-style dict (`{'a': 1}`) teaches the
    model to emit calls that client code cannot parse. A repeated key is read differently
    by different parsers (the first value or the last), so a reviewer and the tool can see
    different calls, as with `duplicate-key` in the record itself.

    ## Example that fails
    ```json
    {"messages": [
      {"role": "user", "content": "Weather in Paris?"},
      {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
        "function": {"name": "get_weather", "arguments": "{'city': 'Paris'}"}}]}]}
    ```

    ## Example that passes
    ```json
    {"messages": [
      {"role": "user", "content": "Weather in Paris?"},
      {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
        "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}}]}]}
    ```

    ## Options
    None.
    """,
)

UNKNOWN_TOOL_CALL_ID = Rule(
    id="unknown-tool-call-id",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="A tool message answers no open tool call: never made, answered already, or "
    "made before another message came.",
    doc="""
    ## What it does
    Follows the tool protocol through the conversation: an assistant message's tool calls
    are open until the `tool` messages right after it answer them. Reports a `tool` message
    whose `tool_call_id` is not an open call: one no earlier assistant message made, one
    answered already, or one made before a user or assistant message came in between.

    ## Why it matters
    The chat API rejects a tool result that answers no earlier call, and a conversation
    whose results precede their calls (or were renumbered in one place only) teaches the
    model a tool protocol that does not exist.

    ## Example that fails
    ```json
    {"messages": [
      {"role": "user", "content": "Weather in Paris?"},
      {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
        "function": {"name": "get_weather", "arguments": "{}"}}]},
      {"role": "tool", "tool_call_id": "call_1", "content": "18 C"},
      {"role": "tool", "tool_call_id": "call_2", "content": "19 C"},
      {"role": "assistant", "content": "It is 18 C."}]}
    ```

    ## Example that passes
    ```json
    {"messages": [
      {"role": "user", "content": "Weather in Paris?"},
      {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
        "function": {"name": "get_weather", "arguments": "{}"}}]},
      {"role": "tool", "tool_call_id": "call_1", "content": "18 C"},
      {"role": "assistant", "content": "It is 18 C."}]}
    ```

    ## Options
    None.
    """,
)

UNANSWERED_TOOL_CALL = Rule(
    id="unanswered-tool-call",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="An assistant's tool call is not answered before the conversation goes on.",
    doc="""
    ## What it does
    Reports a tool call of an assistant message that no `tool` message answers before the
    next user, assistant or system message. A conversation may end on the tool calls: an
    example can teach the model to make a call, and the result comes after it.

    ## Why it matters
    The chat API refuses a conversation in which an assistant's tool calls are not followed
    by a result for each of them, and a model tuned on one learns to go on as if a call had
    been answered: it makes up the result.

    ## Example that fails
    ```json
    {"messages": [
      {"role": "user", "content": "Weather in Paris?"},
      {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
        "function": {"name": "get_weather", "arguments": "{}"}}]},
      {"role": "user", "content": "Never mind."},
      {"role": "assistant", "content": "OK."}]}
    ```

    ## Example that passes
    ```json
    {"messages": [
      {"role": "user", "content": "Weather in Paris?"},
      {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
        "function": {"name": "get_weather", "arguments": "{}"}}]},
      {"role": "tool", "tool_call_id": "call_1", "content": "18 C"},
      {"role": "assistant", "content": "It is 18 C."}]}
    ```

    ## Options
    None.
    """,
)

MISPLACED_WEIGHT = Rule(
    id="misplaced-weight",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="A `weight` key sits where OpenAI does not read it.",
    doc="""
    ## What it does
    Reports a `weight` key on a system, developer, user, tool or function message of an
    `openai-chat` record, and on any message of an `openai-dpo` record. (Its value must be
    0 or 1; the schema checks that.)

    ## Why it matters
    `weight` only controls whether an assistant message of a supervised example is trained
    on. Anywhere else it is rejected or ignored, so whoever wrote it expected an effect,
    such as excluding a prompt from the loss, that will not happen.

    ## Example that fails
    ```json
    {"messages": [
      {"role": "user", "content": "Hi", "weight": 0},
      {"role": "assistant", "content": "Hello!"}]}
    ```

    ## Example that passes
    ```json
    {"messages": [
      {"role": "user", "content": "Hi"},
      {"role": "assistant", "content": "Hey", "weight": 0},
      {"role": "user", "content": "Be polite."},
      {"role": "assistant", "content": "Hello! How can I help?", "weight": 1}]}
    ```

    ## Options
    None.
    """,
)

UNTRAINED_RECORD = Rule(
    id="untrained-record",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="A chat record has no assistant message that is trained on.",
    doc="""
    ## What it does
    Reports an `openai-chat` record without an assistant message, or whose assistant
    messages all carry `"weight": 0`.

    ## Why it matters
    Supervised fine-tuning learns only from assistant messages with a weight other than 0.
    A record without one costs tokens and teaches nothing, and usually means that a
    conversion step lost the answers or a filter zeroed every weight.

    ## Example that fails
    ```json
    {"messages": [
      {"role": "user", "content": "Hi"},
      {"role": "assistant", "content": "Hello!", "weight": 0}]}
    ```

    ## Example that passes
    ```json
    {"messages": [
      {"role": "user", "content": "Hi"},
      {"role": "assistant", "content": "Hello!"}]}
    ```

    ## Options
    None.
    """,
)

DEPRECATED_FIELD = Rule(
    id="deprecated-field",
    scope=Scope.RECORD,
    severity=Severity.WARNING,
    summary="A record uses OpenAI's deprecated function-calling fields.",
    doc="""
    ## What it does
    Warns about the function-calling fields OpenAI replaced with tools: the top-level
    `functions` list, an assistant's `function_call`, and messages with role `function`.

    ## Why it matters
    OpenAI still accepts them for fine-tuning but documents them as deprecated in favour of
    `tools`, `tool_calls` and `tool` messages. A model tuned on the old protocol is
    served through the new one, so its training data and its inference prompts differ.

    ## Example that fails
    ```json
    {"functions": [{"name": "get_weather"}], "messages": [
      {"role": "user", "content": "Weather in Paris?"},
      {"role": "assistant", "function_call": {"name": "get_weather", "arguments": "{}"}}]}
    ```

    ## Example that passes
    ```json
    {"tools": [{"type": "function", "function": {"name": "get_weather"}}], "messages": [
      {"role": "user", "content": "Weather in Paris?"},
      {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
        "function": {"name": "get_weather", "arguments": "{}"}}]}]}
    ```

    ## Options
    None.
    """,
)
