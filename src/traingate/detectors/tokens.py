"""What the secret detectors share: telling a real-looking token from a placeholder."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator, Mapping
from typing import Any

from traingate.detectors.base import Detector, Find, Span
from traingate.detectors.doc import detector_doc

PLACEHOLDERS = """
Tokens whose random part reads like a placeholder (`xxxx`, `your`, `example`, four equal
characters in a row, an alphabet run such as `abcde`) are not reported.
"""
_PLACEHOLDER_WORDS = re.compile(
    r"example|sample|dummy|placeholder|your|redacted|fake|xxxx", re.IGNORECASE
)
_SAME_FOUR = re.compile(r"(.)\1\1\1")
_RUNS = "0123456789abcdefghijklmnopqrstuvwxyz"
_CLASSES = {"A": str.isupper, "a": str.islower, "0": str.isdigit}


def placeholder(body: str) -> bool:
    """A body written by a person, not drawn at random: ``EXAMPLE``, ``xxxx``, ``your-key``,
    four equal characters in a row, or an alphabet run such as ``abcde`` or ``12345``.

    Random tokens of the lengths checked here hit these by chance about once in ten
    thousand, which is the price of not flagging every tutorial that shows a key's shape.
    """
    if _PLACEHOLDER_WORDS.search(body) or _SAME_FOUR.search(body):
        return True
    lowered = body.lower()
    return any(lowered[i : i + 5] in _RUNS for i in range(len(lowered) - 4))


def has_classes(body: str, classes: str) -> bool:
    """Whether ``body`` has a character of every class named (``A`` upper, ``a`` lower,
    ``0`` digit): random tokens do, names and sentences in kebab-case rarely do."""
    return all(any(_CLASSES[c](ch) for ch in body) for c in classes)


def token_find(*patterns: re.Pattern[str], classes: str = "", span: str = "token") -> Find:
    """A ``find`` reporting matches of ``patterns`` whose ``body`` group is no placeholder
    and has the character ``classes``; the span is the whole match, or the body when
    ``span`` is ``"body"``."""

    def find(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
        spans = []
        for pattern in patterns:
            for match in pattern.finditer(text):
                body = match["body"]
                if not placeholder(body) and has_classes(body, classes):
                    spans.append(Span(*match.span("body" if span == "body" else 0)))
        yield from sorted(spans)

    return find


def token_doc(what: str, why: str, fails: str, passes: str, options: str = "None.") -> str:
    """The doc of a prefix-token detector: :data:`PLACEHOLDERS` follows *What it does*."""
    what = f"{inspect.cleandoc(what)}\n{PLACEHOLDERS.strip()}"
    return detector_doc(what=what, why=why, fails=fails, passes=passes, options=options)


def token_detector(
    name: str, summary: str, doc: str, prefilter: str, *patterns: str, **find: str
) -> Detector:
    """A secret detector for tokens matching ``patterns`` (each with a ``body`` group);
    ``find`` goes to :func:`token_find`."""
    return Detector(
        name=name,
        summary=summary,
        doc=doc,
        find=token_find(*(re.compile(pattern) for pattern in patterns), **find),
        prefilter=prefilter,
        normalize=False,
        redact=True,
    )
