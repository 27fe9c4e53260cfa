"""Policy load errors, located as ``file:line: key.path: reason``."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from traingate import yamlsafe
from traingate.config import ConfigError


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


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, else ``""``."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
