from __future__ import annotations

import pytest

from traingate.detectors import registry
from traingate.detectors.hidden import HIDDEN_DETECTORS
from traingate.detectors.pii import PII_DETECTORS
from traingate.detectors.quality import QUALITY_DETECTORS
from traingate.detectors.secrets import SECRET_DETECTORS


def test_registry_holds_every_group_in_order() -> None:
    groups = (PII_DETECTORS, SECRET_DETECTORS, HIDDEN_DETECTORS, QUALITY_DETECTORS)
    assert list(registry.DETECTORS.values()) == [d for group in groups for d in group]
    assert all(name == d.name for name, d in registry.DETECTORS.items())


def test_a_name_defined_twice_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="'email-address' is defined twice"):
        registry._index(PII_DETECTORS, PII_DETECTORS[:1])
