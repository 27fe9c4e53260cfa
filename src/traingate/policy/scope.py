"""Which segments a rule reads: role names and JSON pointer patterns (``in:``).

A segment is selected when it has one of the roles (``any`` selects every segment) or when
its pointer equals one of the pointer patterns or lies below it. A ``*`` reference token
in a pattern matches any one key or index: ``/messages/*/content`` selects
``/messages/2/content`` and, below it, ``/messages/2/content/0/text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from traingate.policy.errors import Origin, suggest
from traingate.segments import ANY, ROLES, in_scope

WILDCARD = "*"

Tokens = tuple[str, ...]


@dataclass(frozen=True)
class Selector:
    """A parsed ``in:`` list; ``names`` keeps it as written, for docs and messages."""

    roles: frozenset[str]
    pointers: tuple[Tokens, ...]
    names: tuple[str, ...]

    def selects(self, roles: frozenset[str], pointer: str) -> bool:
        if in_scope(roles, self.roles):
            return True
        if not self.pointers:
            return False
        tokens = pointer.split("/")[1:] if pointer else []
        return any(_at_or_below(tokens, pattern) for pattern in self.pointers)

    @property
    def everything(self) -> bool:
        return ANY in self.roles


EVERYTHING = Selector(frozenset({ANY}), (), (ANY,))


def _at_or_below(tokens: Sequence[str], pattern: Tokens) -> bool:
    if len(tokens) < len(pattern):
        return False
    return all(want in (WILDCARD, got) for want, got in zip(pattern, tokens, strict=False))


def parse_selector(names: Sequence[str], origin: Origin, path: Sequence[str | int]) -> Selector:
    """Check role names (did-you-mean) and pointer syntax; raise at the offending entry."""
    roles: set[str] = set()
    pointers: list[Tokens] = []
    for i, name in enumerate(names):
        if name.startswith("/"):
            pointers.append(_pointer_tokens(name, origin, (*path, i)))
        elif name in ROLES:
            roles.add(name)
        else:
            hint = suggest(name, ROLES) or " (a JSON pointer starts with '/')"
            raise origin.error((*path, i), f"unknown role {name!r}{hint}")
    return Selector(frozenset(roles), tuple(pointers), tuple(names))


def _pointer_tokens(pointer: str, origin: Origin, path: Sequence[str | int]) -> Tokens:
    tokens = tuple(pointer.split("/")[1:])
    for token in tokens:
        if token.replace("~0", "").replace("~1", "").count("~"):
            message = f"invalid JSON pointer {pointer!r}: '~' must be written ~0 (and '/' ~1)"
            raise origin.error(path, message)
    return tokens


def example_pointer(selector: Selector) -> str:
    """A concrete pointer the selector selects (wildcards as ``0``), or ``""``."""
    if not selector.pointers:
        return ""
    return "".join(f"/{'0' if t == WILDCARD else t}" for t in selector.pointers[0])
