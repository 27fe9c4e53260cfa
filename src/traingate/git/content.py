"""Content git would not show as text: binary files (git's own rules) and Git LFS pointers."""

from __future__ import annotations

import os

# git looks for a NUL byte in this many leading bytes to call content binary.
SNIFF_BYTES = 8000
LFS_POINTER_PREFIXES = (
    b"version https://git-lfs.github.com/spec/",
    b"version https://hawser.github.com/spec/",
)
ATTRIBUTES = ("diff", "filter")
UNSPECIFIED = "unspecified"
UNSET = "unset"
SET = "set"


def parse_check_attr(output: bytes) -> dict[str, str]:
    """``git check-attr -z`` output (path, attribute, value triples) as attribute -> value."""
    fields = output.split(b"\0")
    values: dict[str, str] = {}
    for start in range(0, len(fields) - 2, 3):
        values[os.fsdecode(fields[start + 1])] = os.fsdecode(fields[start + 2])
    return values


def diff_driver(attributes: dict[str, str]) -> str | None:
    """The name of a custom diff driver, if the ``diff`` attribute names one."""
    value = attributes.get("diff", UNSPECIFIED)
    return None if value in (UNSPECIFIED, UNSET, SET) else value


def binary_by_attributes(attributes: dict[str, str], driver_is_binary: bool) -> bool | None:
    """What the attributes decide: binary, text, or ``None`` to look at the content.

    ``-diff`` (and the ``binary`` macro, which sets it) means binary; a set ``diff`` means
    text even with NUL bytes; a driver with ``diff.<driver>.binary`` means binary.
    """
    value = attributes.get("diff", UNSPECIFIED)
    if value == UNSET:
        return True
    if value == SET:
        return False
    if driver_is_binary:
        return True
    return None


def looks_binary(head: bytes) -> bool:
    """git's content test: a NUL byte among the first 8000 bytes."""
    return b"\0" in head[:SNIFF_BYTES]


def is_lfs_pointer(head: bytes) -> bool:
    return head.startswith(LFS_POINTER_PREFIXES)


def is_lfs_filtered(attributes: dict[str, str]) -> bool:
    return attributes.get("filter") == "lfs"
