"""GitHub Actions workflow commands: one ``::error file=…,line=…::message`` line per finding.

The runner turns each line into an annotation on the file and line. Values are escaped the
way ``@actions/core`` escapes them, so no finding can end its line early or smuggle in a
second command.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from traingate.display import visible
from traingate.finding import Finding, Severity
from traingate.reporters.base import Summary
from traingate.reporters.text import format_summary
from traingate.rules.base import Rule

_BREAKS = "\r\n"
_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def default_output_format(environ: Mapping[str, str]) -> str:
    """``github`` inside a GitHub Actions job (``GITHUB_ACTIONS=true``), else ``text``."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


class GithubReporter:
    def __init__(
        self, stream: TextIO, *, color: bool, quiet: bool, rules: Mapping[str, Rule]
    ) -> None:
        self.stream = stream
        self.quiet = quiet

    def finding(self, finding: Finding) -> None:
        if self.quiet and finding.severity < Severity.ERROR:
            return
        self.stream.write(format_command(finding) + "\n")

    def finish(self, summary: Summary) -> None:
        if self.quiet and not summary.blocking and not summary.unreadable:
            return
        self.stream.write(format_summary(summary) + "\n")


def format_command(finding: Finding) -> str:
    # What the workflow-command escaping leaves (escape sequences, bidi controls) is
    # escaped first; line breaks are the command escaping's, so a message keeps its lines.
    properties = {"file": visible(finding.path, _BREAKS)} if finding.path else {}
    if finding.path and finding.line > 0:
        properties["line"] = str(finding.line)
        if finding.column > 0:
            properties["col"] = str(finding.column)
    properties["title"] = finding.rule
    pointer = f" [{finding.pointer}]" if finding.pointer else ""
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = visible(finding.message + pointer, _BREAKS)
    return f"::{_COMMANDS[finding.severity]} {joined}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
