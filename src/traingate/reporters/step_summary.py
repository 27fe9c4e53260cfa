"""The GitHub Actions job summary: a Markdown page appended to ``$GITHUB_STEP_SUMMARY``.

It shows the verdict, counts by rule and by file, the first findings (linked to the file and
line when the run knows the repository and commit) and how to reproduce the run locally. It
runs alongside another reporter, keeps only what it shows, writes only in ``finish`` (one
write, so that runs sharing the file do not interleave) and stays far below GitHub's 1 MiB
limit per step.
"""

from __future__ import annotations

import os
import re
import shlex
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import TextIO
from urllib.parse import quote

from traingate.display import visible
from traingate.finding import Finding, Severity
from traingate.reporters.base import Summary
from traingate.reporters.text import format_summary
from traingate.rules.base import Rule

DEFAULT_LIMIT = 50
MAX_BYTES = 64 * 1024
MAX_CELL = 200
# Everything inline Markdown (and GitHub's extensions: mentions, emoji, math) gives meaning to.
_MARKUP = re.compile(r"([\\`*_\[\]()<>&|~!$:^@#.])")
_SHA = re.compile(r"[0-9a-f]{7,64}")
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


class StepSummaryReporter:
    def __init__(
        self,
        stream: TextIO,
        *,
        color: bool,
        quiet: bool,
        rules: Mapping[str, Rule],
        environ: Mapping[str, str] | None = None,
        limit: int = DEFAULT_LIMIT,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.stream = stream
        self.rules = rules
        self.environ = os.environ if environ is None else environ
        self.limit = limit
        self.max_bytes = max_bytes
        self.shown: list[Finding] = []
        self.by_file: dict[str, Counter[Severity]] = defaultdict(Counter)

    def finding(self, finding: Finding) -> None:
        self.by_file[finding.path][finding.severity] += 1
        if len(self.shown) < self.limit:
            self.shown.append(finding)

    def finish(self, summary: Summary) -> None:
        self.stream.write(self.render(summary))
        self.stream.flush()

    def render(self, summary: Summary) -> str:
        tail = _reproduce(self.environ)
        page = _Page(self.max_bytes - len(tail.encode()) - 512, self.limit)
        page.force(f"## traingate: {verdict(summary)}\n\n{_md(format_summary(summary))}\n")
        link = _linker(self.environ)
        by_rule = sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        page.table(
            "| Rule | Findings | What it catches |\n|---|---:|---|",
            (f"| {_code(r)} | {n} | {_md(_rule_summary(self.rules.get(r)))} |" for r, n in by_rule),
            (len(by_rule), "rules"),
        )
        page.table(
            "| File | Errors | Warnings | Infos |\n|---|---:|---:|---:|",
            (
                f"| {link(path, 0, path)} | " + " | ".join(str(c[s]) for s in _SEVERITIES) + " |"
                for path, c in sorted(self.by_file.items())
            ),
            (len(self.by_file), "files"),
        )
        page.table(
            "| Location | Severity | Rule | Message |\n|---|---|---|---|",
            (_finding_row(f, link) for f in self.shown),
            (summary.total, "findings"),
        )
        return page.text() + tail


def verdict(summary: Summary) -> str:
    if summary.unreadable:
        return "unreadable"
    return "blocked" if summary.blocking else "passed"


class _Page:
    """Markdown under a byte budget; tables stop at the row that would not fit."""

    def __init__(self, budget: int, rows: int) -> None:
        self.parts: list[str] = []
        self.left = budget
        self.rows = rows

    def force(self, text: str) -> None:
        self.parts.append(text)
        self.left -= len(text.encode())

    def table(self, header: str, rows: Iterable[str], count: tuple[int, str]) -> None:
        total, noun = count
        if not total:
            return
        self.force(f"\n{header}\n")
        shown = 0
        for row in rows:
            size = len(row.encode()) + 1
            if shown >= self.rows or size > self.left:
                break
            self.force(row + "\n")
            shown += 1
        if shown < total:
            self.force(f"\n… {total - shown} more {noun}\n")

    def text(self) -> str:
        return "".join(self.parts)


def _finding_row(finding: Finding, link: _Link) -> str:
    location = f"{finding.path}:{finding.line}:{finding.column}"
    pointer = f" [{finding.pointer}]" if finding.pointer else ""
    return (
        f"| {link(finding.path, finding.line, location)} | {finding.severity.label} | "
        f"{_code(finding.rule)} | {_md(_clip(finding.message + pointer))} |"
    )


class _Link:
    def __init__(self, base: str | None) -> None:
        self.base = base

    def __call__(self, path: str, line: int, label: str) -> str:
        text = _md(_clip(label))
        if self.base is None or not path or _is_absolute(path):
            return text
        anchor = f"#L{line}" if line > 0 else ""
        return f"[{text}]({self.base}/{quote(os.fsencode(path))}{anchor})"


def _linker(environ: Mapping[str, str]) -> _Link:
    """Links into the commit that was checked: ``TRAINGATE_HEAD_SHA``, else ``GITHUB_SHA``."""
    server = environ.get("GITHUB_SERVER_URL", "").rstrip("/")
    repository = environ.get("GITHUB_REPOSITORY", "")
    sha = environ.get("TRAINGATE_HEAD_SHA") or environ.get("GITHUB_SHA", "")
    if not server.startswith(("https://", "http://")) or not repository or not _SHA.fullmatch(sha):
        return _Link(None)
    return _Link(f"{server}/{quote(repository)}/blob/{sha}")


def _reproduce(environ: Mapping[str, str]) -> str:
    base_ref = environ.get("GITHUB_BASE_REF", "")
    if base_ref:
        remote = shlex.quote(f"origin/{base_ref}")
        command = f"git fetch origin {shlex.quote(base_ref)}\ntraingate check --diff {remote}"
    else:
        command = "traingate check --diff <base>"
    return f"\n### Reproduce locally\n\n```sh\npip install traingate\n{command}\n```\n"


def _rule_summary(rule: Rule | None) -> str:
    return rule.summary if rule is not None else ""


def _is_absolute(path: str) -> bool:
    return os.path.isabs(path)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _md(text: str) -> str:
    """Literal text in a Markdown table cell: one line, what cannot be seen escaped
    (:func:`~traingate.display.visible`), markup characters escaped, and no autolink:
    GitHub makes links of ``www.`` and ``https://`` whatever their escapes, unless the
    ``.`` and ``:`` are escaped, and of an e-mail address unless a word joiner (U+2060)
    follows its ``@``."""
    escaped = _MARKUP.sub(r"\\\1", visible(" ".join(text.splitlines())))
    return escaped.replace("@", "@\u2060")


def _code(text: str) -> str:
    return f"`{text}`" if re.fullmatch(r"[A-Za-z0-9._/-]+", text) else _md(text)
