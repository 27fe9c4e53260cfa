"""Payment identifiers: card numbers (Luhn and issuer prefixes) and IBANs (mod 97)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from traingate.detectors.base import Detector, Span
from traingate.detectors.checksums import IBAN_LENGTHS, iban_valid, luhn_valid
from traingate.detectors.doc import detector_doc

# (lowest prefix, highest prefix, card lengths, network): the issuer identification numbers
# of the major networks, from their published ranges.
_ISSUERS: tuple[tuple[int, int, tuple[int, ...], str], ...] = (
    (4, 4, (13, 16, 19), "Visa"),
    (51, 55, (16,), "Mastercard"),
    (2221, 2720, (16,), "Mastercard"),
    (34, 34, (15,), "American Express"),
    (37, 37, (15,), "American Express"),
    (6011, 6011, (16, 17, 18, 19), "Discover"),
    (644, 649, (16, 17, 18, 19), "Discover"),
    (65, 65, (16, 17, 18, 19), "Discover"),
    (300, 305, (14, 15, 16, 17, 18, 19), "Diners Club"),
    (36, 36, (14, 15, 16, 17, 18, 19), "Diners Club"),
    (38, 39, (16, 17, 18, 19), "Diners Club"),
    (3528, 3589, (16, 17, 18, 19), "JCB"),
    (62, 62, (16, 17, 18, 19), "UnionPay"),
    (2200, 2204, (16, 17, 18, 19), "Mir"),
    (6759, 6763, (13, 14, 15, 16, 17, 18, 19), "Maestro"),
    (5018, 5020, (13, 14, 15, 16, 17, 18, 19), "Maestro"),
)
# Grouped forms as printed on cards and in forms (digits per group).
_SHAPES = frozenset({(4, 4, 4, 4), (4, 4, 4, 4, 3), (4, 6, 5), (4, 6, 4), (4, 4, 4, 4, 2)})
# Test numbers the networks and payment processors publish for sandboxes.
_TEST_NUMBERS = frozenset(
    {
        "4111111111111111", "4242424242424242", "4012888888881881", "4000056655665556",
        "4000000000000002", "4000000000009995", "4222222222222", "5555555555554444",
        "5105105105105100", "5200828282828210", "2223003122003222", "378282246310005",
        "371449635398431", "378734493671000", "6011111111111117", "6011000990139424",
        "3530111333300000", "3566002020360505", "30569309025904", "38520000023237",
        "6200000000000005",
    }
)  # fmt: skip
_RUN = re.compile(r"(?<![\w.\-])[0-9][0-9 \-]*", re.ASCII)
_DIGITS = re.compile(r"[0-9]+")
_AFTER = re.compile(r"\w|[.\-][0-9]")


def _network(digits: str) -> str:
    """The network that issues cards of this prefix and length, or ``""``."""
    for low, high, lengths, network in _ISSUERS:
        if len(digits) in lengths and low <= int(digits[: len(str(low))]) <= high:
            return network
    return ""


def _runs(text: str) -> Iterator[list[re.Match[str]]]:
    """Digit groups joined by single spaces or dashes, split wherever that breaks."""
    for run in _RUN.finditer(text):
        groups: list[re.Match[str]] = []
        for group in _DIGITS.finditer(text, run.start(), run.end()):
            if groups and text[groups[-1].end() : group.start()] not in (" ", "-"):
                yield groups
                groups = []
            groups.append(group)
        yield groups


def _card_at(text: str, groups: list[re.Match[str]], first: int, tests: bool) -> tuple[int, str]:
    """How many groups from ``first`` form a card number (0 if none), and its network."""
    head = len(groups[first][0])
    for count in (5, 4, 3, 1):
        window = groups[first : first + count]
        if len(window) < count or head != (4 if count > 1 else len(window[0][0])):
            continue
        if count == 1 and not 13 <= head <= 19:
            continue
        seps = {text[a.end() : b.start()] for a, b in itertools.pairwise(window)}
        shape = tuple(len(g[0]) for g in window)
        if len(seps) > 1 or (count > 1 and shape not in _SHAPES):
            continue
        digits = "".join(g[0] for g in window)
        network = _network(digits) if 13 <= len(digits) <= 19 and luhn_valid(digits) else ""
        if network and (tests or digits not in _TEST_NUMBERS):
            return count, network
    return 0, ""


def _find_cards(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    tests = bool(options.get("include-test-numbers", False))
    for groups in _runs(text):
        first = 0
        while first < len(groups):
            count, network = _card_at(text, groups, first, tests)
            if count:
                start, end = groups[first].start(), groups[first + count - 1].end()
                if not _joined(text, start, end):
                    yield Span(start, end, f"{network} card number")
            first += count or 1


def _joined(text: str, start: int, end: int) -> bool:
    """Dashes, letters or a decimal point joining more: part of an identifier or a number."""
    return text[start - 1 : start] == "-" or _AFTER.match(text, end) is not None


CREDIT_CARD_NUMBER = Detector(
    name="credit-card-number",
    summary="A payment card number (Luhn-valid, known issuer prefix).",
    doc=detector_doc(
        what="""
        Finds 13 to 19 digits, written together or in the printed groups (`4-4-4-4`,
        `4-6-5`, ...) separated by spaces or dashes, that pass the Luhn check and start with
        the issuer prefix of a major network at a length that network issues (Visa,
        Mastercard, American Express, Discover, Diners, JCB, UnionPay, Mir, Maestro).
        Random 16-digit ids fail the Luhn check nine times in ten, and most of the rest fail
        the prefix check. The networks' published test numbers (`4242 4242 4242 4242`, ...)
        are not reported unless asked for.
        """,
        why="""
        A card number is payment data (PCI DSS forbids storing it in the clear) and a model
        that memorised one can hand it to anyone.
        """,
        fails="Card: 4539 1488 0343 6467, expiry 08/27.",
        passes="Order id 4539 1488 0343 6468 (fails Luhn); test card 4242 4242 4242 4242.",
        options="""
        `include-test-numbers` (boolean, default false): also report the published test
        card numbers.
        """,
    ),
    find=_find_cards,
    prefilter=r"[0-9](?:[ \-]?[0-9]){12}",
    redact=True,
    options_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {"include-test-numbers": {"type": "boolean", "default": False}},
    },
)

_IBAN = re.compile(
    r"(?<![a-z0-9])[a-z]{2}[0-9]{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,4})?(?![a-z0-9])",
    re.ASCII | re.IGNORECASE,
)


def _find_ibans(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    for match in _IBAN.finditer(text):
        length = IBAN_LENGTHS.get(match[0][:2].upper())
        if length is None:
            continue
        end = _end_of_alnum(text, match.start(), match.end(), length)
        if end and iban_valid(text[match.start() : end].replace(" ", "").upper()):
            yield Span(match.start(), end)


def _end_of_alnum(text: str, start: int, stop: int, count: int) -> int:
    """Where the ``count``-th letter or digit from ``start`` ends, if a group ends there."""
    seen = 0
    for index in range(start, stop):
        if text[index] != " ":
            seen += 1
            if seen == count:
                end = index + 1
                return end if end == stop or text[end] == " " else 0
    return 0


IBAN = Detector(
    name="iban",
    summary="An International Bank Account Number (ISO 13616, mod-97 valid).",
    doc=detector_doc(
        what="""
        Finds IBANs, compact or in groups of four: a country code, two check digits and the
        account number, with exactly the length the SWIFT registry gives for that country
        and a valid ISO 7064 mod-97 checksum. Where a longer run of groups holds an IBAN
        followed by other text, only the IBAN is reported.
        """,
        why="""
        An IBAN identifies a person's bank account; with a name it is enough to set up
        direct debits in SEPA. It is personal data and has no place in training targets.
        """,
        fails="Please transfer the deposit to DE89 3704 0044 0532 0130 00 by Friday.",
        passes="The format is DE00 1234 5678 9012 3456 78 (the check digits are wrong).",
        options="None.",
    ),
    find=_find_ibans,
    prefilter=r"[a-z]{2}[0-9]{2} ?[a-z0-9]{4} ?[a-z0-9]{4}",
    redact=True,
)
