"""Where a text hides characters from its reader: invisible characters inside words, bidi
controls, tag characters, long runs of variation selectors.

Each finder yields ``(start, end, note)`` over the original text; the notes name the
characters (``U+200B ZERO WIDTH SPACE``) and decode what tags and selectors smuggle.
"""

# ruff: noqa: RUF003 (look-alike characters are what this module is about)

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from traingate.text.chars import (
    BIDI_CONTROLS,
    BLACK_FLAG,
    CANCEL_TAG,
    CONTROLS,
    DEFAULT_IGNORABLE,
    HANGUL_FILLERS,
    KHMER_INHERENT_VOWELS,
    MONGOLIAN_SELECTORS,
    OTHER_FORMAT,
    TAGS,
    VARIATION_SELECTORS,
    ZWJ,
    ZWNJ,
    ZWSP,
    Ranges,
    contains,
    label,
    merge,
    py_class,
    subtract,
)
from traingate.text.scripts import HANGUL, JOINING, KHMER, MONGOLIAN, NO_SPACES, VARIATION_BASES

Found = tuple[int, int, str]

# Invisible characters that invisible-in-word looks for: tags and bidi controls have
# detectors of their own.
INVISIBLE: Ranges = subtract(merge(DEFAULT_IGNORABLE, OTHER_FORMAT, CONTROLS), BIDI_CONTROLS, TAGS)
_INVISIBLE_RUN = re.compile(f"[{py_class(INVISIBLE)}]+")
_BIDI_RUN = re.compile(f"[{py_class(BIDI_CONTROLS)}]+")
_ISOLATE_EVENTS = re.compile("[\u2066-\u2069\n\r\x1c-\x1e\x85\u2029]")
_TAG_RUN = re.compile(f"[{py_class(TAGS)}]+")
_FLAG_TAGS = re.compile(f"[\U000e0030-\U000e0039\U000e0061-\U000e007a]{{2,7}}{CANCEL_TAG}")
_SELECTOR_RUN = re.compile(f"[{py_class(VARIATION_SELECTORS)}]{{2,}}")
# Letters and digits that have an emoji presentation selected by VS15/VS16 (ℹ️, 1️⃣).
_EMOJI_VS_BASES = frozenset("0123456789\u2139")
_LONGEST_NOTE = 120


def invisible_in_words(text: str, ignored: frozenset[str] = frozenset()) -> Iterator[Found]:
    """Runs of invisible characters between two letters or digits, unless the scripts
    around them use them there (see :func:`_expected`)."""
    for match in _INVISIBLE_RUN.finditer(text):
        run = [c for c in match[0] if c not in ignored]
        before = _base_before(text, match.start())
        after = text[match.end() : match.end() + 1]
        if not (run and before.isalnum() and after.isalnum()):
            continue
        if all(_expected(c, before, after, len(match[0])) for c in run):
            continue
        names = ", ".join(dict.fromkeys(label(c) for c in run))
        yield match.start(), match.end(), f"{names} inside a word"


def _base_before(text: str, index: int) -> str:
    while index > 0 and unicodedata.category(text[index - 1])[0] == "M":
        index -= 1
    return text[index - 1] if index > 0 else ""


def _expected(char: str, before: str, after: str, run: int) -> bool:
    """Whether ``char`` between ``before`` and ``after`` is ordinary spelling."""
    if char in (ZWNJ, ZWJ):  # Persian, Urdu and Indic spelling, conjunct control
        return contains(JOINING, before) and contains(JOINING, after)
    if char == ZWSP:  # word breaks in Thai, Khmer, Lao, Myanmar, CJK
        return contains(NO_SPACES, before) and contains(NO_SPACES, after)
    if char in MONGOLIAN_SELECTORS:
        return contains(MONGOLIAN, before)
    if char in HANGUL_FILLERS:  # old Hangul syllables spelled with jamo
        return contains(HANGUL, before) and contains(HANGUL, after)
    if char in KHMER_INHERENT_VOWELS:
        return contains(KHMER, before)
    if contains(VARIATION_SELECTORS, char):  # one selector picks a glyph variant
        emoji = char in "\ufe0e\ufe0f" and before in _EMOJI_VS_BASES
        return run == 1 and (emoji or contains(VARIATION_BASES, before))
    return False


def bidi_controls(text: str, *, allow_isolates: bool = False) -> Iterator[Found]:
    """Runs of bidi embedding, override and isolate controls; with ``allow_isolates``,
    isolates closed by a PDI on the same line are left out."""
    allowed = _balanced_isolates(text) if allow_isolates else set()
    for match in _BIDI_RUN.finditer(text):
        start = match.start()
        for index in range(match.start(), match.end() + 1):
            if index == match.end() or index in allowed:
                if index > start:
                    names = ", ".join(dict.fromkeys(label(c) for c in text[start:index]))
                    yield start, index, f"{names}: changes the order in which text is shown"
                start = index + 1


def _balanced_isolates(text: str) -> set[int]:
    allowed: set[int] = set()
    opened: list[int] = []
    for match in _ISOLATE_EVENTS.finditer(text):
        char = match[0]
        if char in "\u2066\u2067\u2068":
            opened.append(match.start())
        elif char == "\u2069":
            if opened:
                allowed.update((opened.pop(), match.start()))
        else:  # a paragraph ends every isolate
            opened.clear()
    return allowed


def tag_runs(text: str) -> Iterator[Found]:
    """Runs of tag characters, but not the tags of a subdivision flag (🏴 + ``gbeng`` +
    cancel tag), with the ASCII they spell."""
    for match in _TAG_RUN.finditer(text):
        start, run = match.start(), match[0]
        if start > 0 and text[start - 1] == BLACK_FLAG and _FLAG_TAGS.fullmatch(run):
            continue
        hidden = "".join(chr(ord(c) - 0xE0000) for c in run if 0xE0020 <= ord(c) <= 0xE007E)
        note = f"{len(run)} tag characters"
        if hidden:
            note += f" hiding the ASCII text {_quote(hidden)}"
        yield start, match.end(), note


def selector_runs(text: str, longest: int = 2) -> Iterator[Found]:
    """Runs of more than ``longest`` variation selectors, with the bytes they may encode."""
    for match in _SELECTOR_RUN.finditer(text):
        if len(match[0]) > longest:
            yield match.start(), match.end(), _selector_note(match[0])


def _selector_note(run: str) -> str:
    note = f"{len(run)} variation selectors in a row"
    # The known smuggling scheme: VS1-VS16 are bytes 0-15, VS17-VS256 bytes 16-255.
    data = bytes(ord(c) - 0xFE00 if ord(c) <= 0xFE0F else ord(c) - 0xE0100 + 16 for c in run)
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        return note
    if decoded.isprintable():
        note += f"; as bytes they read {_quote(decoded)}"
    return note


def _quote(text: str) -> str:
    if len(text) > _LONGEST_NOTE:
        text = text[: _LONGEST_NOTE - 1] + "…"
    return f'"{text}"'
