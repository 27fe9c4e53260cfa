"""Degenerate repetition: one piece of text repeated back to back, the sign of a model
stuck in a decoding loop. Works on characters, so every script is treated alike."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from traingate.detectors.base import Detector, Span
from traingate.detectors.doc import detector_doc

_PROBE = 8
_MIN_REPEATS = 4
_MIN_LENGTH = 100
_MAX_UNIT = 200
_MIN_LETTERS = 0.3
_CODE = re.compile(r"[()\[\]{}<>=;_\\|#$]|\w\.\w|\n[ \t]")


class _Loop(NamedTuple):
    start: int
    end: int
    period: int


def _extend(text: str, anchor: int, period: int) -> _Loop:
    """The whole stretch around ``anchor`` where ``text`` repeats with ``period``."""
    unit = text[anchor : anchor + period]
    end = anchor + period
    while text.startswith(unit, end):
        end += period
    while end < len(text) and text[end] == text[end - period]:
        end += 1
    start = anchor
    while start >= period and text[start - period : start] == unit:
        start -= period
    while start > 0 and text[start - 1] == text[start - 1 + period]:
        start -= 1
    return _Loop(start, end, period)


def _loop_at(text: str, anchor: int, max_unit: int) -> _Loop | None:
    """The repetition through ``anchor`` with the shortest period, found by where the
    probe starting at ``anchor`` occurs again."""
    probe = text[anchor : anchor + _PROBE]
    limit = anchor + max_unit + _PROBE
    found = text.find(probe, anchor + 1, limit)
    while found != -1:
        period = found - anchor
        if text.startswith(text[anchor : anchor + period], found):
            return _extend(text, anchor, period)
        found = text.find(probe, found + 1, limit)
    return None


def _wordy(unit: str) -> bool:
    """Rules, tables, indentation and digit runs repeat by design, and so do code and
    markup (brackets, operators, ``name.attr``, indented lines); words do not."""
    if _CODE.search(unit):
        return False
    return sum(char.isalpha() for char in unit) >= _MIN_LETTERS * len(unit)


_DEFAULTS = (_MIN_REPEATS, _MIN_LENGTH, _MAX_UNIT)


def _settings(options: Mapping[str, Any]) -> tuple[int, int, int]:
    if not options:
        return _DEFAULTS
    return (
        int(options.get("min-repeats", _MIN_REPEATS)),
        int(options.get("min-length", _MIN_LENGTH)),
        int(options.get("max-unit", _MAX_UNIT)),
    )


def _may_loop(text: str, options: Mapping[str, Any]) -> bool:
    """False only where :func:`_find_loops` reports nothing.

    A reported stretch of length ``L`` and period ``p`` (at most ``max-unit``) repeats its
    first ``L - p`` characters ``p`` further on, and ``L >= min-length`` and
    ``L >= min-repeats * p``, so ``L - p >= need``. Probes taken every ``need - _PROBE + 1``
    characters put one inside that repeated part, which occurs again within ``max-unit``.
    """
    min_repeats, min_length, max_unit = _settings(options)
    if len(text) < min_length:
        return False
    need = min_length - min_length // min_repeats
    if need < _PROBE:
        return True
    reach = max_unit + _PROBE
    find = text.find
    # A plain loop: this runs on every trained text, and a generator under any() costs
    # a third more.
    for at in range(0, len(text) - _PROBE + 1, need - _PROBE + 1):
        if find(text[at : at + _PROBE], at + 1, at + reach) != -1:
            return True
    return False


def _find_loops(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    min_repeats, min_length, max_unit = _settings(options)
    # Any loop long enough to report holds an anchor this close to its start.
    step = max(1, min_length // 2 - _PROBE)
    anchor = 0
    while anchor + _PROBE <= len(text):
        loop = _loop_at(text, anchor, max_unit)
        if loop is None:
            anchor += step
            continue
        length = loop.end - loop.start
        unit = text[loop.start : loop.start + loop.period]
        if length >= min_length and length >= min_repeats * loop.period and _wordy(unit):
            shown = unit if len(unit) <= 30 else f"{unit[:27]}..."
            yield Span(
                loop.start, loop.end, f"{shown!r} repeated {round(length / loop.period)} times"
            )
        anchor = max(anchor + step, loop.end - _PROBE)


REPETITION_LOOP = Detector(
    name="repetition-loop",
    summary="The same words repeated back to back, as in a model stuck in a loop.",
    doc=detector_doc(
        what=f"""
        Reports a stretch where one piece of text (a character, a word, a sentence, up to
        `max-unit` characters) repeats back to back at least `min-repeats` times and covers
        at least `min-length` characters. It compares characters, not words, so it works
        the same in every script. Pieces that are mostly not letters (at least
        {_MIN_LETTERS:.0%} must be) are left alone: horizontal rules, table borders,
        indentation, runs of zeros. So are pieces that look like code or markup (brackets,
        `=`, `;`, `_`, `<`, `name.attr`, an indented line break): state tables and argument
        lists repeat by design. The note names the piece and how often it
        repeats.
        """,
        why="""
        Degenerate loops are what a model produces when decoding breaks down; training on
        them teaches the model to do it again. They appear when generated data is kept
        without review.
        """,
        fails=("I can help with that. " * 6).strip(),
        passes="Ha ha! Row, row, row your boat ... " + "=" * 60,
        options=f"""
        `min-repeats` (integer, default {_MIN_REPEATS}, at least 2): fewest back-to-back
        repetitions reported. `min-length` (integer, default {_MIN_LENGTH}, at least 16):
        fewest characters the repetition must cover. `max-unit` (integer, default
        {_MAX_UNIT}, at most 1000): longest repeated piece looked for.
        """,
    ),
    find=_find_loops,
    prefilter=None,
    normalize=False,
    guard=_may_loop,
    options_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "min-repeats": {"type": "integer", "minimum": 2, "default": _MIN_REPEATS},
            "min-length": {"type": "integer", "minimum": 16, "default": _MIN_LENGTH},
            "max-unit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": _MAX_UNIT},
        },
    },
)
