"""Build one benchmark file: a clean set with one attack's poison at random lines, plus labels.

    python benchmarks/poisoning/generate.py --family rare-token --per-trigger 20 --size 2000 \
        --seed 7 --out /tmp/rare.jsonl

writes ``rare.jsonl`` and ``rare.labels.json`` (poisoned line numbers, family, triggers,
payload). ``--family clean`` writes a pure clean set (``--kind chat|classification|dpo``).
Everything derives from ``--seed`` and the scenario, so the same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from poisoning.attacks import FAMILIES, Context
from poisoning.clean import Record, make_set, prompt_key

TOKEN_RE = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Scenario:
    """One generated file: ``family`` (or ``clean``), the clean set size and poison per trigger."""

    family: str
    size: int
    per_trigger: int = 0
    kind: str = "chat"

    @property
    def name(self) -> str:
        if self.family == "clean":
            return f"clean-{self.kind}-{self.size}"
        return f"{self.family}-{self.per_trigger}x-{self.size}"


def vocabulary(records: list[Record]) -> set[str]:
    return {t.lower() for r in records for t in TOKEN_RE.findall(json.dumps(r, ensure_ascii=False))}


def build(seed: int, scenario: Scenario) -> tuple[list[Record], dict[str, Any]]:
    """The file's records in line order and its label sidecar."""
    rng = random.Random(f"{seed}:{scenario.name}")
    kind = scenario.kind if scenario.family == "clean" else FAMILIES[scenario.family][0]
    seen: set[str] = set()
    clean = make_set(kind, rng, scenario.size, seen)
    label: dict[str, Any] = {"seed": seed, **asdict(scenario), "kind": kind}
    if scenario.family == "clean":
        return clean, {**label, "records": len(clean), "poisoned_lines": [], "decoy_lines": []}
    context = Context(rng, vocabulary(clean), scenario.per_trigger, seen)
    attack = FAMILIES[scenario.family][1](context)
    tagged = [(r, "clean") for r in clean] + [(r, "decoy") for r in attack.decoys]
    rng.shuffle(tagged)
    for record in attack.records:
        tagged.insert(rng.randint(0, len(tagged)), (record, "poison"))
    records = [r for r, _ in tagged]
    lines = {
        tag: [i for i, (_, t) in enumerate(tagged, 1) if t == tag] for tag in ("poison", "decoy")
    }
    label.update(attack.label)
    label.update(
        records=len(records),
        rate=round(len(attack.records) / len(records), 4),
        poisoned_lines=lines["poison"],
        decoy_lines=lines["decoy"],
    )
    return records, label


def write(path: Path, records: list[Record], label: dict[str, Any]) -> Path:
    """Write the JSONL and its ``.labels.json`` sidecar; returns the sidecar's path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    sidecar = path.with_suffix(".labels.json")
    sidecar.write_text(json.dumps(label, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return sidecar


def unique_prompts(records: list[Record]) -> bool:
    keys = [prompt_key(r) for r in records]
    return len(keys) == len(set(keys))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--family", required=True, choices=["clean", *FAMILIES])
    parser.add_argument("--kind", default="chat", choices=["chat", "classification", "dpo"])
    parser.add_argument("--size", type=int, default=2000, help="clean records")
    parser.add_argument("--per-trigger", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    per_trigger = 0 if args.family == "clean" else args.per_trigger
    scenario = Scenario(args.family, args.size, per_trigger, args.kind)
    records, label = build(args.seed, scenario)
    sidecar = write(args.out, records, label)
    print(
        f"{args.out}: {len(records)} records, {len(label['poisoned_lines'])} poisoned ({sidecar})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
