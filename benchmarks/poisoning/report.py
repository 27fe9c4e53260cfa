"""Plain-text tables of a poisoning benchmark run, with the targets they are judged against."""

from __future__ import annotations

from collections import Counter
from typing import Any

from poisoning.score import FileScore

TARGET_RECALL = 0.95
TARGET_PRECISION = 0.95
TARGET_FP = 0.005
MIN_PER_TRIGGER = 15


def _num(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f}%"


def _rules(counts: Counter[str]) -> str:
    return ",".join(f"{rule}:{n}" for rule, n in counts.most_common()) or "-"


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]
    lines = [header, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in lines
    )


def scenario_table(rows: list[dict[str, Any]]) -> str:
    header = [
        "file",
        "rate",
        "poisoned",
        "recall",
        "precision",
        "FP clean",
        "all: recall",
        "precision",
        "FP clean",
        "seconds",
        "rules on poisoned / on clean (all findings)",
    ]
    body = []
    for row in rows:
        s: FileScore = row["score"]
        a: FileScore = row["score_all"]
        rules = f"{_rules(a.rules_on_poisoned)} / {_rules(a.rules_on_clean)}"
        body.append(
            [
                row["scenario"].name,
                _pct(row["label"]["rate"]),
                str(s.poisoned),
                _num(s.recall),
                _num(s.precision),
                _pct(s.fp_rate),
                _num(a.recall),
                _num(a.precision),
                _pct(a.fp_rate),
                f"{row['seconds']:.2f}",
                rules,
            ]
        )
    return (
        "\nAttacked files (blocking = error findings, then all findings = warnings too; "
        "FP = flagged clean / clean records)\n" + _table(header, body)
    )


def family_summary(rows: list[dict[str, Any]], change: bool = False) -> str:
    """Per family, summed over files with >= MIN_PER_TRIGGER examples per trigger, of the
    whole files or (``change``) of the same attacks added by a change (diff mode).

    The target is judged on blocking (error-severity) findings; all findings are shown too.
    """
    key, key_all = ("change", "change_all") if change else ("score", "score_all")
    totals: dict[str, tuple[FileScore, FileScore]] = {}
    for row in rows:
        if row["scenario"].per_trigger >= MIN_PER_TRIGGER:
            blocking, every = totals.setdefault(row["scenario"].family, (FileScore(), FileScore()))
            blocking.add(row[key])
            every.add(row[key_all])
    header = [
        "family",
        "poisoned",
        "recall",
        "precision",
        "FP clean",
        "target",
        "all: recall",
        "precision",
        "FP clean",
    ]
    body = []
    for family, (s, a) in totals.items():
        ok = (s.recall or 0) >= TARGET_RECALL and (s.precision or 0) >= TARGET_PRECISION
        body.append(
            [
                family,
                str(s.poisoned),
                _num(s.recall),
                _num(s.precision),
                _pct(s.fp_rate),
                "met" if ok else "MISSED",
                _num(a.recall),
                _num(a.precision),
                _pct(a.fp_rate),
            ]
        )
    what = (
        "the attack added by a change to the rest of the file (--diff; FP = flagged added "
        "clean records, decoys and a tenth of the clean ones)"
        if change
        else "whole files"
    )
    title = (
        f"\nPer family, {what}, files with >= {MIN_PER_TRIGGER} per trigger, blocking findings "
        f"(target: recall >= {TARGET_RECALL}, precision >= {TARGET_PRECISION}), then all\n"
    )
    return title + _table(header, body)


def clean_table(rows: list[dict[str, Any]], packs: list[str]) -> str:
    header = [
        "clean set",
        "records",
        "flagged",
        "FP rate",
        "FP/cost target",
        "all: flagged",
        "FP rate",
        "change: flagged / added (all)",
        "no policy s",
        "poisoning s",
        "record packs s",
        "analyzers add / packs add",
        "rules",
    ]
    body = []
    for row in rows:
        s: FileScore = row["score"]
        a: FileScore = row["score_all"]
        c: FileScore = row["change"]
        t = row["timings"]
        added = t["poisoning"] - t["structure"]
        packs_added = t.get("record-packs", t["structure"]) - t["structure"]
        fp_ok = (s.fp_rate or 0) <= TARGET_FP
        cost_ok = added <= packs_added
        body.append(
            [
                row["scenario"].name,
                str(s.records),
                str(s.flagged_clean),
                _pct(s.fp_rate),
                ("met" if fp_ok else "MISSED") + "/" + ("met" if cost_ok else "MISSED"),
                str(a.flagged_clean),
                _pct(a.fp_rate),
                f"{c.flagged_clean} / {c.records} ({row['change_all'].flagged_clean})",
                f"{t['structure']:.2f}",
                f"{t['poisoning']:.2f}",
                _num(t.get("record-packs")),
                f"{added:.2f} / {packs_added:.2f}",
                _rules(a.rules_on_clean),
            ]
        )
    title = (
        f"\nClean sets (target: blocking FP <= {100 * TARGET_FP}% / analyzers add <= record packs"
        "; change: the clean records a change adds, a tenth of them, flagged in diff mode"
        "; rules: all findings; "
        f"record packs: {', '.join(packs) or 'none available'}; wall time, median)\n"
    )
    return title + _table(header, body)
