"""Quality detector tables, with ordinary text in several scripts and code that must pass."""

# ruff: noqa: RUF001 (full-width punctuation is what these samples are about)
from __future__ import annotations

CHINESE = (
    "人工智能正在改变我们的生活方式。从智能手机上的语音助手到医院里的辅助诊断系统，"
    "机器学习技术已经渗透到各个领域。然而，数据质量仍然是训练可靠模型的关键。"
    "研究人员指出，重复、错误或带有偏见的数据会让模型学到错误的规律。哈哈，我们继续吧。"
)
JAPANESE = (
    "東京の桜は三月の終わりから四月の初めにかけて満開になります。多くの人々が公園に集まり、"
    "友人や家族と一緒にお花見を楽しみます。夜になると提灯が灯され、昼間とはまた違った"
    "美しい景色が広がります。ええ、ええ、そうですね。とても楽しかったです！ｗｗｗ"
)
ARABIC = (
    "تعتبر اللغة العربية من أقدم اللغات السامية وأكثرها انتشارا في العالم، إذ يتحدثها أكثر "
    "من أربعمائة مليون نسمة. وهي لغة القرآن الكريم، ولها أهمية كبيرة لدى المسلمين في جميع "
    "أنحاء العالم. شكرا شكرا جزيلا على المساعدة."
)
HINDI = (
    "भारत एक विशाल देश है जिसमें अनेक भाषाएँ, धर्म और संस्कृतियाँ एक साथ रहती हैं। "
    "यहाँ के त्योहार, जैसे दीवाली और होली, पूरे देश में बड़े उत्साह से मनाए जाते हैं। "
    "धन्यवाद, धन्यवाद! आपकी मदद के लिए बहुत-बहुत शुक्रिया।"
)
RUSSIAN = (
    "Москва — столица России, крупнейший по численности населения город страны. "
    "Здесь находятся Кремль, Красная площадь и множество музеев. Да-да, конечно, "
    "мы обязательно туда поедем следующим летом, если всё будет хорошо."
)
PYTHON = '''def pad(rows: list[list[int]], width: int) -> list[list[int]]:
    """Pad every row with zeros to ``width``."""
    out = []
    for row in rows:
        out.append(row + [0] * (width - len(row)))
    return out


ZEROS = [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
print("=" * 80)
print("-" * 80)
'''
MARKDOWN_TABLE = "| a | b | c |\n|---|---|---|\n" + "| 0 | 0 | 0 |\n" * 12
LIST = "\n".join(f"- item {i}: buy milk" for i in range(20))
SONG = (
    "Row, row, row your boat, gently down the stream. "
    "Merrily, merrily, merrily, merrily, life is but a dream."
)

LOOP = "I'm sorry, I can't help with that. " * 8
STUCK_CHINESE = "这是一个问题。" * 20
STUCK_WORD = "the " * 40

FOUND: dict[str, list[tuple[str, list[str]]]] = {
    "empty-text": [("", [""]), ("   \n\t", ["   \n\t"]), ("\u200b\u3000", ["\u200b\u3000"])],
    "repetition-loop": [
        (LOOP, [LOOP]),
        (f"Sure! {STUCK_WORD}end", [f" {STUCK_WORD}"]),
        (STUCK_CHINESE, [STUCK_CHINESE]),
        ("ha" * 60, ["ha" * 60]),
    ],
}

NOT_FOUND: dict[str, list[str]] = {
    "empty-text": ["OK.", " . ", "\u200bx"],
    "repetition-loop": [
        CHINESE,
        JAPANESE,
        ARABIC,
        HINDI,
        RUSSIAN,
        PYTHON,
        MARKDOWN_TABLE,
        LIST,
        SONG,
        "hahahahaha! that was funny",
        "哈哈哈哈哈哈哈哈",
        "0" * 500,
        "I'm sorry, I can't help with that. " * 3,
    ],
}

WITH_OPTIONS: list[tuple[str, str, dict[str, object], list[str]]] = [
    ("text-length", "k", {"min": 2}, ["k"]),
    ("text-length", "ok", {"min": 2}, []),
    ("text-length", "x" * 11, {"max": 10}, ["x" * 11]),
    ("text-length", "x" * 10, {"max": 10, "min": 1}, []),
    (
        "repetition-loop",
        "I'm sorry, I can't help with that. " * 3,
        {"min-repeats": 3},
        ["I'm sorry, I can't help with that. " * 3],
    ),
    ("repetition-loop", "ha" * 60, {"min-length": 200}, []),
]
