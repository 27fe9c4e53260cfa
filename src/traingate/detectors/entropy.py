"""High-entropy strings: the generic, noisy fallback for secrets of unknown formats."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from traingate.detectors.base import Detector, Span
from traingate.detectors.doc import detector_doc
from traingate.detectors.tokens import has_classes, placeholder

_CANDIDATE = re.compile(r"(?<![A-Za-z0-9+/_\-])[A-Za-z0-9+/_\-]{16,4096}={0,2}")
_HEX = re.compile(r"[0-9a-fA-F\-]+")
_WINDOW = 64
_MIN_LENGTH = 24
_THRESHOLD = 4.0


def shannon_entropy(text: str) -> float:
    """Bits per character of ``text`` under its own character frequencies."""
    total = len(text)
    return -sum(n / total * math.log2(n / total) for n in Counter(text).values())


def _find_high_entropy(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    min_length = int(options.get("min-length", _MIN_LENGTH))
    threshold = float(options.get("threshold", _THRESHOLD))
    for match in _CANDIDATE.finditer(text):
        token = match[0]
        if len(token) < min_length or _HEX.fullmatch(token) or not has_classes(token, "0"):
            continue
        if not (has_classes(token, "a") or has_classes(token, "A")) or placeholder(token):
            continue
        if token.startswith("/") or ("/" in token and not has_classes(token, "A")):
            continue  # a file path: base64 of this length without capitals is vanishingly rare
        if shannon_entropy(token[:_WINDOW]) >= threshold:
            yield Span(match.start(), match.end())


HIGH_ENTROPY_STRING = Detector(
    name="high-entropy-string",
    summary="A long random-looking string that may be a secret of unknown format.",
    doc=detector_doc(
        what=f"""
        Finds runs of base64 and token characters (letters, digits, `+/_-`) at least
        `min-length` long that mix letters and digits and whose Shannon entropy, measured
        over their first {_WINDOW} characters, reaches `threshold` bits per character.
        Hexadecimal strings (hashes, UUIDs, commit ids), file paths (a leading `/`, or
        `/` without capital letters) and placeholders are skipped.

        It is noisy by design: it also fires on base64 data, hashes in other encodings
        and generated ids, which is why the `secrets` pack leaves it out. Enable it in a
        policy of your own (`detector: high-entropy-string`), scoped to the text where
        secrets would hurt (for example `in: [trained]`).
        """,
        why="""
        Formats change and most services' keys have no prefix at all; an entropy bound is
        the one check that catches a secret nobody wrote a pattern for.
        """,
        fails="export INTERNAL_API_TOKEN=q8Zt2LmV9xWp4RkN7sYc3HdJ6fGb",
        passes="The commit 9fceb02d0ae598e95dc970b74767f19372d61af8 fixed getUserById2.",
        options=f"""
        `min-length` (integer, default {_MIN_LENGTH}, at least 16): shortest run checked.
        `threshold` (number, default {_THRESHOLD}): bits per character at or above which a
        run is reported; random base62 strings of 24 characters measure about 4.25, of
        64 characters about 5.2, English identifiers 3 to 4.
        """,
    ),
    find=_find_high_entropy,
    prefilter=r"[a-z0-9+/_\-]{16}",
    normalize=False,
    redact=True,
    options_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "min-length": {"type": "integer", "minimum": 16, "default": _MIN_LENGTH},
            "threshold": {"type": "number", "minimum": 0, "maximum": 16, "default": _THRESHOLD},
        },
    },
)
