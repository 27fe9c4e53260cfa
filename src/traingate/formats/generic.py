"""The generic format: any JSON object, its text located by configured JSON pointers."""

from __future__ import annotations

from typing import Any

from traingate.formats.base import Format
from traingate.formats.common import no_checks

DOC = """
Any JSON object. traingate never detects this format: select it in the configuration,
together with the JSON pointers that locate the text to inspect, for data in a shape no
other format describes.

## Fields
Any.

## Example
```json
{"id": 7, "doc": {"title": "Paris", "body": "Paris is the capital of France."}}
```

## Semantic checks
None.
"""


def _looks_like(value: dict[str, Any]) -> bool:
    return False


GENERIC = Format(
    name="generic",
    summary="Any JSON object; the configuration names the JSON pointers that hold text.",
    doc=DOC.strip(),
    schema="generic.json",
    looks_like=_looks_like,
    check=no_checks,
)
