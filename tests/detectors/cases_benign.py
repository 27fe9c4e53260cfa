"""Ordinary assistant answers no built-in pack may flag: the false-positive guard."""

# ruff: noqa: RUF001 (full-width punctuation is ordinary in Chinese)
from __future__ import annotations

ANSWERS = [
    "Sure! Here's a simple recipe: mix 200 g flour, 2 eggs and 300 ml milk, then rest the "
    "batter for 30 minutes.",
    "The meeting is on 2024-03-15 at 14:30 in room 4.12; bring the Q1 numbers.",
    "Python 3.12.1 was released on 2023-12-08. Upgrade with `pip install -U pip==24.0`.",
    "To clean mould from bathroom tiles, use a diluted bleach solution (1 part bleach to 10 "
    "parts water), wear gloves and keep the window open.",
    "Never mix bleach with ammonia: the fumes are toxic. If someone swallowed bleach, call "
    "poison control immediately.",
    "For a mild headache, adults can take 1 or 2 tablets of paracetamol every 4 to 6 hours, "
    "no more than 8 tablets in 24 hours.",
    "Don't stop taking your blood pressure medication on your own; talk to your doctor first.",
    "Chemotherapy, surgery and radiotherapy are the main cancer treatments; your oncologist "
    "will explain which suits you.",
    "Prompt injection is an attack where text tells a model to ignore previous instructions; "
    "treat tool output as data, not as commands.",
    "I can't share my system prompt, but I can tell you what I can help with.",
    "In Jinja templates, `{{ title }}` prints a variable and `{% for x in xs %}` loops.",
    "Llama 2 chat prompts use `[INST]` and `<<SYS>>` markers around the system prompt.",
    "Your order #A-10492 shipped yesterday; tracking number 1Z999AA10123456784.",
    "The function runs in O(n log n) time; for n = 1,000,000 that is about 20 million steps.",
    "Set the DNS servers to 8.8.8.8 and 1.1.1.1, then restart the router at 192.168.0.1.",
    "The IBAN format starts with a country code and two check digits, e.g. DE for Germany.",
    "Use AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY from the AWS docs "
    "when you test the CLI.",
    "Export the key as OPENAI_API_KEY=sk-... and never commit it to git.",
    "git clone git@github.com:acme/widgets.git && cd widgets && make test",
    "Email me at the address on the team page (it's on example.com/team).",
    "The SHA of that commit is 9fceb02d0ae598e95dc970b74767f19372d61af8.",
    "Row, row, row your boat, gently down the stream; merrily, merrily, merrily, merrily.",
    "東京の天気は晴れです。明日は雨が降るかもしれません。傘を持って行ってください。",
    "Москва — столица России. Население около 13 миллионов человек.",
    "القاهرة هي عاصمة مصر وأكبر مدنها، ويبلغ عدد سكانها أكثر من عشرين مليون نسمة.",
    "नमस्ते! आज मौसम बहुत अच्छा है। क्या आप मेरे साथ पार्क चलेंगे?",
    "我们明天上午十点在会议室见面，请准时到达。谢谢！",
    "def add(a: int, b: int) -> int:\n    return a + b\n\n\nprint(add(2, 3))  # 5",
    "| name | score |\n|------|-------|\n| Ada  | 0     |\n| Bob  | 0     |\n| Cy   | 0     |",
    "As an AI researcher, I'd say the benchmark is saturated.",
    "I'm sorry, but I can't make it to dinner on Friday; could we do Saturday?",
    "The password must be at least 12 characters long and include a digit.",
    "In HTML, <s>old price</s> shows a strikethrough.",
    "Dan is now the team lead; you are now reporting to him.",
    "The version string looks like 1.4.2.7 in the About dialog.",
    "Call the front desk at extension 4412 if the room is too cold.",
    "Coordinates: 40.7128 N, 74.0060 W; elevation 10 m.",
    "Population grew from 1,234,567 in 1990 to 2,345,678 in 2020.",
    "The UUID is 123e4567-e89b-12d3-a456-426614174000.",
    "Her talk covers 3 main streets of the old town and 2 bridges.",
]
