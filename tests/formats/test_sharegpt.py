from __future__ import annotations

from typing import Any

import pytest

from tests.formats.support import Expected, rule_pointers, table

SCHEMA = "schema-violation"
ORDER = "role-order"


def share(*speakers: str, **top: Any) -> dict[str, Any]:
    return {"conversations": [{"from": who, "value": "..."} for who in speakers], **top}


CASES = [
    ("plain", share("human", "gpt"), []),
    ("multi-turn", share("human", "gpt", "human", "gpt"), []),
    ("system turn", share("system", "human", "gpt"), []),
    (
        "system and tools keys",
        share("human", "gpt", system="Be terse.", tools='[{"name": "f"}]'),
        [],
    ),
    ("function calling", share("human", "function_call", "observation", "gpt"), []),
    (
        "chained calls",
        share("human", "function_call", "observation", "function_call", "observation", "gpt"),
        [],
    ),
    ("ends with call", share("human", "function_call"), []),
    ("extra keys", {**share("human", "gpt"), "id": "x1"}, []),
    # Schema violations.
    ("unknown speaker", share("user", "gpt"), [(SCHEMA, "/conversations/0/from")]),
    (
        "missing value",
        {"conversations": [{"from": "human"}, {"from": "gpt", "value": "x"}]},
        [(SCHEMA, "/conversations/0")],
    ),
    ("one turn", share("human"), [(SCHEMA, "/conversations")]),
    ("tools object", share("human", "gpt", tools={"name": "f"}), [(SCHEMA, "/tools")]),
    # role-order
    ("starts with gpt", share("gpt", "human"), [(ORDER, "/conversations/0/from")]),
    ("two humans", share("human", "human", "gpt"), [(ORDER, "/conversations/1/from")]),
    ("system later", share("human", "gpt", "system", "gpt"), [(ORDER, "/conversations/2/from")]),
    ("ends with human", share("human", "gpt", "human"), [(ORDER, "/conversations/2/from")]),
    ("system then gpt", share("system", "gpt", "human"), [(ORDER, "/conversations/1/from")]),
    (
        "observation after gpt",
        share("human", "gpt", "observation", "gpt"),
        [(ORDER, "/conversations/2/from")],
    ),
    ("observation answered by human", share("human", "function_call", "human", "gpt"), []),
]


@pytest.mark.parametrize(("value", "expected"), table(CASES))
def test_sharegpt(value: dict[str, Any], expected: Expected) -> None:
    assert rule_pointers("sharegpt", value) == sorted(expected)
