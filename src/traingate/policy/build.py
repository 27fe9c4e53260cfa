"""From a policy file's validated data to checked rules: matchers, scopes, patterns, ids."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from traingate.detectors.base import Detector
from traingate.finding import Severity
from traingate.policy.cases import build_tests
from traingate.policy.errors import Origin, suggest
from traingate.policy.model import (
    Condition,
    DetectorMatcher,
    KeywordMatcher,
    Matcher,
    Policy,
    PolicyRule,
    RegexMatcher,
)
from traingate.policy.regexes import PatternError, compile_pattern
from traingate.policy.scope import EVERYTHING, parse_selector
from traingate.text.normalize import normalize

Path = tuple[str | int, ...]
Detectors = Mapping[str, Detector]

MATCHERS = ("regex", "keywords", "detector")
COMBINATORS = ("all", "any")
_CONDITION_ONLY = ("in", "allow", "normalize", "options")


def build_policy(data: Mapping[str, Any], origin: Origin, detectors: Detectors) -> Policy:
    """Check and build a policy whose data passed the schema."""
    rules = tuple(
        build_rule(rule, origin, ("rules", i), str(data["name"]), detectors)
        for i, rule in enumerate(data["rules"])
    )
    return Policy(
        name=data["name"],
        description=data.get("description", ""),
        file=origin.file,
        rules=rules,
        version=data.get("version"),
    )


def build_rule(
    data: Mapping[str, Any], origin: Origin, path: Path, policy: str, detectors: Detectors
) -> PolicyRule:
    if data["id"].startswith("no-"):
        message = f"rule id {data['id']!r} starts with 'no-': name the bad pattern instead"
        raise origin.error((*path, "id"), message)
    kind = _one_of(data, (*MATCHERS, *COMBINATORS), origin, path)
    combinator: Literal["", "all", "any"] = ""
    if kind in COMBINATORS:
        combinator = "all" if kind == "all" else "any"
    conditions = _conditions(data, combinator, origin, path, detectors)
    redact = data.get("redact", any(_redacts(condition) for condition in conditions))
    return PolicyRule(
        id=data["id"],
        message=data["message"],
        severity=Severity.parse(data.get("severity", "error")),
        conditions=conditions,
        combinator=combinator,
        redact=redact,
        tests=build_tests(data.get("tests", {}), conditions, origin, path),
        file=origin.file,
        line=origin.line_of(path),
        policy=policy,
    )


def _conditions(
    data: Mapping[str, Any], combinator: str, origin: Origin, path: Path, detectors: Detectors
) -> tuple[Condition, ...]:
    if not combinator:
        return (build_condition(data, origin, path, detectors),)
    misplaced = [key for key in _CONDITION_ONLY if key in data]
    if misplaced:
        where = f"each condition of the {combinator!r} list"
        raise origin.error((*path, misplaced[0]), f"{misplaced[0]!r} belongs in {where}")
    return tuple(
        build_condition(item, origin, (*path, combinator, i), detectors)
        for i, item in enumerate(data[combinator])
    )


def _redacts(condition: Condition) -> bool:
    return isinstance(condition.matcher, DetectorMatcher) and condition.matcher.detector.redact


def _one_of(data: Mapping[str, Any], keys: Sequence[str], origin: Origin, path: Path) -> str:
    present = [key for key in keys if key in data]
    if len(present) != 1:
        wanted = "exactly one of " + ", ".join(keys)
        found = f" (found {' and '.join(present)})" if present else ""
        at = (*path, present[1]) if len(present) > 1 else path
        raise origin.error(at, f"needs {wanted}{found}")
    return present[0]


def build_condition(
    data: Mapping[str, Any], origin: Origin, path: Path, detectors: Detectors
) -> Condition:
    kind = _one_of(data, MATCHERS, origin, path)
    if "options" in data and kind != "detector":
        raise origin.error((*path, "options"), "'options' is only for a 'detector'")
    detector = _detector(data, origin, path, detectors) if kind == "detector" else None
    default = detector.normalize if detector is not None else True
    normalized: bool = data.get("normalize", default)
    scope = parse_selector(data["in"], origin, (*path, "in")) if "in" in data else EVERYTHING
    allow = tuple(data.get("allow", ()))
    for i, pattern in enumerate(allow):
        _check_pattern(pattern, normalized, origin, (*path, "allow", i))
    matcher: Matcher
    if detector is not None:
        matcher = DetectorMatcher(detector, data.get("options", {}))
    elif kind == "regex":
        _check_pattern(data["regex"], normalized, origin, (*path, "regex"))
        matcher = RegexMatcher(data["regex"])
    else:
        matcher = _keywords(data["keywords"], normalized, origin, (*path, "keywords"))
    return Condition(scope=scope, matcher=matcher, allow=allow, normalize=normalized)


def _check_pattern(pattern: str, normalized: bool, origin: Origin, path: Path) -> None:
    try:
        compile_pattern(pattern, ignore_case=normalized)
    except PatternError as exc:
        raise origin.error(path, str(exc)) from None
    unreachable = next((c for c in pattern if normalized and _never_normalized(c)), None)
    if unreachable is not None:
        message = (
            f"{unreachable!r} never occurs in the normalized view (it reads "
            f"{normalize(unreachable)!r}): write the normalized form, or set normalize: false"
        )
        raise origin.error(path, message)


def _never_normalized(char: str) -> bool:
    """Whether normalization rewrites ``char`` into something a case-insensitive RE2 match
    of it cannot match (``ß`` -> ``ss``, Cyrillic ``\\u0435`` -> ``e``, full-width letters,
    invisible characters). Combining marks depend on their letter and are not judged."""
    if char.isascii() or unicodedata.category(char).startswith("M"):
        return False
    folded = normalize(char)
    return folded not in {char, char.lower(), char.upper()}


def _keywords(words: Sequence[str], normalized: bool, origin: Origin, path: Path) -> Matcher:
    needles: dict[str, None] = {}
    for i, word in enumerate(words):
        needle = normalize(word).strip() if normalized else word
        if not needle.strip():
            raise origin.error((*path, i), f"keyword {word!r} is empty once normalized")
        needles[needle] = None
    return KeywordMatcher(tuple(words), tuple(needles))


def _detector(data: Mapping[str, Any], origin: Origin, path: Path, known: Detectors) -> Detector:
    name = data["detector"]
    if name not in known:
        hint = suggest(name, known) or f" (known: {', '.join(sorted(known))})"
        raise origin.error((*path, "detector"), f"unknown detector {name!r}{hint}")
    detector = known[name]
    options = data.get("options", {})
    if _plainly_valid(options, detector.options_schema):
        return detector
    # jsonschema is slow to import: only options outside what _plainly_valid reads pay for it.
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped, unused-ignore]

    validator = Draft202012Validator(detector.options_schema)
    error = next(iter(validator.iter_errors(options)), None)
    if error is not None:
        where = (*path, "options", *error.absolute_path)
        raise origin.error(where, f"invalid option for detector {name!r}: {error.message}")
    return detector


_PLAIN_SCHEMA = frozenset({"type", "additionalProperties", "properties", "anyOf"})
_PLAIN_PROPERTY = frozenset({"type", "minimum", "maximum", "default"})


def _plainly_valid(options: Any, schema: Mapping[str, Any]) -> bool:
    """True only if ``options`` is valid against a detector's options ``schema`` written in
    the small subset read here (an object of bounded integers, ``anyOf`` required keys);
    anything else, valid or not, is left to jsonschema and its error messages."""
    if set(schema) - _PLAIN_SCHEMA or schema.get("type") != "object":
        return False
    if schema.get("additionalProperties", True) is not False or type(options) is not dict:
        return False
    properties = schema.get("properties", {})
    for key, value in options.items():
        rule = properties.get(key)
        if rule is None or set(rule) - _PLAIN_PROPERTY or rule.get("type") != "integer":
            return False
        if type(value) is not int:
            return False
        if value < rule.get("minimum", value) or value > rule.get("maximum", value):
            return False
    alternatives = schema.get("anyOf")
    if alternatives is None:
        return True
    return any(
        set(alt) == {"required"} and all(key in options for key in alt["required"])
        for alt in alternatives
    )
