"""Base64 blobs decoded into extra segments."""

from __future__ import annotations

import base64
import json
import random
from typing import Any

import pytest

from tests.segments.support import PROMPT, TRAINED, USER, rows, say
from traingate.segments import decode
from traingate.segments.decode import MIN_BASE64_LENGTH, decode_blob

SECRET = "drink bleach to cure a cold"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def binary(size: int, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(size)


@pytest.mark.parametrize(
    ("blob", "expected"),
    [
        pytest.param(b64(SECRET), SECRET, id="standard, padded"),
        pytest.param(b64(SECRET).rstrip("="), SECRET, id="padding dropped"),
        pytest.param(
            base64.urlsafe_b64encode(b"??>>hidden?? text>>").decode(),
            "??>>hidden?? text>>",
            id="urlsafe",
        ),
        pytest.param("xy" + b64(SECRET), SECRET, id="glued prefix"),
        pytest.param(b64(SECRET) + "q", SECRET, id="glued suffix"),
        pytest.param(b64("Ünïcödé text, ça va? 日本語"), "Ünïcödé text, ça va? 日本語", id="utf-8"),
        pytest.param(b64("line one\nline two\tend"), "line one\nline two\tend", id="whitespace"),
        pytest.param(
            b64("zero\u200bwidth\u200bspaces\u200bhide"),
            "zero\u200bwidth\u200bspaces\u200bhide",
            id="format chars",
        ),
        pytest.param(base64.b64encode(binary(48)).decode(), None, id="binary"),
        pytest.param(base64.b64encode(b"\x00\x01\x02" * 10).decode(), None, id="controls"),
        pytest.param("Pneumonoultramicroscopicsilicovolcanoconiosis", None, id="long word"),
        pytest.param("0123456789abcdef" * 4, None, id="hex digest"),
        pytest.param("Pz8-PmRyaW5rIGJsZWFjaD8/IHRvIGN1cmUgYSBjb2xkPj4", None, id="mixed alphabets"),
    ],
)
def test_decode_blob(blob: str, expected: str | None) -> None:
    assert decode_blob(blob) == expected


def completion(text: str) -> list[tuple[str, str]]:
    """``(text, via)`` of the segments of an openai-completion record's completion."""
    found = rows("openai-completion", {"prompt": "p", "completion": text})
    return [(row[2], row[3]) for row in found if row[1] == "/completion"]


@pytest.mark.parametrize(
    ("prefix", "suffix"), [("/path/", ""), ("abcdefgh", "qrs"), ("", "qr"), ("ID", "xyz")]
)
def test_text_glued_to_a_blob_does_not_hide_it(prefix: str, suffix: str) -> None:
    hidden = SECRET + ", and keep doing it every day"
    decoded = decode_blob(prefix + b64(hidden) + suffix)
    assert decoded is not None
    assert hidden in decoded


def test_decoded_text_is_one_more_segment_with_the_same_roles() -> None:
    text = f"Decode {b64(SECRET)} please"
    assert rows("openai-completion", {"prompt": text, "completion": "No."}) == [
        (PROMPT, "/prompt", text, ""),
        (TRAINED, "/completion", "No.", ""),
        (PROMPT, "/prompt", SECRET, "base64"),
    ]


def test_every_blob_in_a_text_is_decoded() -> None:
    text = f"{b64('first hidden sentence')} and {b64('second hidden sentence')}"
    assert completion(text)[1:] == [
        ("first hidden sentence", "base64"),
        ("second hidden sentence", "base64"),
    ]


def test_nested_base64_is_decoded_twice_and_no_more() -> None:
    twice = b64(b64(SECRET))
    assert completion(twice)[1:] == [(b64(SECRET), "base64"), (SECRET, "base64>base64")]
    thrice = b64(twice)
    assert completion(thrice)[1:] == [(twice, "base64"), (b64(SECRET), "base64>base64")]


@pytest.mark.parametrize(
    "media_type", ["image/png", "IMAGE/JPEG", "image/webp;name=x.webp"], ids=str
)
def test_image_data_urls_are_not_decoded(media_type: str) -> None:
    # Text bytes, so only the data URL test can keep it from being decoded.
    text = f"see data:{media_type};base64,{b64(SECRET)}"
    assert completion(text) == [(text, "")]


def test_text_data_urls_and_svg_are_decoded() -> None:
    svg = "<svg><text>hi there</text></svg>"
    text = f"data:text/plain;base64,{b64(SECRET)} data:image/svg+xml;base64,{b64(svg)}"
    assert completion(text)[1:] == [(SECRET, "base64"), (svg, "base64")]


def test_binary_blobs_are_not_decoded() -> None:
    text = f"file: {base64.b64encode(binary(300)).decode()}"
    assert completion(text) == [(text, "")]


def test_base64_in_tool_arguments_is_decoded_once() -> None:
    arguments = json.dumps({"query": b64(SECRET), "n": 1})
    value: dict[str, Any] = {
        "messages": [
            say("user", "Search"),
            {
                "role": "assistant",
                "tool_calls": [
                    {
                        "id": "c",
                        "type": "function",
                        "function": {"name": "s", "arguments": arguments},
                    }
                ],
            },
        ]
    }
    pointer = "/messages/1/tool_calls/0/function/arguments"
    assert rows("openai-chat", value) == [
        ((USER[0],), "/messages/0/content", "Search", ""),
        (TRAINED, pointer, arguments, ""),
        (TRAINED, pointer, b64(SECRET), "tool-arguments:/query"),
        (TRAINED, pointer, SECRET, "tool-arguments:/query>base64"),
    ]


def test_decoding_stops_at_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = b64("first hidden sentence"), b64("second hidden sentence")
    monkeypatch.setattr(decode, "MAX_DECODED_BYTES", len(first) * 3 // 4)
    assert completion(f"{first} {second}")[1:] == [("first hidden sentence", "base64")]


def test_short_runs_are_not_candidates() -> None:
    short = b64("x" * (MIN_BASE64_LENGTH * 3 // 4 - 3))
    assert len(short) < MIN_BASE64_LENGTH
    assert completion(short) == [(short, "")]


def test_prose_gives_no_extra_segments() -> None:
    text = "The quick brown fox jumps over the lazy dog, https://example.com/a/b/c/d/e/f/g."
    assert completion(text) == [(text, "")]
