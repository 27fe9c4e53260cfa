"""The script of a letter, for the few groups of scripts the text checks care about.

Python's :mod:`unicodedata` has no Script property, so scripts are approximated by code
point blocks (Unicode 14 ``Blocks.txt``), split where a block holds letters of another
script (the Coptic letters in the Greek block, the Greek and Cyrillic letters among the
phonetic extensions). Only letters are meant to be classified: a block's punctuation and
digits get its script too, so callers check ``str.isalpha`` first.

Three groups are named here:

* :data:`LOOKALIKE`: Latin and the alphabets whose letters pass for Latin ones (Greek,
  Coptic, Cyrillic, Armenian, Cherokee, Lisu, Canadian syllabics). Confusables from these
  fold to Latin; a word mixing two of them is suspect.
* joining scripts, where ZWJ/ZWNJ between letters are ordinary spelling (Arabic, Syriac,
  Thaana, N'Ko, Mongolian, the Brahmic scripts of South and South-East Asia).
* scripts written without spaces, where a zero width space marks a word break, and the
  scripts whose letters take standardized or ideographic variation selectors.
"""

from __future__ import annotations

from bisect import bisect_right

from traingate.text.chars import Ranges

LATIN, GREEK, COPTIC, CYRILLIC = "Latin", "Greek", "Coptic", "Cyrillic"
ARMENIAN, CHEROKEE, LISU, CANADIAN = "Armenian", "Cherokee", "Lisu", "Canadian syllabics"
LOOKALIKE = frozenset({LATIN, GREEK, COPTIC, CYRILLIC, ARMENIAN, CHEROKEE, LISU, CANADIAN})

BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, LATIN),
    (0x0061, 0x007A, LATIN),
    (0x00AA, 0x00AA, LATIN),
    (0x00BA, 0x00BA, LATIN),
    (0x00C0, 0x02AF, LATIN),
    (0x0370, 0x03E1, GREEK),
    (0x03E2, 0x03EF, COPTIC),
    (0x03F0, 0x03FF, GREEK),
    (0x0400, 0x052F, CYRILLIC),
    (0x0531, 0x058F, ARMENIAN),
    (0x13A0, 0x13FF, CHEROKEE),
    (0x1400, 0x167F, CANADIAN),
    (0x18B0, 0x18FF, CANADIAN),
    (0x1C80, 0x1C8F, CYRILLIC),
    (0x1D00, 0x1D25, LATIN),
    (0x1D26, 0x1D2A, GREEK),
    (0x1D2B, 0x1D2B, CYRILLIC),
    (0x1D2C, 0x1D5C, LATIN),
    (0x1D5D, 0x1D61, GREEK),
    (0x1D62, 0x1D65, LATIN),
    (0x1D66, 0x1D6A, GREEK),
    (0x1D6B, 0x1D77, LATIN),
    (0x1D78, 0x1D78, CYRILLIC),
    (0x1D79, 0x1DBE, LATIN),
    (0x1DBF, 0x1DBF, GREEK),
    (0x1E00, 0x1EFF, LATIN),
    (0x1F00, 0x1FFF, GREEK),
    (0x2071, 0x2071, LATIN),
    (0x207F, 0x207F, LATIN),
    (0x2090, 0x209C, LATIN),
    (0x2126, 0x2126, GREEK),
    (0x212A, 0x212B, LATIN),
    (0x2132, 0x2132, LATIN),
    (0x214E, 0x214E, LATIN),
    (0x2160, 0x2188, LATIN),
    (0x2C60, 0x2C7F, LATIN),
    (0x2C80, 0x2CFF, COPTIC),
    (0x2DE0, 0x2DFF, CYRILLIC),
    (0xA4D0, 0xA4FF, LISU),
    (0xA640, 0xA69F, CYRILLIC),
    (0xA720, 0xA7FF, LATIN),
    (0xAB30, 0xAB64, LATIN),
    (0xAB65, 0xAB65, GREEK),
    (0xAB66, 0xAB6F, LATIN),
    (0xAB70, 0xABBF, CHEROKEE),
    (0xFB00, 0xFB06, LATIN),
    (0xFB13, 0xFB17, ARMENIAN),
    (0xFF21, 0xFF3A, LATIN),
    (0xFF41, 0xFF5A, LATIN),
    (0x10780, 0x107BF, LATIN),
    (0x11AB0, 0x11ABF, CANADIAN),
    (0x11FB0, 0x11FBF, LISU),
    (0x1DF00, 0x1DFFF, LATIN),
    (0x1E030, 0x1E08F, CYRILLIC),
)
_STARTS = tuple(first for first, _, _ in BLOCKS)


def script_of(char: str) -> str | None:
    """The :data:`LOOKALIKE` script of ``char``, or ``None`` for any other character."""
    code = ord(char)
    index = bisect_right(_STARTS, code) - 1
    if index >= 0 and code <= BLOCKS[index][1]:
        return BLOCKS[index][2]
    return None


def script_ranges(scripts: frozenset[str]) -> Ranges:
    return tuple((first, last) for first, last, script in BLOCKS if script in scripts)


JOINING: Ranges = (
    (0x0600, 0x08FF),  # Arabic, Syriac, Arabic Supplement, Thaana, N'Ko, ..., Arabic Ext-A/B
    (0x0900, 0x0DFF),  # Devanagari .. Sinhala
    (0x0F00, 0x109F),  # Tibetan, Myanmar
    (0x1780, 0x18AF),  # Khmer, Mongolian
    (0x1900, 0x1CFF),  # Limbu .. Vedic extensions (Brahmic scripts of South-East Asia)
    (0xA800, 0xA8FF),  # Syloti Nagri .. Devanagari Extended
    (0xA980, 0xAAFF),  # Javanese .. Meetei Mayek extensions
    (0xABC0, 0xABFF),  # Meetei Mayek
    (0xFB50, 0xFDFF),  # Arabic presentation forms A
    (0xFE70, 0xFEFC),  # Arabic presentation forms B
    (0x10D00, 0x10D3F),  # Hanifi Rohingya
    (0x10F30, 0x10FFF),  # Sogdian .. Elymaic
    (0x11000, 0x11DAF),  # Brahmi .. Gunjala Gondi (historic and minority Brahmic scripts)
    (0x1E900, 0x1E95F),  # Adlam
)

NO_SPACES: Ranges = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x1950, 0x19FF),  # Tai Le, New Tai Lue, Khmer symbols
    (0x1A20, 0x1AAF),  # Tai Tham
    (0x1B00, 0x1B7F),  # Balinese
    (0x2E80, 0x9FFF),  # CJK radicals, kana, CJK ideographs
    (0xA980, 0xA9FF),  # Javanese
    (0xAA60, 0xAADF),  # Myanmar Extended-A, Tai Viet
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # halfwidth katakana
    (0x20000, 0x3134F),  # CJK ideographs, supplementary planes
)

VARIATION_BASES: Ranges = (
    (0x1000, 0x109F),  # Myanmar (standardized variants)
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3400, 0x4DBF),  # CJK ideographs (ideographic variation sequences)
    (0x4E00, 0x9FFF),
    (0xA840, 0xA87F),  # Phags-pa
    (0xAA60, 0xAA7F),  # Myanmar Extended-A
    (0xF900, 0xFAFF),
    (0x10AC0, 0x10AFF),  # Manichaean
    (0x20000, 0x3134F),
)

HANGUL: Ranges = (
    (0x1100, 0x11FF),
    (0x3130, 0x318F),
    (0xA960, 0xA97F),
    (0xD7B0, 0xD7FF),
    (0xFFA0, 0xFFDC),
)
KHMER: Ranges = ((0x1780, 0x17FF),)
MONGOLIAN: Ranges = ((0x1800, 0x18AF),)
