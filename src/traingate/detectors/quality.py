"""Quality detectors: turns that teach a model nothing or teach it to babble.

They read the original text: an empty turn, a length or a loop is a fact about what was
written, not about its normalized form.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from traingate.detectors.base import Detector, Span
from traingate.detectors.doc import detector_doc
from traingate.detectors.repetition import REPETITION_LOOP


def _blank(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Cf"


def _may_be_empty(text: str, options: Mapping[str, Any]) -> bool:
    # A letter or digit is neither whitespace nor a format character.
    return not text[:1].isalnum()


def _find_empty(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    if all(_blank(char) for char in text):
        yield Span(0, len(text), "empty" if not text else "only whitespace or invisible")


EMPTY_TEXT = Detector(
    name="empty-text",
    summary="A text that is empty or only whitespace.",
    doc=detector_doc(
        what="""
        Reports a text that is empty or holds only whitespace (any Unicode space, line or
        paragraph separator) and invisible format characters such as zero-width spaces.
        """,
        why="""
        An empty assistant turn trains the model to answer with nothing; an empty user
        turn is usually a broken export. Either wastes a training example or does harm.
        """,
        fails="",
        passes="OK.",
        options="None.",
    ),
    find=_find_empty,
    prefilter=None,
    normalize=False,
    guard=_may_be_empty,
)


def _bad_length(text: str, options: Mapping[str, Any]) -> bool:
    shortest, longest = options.get("min"), options.get("max")
    length = len(text)
    return (shortest is not None and length < shortest) or (
        longest is not None and length > longest
    )


def _find_bad_length(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    length = len(text)
    shortest, longest = options.get("min"), options.get("max")
    count = f"{length} character{'' if length == 1 else 's'}"
    if shortest is not None and length < shortest:
        yield Span(0, length, f"{count}, fewer than {shortest}")
    elif longest is not None and length > longest:
        yield Span(0, length, f"{count}, more than {longest}")


TEXT_LENGTH = Detector(
    name="text-length",
    summary="A text shorter than `min` or longer than `max` characters.",
    doc=detector_doc(
        what="""
        Reports a text with fewer than `min` or more than `max` characters (Unicode code
        points of the original text). The note says which bound it broke.
        """,
        why="""
        Turns far shorter or longer than the rest of a data set are usually truncations,
        concatenation accidents or pasted logs, and teach the model the wrong length of
        answer. Token limits per example are checked separately (`example-too-long`).
        """,
        fails="k",
        passes="The capital of France is Paris.",
        options="""
        `min` (integer): fewest characters allowed. `max` (integer): most characters
        allowed. At least one of them is required. The examples above use `min: 2`.
        """,
    ),
    find=_find_bad_length,
    prefilter=None,
    normalize=False,
    guard=_bad_length,
    options_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "min": {"type": "integer", "minimum": 0},
            "max": {"type": "integer", "minimum": 1},
        },
        "anyOf": [{"required": ["min"]}, {"required": ["max"]}],
    },
)

QUALITY_DETECTORS: tuple[Detector, ...] = (EMPTY_TEXT, TEXT_LENGTH, REPETITION_LOOP)
