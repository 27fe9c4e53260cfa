"""The normalized view: the canonical form policies match on, so disguises do not pass.

``normalize`` maps a text to the form content rules see. A sentence written in full-width
letters, math bold, Cyrillic or Greek look-alikes, small capitals, with accents, zero
width spaces, soft hyphens or bidi marks between its letters, in any case and with any
spacing, comes out as the plain lower-case sentence. Policies write their keywords in
plain text and they are normalized the same way.

The pipeline, in this order:

1. **Delete what a reader cannot see**: Unicode's default-ignorable code points (zero
   width space and joiners, word joiner, soft hyphen, BOM, bidi marks, embeddings,
   overrides and isolates, variation selectors, tag characters, Hangul fillers, the
   Mongolian vowel separator, invisible math operators), every other format character
   (Cf) and the control characters that are not whitespace. First, so that they cannot
   split a word, or a letter from its accent, for the steps after.
2. **Take characters apart** (NFKD): full-width and math alphanumerics become plain
   letters, ligatures (``ﬁ``) and compatibility forms (``①``, ``㎏``) their spelling, and
   accented letters a base letter plus combining marks, so ``é`` and ``e`` + U+0301 come
   out alike whatever the text's normalization form.
3. **Fold confusables**: letters of the scripts that pass for Latin ones (Cyrillic,
   Greek, Coptic, Armenian, Cherokee, Lisu, Canadian syllabics, and Latin small capitals
   and IPA letters) become the Latin letters they look like, from a table derived from
   Unicode's UTS #39 data (``traingate.text.confusables``). After step 2, so a styled
   look-alike (math bold alpha) folds like the plain one; except the few look-alikes that
   step 2 would turn into another letter, folded before it (lunate sigma ``ϲ`` reads as
   ``c``, not as a sigma). Matching ignores case, so a capital and its small letter fold
   alike: to the small letter's look-alike, or the capital's when only it has one
   (Cyrillic ``к`` folds to ``k`` like ``К``).
4. **Case fold** (``str.casefold``: ``ß`` is ``ss``), after step 3 for the same reason.
5. **Drop combining marks on Latin letters and digits** (and after whitespace):
   ``drínk``, ``d̷r̷i̷n̷k`` and ``dri̇nk`` match ``drink``; ``ø``, ``ł``, ``đ`` fold to
   their base, like the Cyrillic ``ё`` whose base looks like ``e``. After step 3, so that
   a folded base loses its marks too. Marks on other letters are kept: a Devanagari vowel
   sign, an Arabic vowel or a Hebrew point is part of the word there, and dropping it
   would merge distinct words.
6. **Put characters back together** (NFKC), since steps 2-5 leave decomposed text.
7. **Collapse whitespace**: every run of whitespace (any Unicode space, line or paragraph
   separator, the Braille blank) becomes one space; the ends are stripped.

Steps 1-6 are computed once per character (``traingate.text.images``), so normalizing a
text replaces the characters that change by their images (``traingate.text.tables``),
drops marks after Latin letters and composes if it needs to; ASCII text needs none of
it, only lower-casing and step 7, done on bytes. About 3 µs for 1 KB of ASCII, 10-50 µs
for 1 KB of other text.

What it does not catch: paraphrase, translation, synonyms and misspellings; leetspeak
beyond what Unicode calls confusable (``dr1nk`` stays ``dr1nk``, since folding digits
would break rules on numbers); ASCII look-alikes of each other (``rn`` for ``m``, ``0``
for ``O``); words split by spaces or punctuation (``d r i n k``) or across segments,
records or turns; text inside images, encodings the segmenter does not decode, or
look-alikes from scripts not folded (Arabic, Hebrew, Indic, CJK, whose letters only
resemble a Latin one by accident, and folding them would garble ordinary text).

Folding is for matching, not display: Russian or Greek text comes out as a mix of Latin
and native letters (``привет`` -> ``пpибet``). Keywords are normalized the same way, so a
rule written in Cyrillic still matches Cyrillic text; a regex with non-ASCII letters must
be written against the normalized form.
"""

# ruff: noqa: RUF002 (look-alike characters are what this module is about)

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from traingate.text.images import composition_seconds
from traingate.text.tables import tables

__all__ = ["normalize", "normalize_mapped", "normalize_utf8", "original_span"]

_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_SPACE = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
_LOWER_AND_SPACE = bytes.maketrans(_UPPER + _ASCII_SPACE, _UPPER.lower() + b" " * 9)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F])
_ASCII_BYTES = bytes(range(0x80))
_CONTROL_CHARS = frozenset(_CONTROL_BYTES.decode())
_ASCII_WORD = re.compile(r"[^\t\n\x0b-\r\x1c-\x1f ]+")
_SPACES = re.compile(b"  +")


def normalize(text: str) -> str:
    """The normalized view of ``text`` (see the module documentation)."""
    return normalize_utf8(text).decode(errors="surrogatepass")


def normalize_utf8(text: str) -> bytes:
    """``normalize(text)`` encoded as UTF-8 (lone surrogates passed through), as RE2
    reads it: no decoding only for the matcher to encode again."""
    if not text.isascii():
        text = _fold(text)
    return _lower_and_collapse(text)


def _fold(text: str) -> str:
    """Steps 1-5 (all but lower-casing ASCII and collapsing whitespace)."""
    found = tables()
    data = text.encode(errors="surrogatepass")
    kept = data.translate(None, _CONTROL_BYTES)
    if len(kept) != len(data):
        text, data = kept.decode(errors="surrogatepass"), kept
    # The characters outside ASCII: in text that is mostly ASCII, dropping the ASCII bytes
    # of the UTF-8 leaves a short string, the only part worth searching.
    if len(data) < 2 * len(text):
        wide = data.translate(None, _ASCII_BYTES).decode(errors="surrogatepass")
    else:
        wide = text
    text = found.translate(text, wide)
    if found.marks_ahead.search(wide):
        text = found.strip_marks(text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text


def _lower_and_collapse(text: str) -> bytes:
    # After _fold the only whitespace and control characters left are ASCII, so a byte
    # table lower-cases, deletes controls and turns whitespace into spaces, and one
    # substitution collapses the runs of spaces: well under the cost of str.split and join.
    data = text.encode(errors="surrogatepass").translate(_LOWER_AND_SPACE, _CONTROL_BYTES)
    if b"  " in data:
        data = _SPACES.sub(b" ", data)
    return data.strip(b" ")


def normalize_mapped(text: str) -> tuple[str, list[int]]:
    """``normalize(text)`` and, for each of its indexes and one past its end, an index
    into ``text``: where the character came from, and the end of what was used.

    A character of the normalized text maps to the start of the piece of ``text`` it came
    from (a letter with its marks and any invisible characters after it), so
    ``text[offsets[i]:offsets[j]]`` covers what ``normalized[i:j]`` was made of. Slow
    (per character); meant for the rare text a rule matched.
    """
    normalized = normalize(text)
    mapped, offsets = mapped_pieces(text)
    if mapped != normalized:  # pragma: no cover - a bug; fall back to the whole text
        return normalized, [0] * len(normalized) + [len(text)]
    return normalized, offsets


def mapped_pieces(text: str) -> tuple[str, list[int]]:
    """:func:`normalize_mapped` built piece by piece, without the check against
    :func:`normalize` (the tests compare the two)."""
    if text.isascii():
        return _mapped_ascii(text)
    chars: list[str] = []
    offsets: list[int] = []
    space: int | None = None
    end = 0
    for start, stop in _clusters(text):
        piece = text[start:stop]
        for char in piece if piece.isascii() and piece.isprintable() else _fold(piece):
            if char.isspace():
                if chars and space is None:
                    space = start
                continue
            if space is not None:
                chars.append(" ")
                offsets.append(space)
                space = None
            chars.append(char.lower() if char.isascii() else char)
            offsets.append(start)
            end = stop
    offsets.append(end)
    return "".join(chars), offsets


def _mapped_ascii(text: str) -> tuple[str, list[int]]:
    # Words (runs without whitespace) map character for character, less their control
    # characters; a run of whitespace becomes one space at its first character.
    pieces: list[str] = []
    offsets: list[int] = []
    end = 0
    for word in _ASCII_WORD.finditer(text):
        start, stop = word.span()
        if word[0].isprintable():
            kept: range | list[int] = range(start, stop)
            piece = word[0].lower()
        else:
            kept = [i for i in range(start, stop) if text[i] not in _CONTROL_CHARS]
            piece = "".join(text[i] for i in kept).lower()
        if not piece:
            continue
        if pieces:
            pieces.append(" ")
            offsets.append(end)
        pieces.append(piece)
        offsets.extend(kept)
        end = stop
    offsets.append(end)
    return "".join(pieces), offsets


def original_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` that ``normalize(text)[start:end]`` was made from."""
    offsets = normalize_mapped(text)[1]
    last = len(offsets) - 1
    start = min(max(start, 0), last)
    end = min(max(end, start), last)
    if end == start:
        return offsets[start], offsets[start]
    # An end inside what one character expanded to (ß -> ss, ﬁ -> fi) takes all of it.
    while end < last and offsets[end] == offsets[end - 1]:
        end += 1
    return offsets[start], offsets[end]


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Pieces of ``text`` that normalize independently: a character with the marks,
    invisible characters and conjoining jamo after it."""
    start = 0
    for index in range(1, len(text)):
        if not _attaches(text[index]):
            yield start, index
            start = index
    if text:
        yield start, len(text)


def _attaches(char: str) -> bool:
    """Whether what ``char`` normalizes to can combine with what comes before it."""
    if char.isascii():
        return char in _CONTROL_CHARS
    image = tables().images.get(ord(char), char)
    if not image or unicodedata.category(char)[0] == "M":
        return True
    first = image[0]
    return (
        unicodedata.category(first)[0] == "M"
        or unicodedata.combining(first) != 0
        or first in composition_seconds()
    )
