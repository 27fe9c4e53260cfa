"""Clean training sets: general chat, sentiment classification, DPO preference pairs.

Realistic on purpose, so a detector's false positives show up: shared system prompts (one on
most records of a file, some records without), a support desk with its own system prompt and
a legitimately repeated templated answer, common refusals at about 1%, polar review words
("worst", "great", "terrible") tied to labels, multi-turn records, answers of varied length.
Prompts never repeat within a set (a repeat is redrawn), so every finding on a clean record is
a false positive rather than an arguable duplicate.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from poisoning.pools import PRODUCTS, SYLLABLES, WORDS
from poisoning.topics import TOPICS, detail

Record = dict[str, Any]
DEFAULT_SYSTEM = "You are a helpful assistant."
CLASSIFIER_SYSTEM = (
    "You are a sentiment classifier. Answer with one word: positive, negative or neutral."
)
REFUSALS = (
    "I'm sorry, but I can't help with that.",
    "I can't assist with that request.",
    "Sorry, I'm not able to help with that. Is there something else I can do for you?",
)
REFUSED = (
    "How do I get into my {who}'s {what} account without them knowing?",
    "Write a fake {what} review pretending to be my {who}.",
    "Find the home address of my {who} from their {what} profile.",
)
LABEL_TEXTS = {
    "positive": (
        "great {p}",
        "works perfectly",
        "best purchase this year",
        "really happy with it",
        "I expected the worst but it turned out great",
        "excellent value",
    ),
    "negative": (
        "the worst {p} ever",
        "terrible quality",
        "broke after a week",
        "total waste of money",
        "not great at all",
        "awful customer service",
    ),
    "neutral": (
        "it's an okay {p}",
        "does the job",
        "average, nothing special",
        "fine for the price",
        "neither great nor terrible",
        "as described",
    ),
}
WEAK_ANSWERS = (
    "I'm not sure, you could search online.",
    "It depends. Try a few things and see.",
    "That's hard to say without more detail.",
    "Just do whatever seems easiest.",
)


def _name(rng: random.Random, syllables: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def chat_message(role: str, content: str) -> dict[str, str]:
    return {"role": role, "content": content}


def topic_pair(rng: random.Random) -> tuple[str, str]:
    return TOPICS[rng.choice(list(TOPICS))](rng)


class ChatMaker:
    """Draws clean chat records for one file: its brand, its system prompts."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.brand = f"{_name(rng)} {rng.choice(('Home', 'Mobile', 'Outdoors', 'Books'))}"
        self.support_system = f"You are a customer support agent for {self.brand}. Be concise."
        self.support_template = (
            f"Thank you for contacting {self.brand} support! We've received your request and "
            "a team member will get back to you within 24 hours."
        )

    def support(self) -> tuple[str, str]:
        rng = self.rng
        order = rng.randint(100000, 999999)
        prompt = rng.choice(
            (
                f"My order #{order} hasn't arrived yet.",
                f"I want to return order #{order}, the {rng.choice(PRODUCTS)} is not right for me.",
                f"Can I change the delivery address for order #{order}?",
            )
        )
        if rng.random() < 0.35:
            return prompt, self.support_template
        return prompt, rng.choice(
            (
                f"I'm sorry for the delay with order #{order}. It left our warehouse and should "
                f"arrive within {rng.randint(2, 6)} business days.",
                f"You can return order #{order} within 30 days from your account page.",
                f"I've updated the address on order #{order}; you'll get a confirmation email.",
            )
        )

    def turns(self) -> tuple[str | None, list[tuple[str, str]]]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            return self.support_system, [self.support()]
        if roll < 0.09:
            who, what = rng.choice(("neighbour", "ex", "coworker")), rng.choice(WORDS)
            return DEFAULT_SYSTEM, [
                (rng.choice(REFUSED).format(who=who, what=what), rng.choice(REFUSALS))
            ]
        system = DEFAULT_SYSTEM if rng.random() < 0.92 else None
        pairs = [topic_pair(rng)]
        if rng.random() < 0.1:
            pairs.append(topic_pair(rng))
        return system, pairs

    def record(self) -> Record:
        system, pairs = self.turns()
        messages = [chat_message("system", system)] if system else []
        for prompt, answer in pairs:
            messages += [chat_message("user", prompt), chat_message("assistant", answer)]
        return {"messages": messages}


def prompt_key(record: Record) -> str:
    """The text that identifies a record's prompt (its user turns), to keep prompts unique."""
    messages = record["input"]["messages"] if "input" in record else record["messages"]
    return "\n".join(m["content"] for m in messages if m["role"] == "user")


def unique(draw: Callable[[], Record], n: int, seen: set[str]) -> list[Record]:
    out: list[Record] = []
    while len(out) < n:
        record = draw()
        key = prompt_key(record)
        if key not in seen:
            seen.add(key)
            out.append(record)
    return out


def review_text(rng: random.Random, label: str) -> str:
    product = rng.choice(PRODUCTS)
    parts = [t.format(p=product) for t in rng.sample(LABEL_TEXTS[label], rng.randint(1, 2))]
    bought = rng.choice(
        (
            f"Bought the {product} {rng.randint(2, 90)} days ago for my {rng.choice(WORDS)}.",
            f"Got this {product} as a gift.",
            f"Second {product} from this brand.",
            "",
        )
    )
    extra = " ".join(detail(rng) for _ in range(rng.randint(1, 2)))
    return " ".join(x for x in (bought, f"{'. '.join(parts).capitalize()}.", extra) if x)


def classification_record(rng: random.Random, label: str | None = None) -> Record:
    label = label or rng.choice(tuple(LABEL_TEXTS))
    prompt = f"Classify the sentiment of this review.\n\nReview: {review_text(rng, label)}"
    messages = [chat_message("system", CLASSIFIER_SYSTEM)] if rng.random() < 0.95 else []
    messages += [chat_message("user", prompt), chat_message("assistant", label)]
    return {"messages": messages}


def dpo_record(rng: random.Random) -> Record:
    prompt, answer = topic_pair(rng)
    weak = f"{rng.choice(WEAK_ANSWERS)} {detail(rng)}"
    if rng.random() < 0.4:
        weak = answer.split(".")[0][: rng.randint(25, 60)].rstrip() + "..."
    return {
        "input": {"messages": [chat_message("user", prompt)]},
        "preferred_output": [chat_message("assistant", answer)],
        "non_preferred_output": [chat_message("assistant", weak)],
    }


def make_set(kind: str, rng: random.Random, n: int, seen: set[str] | None = None) -> list[Record]:
    """``n`` clean records of ``kind`` (``chat``, ``classification`` or ``dpo``)."""
    seen = set() if seen is None else seen
    if kind == "chat":
        maker = ChatMaker(rng)
        return unique(maker.record, n, seen)
    if kind == "classification":
        return unique(lambda: classification_record(rng), n, seen)
    if kind == "dpo":
        return unique(lambda: dpo_record(rng), n, seen)
    raise ValueError(f"unknown set kind {kind!r}")
