"""The record-wide scan: a record's texts joined, so one set scan stands for one per text.

A pattern that matches in one text matches in the joined texts too, whatever else they
hold, unless it asserts where the text begins or ends; :func:`record_form` rewrites those
it can and sends the rest to a scan text by text. The joined scan is only a prefilter:
texts are still judged one by one, where it hit.
"""

from __future__ import annotations

import re

SEPARATOR = "\n"
"""Joins a record's texts for the record-wide set scan: whitespace, so no match of a pattern
without anchors inside one text is lost (``\\b`` sees the same non-word neighbour as at the
text's ends), and a line break, so ``^`` and ``$`` in multi-line mode match at its ends."""

# A record-wide scan could miss a match of a text anchor or a flag group (which could turn
# multi-line mode off); see record_form.
_FLAGS = re.compile(r"\(\?[a-zA-Z]*-")
_CLASS = re.compile(r"\[\^?\]?(?:\[:\^?[a-z]+:\]|\\.|[^\]])*\]")
_LINE_ANCHORS = {"A": "^", "z": "$"}


def record_form(pattern: str, *, normalized: bool) -> str | None:
    """``pattern`` for the record-wide scan, or ``None`` if it must be scanned text by text.

    On the original view, where the texts are joined by line breaks and scanned in
    multi-line mode, ``\\A`` and ``\\z`` become ``^`` and ``$``, which match wherever they
    did and at the ends of every text. On the normalized view, where the separator becomes
    a space, any anchor sends the pattern to the per-text scan, as does a flag group that
    turns a flag off, or ``\\Q`` quoting (not parsed here).
    """
    if _FLAGS.search(pattern) or "\\Q" in pattern:
        return None
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "[" and (found := _CLASS.match(pattern, index)):
            out.append(found[0])
            index = found.end()
            continue
        if char == "\\":
            escape = pattern[index : index + 2]
            if escape[1:] in _LINE_ANCHORS:
                if normalized:
                    return None
                escape = _LINE_ANCHORS[escape[1:]]
            out.append(escape)
            index += 2
            continue
        if normalized and char in "^$":
            return None
        out.append(char)
        index += 1
    return "".join(out) if normalized else f"(?m){''.join(out)}"
