"""One run, several reports: annotations on stdout plus SARIF, JUnit, JSON files and the job
summary, all fed from the same stream of findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from typing import Literal, TextIO

from traingate.finding import Finding
from traingate.reporters.base import Reporter, Summary
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
) -> tuple[Reporter, list[TextIO]]:
    """The reporter for a run and the files it opened (the caller closes them).

    ``primary`` (a :data:`REPORTERS` name) writes to ``stdout`` and alone honours ``quiet``
    and ``color``; the report files always hold every finding. The job summary is added when
    ``GITHUB_STEP_SUMMARY`` names a file, unless ``TRAINGATE_STEP_SUMMARY=0``. Raises
    ``OSError`` (after closing what it opened) when a file cannot be opened.
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
    return (reporters[0] if len(reporters) == 1 else Fanout(reporters)), opened


def _make(
    kind: type[Reporter], stream: TextIO, rules: Mapping[str, Rule], environ: Mapping[str, str]
) -> Reporter:
    if kind is StepSummaryReporter:
        return StepSummaryReporter(stream, color=False, quiet=False, rules=rules, environ=environ)
    return kind(stream, color=False, quiet=False, rules=rules)
