"""The bedrock-claude format: Amazon Bedrock fine-tuning of Anthropic Claude models."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from traingate.finding import Finding
from traingate.formats.base import Format
from traingate.formats.common import IMAGE_OUTSIDE_USER, check_alternation, emit
from traingate.record import Record

DOC = """
An Amazon Bedrock fine-tuning example for Anthropic Claude models (Amazon Bedrock user
guide, "Prepare your training datasets"; Anthropic cookbook "Finetuning Claude 3 Haiku on
Bedrock").

## Fields
- `system` (optional): the system prompt, a string.
- `messages` (required, at least two): `{"role": "user"|"assistant", "content": ...}`
  where `content` is a string or a list of blocks, `{"type": "text", "text": ...}` or an
  Anthropic Messages API image block
  `{"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": ...}}`.

No extraneous keys are allowed, at the top level or in a message (Bedrock rejects them).

## Example
```json
{"system": "You are terse.", "messages": [
  {"role": "user", "content": "Capital of France?"},
  {"role": "assistant", "content": "Paris."}]}
```

## Detection
Detection tests `openai-chat` first, which takes `messages` records without a top-level
`system`; so a record is detected as `bedrock-claude` when it has `messages` and
`system`. Once a file is known to be `bedrock-claude`, its records without `system` stay
`bedrock-claude`. A Bedrock file whose first record lacks `system` is detected as
`openai-chat`: configure the format explicitly for such files.

## Semantic checks
- `role-order`: messages start with `user`, alternate, and end with `assistant`.
- `image-outside-user`: image blocks only in user messages.
"""


def _looks_like(value: dict[str, Any]) -> bool:
    # Only reached in detection for records openai-chat declined, those with a "system";
    # a file already known to be bedrock-claude keeps records without one.
    return "messages" in value


def _check(record: Record) -> Iterator[Finding]:
    messages = record.value["messages"]
    yield from check_alternation(record, messages, "/messages", "role", ("user", "assistant"))
    for index, message in enumerate(messages):
        content = message["content"]
        if message["role"] == "user" or type(content) is not list:
            continue
        for part_index, block in enumerate(content):
            if block["type"] == "image":
                yield emit(
                    IMAGE_OUTSIDE_USER,
                    record,
                    "assistant messages may not carry images; only user messages may",
                    f"/messages/{index}/content/{part_index}",
                )


BEDROCK_CLAUDE = Format(
    name="bedrock-claude",
    summary="Amazon Bedrock Claude fine-tuning: optional system prompt and alternating "
    "user/assistant messages.",
    doc=DOC.strip(),
    schema="bedrock-claude.json",
    looks_like=_looks_like,
    check=_check,
)
