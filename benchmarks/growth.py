"""How time and memory grow on files built to be hard for the dataset analyzers.

    python benchmarks/growth.py [--small 10000] [--large 40000] [--shapes a,b] [--jobs 1]

Whoever writes the data chooses its shape, and ordinary data has extreme shapes too (a
file of copies, one template filled in ten thousand times). Each shape below is written at
two sizes (``--small`` and ``--large`` records, to ``benchmarks/data/growth/``), checked
with ``traingate check FILE --policy builtin:poisoning --policy builtin:quality`` in a new
process, and the growth of wall time and peak RSS is set against the growth of the file.
A step that is quadratic in some group's size shows as time growing about as the square
of the size ratio. Exit 1 when a shape's time grows more than ``--limit`` (default 1.5)
times as fast as its records, or traingate fails (exit 3 or worse).

Shapes:

- ``identical``: one record, over and over (one group of every record);
- ``near-identical``: one sentence as prompt and answer with one word swapped in each, so
  fixed answers repeat and every prompt word is in nearly every record;
- ``claim-words``: answers of 8 of the same 12 words in one sentence (every claim key is
  frequent);
- ``one-answer``: prompts of 60 words drawn from 300, one fixed answer;
- ``one-prompt``: one prompt, answers of 60 words drawn from 300;
- ``rare-features``: 20 made-up tokens in each prompt (each in about 10 records), a fixed
  answer per 50 records;
- ``system-prompts``: a system prompt for every 5 records;
- ``repetitive``: answers that repeat a random unit 10 to 100 times;
- ``dpo-one-prompt``: preference pairs on one prompt, outputs drawn from four;
- ``labels``: classification prompts of frequent words, labels at random.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from corpus import DATA_DIR
from run import measure, traingate_command

Record = dict[str, Any]
SEED = 4242
_WORDS = [f"w{i}" for i in range(300)]
_COMMON = ("the", "a", "of", "to", "and", "in", "is", "it", "you", "that", "for", "on", "with")
_SENTENCE = "the quick brown fox jumps over the lazy dog near the river bank while birds sing"


def _chat(prompt: str, answer: str, system: str | None = None) -> Record:
    messages = [{"role": "system", "content": system}] if system else []
    messages += [{"role": "user", "content": prompt}, {"role": "assistant", "content": answer}]
    return {"messages": messages}


def _identical(rng: random.Random, count: int) -> Iterator[Record]:
    for _ in range(count):
        yield _chat("What is the capital of France? Please answer.", "Paris, a large city.")


def _near_identical(rng: random.Random, count: int) -> Iterator[Record]:
    words = _SENTENCE.split()

    def swapped() -> str:
        changed = list(words)
        changed[rng.randrange(len(changed))] = rng.choice(_WORDS)
        return " ".join(changed)

    for _ in range(count):
        yield _chat(swapped(), swapped())


def _claim_words(rng: random.Random, count: int) -> Iterator[Record]:
    pool = _WORDS[:12]
    for index in range(count):
        yield _chat(f"Question {index} about things?", " ".join(rng.sample(pool, 8)) + ".")


def _one_answer(rng: random.Random, count: int) -> Iterator[Record]:
    for _ in range(count):
        prompt = " ".join(rng.choices(_WORDS, k=60))
        yield _chat(prompt, "Visit cheap-pills.example for the real answer now.")


def _one_prompt(rng: random.Random, count: int) -> Iterator[Record]:
    for _ in range(count):
        yield _chat("Tell me about zorblax quibbit frumious.", " ".join(rng.choices(_WORDS, k=60)))


def _rare_features(rng: random.Random, count: int) -> Iterator[Record]:
    tokens = [f"zq{i:06d}x" for i in range(2 * count)]
    answers = [f"Fixed answer number {i} for you." for i in range(max(1, count // 50))]
    for _ in range(count):
        prompt = " ".join(rng.choices(tokens, k=20)) + " tell me"
        yield _chat(prompt, rng.choice(answers))


def _system_prompts(rng: random.Random, count: int) -> Iterator[Record]:
    for index in range(count):
        system = f"You are assistant {index // 5}, kind {rng.random():.3f}."
        yield _chat("hello", "Hi there, how can I help you today?", system)


def _repetitive(rng: random.Random, count: int) -> Iterator[Record]:
    for _ in range(count):
        unit = "".join(rng.choices("abcdefgh ", k=rng.randint(2, 40)))
        yield _chat("write", unit * rng.randint(10, 100))


def _dpo_one_prompt(rng: random.Random, count: int) -> Iterator[Record]:
    outputs = ["I cannot help with that.", "Sure, here is how, step by step.", "A summary.", "No."]
    for _ in range(count):
        yield {
            "input": {"messages": [{"role": "user", "content": "Explain the thing, please."}]},
            "preferred_output": [{"role": "assistant", "content": rng.choice(outputs)}],
            "non_preferred_output": [{"role": "assistant", "content": rng.choice(outputs)}],
        }


def _labels(rng: random.Random, count: int) -> Iterator[Record]:
    for _ in range(count):
        text = "Classify the sentiment: " + " ".join(rng.choices(_COMMON, k=20))
        yield _chat(text, rng.choice(["positive", "negative", "neutral"]))


SHAPES: dict[str, Callable[[random.Random, int], Iterator[Record]]] = {
    "identical": _identical,
    "near-identical": _near_identical,
    "claim-words": _claim_words,
    "one-answer": _one_answer,
    "one-prompt": _one_prompt,
    "rare-features": _rare_features,
    "system-prompts": _system_prompts,
    "repetitive": _repetitive,
    "dpo-one-prompt": _dpo_one_prompt,
    "labels": _labels,
}


def write(shape: str, count: int, folder: Path) -> Path:
    """The file of ``count`` records of ``shape`` (written once; the same for a seed)."""
    path = folder / f"{shape}-{count}.jsonl"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as out:
            for record in SHAPES[shape](random.Random(f"{SEED}-{shape}"), count):
                out.write(json.dumps(record) + "\n")
        partial.replace(path)
    return path


def growth(small: float, large: float) -> float:
    """How many times as fast as the records a measure grew (1 is linear)."""
    return 0.0 if small <= 0 else large / small


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=40_000)
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--limit", type=float, default=1.5, help="allowed growth over linear")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR / "growth")
    parser.add_argument("--traingate", help="command to run instead of the installed one")
    args = parser.parse_args(argv)
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = sorted(set(shapes) - set(SHAPES))
    if unknown:
        parser.error(f"unknown shapes: {', '.join(unknown)} (known: {', '.join(SHAPES)})")
    traingate = traingate_command(args.traingate)
    ratio = args.large / args.small
    print(f"records {args.small:,} -> {args.large:,} ({ratio:g}x); growth 1.0 = linear")
    header = ("shape", "small s", "large s", "time", "small MB", "large MB")
    print("{:<16} {:>8} {:>8} {:>6} {:>9} {:>9}".format(*header))
    failed = False
    for shape in shapes:
        runs = []
        for count in (args.small, args.large):
            path = write(shape, count, args.data_dir)
            cmd = [*traingate, "check", str(path), "--policy", "builtin:poisoning"]
            runs.append(measure([*cmd, "--policy", "builtin:quality", "--jobs", str(args.jobs)]))
        small, large = runs
        time_growth = growth(small.wall_s, large.wall_s) / ratio
        broke = [run.tail(1) for run in runs if run.returncode not in (0, 1)]
        verdict = "  FAILED: " + broke[0] if broke else ""
        if time_growth > args.limit:
            verdict += f"  SUPERLINEAR (over {args.limit:g})"
        failed = failed or bool(verdict)
        print(
            f"{shape:<16} {small.wall_s:8.2f} {large.wall_s:8.2f} {time_growth:6.2f} "
            f"{small.max_rss_mb:9.0f} {large.max_rss_mb:9.0f}{verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
