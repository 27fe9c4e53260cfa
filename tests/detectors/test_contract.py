"""What every detector promises the engine: documentation, options schema, and a prefilter
that RE2 compiles and that matches wherever ``find`` finds something."""

from __future__ import annotations

import random
import re

import jsonschema
import pytest
import re2

from tests.detectors import cases_pii, cases_quality, cases_secrets
from tests.detectors.support import EXAMPLE_OPTIONS, OURS, examples, found
from traingate.detectors.base import Detector
from traingate.text.normalize import normalize

SECTIONS = (
    "## What it does",
    "## Why it matters",
    "## Example that fails",
    "## Example that passes",
    "## Options",
)
DETECTORS = sorted(OURS.values(), key=lambda d: d.name)
TABLES = (cases_pii, cases_secrets, cases_quality)


def _texts(detector: Detector) -> list[tuple[str, dict[str, object]]]:
    """Every text the tables and the doc give this detector, with the options it runs with."""
    name = detector.name
    texts: list[tuple[str, dict[str, object]]] = [
        (text, EXAMPLE_OPTIONS.get(name, {})) for text in examples(detector)
    ]
    for table in TABLES:
        texts += [(text, {}) for text, _ in table.FOUND.get(name, [])]
        texts += [(text, {}) for text in table.NOT_FOUND.get(name, [])]
        texts += [(row[1], row[2]) for row in table.WITH_OPTIONS if row[0] == name]
    return texts


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: d.name)
def test_documents_itself(detector: Detector) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", detector.name)
    assert not detector.name.startswith("no-")
    assert detector.summary.endswith(".") and "\n" not in detector.summary
    positions = [detector.doc.find(section) for section in SECTIONS]
    assert -1 not in positions and positions == sorted(positions)
    lines = detector.doc.splitlines()
    assert not [line for line in lines if line.startswith(" ") or line.endswith(" ")]


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: d.name)
def test_doc_examples(detector: Detector) -> None:
    fails, passes = examples(detector)
    options = EXAMPLE_OPTIONS.get(detector.name, {})
    assert list(detector.find(fails, options)), fails
    assert found(detector, passes, options) == []


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: d.name)
def test_options_schema(detector: Detector) -> None:
    schema = dict(detector.options_schema)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema.get("additionalProperties") is False
    defaults = {k: v["default"] for k, v in schema.get("properties", {}).items() if "default" in v}
    if detector.name != "text-length":
        jsonschema.validate({}, schema)
        jsonschema.validate(defaults, schema)
    for _, options in _texts(detector):
        jsonschema.validate(options, schema)


def test_text_length_needs_a_bound() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({}, dict(OURS["text-length"].options_schema))


@pytest.mark.parametrize(
    "detector", [d for d in DETECTORS if d.prefilter is not None], ids=lambda d: d.name
)
def test_prefilter_matches_wherever_find_does(detector: Detector) -> None:
    assert detector.prefilter is not None
    prefilter = re2.compile(f"(?i){detector.prefilter}")
    assert prefilter.search("") is None
    hits = 0
    for raw, options in _texts(detector):
        # The engine hands normalize=True detectors the normalized view; check both views.
        for text in (raw, normalize(raw)) if detector.normalize else (raw,):
            if list(detector.find(text, options)):
                hits += 1
                assert prefilter.search(text), text
    assert hits


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: d.name)
def test_redaction_and_view(detector: Detector) -> None:
    quality = detector.name in {"empty-text", "text-length", "repetition-loop"}
    assert detector.redact is not quality
    if detector in (OURS[name] for name in cases_secrets.FOUND):
        assert detector.normalize is False  # secrets are case-sensitive


def _guard_texts(detector: Detector) -> list[tuple[str, dict[str, object]]]:
    rng = random.Random(3)
    pieces = ["I can help. ", "ab", "the ", " ", "\u200b", "\n", "x" * 9, "\u0425\u0430 ", "=", "é"]
    texts = _texts(detector)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) * rng.randint(1, 12) for _ in range(rng.randint(0, 9)))
        texts.append((text, {}))
        texts.append((text, EXAMPLE_OPTIONS.get(detector.name, {})))
    return texts


@pytest.mark.parametrize("detector", [d for d in DETECTORS if d.guard], ids=lambda d: d.name)
def test_guard_is_false_only_where_find_finds_nothing(detector: Detector) -> None:
    assert detector.guard is not None
    hits = misses = 0
    for text, options in _guard_texts(detector):
        if list(detector.find(text, options)):
            hits += 1
            assert detector.guard(text, options), text
        elif not detector.guard(text, options):
            misses += 1
    assert hits and misses


@pytest.mark.parametrize(
    "options",
    [{}, {"min-repeats": 2, "min-length": 16}, {"min-repeats": 3, "max-unit": 5, "min-length": 16}],
)
def test_repetition_guard_under_options(options: dict[str, object]) -> None:
    detector = OURS["repetition-loop"]
    assert detector.guard is not None
    rng = random.Random(5)
    hits = 0
    for _ in range(3000):
        unit = "".join(rng.choice("ab c") for _ in range(rng.randint(1, 30)))
        text = "x" * rng.randint(0, 50) + unit * rng.randint(1, 8) + "y" * rng.randint(0, 50)
        if list(detector.find(text, options)):
            hits += 1
            assert detector.guard(text, options), (text, options)
    assert hits


def test_detectors_without_a_prefilter_have_a_guard() -> None:
    """A detector the set cannot skip must at least be cheap to rule out."""
    assert all(d.guard is not None for d in DETECTORS if d.prefilter is None)
