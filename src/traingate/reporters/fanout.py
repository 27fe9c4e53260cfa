"""One run, several reports: annotations on stdout plus SARIF, JUnit, JSON files and the job
summary, all fed from the same stream of findings."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Literal, TextIO

from traingate.finding import Finding
from traingate.reporters.base import Reporter, Summary
from traingate.reporters.github import GithubReporter
from traingate.reporters.json_ import JsonReporter
from traingate.reporters.junit import JunitReporter
from traingate.reporters.registry import REPORTERS
from traingate.reporters.sarif import SarifReporter
from traingate.reporters.step_summary import StepSummaryReporter
from traingate.rules.base import Rule

STEP_SUMMARY = "GITHUB_STEP_SUMMARY"
STEP_SUMMARY_SWITCH = "TRAINGATE_STEP_SUMMARY"


class Fanout:
    """Forwards every call to each reporter, in order."""

    def __init__(self, reporters: Sequence[Reporter]) -> None:
        self.reporters = list(reporters)

    def finding(self, finding: Finding) -> None:
        for reporter in self.reporters:
            reporter.finding(finding)

    def finish(self, summary: Summary) -> None:
        for reporter in self.reporters:
            reporter.finish(summary)


class FromRepositoryRoot:
    """A reporter for CI tools, which name files relative to the repository's top: each
    finding's path (relative to the working directory) and each checked file (relative to
    the config's root) are rewritten so; a path outside the repository stays absolute."""

    def __init__(self, reporter: Reporter, top: Path, config_root: Path) -> None:
        self.reporter = reporter
        self.top = top
        self.config_root = config_root

    def finding(self, finding: Finding) -> None:
        if finding.path:
            finding = replace(finding, path=self._from(Path(finding.path)))
        self.reporter.finding(finding)

    def finish(self, summary: Summary) -> None:
        checked = {self._from(self.config_root / path) for path in summary.checked_paths}
        self.reporter.finish(replace(summary, checked_paths=checked))

    def _from(self, path: Path) -> str:
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.top).as_posix()
        except ValueError:
            return str(absolute)


_FROM_TOP = (SarifReporter, JunitReporter, GithubReporter, StepSummaryReporter)
"""The reporters whose paths CI tools resolve against the repository's top."""


def open_reporters(
    primary: str,
    stdout: TextIO,
    *,
    color: bool,
    quiet: bool,
    rules: Mapping[str, Rule],
    sarif_path: str | None = None,
    junit_path: str | None = None,
    json_path: str | None = None,
    environ: Mapping[str, str],
    roots: tuple[Path, Path] | None = None,
) -> tuple[Reporter, list[TextIO]]:
    """The reporter for a run and the files it opened (the caller closes them).

    ``primary`` (a :data:`REPORTERS` name) writes to ``stdout`` and alone honours ``quiet``
    and ``color``; the report files always hold every finding. The job summary is added when
    ``GITHUB_STEP_SUMMARY`` names a file, unless ``TRAINGATE_STEP_SUMMARY=0``. Raises
    ``OSError`` (after closing what it opened) when a file cannot be opened. ``roots`` (the
    repository's top and the config's root) makes SARIF, JUnit, annotations and the job
    summary name files from the repository's top whatever the working directory.
    """
    reporters: list[Reporter] = [REPORTERS[primary](stdout, color=color, quiet=quiet, rules=rules)]
    opened: list[TextIO] = []
    targets: list[tuple[str | None, Literal["w", "a"], type[Reporter]]] = [
        (sarif_path, "w", SarifReporter),
        (junit_path, "w", JunitReporter),
        (json_path, "w", JsonReporter),
    ]
    if environ.get(STEP_SUMMARY) and environ.get(STEP_SUMMARY_SWITCH) != "0":
        targets.append((environ[STEP_SUMMARY], "a", StepSummaryReporter))
    with ExitStack() as on_error:
        for path, mode, kind in targets:
            if path is not None:
                stream = on_error.enter_context(open(path, mode, encoding="utf-8"))
                opened.append(stream)
                reporters.append(_make(kind, stream, rules, environ))
        on_error.pop_all()
    if roots is not None:
        reporters = [
            FromRepositoryRoot(r, *roots) if isinstance(r, _FROM_TOP) else r for r in reporters
        ]
    return (reporters[0] if len(reporters) == 1 else Fanout(reporters)), opened


def _make(
    kind: type[Reporter], stream: TextIO, rules: Mapping[str, Rule], environ: Mapping[str, str]
) -> Reporter:
    if kind is StepSummaryReporter:
        return StepSummaryReporter(stream, color=False, quiet=False, rules=rules, environ=environ)
    return kind(stream, color=False, quiet=False, rules=rules)
