"""Every detector finds exactly what its table says, and nothing in its tricky negatives."""

from __future__ import annotations

import pytest

from tests.detectors import cases_pii, cases_quality, cases_secrets
from tests.detectors.support import OURS, found

TABLES = (cases_pii, cases_secrets, cases_quality)
FOUND = [
    (name, text, want) for t in TABLES for name, rows in t.FOUND.items() for text, want in rows
]
NOT_FOUND = [(name, text) for t in TABLES for name, texts in t.NOT_FOUND.items() for text in texts]
WITH_OPTIONS = [row for t in TABLES for row in t.WITH_OPTIONS]


@pytest.mark.parametrize(("name", "text", "want"), FOUND)
def test_finds(name: str, text: str, want: list[str]) -> None:
    assert found(OURS[name], text) == want


@pytest.mark.parametrize(("name", "text"), NOT_FOUND)
def test_passes(name: str, text: str) -> None:
    assert found(OURS[name], text) == []


@pytest.mark.parametrize(("name", "text", "options", "want"), WITH_OPTIONS)
def test_options(name: str, text: str, options: dict[str, object], want: list[str]) -> None:
    assert found(OURS[name], text, options) == want


def test_every_detector_has_a_table() -> None:
    tabled = {name for t in TABLES for name in (*t.FOUND, *(row[0] for row in t.WITH_OPTIONS))}
    negatives = {name for t in TABLES for name in t.NOT_FOUND}
    assert tabled == set(OURS)
    assert negatives == set(OURS) - {"text-length"}
