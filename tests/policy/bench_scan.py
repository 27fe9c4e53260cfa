"""Throughput of the policy pass: ``python -m tests.policy.bench_scan [--original] [--hits]``.

50 regex rules and 500 keywords over 20k synthetic OpenAI-chat records (4 messages each).
Reports MB/s of segment text through ``PolicySet.check`` (MB = 10^6 bytes of UTF-8 text).
``--original`` runs every rule on the original text (no normalization); ``--hits`` mixes
some rules' keywords into the text, so that about one message in twenty has a finding.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from traingate.policy import load_policies
from traingate.record import Record
from traingate.segments import segments

RECORDS = 20_000
TEMPLATES = [
    r"\b(drink|ingest|swallow)\w*\b.{{0,40}}\b({w})\b",
    r"\b{w}[0-9]{{4,}}\b",
    r"\b(ignore|disregard) (all )?(previous|prior) {w}\b",
    r"{w}\s*[:=]\s*[a-z0-9]{{16,}}",
    r"\b{w}(ing|ed|s)?\b.{{0,20}}\bkill\w*",
]


def _words(rng: random.Random, n: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(n)]


def _policy(rng: random.Random, normalize: bool) -> tuple[bytes, list[str]]:
    flag = "true" if normalize else "false"
    lines, keywords = ["name: bench", "rules:"], []
    for i, word in enumerate(_words(rng, 50)):
        pattern = TEMPLATES[i % len(TEMPLATES)].format(w=word)
        lines += [f"  - id: regex-{i}", "    message: m", f"    normalize: {flag}"]
        lines += [f"    regex: '{pattern}'"]
    for i in range(10):
        words = _words(rng, 50)
        keywords += words
        lines += [f"  - id: keywords-{i}", "    message: m", f"    normalize: {flag}"]
        lines += [f"    keywords: [{', '.join(words)}]"]
    return "\n".join(lines).encode(), keywords


def _records(rng: random.Random, planted: list[str]) -> list[dict[str, object]]:
    vocabulary = _words(rng, 3000) + ["the", "a", "of", "to", "and", "is", "in", "it"] * 200
    vocabulary += planted

    def text(n: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(n)).capitalize() + "."

    roles = ("system", "user", "assistant", "user")
    return [
        {"messages": [{"role": r, "content": text(rng.randint(20, 32))} for r in roles]}
        for _ in range(RECORDS)
    ]


def main() -> None:
    normalize = "--original" not in sys.argv
    rng = random.Random(1)
    raw, keywords = _policy(rng, normalize)
    started = time.perf_counter()
    policyset = load_policies(["bench.yaml"], root=Path("."), read=lambda ref: raw)
    compiled = time.perf_counter() - started
    values = _records(rng, keywords[:9] if "--hits" in sys.argv else [])
    segs = [segments("openai-chat", value) for value in values]
    size = sum(len(s.text.encode()) for group in segs for s in group)
    record = Record("bench.jsonl", 1, {}, "", 0)
    started = time.perf_counter()
    findings = sum(len(list(policyset.check(record, group))) for group in segs)
    elapsed = time.perf_counter() - started
    view = "normalized view" if normalize else "original text"
    print(f"{len(values)} records, {size / 1e6:.1f} MB of text, {view}")
    print(
        f"compile {compiled * 1000:.0f} ms; scan {elapsed:.2f} s = {size / 1e6 / elapsed:.1f} MB/s"
    )
    print(f"{findings} findings")


if __name__ == "__main__":
    main()
