from __future__ import annotations

from typing import Any

import pytest

from traingate.formats.registry import FORMATS, detect

MESSAGES = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]
OUTPUT = [{"role": "assistant", "content": "Hello"}]

DETECTION = [
    ("openai chat", {"messages": MESSAGES}, "openai-chat"),
    (
        "openai chat with tools",
        {"messages": MESSAGES, "tools": [], "parallel_tool_calls": True},
        "openai-chat",
    ),
    ("openai chat with functions", {"messages": MESSAGES, "functions": []}, "openai-chat"),
    ("bedrock with system", {"system": "Be terse.", "messages": MESSAGES}, "bedrock-claude"),
    (
        "dpo",
        {
            "input": {"messages": MESSAGES},
            "preferred_output": OUTPUT,
            "non_preferred_output": OUTPUT,
        },
        "openai-dpo",
    ),
    (
        "dpo legacy names",
        {"input": {}, "preferred_completion": OUTPUT, "non_preferred_completion": OUTPUT},
        "openai-dpo",
    ),
    ("dpo one output", {"input": {}, "non_preferred_output": OUTPUT}, "openai-dpo"),
    ("completion", {"prompt": "a", "completion": "b"}, "openai-completion"),
    ("completion with extra key", {"prompt": "a", "completion": "b", "id": 1}, "openai-completion"),
    ("conversational prompt-completion", {"prompt": MESSAGES[:1], "completion": OUTPUT}, "trl"),
    ("unpaired preference", {"prompt": "a", "completion": "b", "label": True}, "trl"),
    ("vertex", {"contents": []}, "vertex-gemini"),
    ("vertex with system", {"systemInstruction": {}, "contents": []}, "vertex-gemini"),
    ("sharegpt", {"conversations": []}, "sharegpt"),
    ("sharegpt with system", {"system": "x", "conversations": []}, "sharegpt"),
    ("alpaca", {"instruction": "a", "output": "b"}, "alpaca"),
    ("alpaca with input", {"instruction": "a", "input": "", "output": "b"}, "alpaca"),
    ("trl text", {"text": "a"}, "trl"),
    ("trl prompt-only", {"prompt": "a"}, "trl"),
    ("trl preference", {"prompt": "a", "chosen": "b", "rejected": "c"}, "trl"),
    ("trl implicit prompt", {"chosen": "b", "rejected": "c"}, "trl"),
    ("trl stepwise", {"prompt": "a", "completions": ["b"], "labels": [True]}, "trl"),
    ("empty object", {}, None),
    ("unknown keys", {"question": "a", "answer": "b"}, None),
    ("input alone", {"input": "a"}, None),
    ("instruction alone", {"instruction": "a"}, None),
]


@pytest.mark.parametrize(
    ("value", "expected"), [pytest.param(value, name, id=case) for case, value, name in DETECTION]
)
def test_detect(value: dict[str, Any], expected: str | None) -> None:
    detected = detect(value)
    assert (detected.name if detected else None) == expected


def test_every_detectable_format_is_covered() -> None:
    detected = {name for _, _, name in DETECTION}
    assert detected == (set(FORMATS) - {"generic"}) | {None}


def test_generic_is_never_detected() -> None:
    assert not FORMATS["generic"].looks_like({"anything": 1})
    assert detect({"doc": {"body": "x"}}) is None


@pytest.mark.parametrize(("_case", "value", "name"), DETECTION)
def test_detection_depends_on_keys_not_values(
    _case: str, value: dict[str, Any], name: str | None
) -> None:
    # Same keys, different (even wrong) values: same format. The one documented exception,
    # a list-valued prompt, is kept a list here.
    emptied = {key: ([] if isinstance(item, list) else None) for key, item in value.items()}
    detected = detect(emptied)
    assert (detected.name if detected else None) == name


def test_detection_order_is_registry_order() -> None:
    # A record matching several tests goes to the first format in FORMATS.
    names = list(FORMATS)
    assert names.index("openai-completion") < names.index("trl")
    assert names.index("openai-chat") < names.index("trl")


def test_bedrock_file_keeps_records_without_system() -> None:
    # A caller keeping one format per file asks its looks_like about later records.
    without_system = {"messages": MESSAGES}
    assert FORMATS["bedrock-claude"].looks_like(without_system)
    assert not FORMATS["openai-chat"].looks_like({"system": "x", "messages": MESSAGES})
