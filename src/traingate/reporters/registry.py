"""Reporters by name: the CLI's ``--output-format`` choices come from here."""

from __future__ import annotations

from traingate.reporters.base import Reporter
from traingate.reporters.github import GithubReporter
from traingate.reporters.json_ import JsonReporter
from traingate.reporters.junit import JunitReporter
from traingate.reporters.sarif import SarifReporter
from traingate.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "sarif": SarifReporter,
    "junit": JunitReporter,
}
