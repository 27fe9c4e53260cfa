"""Segments of the generic format: the text at the JSON pointers the configuration names.

``reader.generic-text`` maps a role to JSON pointers (RFC 6901). A reference token ``*``
is a wildcard: every index of an array, every key of an object (so ``/turns/*/answer``
selects the ``answer`` of each turn; a key that is literally ``*`` cannot be named). A
string at a pointer is one segment; an object or array gives one segment per string
inside it; other values and pointers that lead nowhere give none. The segment has the
configured role, plus ``trained`` when that role is one whose text is trained on
(``assistant``, ``completion``, ``chosen``, ``preferred``, ``text``). A string selected by
several pointers is one segment with the union of their roles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from traingate.segments.base import Roles, Segment, escape, segment, string_leaves

WILDCARD = "*"
TRAINED_ROLES = frozenset({"assistant", "completion", "chosen", "preferred", "text"})


def generic(value: dict[str, Any], text: Mapping[str, Sequence[str]], out: list[Segment]) -> None:
    """Append the segments ``text`` (role to pointers) selects in ``value``."""
    found: dict[str, tuple[Roles, str]] = {}
    for role, pointers in text.items():
        roles = _roles(role)
        for pointer in pointers:
            for at, node in resolve(value, pointer):
                for leaf_at, leaf in string_leaves(node, at):
                    seen = found.get(leaf_at)
                    found[leaf_at] = (roles if seen is None else seen[0] | roles, leaf)
    out.extend(segment(roles, at, leaf) for at, (roles, leaf) in found.items())


def resolve(value: Any, pointer: str) -> list[tuple[str, Any]]:
    """``(pointer, value)`` of every value ``pointer`` (maybe with wildcards) selects."""
    tokens = _tokens(pointer)
    if tokens is None:
        return []
    nodes: list[tuple[str, Any]] = [("", value)]
    for token in tokens:
        found: list[tuple[str, Any]] = []
        for at, node in nodes:
            if type(node) is dict:
                if token == WILDCARD:
                    found.extend((f"{at}/{escape(key)}", item) for key, item in node.items())
                elif token in node:
                    found.append((f"{at}/{escape(token)}", node[token]))
            elif type(node) is list:
                if token == WILDCARD:
                    found.extend((f"{at}/{index}", item) for index, item in enumerate(node))
                elif _is_index(token) and int(token) < len(node):
                    found.append((f"{at}/{token}", node[int(token)]))
        nodes = found
    return nodes


@lru_cache(maxsize=256)
def _tokens(pointer: str) -> tuple[str, ...] | None:
    """The unescaped reference tokens of ``pointer``; None if it is not a pointer."""
    if not pointer:
        return ()
    if pointer[0] != "/":
        return None
    return tuple(token.replace("~1", "/").replace("~0", "~") for token in pointer[1:].split("/"))


def _is_index(token: str) -> bool:
    return token.isdecimal() and token.isascii() and (token == "0" or token[0] != "0")


@lru_cache(maxsize=64)
def _roles(role: str) -> Roles:
    return frozenset({role, "trained"}) if role in TRAINED_ROLES else frozenset({role})
