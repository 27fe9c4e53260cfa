"""The vertex-gemini format: Vertex AI supervised tuning of Gemini models."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from traingate.finding import Finding
from traingate.formats.base import Format
from traingate.formats.common import check_alternation
from traingate.record import Record

DOC = """
A Vertex AI supervised fine-tuning example for Gemini models (Vertex AI documentation,
"Prepare supervised fine-tuning data for Gemini models" and "Tune function calling").

## Fields
- `contents` (required): a list of `{"role": "user"|"model", "parts": [...]}` where each
  part holds exactly one of `text` (string), `fileData` (`{"mimeType": ..., "fileUri":
  ...}`), `functionCall` (`{"name": ..., "args": {...}}`) or `functionResponse`
  (`{"name": ..., "response": {...}}`).
- `systemInstruction` (optional): `{"role": ..., "parts": [{"text": ...}]}`; Vertex
  ignores its role.
- `tools` (optional): a list of tools, such as `{"functionDeclarations": [...]}`.

Vertex reads JSON through the protobuf mapping, which also accepts the original
snake_case field names (`system_instruction`, `file_data`, `mime_type`, `file_uri`,
`function_call`, `function_response`); so does this format. No other key is allowed.

## Example
```json
{"systemInstruction": {"parts": [{"text": "You are terse."}]}, "contents": [
  {"role": "user", "parts": [{"text": "Capital of France?"}]},
  {"role": "model", "parts": [{"text": "Paris."}]}]}
```

## Semantic checks
- `role-order`: contents start with `user`, alternate `user`/`model`, and end with
  `model`, the turn the model is tuned to produce.
"""


_ROLES = ("user", "model")


def _looks_like(value: dict[str, Any]) -> bool:
    return "contents" in value


def _check(record: Record) -> Iterator[Finding]:
    return check_alternation(record, record.value["contents"], "/contents", "role", _ROLES)


VERTEX_GEMINI = Format(
    name="vertex-gemini",
    summary="Vertex AI Gemini supervised tuning: user/model contents made of parts.",
    doc=DOC.strip(),
    schema="vertex-gemini.json",
    looks_like=_looks_like,
    check=_check,
)
