"""Text from the data, shown so that a reader sees it and nothing acts on it.

Messages quote what records and file names hold: JSON keys, excerpts, paths. Written as
they are, an escape sequence would drive the terminal (set its title, clear the screen),
a line break would start a line that looks like a finding or a CI command of its own, and
a bidi control would reorder what is shown. Reports pass such text through
:func:`visible`; excerpts of training text through :func:`flat`.
"""

from __future__ import annotations

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SURROGATE_ESCAPES = range(0xDC80, 0xDD00)
"""Where ``surrogateescape`` puts the bytes of a file name that are not UTF-8."""


def escaped(char: str) -> str:
    """One character as Python writes it in a string: ``\\n``, ``\\x1b``, ``\\u202e``,
    ``\\U000e0041``; a byte of a file name that is not UTF-8 as ``\\xff``."""
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code in _SURROGATE_ESCAPES:
        code -= 0xDC00
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str, keep: str = "") -> str:
    """``text`` with every character that is not printable escaped: controls, line and
    paragraph separators, format characters (bidi controls, zero width), surrogates and
    unassigned code points; except those in ``keep``, for a format that escapes them
    itself. Printable text, spaces included, is returned as it is."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char in keep else escaped(char) for char in text)


def flat(text: str) -> str:
    """Like :func:`visible`, but whitespace becomes a space: an excerpt on one line."""
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else " " if char.isspace() else escaped(char) for char in text
    )


def decodable(text: str) -> str:
    """``text`` as valid Unicode: the bytes of a file name that are not UTF-8 (kept as
    surrogates) written ``\\xff``; everything else as it is."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return "".join(escaped(char) if "\ud800" <= char <= "\udfff" else char for char in text)
    return text
