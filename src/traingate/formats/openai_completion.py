"""The openai-completion format: OpenAI's legacy prompt/completion fine-tuning records."""

from __future__ import annotations

from typing import Any

from traingate.formats.base import Format
from traingate.formats.common import no_checks

DOC = """
A legacy OpenAI fine-tuning example for completion models such as `babbage-002` and
`davinci-002` (OpenAI fine-tuning guide, legacy "prompt completion pair" format; the
`FineTuneCompletionRequestInput` object of OpenAI's API specification).

## Fields
- `prompt` (required): string.
- `completion` (required): string.

No other key is allowed.

## Example
```json
{"prompt": "Capital of France?", "completion": " Paris."}
```

## Detection
A record with `prompt` and `completion`, no `label`, and a `prompt` that is not a list is
detected as `openai-completion`. It is also a valid standard prompt-completion `trl` row:
configure `trl` explicitly to check it by TRL's more permissive rules (extra columns). A
list-valued (conversational) `prompt` or a `label` makes the record `trl`.

## Semantic checks
None: the schema says everything.
"""


def _looks_like(value: dict[str, Any]) -> bool:
    return (
        "prompt" in value
        and "completion" in value
        and "label" not in value
        and type(value["prompt"]) is not list
    )


OPENAI_COMPLETION = Format(
    name="openai-completion",
    summary="OpenAI legacy completion fine-tuning: a prompt string and a completion string.",
    doc=DOC.strip(),
    schema="openai-completion.json",
    looks_like=_looks_like,
    check=no_checks,
)
