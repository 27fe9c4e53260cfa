"""The sharegpt format: `conversations` of `from`/`value` turns (LLaMA-Factory convention)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from traingate.finding import Finding
from traingate.formats.base import Format
from traingate.formats.common import ROLE_ORDER, emit
from traingate.record import Record

DOC = """
A conversation in the ShareGPT layout as LLaMA-Factory reads it ("sharegpt" format in
LLaMA-Factory's data README; the layout FastChat's Vicuna data popularised).

## Fields
- `conversations` (required, at least two turns): `{"from": ..., "value": "..."}` with
  `from` one of `human`, `gpt`, `system`, `function_call`, `observation`.
- `system` (optional): system prompt, a string.
- `tools` (optional): tool descriptions, a JSON string or a list.

Other keys are allowed (ids, sources, a turn's extra fields): loaders ignore them.

## Example
```json
{"conversations": [
  {"from": "human", "value": "Weather in Paris?"},
  {"from": "function_call", "value": "{\\"name\\": \\"weather\\", \\"arguments\\": {}}"},
  {"from": "observation", "value": "18 C"},
  {"from": "gpt", "value": "It is 18 C."}]}
```

## Semantic checks
- `role-order`: an optional `system` turn comes first; after it, even positions are
  `human` or `observation`, odd positions `gpt` or `function_call`; an `observation`
  follows a `function_call`; the conversation ends on a `gpt` or `function_call` turn.
  LLaMA-Factory drops examples that break this, with only a warning in its log.
"""

_ASKING = ("human", "observation")
_ANSWERING = ("gpt", "function_call")


def _looks_like(value: dict[str, Any]) -> bool:
    return "conversations" in value


def _check(record: Record) -> Iterator[Finding]:
    turns = record.value["conversations"]
    start = 1 if turns[0]["from"] == "system" else 0
    previous = ""
    for index in range(start, len(turns)):
        speaker = turns[index]["from"]
        expected = _ANSWERING if (index - start) % 2 else _ASKING
        problem = ""
        if speaker == "system":
            problem = "a 'system' turn may only come first"
        elif speaker not in expected:
            wanted = " or ".join(map(repr, expected))
            problem = f"turn {index} is {speaker!r} where {wanted} is expected"
        elif speaker == "observation" and previous != "function_call":
            problem = f"turn {index} is an 'observation' that follows no 'function_call'"
        if problem:
            yield emit(ROLE_ORDER, record, problem, f"/conversations/{index}/from")
            return
        previous = speaker
    if (len(turns) - start) % 2:
        yield emit(
            ROLE_ORDER,
            record,
            f"the conversation ends with a {turns[-1]['from']!r} turn; "
            "it must end with 'gpt' or 'function_call'",
            f"/conversations/{len(turns) - 1}/from",
        )


SHAREGPT = Format(
    name="sharegpt",
    summary="ShareGPT conversations: alternating human/gpt turns, with function calls "
    "and observations.",
    doc=DOC.strip(),
    schema="sharegpt.json",
    looks_like=_looks_like,
    check=_check,
)
