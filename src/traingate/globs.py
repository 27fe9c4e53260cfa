"""Glob patterns for training files, anchored at the repository root.

``*`` and ``?`` never match ``/``, ``[abc]``/``[!abc]`` are character classes, ``\\`` escapes,
``**`` as a whole segment matches any number of directories (``**/`` zero or more; elsewhere
it is ``*``), a trailing ``/`` matches everything under a directory, ``./`` and a leading
``/`` are ignored, matching is case-sensitive. Unlike ``.gitignore``, a pattern without ``/``
is not matched at every depth: write ``**/*.jsonl``, not ``*.jsonl``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Glob:
    """One compiled glob pattern (see the module docstring for its semantics)."""

    pattern: str
    regex: re.Pattern[str] = field(compare=False, repr=False)

    @classmethod
    def compile(cls, pattern: str) -> Glob:
        """Compile ``pattern``; raises :class:`re.error` for a malformed character class."""
        return cls(pattern, re.compile(translate_glob(pattern), re.DOTALL))

    def match(self, relpath: str) -> bool:
        return self.regex.fullmatch(relpath) is not None


def translate_glob(pattern: str) -> str:
    """Translate a glob to an (unanchored) :mod:`re` pattern; use with ``fullmatch``."""
    parts = [part for part in pattern.split("/") if part not in ("", ".")]
    if pattern.endswith("/"):
        parts.append("**")
    out = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:.*/)?")
        else:
            out.append(_segment(part) + ("" if last else "/"))
    return "".join(out)


def _segment(part: str) -> str:
    out, i = [], 0
    while i < len(part):
        char, i = part[i], i + 1
        if char == "*":
            while i < len(part) and part[i] == "*":
                i += 1
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "\\" and i < len(part):
            out.append(re.escape(part[i]))
            i += 1
        elif char == "[" and (end := _class_end(part, i)) >= 0:
            body, i = part[i:end], end + 1
            negate = body.startswith("!")
            chars = "".join(c if c == "-" else re.escape(c) for c in body[negate:])
            out.append(f"[^/{chars}]" if negate else f"(?!/)[{chars}]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _class_end(part: str, start: int) -> int:
    i = start + (part[start : start + 1] == "!")
    i += part[i : i + 1] == "]"
    return part.find("]", i)
