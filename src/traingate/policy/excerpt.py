"""What a policy finding says: the rule's message and a short, one-line excerpt.

The excerpt is about 60 characters of the original text around the match (a match on
the normalized view is mapped back first), with whitespace shown as spaces and other
invisible characters as ``\\uXXXX`` escapes, so a hidden character is visible and a
finding stays on one line. With ``redact`` the matched text is replaced by
``[REDACTED]`` and never printed.
"""

from __future__ import annotations

from traingate.policy.view import Hit
from traingate.segments import Segment
from traingate.text.normalize import original_span

WIDTH = 60
REDACTED = "[REDACTED]"
ELLIPSIS = "…"


def finding_message(message: str, seg: Segment, hit: Hit, *, redact: bool) -> str:
    start, end = hit.start, hit.end
    if hit.normalized:
        start, end = original_span(seg.text, start, end)
    out = f'{message.rstrip(".")}: "{excerpt(seg.text, start, end, redact=redact)}"'
    if hit.note:
        out += f" ({hit.note})"
    if seg.via:
        out += f" (in {via_note(seg.via)})"
    return out


def excerpt(text: str, start: int, end: int, *, redact: bool) -> str:
    """About :data:`WIDTH` characters of ``text`` around ``text[start:end]``, one line."""
    if redact:
        shown = REDACTED
    elif end - start > WIDTH:
        shown = flat(text[start : start + WIDTH - 1]) + ELLIPSIS
    else:
        shown = flat(text[start:end])
    room = max(WIDTH - len(shown), 0) // 2
    left, right = max(start - room, 0), min(end + room, len(text))
    before = (ELLIPSIS if left > 0 else "") + flat(text[left:start])
    after = flat(text[end:right]) + (ELLIPSIS if right < len(text) else "")
    return before + shown + after


def flat(text: str) -> str:
    return "".join(_visible(char) for char in text)


def _visible(char: str) -> str:
    if char.isprintable():
        return char
    if char.isspace():
        return " "
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def via_note(via: str) -> str:
    """``base64`` -> ``base64-decoded text``; ``tool-arguments:/q`` -> ``tool-call argument /q``."""
    steps = []
    for step in via.split(">"):
        kind, _, where = step.partition(":")
        if kind == "base64":
            steps.append("base64-decoded text")
        elif kind == "tool-arguments":
            steps.append(f"tool-call argument {where or '/'}")
        else:
            steps.append(step)
    return " > ".join(steps)
