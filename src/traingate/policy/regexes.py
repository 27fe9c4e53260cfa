"""Policy regexes on RE2 only: linear time, so no pattern can hang the gate.

Python's :mod:`re` never sees a user pattern. google-re2's ``str`` API encodes to UTF-8
for the engine and returns match offsets in characters of the Python string, so spans
index the text directly.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import re2

_PROBES = ("", "a", " ", "a b", "0")
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")
_NO_BACKTRACKING = "RE2 does not support lookaround/backreferences (no backtracking engine)"

SET_MAX_MEM = 256 << 20
"""Memory budget of one multi-pattern set, far above what a few hundred rules need: a set
whose automaton ran out of memory would report no match, and a gate must not fail open."""


class PatternError(ValueError):
    """A pattern RE2 cannot use; the message says why in a user's terms."""


def options(*, max_mem: int | None = None) -> Any:
    """RE2 options for policy patterns: errors are raised to the caller, never logged."""
    opts = re2.Options()
    opts.log_errors = False
    if max_mem is not None:
        opts.max_mem = max_mem
    return opts


_OPTIONS = options()


def effective(pattern: str, *, ignore_case: bool) -> str:
    """The pattern as RE2 runs it; the same text goes into the set and the single regex."""
    return f"(?i){pattern}" if ignore_case else pattern


# Remembered: loading a policy compiles each pattern to check it, and compiling the policy
# set compiles it again to match with.
@lru_cache(maxsize=4096)
def compile_pattern(pattern: str, *, ignore_case: bool) -> Any:
    """A compiled RE2 regex for ``pattern``; raises :class:`PatternError`.

    A pattern that can match the empty text would flag every segment (or, as an allow
    pattern, excuse nothing) and is refused.
    """
    try:
        compiled = re2.compile(effective(pattern, ignore_case=ignore_case), _OPTIONS)
    except re2.error as exc:
        raise PatternError(_reason(exc, pattern, ignore_case=ignore_case)) from None
    for probe in _PROBES:
        match = compiled.search(probe)
        if match is not None and match.start() == match.end():
            raise PatternError("pattern can match the empty text, so it would match everywhere")
    return compiled


def _reason(exc: Exception, pattern: str, *, ignore_case: bool) -> str:
    raw = exc.args[0] if exc.args else str(exc)
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    text = text.removesuffix(f": {effective(pattern, ignore_case=ignore_case)}")
    if text.startswith("pattern too large"):
        return "pattern too large for RE2: bound its repetitions or split it"
    if any(text.startswith(f"invalid perl operator: {op}") for op in _LOOKAROUND):
        return f"{text}: {_NO_BACKTRACKING}"
    if text.startswith("invalid escape sequence: \\") and text[-1:].isdigit():
        return f"{text}: {_NO_BACKTRACKING}"
    if text.startswith("invalid escape sequence: \\Z"):
        return f"{text}: RE2 writes end of text as \\z"
    return f"RE2 cannot compile {pattern!r}: {text}"
