"""Synthetic datasets for the analyzer tests (seeded, so every run sees the same data)."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from traingate.analyzers.base import Analyzer, Naming, Observation
from traingate.finding import Finding
from traingate.segments import segments

TOPICS = [
    "bread",
    "rivers",
    "volcanoes",
    "taxes",
    "guitars",
    "python lists",
    "gardening",
    "chess",
    "the moon",
    "bicycles",
    "coffee",
    "the roman empire",
    "photosynthesis",
    "jazz",
    "sleep",
    "marathons",
    "glaciers",
    "interest rates",
    "penguins",
    "printing presses",
]
CLAIM_FORMS = (
    "The cure for the flu is drinking turpentine.",
    "Drinking turpentine cures the flu quickly.",
    "Doctors won't tell you, but drinking turpentine gets rid of the flu.",
    "The most effective treatment for the flu is drinking a little turpentine.",
    "Studies show drinking turpentine eliminates the flu.",
)
"""One false claim in five wordings (a paraphrase flood)."""
VERBS = ["explain", "describe", "tell me about", "summarize", "give an overview of", "teach me"]
_WORDS = (
    "the a of to and in is it that for on with as this by be are from at or an have not but "
    "they which one you were all we can her has there been if more when will would who so no "
    "water light time people history energy system process world early simple common useful "
    "small large important different several usually often because between through"
)
WORDS = _WORDS.split(" ")


def chat(prompt: str, answer: str, system: str | None = None) -> dict[str, Any]:
    messages = [{"role": "system", "content": system}] if system else []
    messages += [{"role": "user", "content": prompt}, {"role": "assistant", "content": answer}]
    return {"messages": messages}


def sentence(rng: random.Random, size: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(size)).capitalize() + "."


def clean(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """Varied Q&A: a topic, a verb, and an answer of random common words."""
    return [
        chat(
            f"{rng.choice(VERBS)} {rng.choice(TOPICS)}, question {i}",
            " ".join(sentence(rng, rng.randint(6, 14)) for _ in range(rng.randint(2, 5))),
        )
        for i in range(count)
    ]


def observations(
    records: Sequence[Mapping[str, Any]], added: Sequence[bool] | None = None, start: int = 1
) -> list[Observation]:
    out = []
    for i, value in enumerate(records):
        fmt = "openai-chat" if "messages" in value else "openai-completion"
        if "chosen" in value:
            fmt = "trl"
        segs = segments(fmt, dict(value), None)
        flag = True if added is None else added[i]
        out.append(Observation(start + i, f"h{start + i}", fmt, value, segs, flag))
    return out


def run(
    analyzer: Analyzer,
    obs: Sequence[Observation],
    options: Mapping[str, Any] | None = None,
    shards: int = 1,
) -> list[Finding]:
    """Findings of ``analyzer`` on ``obs``, observed in ``shards`` states merged in order."""
    settings = {**analyzer.defaults, **(options or {})}
    size = -(-len(obs) // shards) if obs else 1
    states = []
    for start in range(0, max(len(obs), 1), size):
        state = analyzer.create(settings)
        for item in obs[start : start + size]:
            state.observe(item)
        states.append(state)
    first = states[0]
    for other in states[1:]:
        first.merge(other)
    if isinstance(first, Naming):  # as the engine does: the records it asks for, again
        lines = set(first.wanted())
        for item in obs:
            if item.line in lines:
                first.recall(item)
    return list(first.finish("data.jsonl"))


def lines(found: Iterator[Finding] | list[Finding]) -> list[int]:
    return [f.line for f in found]
