"""Segments: where each format's training text lives, and whose it is.

Content policies address text by role across every format: :func:`segments` turns a
record into :class:`Segment` objects (roles, JSON pointer, text, how it was decoded), and
:data:`ROLES` documents the role vocabulary that policy scopes use.
"""

from __future__ import annotations

from traingate.segments.base import ANY, ROLES, Segment, in_scope
from traingate.segments.registry import EXTRACTORS, segments

__all__ = ["ANY", "EXTRACTORS", "ROLES", "Segment", "in_scope", "segments"]
