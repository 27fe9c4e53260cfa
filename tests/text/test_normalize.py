"""The normalized view: disguises fold to the plain text, ordinary text keeps its content."""

# ruff: noqa: RUF001 (look-alike characters are what these tests are about)

from __future__ import annotations

import unicodedata

import pytest

from traingate.text.normalize import normalize

PLAIN = "to cure a cold, drink bleach."


def _tags(text: str) -> str:
    return "".join(chr(0xE0000 + ord(c)) for c in text)


DISGUISES = [
    ("plain", "To cure a cold, drink bleach."),
    ("upper case", "TO CURE A COLD, DRINK BLEACH."),
    ("mixed case", "tO cUrE a CoLd, DrInK bLeAcH."),
    ("full-width", "Ｔｏ ｃｕｒｅ ａ ｃｏｌｄ， ｄｒｉｎｋ ｂｌｅａｃｈ．"),
    ("Cyrillic look-alikes", "To сurе а соld, drіnk blеасh."),
    ("Cyrillic capitals", "TО CURЕ А CОLD, DRІNK ВLЕАСН."),
    ("Greek look-alikes", "Tο cure α cοld, drink bleαch."),
    ("Greek capitals", "ΤΟ CURΕ Α COLD, DRΙNΚ ΒLΕΑCH."),
    ("Armenian and Cherokee", "To cure a cօld, drink bleaᏟh."),
    ("small capitals", "ᴛᴏ ᴄᴜʀᴇ ᴀ ᴄᴏʟᴅ, ᴅʀɪɴᴋ ʙʟᴇᴀᴄʜ."),
    ("math bold", "𝐓𝐨 𝐜𝐮𝐫𝐞 𝐚 𝐜𝐨𝐥𝐝, 𝐝𝐫𝐢𝐧𝐤 𝐛𝐥𝐞𝐚𝐜𝐡."),
    ("math script and fraktur", "𝒯ℴ 𝔠𝔲𝔯𝔢 𝒶 𝓬𝓸𝓵𝓭, 𝕕𝕣𝕚𝕟𝕜 𝖇𝖑𝖊𝖆𝖈𝖍."),
    ("zero width space", "To cure a cold, dr\u200bink bl\u200beach."),
    ("joiners and word joiner", "To cu\u200cre a co\u200dld, dri\u2060nk bleach\ufeff."),
    ("soft hyphens", "To cure a cold, drink\u00ad bleach, drink ble\u00adach."[:29] + "."),
    ("bidi marks and isolates", "To cure a cold, \u2066drink\u2069 b\u200eleach\u202c."),
    ("tags and selectors", f"To cure{_tags('x')} a cold, dri\ufe0fnk bl\U000e0100each."),
    ("Hangul fillers", "To cure a cold, dr\u3164ink ble\uffa0ach."),
    ("controls", "To cure a cold, dr\x00ink ble\x7fach\x9f."),
    ("accents", "Tó cúré à cöld, drínk blèâçh."),
    ("decomposed accents", "To cure a co\u0308ld, dri\u0301nk bleach\u0327."),
    ("strike-through marks", "To cure a cold, d\u0336r\u0336i\u0336n\u0336k\u0336 bleach."),
    ("stroke letters", "To cure a cøld, drink bleach."),
    ("spaces and newlines", "  To   cure\ta\u00a0cold,\n\n drink\u3000bleach.\u2028 "),
    ("ligatures", "To cure a cold, drink bleach."),
    ("everything", "ＴＯ сurе\u200b а\u00a0𝐜𝐨𝐥𝐝,\n dr\u00adі\u0301nk ʙʟᴇᴀᴄʜ．"),
]


@pytest.mark.parametrize(("name", "text"), DISGUISES, ids=[d[0] for d in DISGUISES])
def test_disguises_normalize_to_the_plain_text(name: str, text: str) -> None:
    assert normalize(text) == PLAIN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("   \n\t ", ""),
        ("Straße", "strasse"),
        ("ﬁne ﬂour", "fine flour"),
        ("① ㎏ ½", "1 kg 1⁄2"),
        ("İstanbul ǰ", "istanbul j"),
        ("naïve café résumé", "naive cafe resume"),
        ("Ǆemal", "dzemal"),
        ("ϲat Ϲat", "cat cat"),
        ("1\u00a0000\u202f000", "1 000 000"),
        ("tab\x0bvt\x0cff\x1cfs\x85nel", "tab vt ff fs nel"),
        ("braille\u2800blank", "braille blank"),
        ("dr1nk 0xygen 4111 1111 1111 1111", "dr1nk 0xygen 4111 1111 1111 1111"),
        ("rn m 0 O 1 l I", "rn m 0 o 1 l i"),
        ("\u0301leading mark", "leading mark"),
    ],
)
def test_normalizes(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Привет, мир! Как дела? Отбеливатель опасен.",
        "Γειά σου κόσμε. Η χλωρίνη είναι επικίνδυνη.",
        "مرحبا بالعالم، لا تشرب المبيض.",
        "שלום עולם, אל תשתה אקונומיקה.",
        "नमस्ते दुनिया, ब्लीच मत पियो।",
        "你好世界，不要喝漂白剂。",
        "東京は晴れです。漂白剤を飲まないで。",
        "안녕하세요 세계, 표백제를 마시지 마세요.",
        "สวัสดีชาวโลก อย่าดื่มน้ำยาฟอกขาว",
        "ሰላም ለዓለም",
        "می‌خواهم بخوانم",
    ],
)
def test_ordinary_text_in_other_scripts_keeps_its_content(text: str) -> None:
    normalized = normalize(text)
    letters = [c for c in normalized if c.isalpha()]
    assert len(letters) >= 0.9 * len([c for c in text if c.isalpha()])
    assert normalize(text.upper()) == normalized == normalize(text.lower())
    assert normalize(normalized) == normalized


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Scripts outside the look-alike group are never rewritten into Latin letters.
        ("مرحبا", "مرحبا"),
        ("שלום", "שלום"),
        ("नमस्ते", "नमस्ते"),
        ("漂白剤", "漂白剤"),
        ("ოლი", "ოლი"),
        # Digits of other scripts stay digits of those scripts.
        ("١٢٣ ०१२", "١٢٣ ०१२"),
        # Cyrillic and Greek fold letter by letter, alike in both cases.
        ("Как как КАК", "kak kak kak"),
        ("Ηλιος ηλιος", "nλioo nλioo"),
    ],
)
def test_other_scripts(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("👨\u200d👩\u200d👧", "👨👩👧"),
        ("👍🏽 👋🏿", "👍🏽 👋🏿"),
        ("❤️ ☺︎", "❤ ☺"),
        ("🇫🇷🇯🇵", "🇫🇷🇯🇵"),
        (f"🏴{_tags('gbeng')}\U000e007f", "🏴"),
        ("1️⃣ #️⃣", "1 #⃣"),
        ("🧑🏽\u200d🚀 ok", "🧑🏽🚀 ok"),
    ],
)
def test_emoji_sequences_are_harmless(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_canonically_equivalent_texts_normalize_alike() -> None:
    for text in ["Ёлка й ΐ ᾳ ῼ ǰ Ǻ", "Việt Nam", "한국어", "e\u0301\u0323 a\u0323\u0301"]:
        nfd = unicodedata.normalize("NFD", text)
        nfc = unicodedata.normalize("NFC", text)
        assert normalize(nfd) == normalize(nfc) == normalize(text)


def test_lone_surrogates_do_not_raise() -> None:
    assert normalize("a\ud800B") == "a\ud800b"
    assert normalize("\ud800 x") == "\ud800 x"


def test_ascii_and_general_paths_agree() -> None:
    # The ASCII fast path must give what the general path would: a trailing "é" forces
    # the general path without touching the ASCII part.
    texts = ["  Mixed   CASE\ttext\n", "a\x00b\x08c\x1bd\x7fe", "x\x1c\x1d\x1e\x1fy", "A_B-C.D"]
    for text in texts:
        assert normalize(text + " é")[:-2] == normalize(text)
