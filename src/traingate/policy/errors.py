"""Policy load errors, located as ``file:line: key.path: reason``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from traingate import yamlsafe
from traingate.config import ConfigError
from traingate.schema_check import suggest

__all__ = ["Origin", "PolicyError", "suggest"]


class PolicyError(ConfigError):
    """A policy that cannot be used: ``policies/med.yaml:7: rules[3].regex: <reason>``.

    A :class:`~traingate.config.ConfigError`, so whatever reports config errors (exit 2)
    reports policy errors the same way; ``line`` is 1-based, 0 when unknown, and ``key``
    is the key path inside the file.
    """


@dataclass(frozen=True)
class Origin:
    """A policy file's name and the source line of each key path in it."""

    file: str
    line_of: Callable[[Sequence[str | int]], int] = lambda path: 0

    def error(self, path: Sequence[str | int], message: str) -> PolicyError:
        return PolicyError(self.file, self.line_of(path), message, yamlsafe.format_path(path))
