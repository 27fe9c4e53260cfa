"""The training-data formats traingate knows, and how a record's format is detected.

:data:`FORMATS` lists every format in detection order. :func:`detect` looks only at which
keys a record's top-level object has (and, for one pair of formats, whether ``prompt`` is
a list), never at the rest of the record, so it is cheap, and records of the same shape
always get the same format. The first format whose test matches wins:

1. ``openai-chat``: ``messages`` and no ``system``.
2. ``openai-dpo``: ``input`` and one of ``preferred_output``, ``non_preferred_output``,
   ``preferred_completion``, ``non_preferred_completion``.
3. ``openai-completion``: ``prompt`` and ``completion``, no ``label``, ``prompt`` not a list.
4. ``bedrock-claude``: ``messages`` (with ``system``, since openai-chat took the rest).
5. ``vertex-gemini``: ``contents``.
6. ``sharegpt``: ``conversations``.
7. ``alpaca``: ``instruction`` and ``output``.
8. ``trl``: ``text``, ``prompt``, ``chosen`` or ``rejected``.

``generic`` is never detected. A record matching none of the tests has no format
(``detect`` returns ``None``) and the caller reports it. A caller that keeps one format per
file asks that format's ``looks_like`` about later records; it accepts every record of its
own shape (``bedrock-claude`` accepts records without ``system``).

Shapes shared by two formats go to the provider format: a ``messages``-only record is
``openai-chat`` even if it comes from a TRL dataset or a Bedrock file without system
prompts, and a standard (string) prompt/completion pair is ``openai-completion``.
Configure the format explicitly to check such files by the other format's rules.
Detection does not validate: a detected record is then checked against its format's
schema.
"""

from __future__ import annotations

from typing import Any

from traingate.formats.alpaca import ALPACA
from traingate.formats.base import Format
from traingate.formats.bedrock_claude import BEDROCK_CLAUDE
from traingate.formats.common import IMAGE_OUTSIDE_USER, ROLE_ORDER, SCHEMA_VIOLATION
from traingate.formats.generic import GENERIC
from traingate.formats.openai_chat import OPENAI_CHAT
from traingate.formats.openai_completion import OPENAI_COMPLETION
from traingate.formats.openai_dpo import LEGACY_DPO_FIELD, OPENAI_DPO
from traingate.formats.openai_rules import (
    DEPRECATED_FIELD,
    MISPLACED_WEIGHT,
    TOOL_ARGUMENTS_NOT_OBJECT,
    UNANSWERED_TOOL_CALL,
    UNKNOWN_TOOL_CALL_ID,
    UNTRAINED_RECORD,
)
from traingate.formats.sharegpt import SHAREGPT
from traingate.formats.trl import MIXED_TRL_FORMS, TRL
from traingate.formats.vertex_gemini import VERTEX_GEMINI
from traingate.rules.base import Rule

FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        OPENAI_CHAT,
        OPENAI_DPO,
        OPENAI_COMPLETION,
        BEDROCK_CLAUDE,
        VERTEX_GEMINI,
        SHAREGPT,
        ALPACA,
        TRL,
        GENERIC,
    )
}

FORMAT_RULES: tuple[Rule, ...] = (
    SCHEMA_VIOLATION,
    ROLE_ORDER,
    IMAGE_OUTSIDE_USER,
    TOOL_ARGUMENTS_NOT_OBJECT,
    UNKNOWN_TOOL_CALL_ID,
    UNANSWERED_TOOL_CALL,
    MISPLACED_WEIGHT,
    UNTRAINED_RECORD,
    DEPRECATED_FIELD,
    LEGACY_DPO_FIELD,
    MIXED_TRL_FORMS,
)

_DETECTABLE = tuple(fmt for fmt in FORMATS.values() if fmt is not GENERIC)


def detect(value: dict[str, Any]) -> Format | None:
    """The format of a parsed record, by the key tests listed in this module's docstring."""
    for fmt in _DETECTABLE:
        if fmt.looks_like(value):
            return fmt
    return None


def documented_formats() -> list[tuple[str, str, str]]:
    """``(name, summary, doc)`` of every format, in registry order, for generated docs."""
    return [(fmt.name, fmt.summary, fmt.doc) for fmt in FORMATS.values()]
