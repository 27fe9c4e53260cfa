"""The documented exit codes: a crash or unreadable input is never a pass."""

from __future__ import annotations

CLEAN = 0
BLOCKED = 1
USAGE = 2
UNREADABLE = 3
