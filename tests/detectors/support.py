"""What the detector tests share: the detectors by name and their example texts."""

from __future__ import annotations

from collections.abc import Mapping

from traingate.detectors.base import Detector
from traingate.detectors.pii import PII_DETECTORS
from traingate.detectors.quality import QUALITY_DETECTORS
from traingate.detectors.secrets import SECRET_DETECTORS

OURS: dict[str, Detector] = {
    d.name: d for d in (*PII_DETECTORS, *SECRET_DETECTORS, *QUALITY_DETECTORS)
}
# Options the doc examples are written for (`text-length` does nothing without bounds).
EXAMPLE_OPTIONS: dict[str, dict[str, object]] = {"text-length": {"min": 2}}


def found(detector: Detector, text: str, options: Mapping[str, object] | None = None) -> list[str]:
    return [text[span.start : span.end] for span in detector.find(text, options or {})]


def examples(detector: Detector) -> tuple[str, str]:
    """The failing and passing example of a detector's doc."""
    doc = detector.doc
    fails = doc.split("## Example that fails\n```text\n", 1)[1].split("\n```\n", 1)[0]
    passes = doc.split("## Example that passes\n```text\n", 1)[1].split("\n```\n", 1)[0]
    return fails, passes
