"""Where each format's training text lives: one extractor per format, and :func:`segments`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from traingate.segments.base import Segment
from traingate.segments.community import alpaca, sharegpt, trl
from traingate.segments.decode import add_decoded
from traingate.segments.generic import generic
from traingate.segments.openai import openai_chat, openai_completion, openai_dpo
from traingate.segments.providers import bedrock_claude, vertex_gemini

Extractor = Callable[[dict[str, Any], list[Segment]], None]

EXTRACTORS: Mapping[str, Extractor] = {
    "openai-chat": openai_chat,
    "openai-dpo": openai_dpo,
    "openai-completion": openai_completion,
    "bedrock-claude": bedrock_claude,
    "vertex-gemini": vertex_gemini,
    "sharegpt": sharegpt,
    "alpaca": alpaca,
    "trl": trl,
}
"""The extractor of each format but ``generic``, which needs the configured pointers."""

GENERIC = "generic"


def segments(
    format_name: str,
    value: dict[str, Any],
    generic_text: Mapping[str, Sequence[str]] | None = None,
) -> list[Segment]:
    """The training text of a record of format ``format_name``, with the roles it plays.

    Segments come in document order, then the segments decoded from base64 blobs (see
    :mod:`traingate.segments.decode`). ``generic_text`` (role to JSON pointers, wildcards
    allowed) says where a ``generic`` record's text is; other formats ignore it. Odd shapes
    never raise: a value that is not where or what the format says gives no segment.
    Raises :class:`KeyError` for a format name no extractor knows.
    """
    found: list[Segment] = []
    if format_name == GENERIC:
        generic(value, generic_text or {}, found)
    else:
        EXTRACTORS[format_name](value, found)
    add_decoded(found)
    return found
