"""What a policy finding says: the rule's message and a short, one-line excerpt.

The excerpt is about 60 characters of the original text around the match (a match on
the normalized view is mapped back first), with whitespace shown as spaces and other
invisible characters as ``\\uXXXX`` escapes, so a hidden character is visible and a
finding stays on one line. With ``redact`` the matched text is replaced by
``[REDACTED]`` and never printed.
"""

from __future__ import annotations

from collections.abc import Sequence

from traingate.display import flat
from traingate.policy.view import Hit
from traingate.segments import Segment
from traingate.text.normalize import original_span

WIDTH = 60
REDACTED = "[REDACTED]"
ELLIPSIS = "…"


def span_of(seg: Segment, hit: Hit) -> tuple[int, int]:
    """The hit's span in the segment's original text."""
    if hit.normalized:
        return original_span(seg.text, hit.start, hit.end)
    return hit.start, hit.end


def finding_message(
    message: str,
    seg: Segment,
    hit: Hit,
    *,
    redact: bool,
    masks: Sequence[tuple[int, int]] = (),
) -> str:
    """``masks`` are spans of other redacted matches in the segment, hidden in the excerpt too."""
    start, end = span_of(seg, hit)
    shown = excerpt(seg.text, start, end, redact=redact, masks=masks)
    out = f'{message.rstrip(".")}: "{shown}"'
    if hit.note:
        out += f" ({hit.note})"
    if seg.via:
        out += f" (in {via_note(seg.via)})"
    return out


def excerpt(
    text: str,
    start: int,
    end: int,
    *,
    redact: bool,
    masks: Sequence[tuple[int, int]] = (),
) -> str:
    """About :data:`WIDTH` characters of ``text`` around ``text[start:end]``, one line.

    Context that overlaps a span in ``masks`` is shown as :data:`REDACTED` too, so the
    excerpt of one finding never prints another finding's secret.
    """
    if redact:
        shown = REDACTED
    elif end - start > WIDTH:
        shown = flat(text[start : start + WIDTH - 1]) + ELLIPSIS
    else:
        shown = flat(text[start:end])
    room = max(WIDTH - len(shown), 0) // 2
    left, right = max(start - room, 0), min(end + room, len(text))
    before = (ELLIPSIS if left > 0 else "") + _masked(text, left, start, masks)
    after = _masked(text, end, right, masks) + (ELLIPSIS if right < len(text) else "")
    return before + shown + after


def _masked(text: str, begin: int, stop: int, masks: Sequence[tuple[int, int]]) -> str:
    parts = []
    at = begin
    for mask_start, mask_end in sorted(masks):
        if mask_end <= at or mask_start >= stop:
            continue
        parts.append(flat(text[at:mask_start]))
        parts.append(REDACTED)
        at = min(max(mask_end, at), stop)
    parts.append(flat(text[at:stop]))
    return "".join(parts)


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
