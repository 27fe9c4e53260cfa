"""PII detectors: contact details and national identifiers that must not be trained on.

They read the normalized view (NFKC folds full-width digits, case folding lower-cases
addresses) unless a heuristic needs the original capitalization, and ask for redaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from traingate.detectors.base import Detector, Span
from traingate.detectors.doc import detector_doc
from traingate.detectors.network import IP_ADDRESS
from traingate.detectors.payment import CREDIT_CARD_NUMBER, IBAN
from traingate.detectors.phone import PHONE_NUMBER

_EMAIL = re.compile(
    r"(?<![\w.%+\-])[a-z0-9_][a-z0-9._%+\-]{0,63}@((?:[a-z0-9\-]{1,63}\.){1,8}[a-z]{2,24})"
    r"(?![\w\-]|\.[a-z0-9])",
    re.ASCII | re.IGNORECASE,
)
_RESERVED_DOMAINS = ("example.com", "example.net", "example.org", "example", "test", "invalid")
_FILE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tiff"})


def _find_emails(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    ignored = tuple(d.lower() for d in options.get("ignore-domains", _RESERVED_DOMAINS))
    for match in _EMAIL.finditer(text):
        domain = match[1].lower()
        if any(label.startswith("-") or label.endswith("-") for label in domain.split(".")):
            continue
        if domain.rsplit(".", 1)[1] in _FILE_SUFFIXES or _scp_remote(text, match.end()):
            continue
        if not any(domain == d or domain.endswith(f".{d}") for d in ignored):
            yield Span(match.start(), match.end())


def _scp_remote(text: str, end: int) -> bool:
    """``git@github.com:owner/repo.git`` is a remote, not someone's address."""
    return text[end : end + 1] == ":" and text[end + 1 : end + 2] not in ("", " ", "\n")


EMAIL_ADDRESS = Detector(
    name="email-address",
    summary="An e-mail address.",
    doc=detector_doc(
        what="""
        Finds e-mail addresses (`local@domain.tld`, ASCII). Addresses at the domains reserved
        for documentation (`example.com`, `.example`, `.test`, `.invalid`, RFC 2606), image
        names such as `icon@2x.png` and git remotes such as `git@github.com:org/repo.git`
        are not reported.
        """,
        why="""
        An address in a training target can be memorised and repeated to other users, and
        it identifies a person: it is personal data under GDPR and most privacy laws.
        """,
        fails="Write to maria.keller@posteo.de for the minutes.",
        passes="Write to maria.keller@example.com for the minutes.",
        options="""
        `ignore-domains` (list of domains, default the reserved ones above): addresses at
        these domains or their subdomains are not reported.
        """,
    ),
    find=_find_emails,
    prefilter=r"[a-z0-9._%+\-]@[a-z0-9\-]{1,63}\.",
    redact=True,
    options_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "ignore-domains": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "default": list(_RESERVED_DOMAINS),
            }
        },
    },
)

_SSN = re.compile(r"(?<![\w\-])([0-9]{3})([ \-]?)([0-9]{2})\2([0-9]{4})(?![\w\-]|\.[0-9])", re.A)
_SSN_CONTEXT = re.compile(r"\b(?:ssn|ss#|social security|soc\. ?sec)", re.IGNORECASE)
_SSN_PLACEHOLDERS = frozenset({"078051120", "219099999", "123456789"})


def _one_digit_groups(*groups: str) -> bool:
    """``111-22-3333``: a placeholder, not a number anyone was issued."""
    return all(len(set(group)) == 1 for group in groups)


def _find_ssns(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    for match in _SSN.finditer(text):
        area, separator, group, serial = match.groups()
        if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
            continue
        if area + group + serial in _SSN_PLACEHOLDERS or _one_digit_groups(area, group, serial):
            continue
        before = max(0, match.start() - 40)
        if separator != "-" and not _SSN_CONTEXT.search(text, before, match.start()):
            continue
        yield Span(match.start(), match.end())


US_SSN = Detector(
    name="us-ssn",
    summary="A US Social Security number.",
    doc=detector_doc(
        what="""
        Finds US Social Security numbers written `AAA-GG-SSSS`, and written with spaces or no
        separator when `SSN` or `social security` appears shortly before. Numbers the SSA
        never issues are not reported: area `000`, `666` or `9xx`, group `00`, serial `0000`,
        the well-known placeholders `078-05-1120`, `219-09-9999` and `123-45-6789`, and
        numbers whose groups each repeat one digit (`111-22-3333`).
        """,
        why="""
        An SSN is the key to a person's credit and tax identity in the US; it must never be
        memorised by a model that will talk to strangers.
        """,
        fails="Her SSN is 536-22-8714, please update the file.",
        passes="Use a placeholder such as 123-45-6789 or 912-34-5678 in examples.",
        options="None.",
    ),
    find=_find_ssns,
    prefilter=r"[0-9]{3}[ \-]?[0-9]{2}[ \-]?[0-9]{4}",
    redact=True,
)

_SUFFIXES = (
    "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Terrace"
    "|Way|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl"
)
_STREET = re.compile(
    r"(?<![\w,.\-/#])[0-9]{1,6}[A-Za-z]? (?:[NSEW]\.? )?"
    r"(?:(?:[A-Z][A-Za-z'\-]{0,30}|[0-9]{1,3}(?:st|nd|rd|th))\.? ){1,4}"
    rf"(?:{_SUFFIXES})\b\.?(?: (?:NW|NE|SW|SE|N|S|E|W)\b)?",
    re.ASCII,
)


def _find_streets(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    for match in _STREET.finditer(text):
        yield Span(match.start(), match.end())


STREET_ADDRESS = Detector(
    name="street-address",
    summary="What looks like a US-style street address (a heuristic).",
    doc=detector_doc(
        what="""
        Finds a house number followed by one to four capitalised words and a street suffix
        (`Street`, `St`, `Avenue`, `Rd`, `Blvd`, `Lane`, `Drive`, `Way`, ...), optionally
        with a direction (`NW`). It reads the original text, because capitalisation is what
        separates `42 Elm Street` from `3 dogs on the street`. It is a heuristic: famous
        addresses match too, so packs use it as a warning.
        """,
        why="""
        A home address identifies and locates a person; combined with a name it is among
        the most sensitive things a model could repeat.
        """,
        fails="Send the keys to 742 Evergreen Terrace, Springfield.",
        passes="We walked 3 blocks down the main street to the station.",
        options="None.",
    ),
    find=_find_streets,
    prefilter=(
        r"[0-9]{1,6}[a-z]? (?:[nsew]\.? )?(?:[a-z0-9'\-]{1,31}\.? ){1,4}"
        rf"(?:{_SUFFIXES.lower()})\b"
    ),
    normalize=False,
    redact=True,
)

PII_DETECTORS: tuple[Detector, ...] = (
    EMAIL_ADDRESS,
    PHONE_NUMBER,
    CREDIT_CARD_NUMBER,
    IBAN,
    US_SSN,
    IP_ADDRESS,
    STREET_ADDRESS,
)
