from __future__ import annotations

import pytest

from traingate.detectors.checksums import IBAN_LENGTHS, iban_valid, luhn_valid


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("79927398713", True),
        ("79927398710", False),
        ("4539148803436467", True),
        ("4539148803436468", False),
        ("0", True),
        ("378282246310005", True),
    ],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid


@pytest.mark.parametrize(
    ("iban", "valid"),
    [
        ("DE89370400440532013000", True),
        ("GB82WEST12345698765432", True),
        ("NO9386011117947", True),
        ("MT84MALT011000012345MTLCAST001S", True),
        ("GB82WEST12345698765433", False),
        ("GB82WEST1234569876543", False),
        ("ZZ82WEST12345698765432", False),
        ("DEXX370400440532013000", False),
        ("DE89370400440532013０00", False),  # noqa: RUF001 (a full-width digit)
    ],
)
def test_iban(iban: str, valid: bool) -> None:
    assert iban_valid(iban) is valid


def test_iban_lengths_are_plausible() -> None:
    assert all(len(code) == 2 and code.isupper() for code in IBAN_LENGTHS)
    assert min(IBAN_LENGTHS.values()) == 15 and max(IBAN_LENGTHS.values()) == 33
