"""Phone numbers: international (E.164) and common national formats, with guards against
the digit runs that only look like phone numbers (dates, versions, IPs, ids, amounts)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from traingate.detectors.base import Detector, Span
from traingate.detectors.doc import detector_doc
from traingate.detectors.phone_formats import (
    contextual,
    fictional,
    international,
    north_american,
    trunk,
)
from traingate.text.normalize import normalize

_RUN = re.compile(r"[+(]?[0-9][0-9 ().\-]*", re.ASCII)
_DIGITS = re.compile(r"[0-9]+")
_SEPARATORS = frozenset({" ", "-", ".", ")", ") ", ")-", " (", "("})
_BEFORE = re.compile(r"[\w.,\-+/#:@$€£¥%&\\=~^*]")
_AFTER = re.compile(r"\w|[.\-:/,][0-9]|%")
# Words that say a phone number follows, as written and as the normalized view spells them
# (its confusable folding turns Cyrillic "телефон" into a Latin-Cyrillic mix).
_PHONE_WORDS = (
    "phone", "tel", "telephone", "mobile", "cell", "call", "text", "sms", "fax", "whatsapp",
    "contact", "dial", "reach", "telefon", "teléfono", "telefono", "téléphone", "telefone",
    "телефон", "тел", "電話", "电话", "手机",
)  # fmt: skip


@cache
def _context() -> re.Pattern[str]:
    # On first use: normalizing the non-ASCII words builds the normalizer's tables.
    words = {re.escape(w) for word in _PHONE_WORDS for w in (word, normalize(word))}
    return re.compile(r"\b(?:" + "|".join(sorted(words)) + r")s?(?![a-z])", re.IGNORECASE)


_NOT_PHONE = re.compile(
    r"\b(?:order|invoice|isbn|sku|serial|ticket|tracking|version|build|patent|ref|id|"
    r"account|acct|case|po)\b[^a-z]{0,12}(?:(?:no|nr|num|number)\b[^a-z]{0,6})?$",
    re.IGNORECASE,
)
_MAX_GROUPS = 6


def _byte_dump(text: str, groups: Sequence[re.Match[str]], first: int, count: int) -> bool:
    """Pairs of digits that go on past a phone number's length: bytes, not ``01 23 45 67 89``."""
    start, end = first, first + count
    if any(len(g[0]) != 2 for g in groups[start:end]):
        return False
    while start > 0 and len(groups[start - 1][0]) == 2 and _spaced(text, groups, start):
        start -= 1
    while end < len(groups) and len(groups[end][0]) == 2 and _spaced(text, groups, end):
        end += 1
    return end - start > count


def _spaced(text: str, groups: Sequence[re.Match[str]], index: int) -> bool:
    return text[groups[index - 1].end() : groups[index].start()] == " "


def _groups(text: str) -> Iterator[list[re.Match[str]]]:
    """Digit groups joined by phone separators, split wherever another character intervenes."""
    for run in _RUN.finditer(text):
        groups: list[re.Match[str]] = []
        for group in _DIGITS.finditer(text, run.start(), run.end()):
            if groups and text[groups[-1].end() : group.start()] not in _SEPARATORS:
                yield groups
                groups = []
            groups.append(group)
        yield groups


def _window(
    text: str, groups: Sequence[re.Match[str]], first: int, count: int
) -> tuple[list[str], list[str]]:
    window = groups[first : first + count]
    return [g[0] for g in window], [
        text[a.end() : b.start()] for a, b in itertools.pairwise(window)
    ]


def _lead(text: str, group: re.Match[str]) -> str:
    before = text[group.start() - 1 : group.start()]
    return before if before in ("+", "(") else ""


def _glued(text: str, start: int) -> bool:
    """Whether the digits at ``start`` continue a word, number or path before them; a
    colon only after a digit (``12:30``), since ``tel:`` and ``phone:`` introduce one."""
    before = text[start - 1 : start]
    if before == ":":
        return text[start - 2 : start - 1].isdigit()
    return _BEFORE.match(before) is not None


def _starts(text: str, groups: Sequence[re.Match[str]], first: int, start: int) -> bool:
    if first and text[groups[first - 1].end() : start] != " ":
        return False  # joined to the digits before it by a dash, dot or parenthesis
    if _glued(text, start):
        return False
    return not _NOT_PHONE.search(text, max(0, start - 32), start)


def _match_at(text: str, groups: Sequence[re.Match[str]], first: int) -> int:
    """How many groups from ``first`` make a phone number, or 0."""
    most = min(_MAX_GROUPS, len(groups) - first)
    total = sum(len(g[0]) for g in groups[first : first + most])
    if total < 7:
        return 0
    lead = _lead(text, groups[first])
    start = groups[first].start() - len(lead)
    head = groups[first][0]
    formatted = lead == "+" or head[0] == "0" or len(head) == 3 or head == "1"
    context = _context().search(text, max(0, start - 32), start) is not None
    if not (formatted or context) or not _starts(text, groups, first, start):
        return 0  # no format starts this way (+, 00, 0, a North American area) nor context
    for count in range(most, 0, -1):
        if count < most:
            total -= len(groups[first + count][0])
        if not 7 <= total <= 17 or _AFTER.match(text, groups[first + count - 1].end()):
            continue
        digits, seps = _window(text, groups, first, count)
        if fictional(digits):
            continue
        if international(lead, digits, seps) or north_american(lead, digits, seps):
            return count
        if trunk(lead, digits, seps) and not _byte_dump(text, groups, first, count):
            return count
        if context and contextual(lead, digits, seps):
            return count
    return 0


def _find_phones(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    for groups in _groups(text):
        start = groups[0].start() - len(_lead(text, groups[0]))
        if _glued(text, start):
            continue  # the run is glued to a word: an IBAN, ISBN or id, not a phone number
        first = 0
        while first < len(groups):
            count = _match_at(text, groups, first)
            if count:
                start = groups[first].start() - len(_lead(text, groups[first]))
                yield Span(start, groups[first + count - 1].end())
            first += count or 1


PHONE_NUMBER = Detector(
    name="phone-number",
    summary="A phone number (international or a common national format).",
    doc=detector_doc(
        what="""
        Finds phone numbers written the ways people write them: international with `+` or
        `00` (`+44 20 7946 0958`, `+4915123456789`, 8 to 15 digits), North American
        (`(415) 555-2671`, `415-555-2671`, `1 415 555 2671`), and national numbers with a
        trunk `0` (`020 7946 0958`, `03-1234-5678`, `01 23 45 67 89`, 10 to 12 digits).
        After a word such as *phone*, *call*, *tel*, *mobile* or *WhatsApp* (also *телефон*,
        *電話*, ...), any 7 to 15 digits in spaced or dashed groups count (9 or more when
        they are not grouped).

        Digit runs that only look like phone numbers are not reported: dates, times,
        version strings, dotted IPs, amounts, numbers joined to letters, dashes or dots
        (`ORD-555-123-4567`, `v1.555.123.4567`), digits after *order*, *invoice*, *id*,
        *ticket*, *version* and the like, bare digit runs without a phone word before them
        (unix timestamps, ids), year ranges, runs of digit pairs longer than a French
        number (byte dumps), and the 555-01xx numbers reserved for fiction.
        """,
        why="""
        A phone number reaches a person directly; a model that memorised one can give it to
        anyone who asks, and privacy laws treat it as personal data.
        """,
        fails="You can reach me on +44 7700 900123 or (415) 555-2671 after six.",
        passes="Build 2024.10.15, order #415-555-2671, 1699999999 ms, call 555-0123 in a film.",
        options="None.",
    ),
    find=_find_phones,
    prefilter=r"[0-9](?:[ ().\-]{0,2}[0-9]){6}",
    redact=True,
)
