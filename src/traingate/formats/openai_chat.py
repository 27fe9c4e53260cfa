"""The openai-chat format: OpenAI supervised fine-tuning with chat messages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from traingate.finding import Finding
from traingate.formats.base import Format
from traingate.formats.common import emit
from traingate.formats.openai_messages import check_messages
from traingate.formats.openai_rules import DEPRECATED_FIELD, UNTRAINED_RECORD
from traingate.record import Record

DOC = """
An OpenAI supervised fine-tuning example (OpenAI fine-tuning guide, "chat" format; the
`FineTuneChatRequestInput` object of OpenAI's API specification).

## Fields
- `messages` (required): a list of messages, each with a `role`:
  - `system` / `developer`: `content` (string or text parts), optional `name`;
  - `user`: `content` as a string or a list of parts, `{"type": "text", "text": ...}`
    or `{"type": "image_url", "image_url": {"url": ..., "detail": "auto|low|high"}}`;
  - `assistant`: `content` (string, parts, or null when the message makes calls),
    optional `name`, `refusal`, `tool_calls` (`id`, `"type": "function"`, `function` with
    `name` and `arguments` as a string), legacy `function_call`, and `weight` (0 or 1);
  - `tool`: `tool_call_id` and `content`;
  - `function` (legacy): `name` and `content`.
- `tools` (optional): function tools (`{"type": "function", "function": {"name": ...,
  "description": ..., "parameters": {...}}}`).
- `parallel_tool_calls` (optional): boolean.
- `functions` (optional, deprecated): legacy function definitions.

No other key is allowed at the top level or in a message: the schema follows what OpenAI
documents, and an unknown key is far more often a typo (`tool` for `tools`) than data
OpenAI reads. Keep provenance such as ids or sources in a side file, or use the `generic`
format. The `audio` field of assistant messages is not accepted: fine-tuning is text and
images only.

## Example
```json
{"messages": [
  {"role": "system", "content": "You are terse."},
  {"role": "user", "content": "Capital of France?"},
  {"role": "assistant", "content": "Paris."}]}
```

## Semantic checks
- `tool-arguments-not-object`: tool call arguments parse as a JSON object.
- `unknown-tool-call-id`: each tool message answers a call made earlier.
- `misplaced-weight`: `weight` only on assistant messages.
- `image-outside-user`: images only in user messages.
- `untrained-record`: at least one assistant message with a weight other than 0.
- `deprecated-field` (warning): `functions`, `function_call` and role `function`.
"""


def _looks_like(value: dict[str, Any]) -> bool:
    # A top-level "system" marks bedrock-claude; OpenAI puts the system prompt in a message.
    return "messages" in value and "system" not in value


def _check(record: Record) -> Iterator[Finding]:
    value = record.value
    trained = yield from check_messages(record, value["messages"], "/messages", True)
    if "functions" in value:
        yield emit(DEPRECATED_FIELD, record, "'functions' is deprecated; use 'tools'", "/functions")
    if not trained:
        yield emit(UNTRAINED_RECORD, record, _UNTRAINED, "/messages")


_UNTRAINED = "no assistant message is trained on (none present, or all have weight 0)"


OPENAI_CHAT = Format(
    name="openai-chat",
    summary="OpenAI supervised fine-tuning: a list of chat messages, with optional tools.",
    doc=DOC.strip(),
    schema="openai-chat.json",
    looks_like=_looks_like,
    check=_check,
)
