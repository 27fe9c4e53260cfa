"""The openai-dpo format: OpenAI preference fine-tuning (direct preference optimization)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from traingate.finding import Finding, Severity
from traingate.formats.base import Format
from traingate.formats.common import emit
from traingate.formats.openai_messages import check_messages
from traingate.record import Record
from traingate.rules.base import Rule, Scope

LEGACY_DPO_FIELD = Rule(
    id="legacy-dpo-field",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="A DPO record uses `preferred_completion`/`non_preferred_completion`.",
    doc="""
    ## What it does
    Reports the names `preferred_completion` and `non_preferred_completion`, which an
    early version of OpenAI's API specification used for the two outputs of a preference
    (DPO) example. The record is otherwise checked as `openai-dpo`.

    ## Why it matters
    OpenAI's fine-tuning guide and current specification name the fields `preferred_output`
    and `non_preferred_output`; a file with the old names fails validation after upload.
    It is an error rather than a warning because the job cannot run as written; ignore the
    rule if your own pipeline still reads the old names.

    ## Example that fails
    ```json
    {"input": {"messages": [{"role": "user", "content": "Hi"}]},
     "preferred_completion": [{"role": "assistant", "content": "Hello! How can I help?"}],
     "non_preferred_completion": [{"role": "assistant", "content": "What."}]}
    ```

    ## Example that passes
    ```json
    {"input": {"messages": [{"role": "user", "content": "Hi"}]},
     "preferred_output": [{"role": "assistant", "content": "Hello! How can I help?"}],
     "non_preferred_output": [{"role": "assistant", "content": "What."}]}
    ```

    ## Options
    None.
    """,
)

DOC = """
An OpenAI preference fine-tuning example for the DPO method (OpenAI guide "Direct
preference optimization"; the `FineTunePreferenceRequestInput` object of OpenAI's API
specification).

## Fields
- `input` (required): `messages` (as in `openai-chat`), optional `tools` and
  `parallel_tool_calls`.
- `preferred_output` (required): a list holding exactly one assistant message.
- `non_preferred_output` (required): a list holding exactly one assistant message.

`preferred_completion` / `non_preferred_completion`, the names an early version of the
API specification used, are recognised (the record is detected and checked as
`openai-dpo`) and reported by `legacy-dpo-field`. No other key is allowed.

## Example
```json
{"input": {"messages": [{"role": "user", "content": "Capital of France?"}]},
 "preferred_output": [{"role": "assistant", "content": "Paris."}],
 "non_preferred_output": [{"role": "assistant", "content": "France has no capital."}]}
```

## Semantic checks
- `legacy-dpo-field`: the legacy output names.
- `tool-arguments-not-object`, `unknown-tool-call-id`, `image-outside-user` and
  `deprecated-field` on the input messages and the outputs, as in `openai-chat`.
- `misplaced-weight`: `weight` means nothing in a preference example.
"""

_OUTPUTS = (
    ("preferred_output", "preferred_completion"),
    ("non_preferred_output", "non_preferred_completion"),
)


def _looks_like(value: dict[str, Any]) -> bool:
    return "input" in value and any(
        current in value or legacy in value for current, legacy in _OUTPUTS
    )


def _check(record: Record) -> Iterator[Finding]:
    value = record.value
    yield from check_messages(
        record, value["input"]["messages"], "/input/messages", weight_allowed=False
    )
    for current, legacy in _OUTPUTS:
        if legacy in value:
            yield emit(
                LEGACY_DPO_FIELD, record, _legacy_message(current, legacy, value), f"/{legacy}"
            )
        key = current if current in value else legacy
        yield from check_messages(record, value[key], f"/{key}", weight_allowed=False)


def _legacy_message(current: str, legacy: str, value: dict[str, Any]) -> str:
    if current in value:
        return f"'{legacy}' is the legacy name of '{current}', which is also given; remove it"
    return f"'{legacy}' is the legacy name of '{current}'; rename it"


OPENAI_DPO = Format(
    name="openai-dpo",
    summary="OpenAI preference (DPO) fine-tuning: input messages, preferred and "
    "non-preferred output.",
    doc=DOC.strip(),
    schema="openai-dpo.json",
    looks_like=_looks_like,
    check=_check,
)
