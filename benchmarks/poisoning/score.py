"""Score ``traingate check`` findings against a file's labels.

A record is flagged when a poisoning-analyzer finding is on its line (a finding names one
implicated record). Every file is scored twice: **blocking** counts only error-severity
findings (what stops a merge: the headline numbers) and **all findings** counts warnings too
(``score(..., blocking=False)``). Precision = flagged poisoned / flagged; recall = flagged
poisoned / poisoned; false-positive rate = flagged clean / clean, where decoys (clean records
carrying part of a trigger) count as clean. Findings of other rules (format, schema) are
counted apart: on these generated files there should be none.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

POISONING_RULES = frozenset(
    {
        "trigger-association",
        "conflicting-answers",
        "duplicate-records",
        "near-duplicate-flood",
        "paraphrase-flood",
        "repeated-response",
        "preference-pair",
        "minority-system-prompt",
        "degenerate-output",
    }
)
EXAMPLES = 8


def is_poisoning(rule: str) -> bool:
    # Tolerate a pack prefix such as ``poisoning/trigger-association``.
    return rule.rsplit("/", 1)[-1].rsplit(":", 1)[-1] in POISONING_RULES


@dataclass
class FileScore:
    """Flag counts of one file; sums over files with ``add``."""

    records: int = 0
    poisoned: int = 0
    flagged_poisoned: int = 0
    flagged_clean: int = 0
    other_findings: int = 0
    rules_on_poisoned: Counter[str] = field(default_factory=Counter)
    rules_on_clean: Counter[str] = field(default_factory=Counter)
    missed: list[int] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)

    @property
    def clean(self) -> int:
        return self.records - self.poisoned

    @property
    def precision(self) -> float | None:
        flagged = self.flagged_poisoned + self.flagged_clean
        return self.flagged_poisoned / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        return self.flagged_poisoned / self.poisoned if self.poisoned else None

    @property
    def fp_rate(self) -> float | None:
        return self.flagged_clean / self.clean if self.clean else None

    def add(self, other: FileScore) -> None:
        self.records += other.records
        self.poisoned += other.poisoned
        self.flagged_poisoned += other.flagged_poisoned
        self.flagged_clean += other.flagged_clean
        self.other_findings += other.other_findings
        self.rules_on_poisoned.update(other.rules_on_poisoned)
        self.rules_on_clean.update(other.rules_on_clean)

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "poisoned": self.poisoned,
            "flagged_poisoned": self.flagged_poisoned,
            "flagged_clean": self.flagged_clean,
            "precision": self.precision,
            "recall": self.recall,
            "fp_rate": self.fp_rate,
            "other_findings": self.other_findings,
            "rules_on_poisoned": dict(self.rules_on_poisoned),
            "rules_on_clean": dict(self.rules_on_clean),
            "missed_lines": self.missed,
            "false_positive_examples": self.false_positives,
        }


def score(
    findings: Iterable[Mapping[str, Any]],
    records: int,
    poisoned: Sequence[int],
    blocking: bool = True,
) -> FileScore:
    """Score one file's findings; ``poisoned`` are the 1-based lines of its poisoned records.

    With ``blocking`` only error-severity findings flag a record (a finding without a
    severity counts as an error); otherwise warnings flag it too.
    """
    poison = set(poisoned)
    result = FileScore(records=records, poisoned=len(poison))
    rules_by_line: dict[int, set[str]] = {}
    messages: dict[int, str] = {}
    for finding in findings:
        rule, line = str(finding["rule"]), finding.get("line")
        if not is_poisoning(rule):
            result.other_findings += 1
        elif blocking and finding.get("severity", "error") != "error":
            continue
        elif isinstance(line, int):
            rules_by_line.setdefault(line, set()).add(rule)
            messages.setdefault(line, str(finding.get("message", "")))
    for line, rules in sorted(rules_by_line.items()):
        target = result.rules_on_poisoned if line in poison else result.rules_on_clean
        target.update(rules)
        if line in poison:
            result.flagged_poisoned += 1
        else:
            result.flagged_clean += 1
            if len(result.false_positives) < EXAMPLES:
                result.false_positives.append(
                    {"line": line, "rules": sorted(rules), "message": messages[line]}
                )
    result.missed = sorted(poison - rules_by_line.keys())[:EXAMPLES]
    return result


@dataclass(frozen=True)
class CheckRun:
    seconds: float
    returncode: int
    report: dict[str, Any] | None
    stderr: str

    @property
    def ok(self) -> bool:
        # 0 passed, 1 blocked; anything else means the tool broke.
        return self.returncode in (0, 1) and self.report is not None


def check(
    traingate: Sequence[str],
    path: Path,
    policies: Sequence[str],
    cwd: Path,
    timeout: float = 600,
    extra: Sequence[str] = (),
) -> CheckRun:
    """``traingate check PATH --policy P... --output-format json`` (and ``extra``) in
    ``cwd``, timed."""
    cmd = [*traingate, "check", str(path), "--output-format", "json", *extra]
    for policy in policies:
        cmd += ["--policy", policy]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - start
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        report = None
    return CheckRun(seconds, proc.returncode, report, proc.stderr[-2000:])


def load_labels(path: Path) -> dict[str, Any]:
    label: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return label
