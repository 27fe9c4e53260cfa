"""Extra segments for text hidden in base64 blobs.

A blob is a run of at least :data:`MIN_BASE64_LENGTH` characters of the standard
(``+/``) or URL-safe (``-_``) base64 alphabet, not both, with optional ``=`` padding. A
blob that decodes to text becomes one more segment: same roles and pointer, ``via``
extended with ``base64``. Text means that at least :data:`MIN_PRINTABLE_RATIO` of the
decoded characters are printable: neither an invalid UTF-8 sequence nor a control
character other than tab, line feed and carriage return (invisible format characters
such as zero-width spaces count as printable, since hiding text with them is the point).
The tolerance lets text glued to either end of a blob (``/path/SGVsbG8…``) cost a few
garbage characters instead of hiding it; the blob is decoded as found and without its
first one, two or three characters, whichever aligns it. Blobs that decode to binary
are skipped, and so are ``data:image/…;base64,`` payloads other than SVG (a picture
cannot yield text; SVG is text).

Decoded text is decoded again, down to :data:`MAX_DECODE_DEPTH` layers. At most
:data:`MAX_DECODED_BYTES` are decoded per record; blobs past that are not decoded (their
base64 form stays a segment, so a policy still sees it). A record with no run of
:data:`MIN_BASE64_LENGTH` alphabet characters costs one byte translation and one
substring search over its text.
"""

from __future__ import annotations

import binascii
import re

from traingate.segments.base import Segment, segment

MIN_BASE64_LENGTH = 24
MIN_PRINTABLE_RATIO = 0.9
MAX_DECODE_DEPTH = 2
MAX_DECODED_BYTES = 1 << 20
BASE64 = "base64"

_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-"
# Python's regex engine costs ~15 ns a character even on plain prose; mapping the base64
# alphabet to "a" and everything else to " " and searching for a run of "a" costs ~1.5.
_TO_RUNS = bytes(0x61 if byte in _ALPHABET else 0x20 for byte in range(256))
_RUN = b"a" * MIN_BASE64_LENGTH
# Only for text that has a run: one character class under a counted repetition, linear.
_CANDIDATE = re.compile(
    rf"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{{{MIN_BASE64_LENGTH},}}={{0,2}}", re.ASCII
)
# Control characters but tab, line feed and carriage return; U+FFFD for invalid UTF-8.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_MIN_ALIGNED = MIN_BASE64_LENGTH - 4
_URLSAFE = str.maketrans("-_", "+/")
_DATA_URL_LOOKBACK = 256


class _Decoding:
    """What decoding one record has used up: bytes, and the texts it has given per pointer."""

    __slots__ = ("left", "seen")

    def __init__(self) -> None:
        self.left = MAX_DECODED_BYTES
        self.seen: set[tuple[str, str]] = set()


def add_decoded(found: list[Segment]) -> None:
    """Append to ``found`` the segments decoded from base64 blobs in its segments.

    A blob in tool-call arguments is both in the arguments string and in the argument
    parsed from it; it gives one segment, the one whose ``via`` names the argument.
    """
    if not _has_run(" ".join([source.text for source in found])):
        return
    sources = [source for source in found if _has_run(source.text)]
    sources.sort(key=lambda source: not source.via)
    decoding = _Decoding()
    for source in sources:
        _decode_into(found, source, 1, decoding)


def _has_run(text: str) -> bool:
    """Whether ``text`` holds :data:`MIN_BASE64_LENGTH` base64 characters in a row."""
    return _RUN in text.encode("utf-8", "surrogatepass").translate(_TO_RUNS)


def _decode_into(found: list[Segment], source: Segment, depth: int, decoding: _Decoding) -> None:
    text = source.text
    via = f"{source.via}>{BASE64}" if source.via else BASE64
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        if decoding.left < (end - start) * 3 // 4:
            return
        if text.endswith(";base64,", 0, start) and _is_picture(text, start):
            continue
        decoded = decode_blob(match.group())
        if decoded is None or (source.pointer, decoded) in decoding.seen:
            continue
        decoding.left -= (end - start) * 3 // 4
        decoding.seen.add((source.pointer, decoded))
        child = segment(source.roles, source.pointer, decoded, via)
        found.append(child)
        if depth < MAX_DECODE_DEPTH and _has_run(decoded):
            _decode_into(found, child, depth + 1, decoding)


def decode_blob(blob: str) -> str | None:
    """The text a base64 ``blob`` encodes, or None if it encodes no text."""
    core = blob.rstrip("=")
    urlsafe = "-" in core or "_" in core
    if urlsafe:
        if "+" in core or "/" in core:
            return None
        core = core.translate(_URLSAFE)
    for skip in range(4):
        text = _decode(core[skip:])
        if text is not None:
            return text
    return None


def _decode(core: str) -> str | None:
    if len(core) % 4 == 1:
        core = core[:-1]
    if len(core) < _MIN_ALIGNED:
        return None
    try:
        data = binascii.a2b_base64(core + "=" * (-len(core) % 4))
    except binascii.Error:
        return None
    text = data.decode("utf-8", "replace")
    if _UNPRINTABLE.search(text) is None:
        return text
    unprintable = len(_UNPRINTABLE.findall(text))
    return text if unprintable <= len(text) * (1 - MIN_PRINTABLE_RATIO) else None


def _is_picture(text: str, start: int) -> bool:
    """Whether the blob at ``start``, just after ``;base64,``, is a data URL's image."""
    scheme = text.rfind("data:", max(0, start - _DATA_URL_LOOKBACK), start)
    if scheme < 0:
        return False
    media_type = text[scheme + 5 : start].split(";", 1)[0].strip().lower()
    return media_type.startswith("image/") and not media_type.startswith("image/svg")
