"""The alpaca format: instruction, optional input, output."""

from __future__ import annotations

from typing import Any

from traingate.formats.base import Format
from traingate.formats.common import no_checks

DOC = """
An instruction-tuning example in the Stanford Alpaca layout, with the `system` and
`history` columns LLaMA-Factory adds ("alpaca" format in LLaMA-Factory's data README).

## Fields
- `instruction` (required): string.
- `input` (optional): string appended to the instruction.
- `output` (required): the response, a string.
- `system` (optional): system prompt, a string.
- `history` (optional): earlier turns, a list of `[instruction, response]` string pairs.

Other keys are allowed: loaders ignore columns they are not told about, and Alpaca-style
files often carry ids or sources.

## Example
```json
{"instruction": "Translate to French.", "input": "Good morning", "output": "Bonjour"}
```

## Semantic checks
None: the schema says everything.
"""


def _looks_like(value: dict[str, Any]) -> bool:
    return "instruction" in value and "output" in value


ALPACA = Format(
    name="alpaca",
    summary="Alpaca instruction tuning: instruction, optional input, output.",
    doc=DOC.strip(),
    schema="alpaca.json",
    looks_like=_looks_like,
    check=no_checks,
)
