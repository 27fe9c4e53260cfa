"""The trl format: every dataset type Hugging Face TRL trainers read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from traingate.finding import Finding, Severity
from traingate.formats.base import Format
from traingate.formats.common import ROLE_ORDER, emit
from traingate.record import Record
from traingate.rules.base import Rule, Scope

MIXED_TRL_FORMS = Rule(
    id="mixed-trl-forms",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="A TRL row mixes standard (string) and conversational (message list) columns.",
    doc="""
    ## What it does
    Reports a `trl` row whose `prompt`, `completion`, `chosen` and `rejected` are not all of
    one form: all strings (standard) or all lists of messages (conversational).

    ## Why it matters
    TRL decides per dataset whether to apply the chat template. A conversational prompt
    with a string completion is either rejected when the trainer tokenizes it or rendered
    as a Python list in the training text.

    ## Example that fails
    ```json
    {"prompt": [{"role": "user", "content": "Capital of France?"}], "completion": "Paris."}
    ```

    ## Example that passes
    ```json
    {"prompt": [{"role": "user", "content": "Capital of France?"}],
     "completion": [{"role": "assistant", "content": "Paris."}]}
    ```

    ## Options
    None.
    """,
)

DOC = """
A row of a Hugging Face TRL dataset (TRL documentation, "Dataset formats and types").

## Fields and types
Each type comes in a *standard* form (strings) and a *conversational* form (lists of
`{"role": ..., "content": ...}` messages):

| type | columns |
| --- | --- |
| language modeling | `text` (standard) or `messages` (conversational) |
| prompt-only | `prompt` |
| prompt-completion | `prompt`, `completion` |
| preference | `prompt`, `chosen`, `rejected` |
| preference, implicit prompt | `chosen`, `rejected` |
| unpaired preference | `prompt`, `completion`, `label` (boolean) |
| stepwise supervision | `prompt`, `completions` and `labels` (lists of strings and booleans) |

Messages have a `role` (`system`, `developer`, `user`, `assistant`, `tool`) and a
`content` (a string or a list of typed parts); other message keys such as `tool_calls`
are allowed. Other columns are allowed: TRL drops columns a trainer does not use.

## Example
```json
{"prompt": "The sky is", "chosen": " blue.", "rejected": " green."}
```

## Detection
Rows with `text`, `prompt`, `chosen` or `rejected` are detected as `trl` when no other
format claims them first. A `messages`-only row is exactly an `openai-chat` record and a
string `prompt` with a `completion` (and no `label`) exactly an `openai-completion`
record; those are detected as the OpenAI formats. Configure `trl` explicitly to check
them by TRL's rules.

## Semantic checks
- `mixed-trl-forms`: `prompt`, `completion`, `chosen` and `rejected` share one form.
- `role-order`: in conversational rows, a `completion`, `chosen` or `rejected` that
  follows a `prompt` starts with an assistant message; without a prompt, `chosen` and
  `rejected` end with one.
"""

_FORM_KEYS = ("prompt", "completion", "chosen", "rejected")


def _looks_like(value: dict[str, Any]) -> bool:
    return "text" in value or "prompt" in value or "chosen" in value or "rejected" in value


def _check(record: Record) -> Iterator[Finding]:
    value = record.value
    present = [key for key in _FORM_KEYS if key in value]
    if not present:
        return
    conversational = type(value[present[0]]) is list
    for key in present[1:]:
        if (type(value[key]) is list) != conversational:
            yield emit(
                MIXED_TRL_FORMS,
                record,
                f"{key!r} is {_form(not conversational)} but {present[0]!r} is "
                f"{_form(conversational)}",
                f"/{key}",
            )
            return
    if conversational:
        yield from _turn_order(record, value)


def _form(conversational: bool) -> str:
    return "conversational (a message list)" if conversational else "standard (a string)"


def _turn_order(record: Record, value: dict[str, Any]) -> Iterator[Finding]:
    has_prompt = "prompt" in value
    for key in ("completion", "chosen", "rejected") if has_prompt else ("chosen", "rejected"):
        if key not in value:
            continue
        index = 0 if has_prompt else len(value[key]) - 1
        role = value[key][index]["role"]
        if role != "assistant":
            where = "start" if has_prompt else "end"
            yield emit(
                ROLE_ORDER,
                record,
                f"{key!r} must {where} with an assistant message, not {role!r}",
                f"/{key}/{index}/role",
            )


TRL = Format(
    name="trl",
    summary="Hugging Face TRL datasets: language modeling, prompt-completion, preference "
    "and more, standard or conversational.",
    doc=DOC.strip(),
    schema="trl.json",
    looks_like=_looks_like,
    check=_check,
)
