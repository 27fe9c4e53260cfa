"""Every built-in detector, by name: built from explicit imports, never by scanning."""

from __future__ import annotations

from traingate.detectors.base import Detector
from traingate.detectors.hidden import HIDDEN_DETECTORS
from traingate.detectors.pii import PII_DETECTORS
from traingate.detectors.quality import QUALITY_DETECTORS
from traingate.detectors.secrets import SECRET_DETECTORS


def _index(*groups: tuple[Detector, ...]) -> dict[str, Detector]:
    index: dict[str, Detector] = {}
    for group in groups:
        for detector in group:
            if detector.name in index:
                raise RuntimeError(f"detector name {detector.name!r} is defined twice")
            index[detector.name] = detector
    return index


DETECTORS: dict[str, Detector] = _index(
    PII_DETECTORS, SECRET_DETECTORS, HIDDEN_DETECTORS, QUALITY_DETECTORS
)
