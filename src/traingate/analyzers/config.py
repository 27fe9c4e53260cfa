"""The ``analyzers:`` key of a policy file: which dataset analyzers run, with what options.

``analyzers: {trigger-association: {severity: error, min-count: 8}, ...}``: each key names
an analyzer of :data:`~traingate.analyzers.registry.ANALYZERS`, each value its options
(validated against its schema, then filled with its defaults) and optionally a
``severity`` that replaces the rule's default. Problems are load errors located in the
file like every other policy error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from traingate.analyzers.base import Analyzer
from traingate.finding import Severity
from traingate.policy.errors import Origin, suggest

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class ConfiguredAnalyzer:
    """An analyzer as a policy enables it: options filled with defaults, and a severity."""

    analyzer: Analyzer
    options: Mapping[str, Any]
    severity: Severity


def build_analyzers(data: Any, origin: Origin) -> tuple[ConfiguredAnalyzer, ...]:
    """The analyzers a policy's ``analyzers`` value enables, checked."""
    from traingate.analyzers.registry import ANALYZERS

    if data is None:
        return ()
    if not isinstance(data, dict):
        raise origin.error(("analyzers",), "expected a mapping of analyzer ids to options")
    built = []
    for name, options in data.items():
        where = ("analyzers", name)
        if name not in ANALYZERS:
            hint = suggest(str(name), ANALYZERS) or f" (known: {', '.join(sorted(ANALYZERS))})"
            raise origin.error(where, f"unknown analyzer {name!r}{hint}")
        built.append(_configure(ANALYZERS[name], options, origin, where))
    return tuple(built)


def _configure(
    analyzer: Analyzer, options: Any, origin: Origin, where: tuple[str, ...]
) -> ConfiguredAnalyzer:
    settings = dict(options or {}) if isinstance(options, dict) or options is None else None
    if settings is None:
        raise origin.error(where, "expected a mapping of options (or nothing)")
    severity = settings.pop("severity", analyzer.rule.severity.label)
    if severity not in SEVERITIES:
        hint = suggest(str(severity), SEVERITIES)
        message = f"{severity!r} is not one of: {', '.join(SEVERITIES)}{hint}"
        raise origin.error((*where, "severity"), message)
    known = analyzer.options_schema.get("properties", {})
    for key in settings:
        if key not in known:
            hint = suggest(str(key), [*known, "severity"])
            raise origin.error((*where, key), f"unknown option {key!r}{hint}")
    if not all(_plainly_valid(settings[key], known[key]) for key in settings):
        # jsonschema is slow to import (~60 ms): only options outside what _plainly_valid
        # reads, valid or not, pay for it and get its error messages.
        from jsonschema import Draft202012Validator  # type: ignore[import-untyped, unused-ignore]

        validator = Draft202012Validator(analyzer.options_schema)
        error = next(iter(validator.iter_errors(settings)), None)
        if error is not None:
            path = (*where, *error.absolute_path)
            raise origin.error(path, f"invalid option for analyzer {where[1]!r}: {error.message}")
    return ConfiguredAnalyzer(analyzer, {**analyzer.defaults, **settings}, Severity.parse(severity))


_PLAIN = frozenset({"type", "minimum", "maximum", "exclusiveMinimum"})
_TYPES: dict[str, tuple[type, ...]] = {"integer": (int,), "number": (int, float)}


def _plainly_valid(value: Any, rule: Mapping[str, Any]) -> bool:
    """True only if ``value`` is valid against an option's ``rule`` written in the small
    subset read here (a bounded integer or number, or a choice of strings); anything else
    goes to jsonschema."""
    if set(rule) == {"enum"}:
        return type(value) is str and value in rule["enum"]
    types = _TYPES.get(rule.get("type", ""))
    if types is None or set(rule) - _PLAIN or type(value) not in types:
        return False
    low, high, above = (rule.get(k) for k in ("minimum", "maximum", "exclusiveMinimum"))
    return (
        (low is None or value >= low)
        and (high is None or value <= high)
        and (above is None or value > above)
    )
