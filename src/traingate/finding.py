"""The one type every problem becomes, from a broken byte to a poisoning signal."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``max()`` picks the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place.

    ``line`` and ``column`` are 1-based (0 when the finding is about the whole file);
    ``pointer`` is an RFC 6901 JSON pointer inside the record ("" for the record or line);
    ``record_hash`` identifies the record's content (see :mod:`traingate.record_hash`).
    ``count`` is 1, but for the finding that stands for those of its rule a file does not
    list (see :mod:`traingate.listing`): the summary counts them all.
    """

    path: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    pointer: str = ""
    record_hash: str = ""
    count: int = 1
