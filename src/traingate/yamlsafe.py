"""Strict YAML loading for files the gate does not trust (config, policies).

``loads`` / ``load_file`` return plain JSON-like data (``dict`` with ``str`` keys, ``list``,
``str``, ``int``, ``float``, ``bool``, ``None``) together with the source line of every key
path, so callers can report ``file:line: key.path: message``.

What is refused, each as a :class:`YamlError` naming the line:

- files over ``max_bytes`` (1 MiB), bytes that are not UTF-8, YAML syntax errors, several
  documents in one file;
- a mapping key given twice at any depth (PyYAML keeps the last one silently);
- any explicit tag, core ones included (``!!str``, ``!!python/object``, ``!custom``, ``!``):
  a quoted value is always a string, so no file needs one;
- merge keys (``<<``): they let a key be overridden invisibly, which duplicate detection
  exists to prevent;
- keys that are not scalars (``? [a, b]``), nesting deeper than ``max_depth``;
- aliases that expand to more than ``max_alias_nodes`` nodes in total (billion laughs).
  Aliases are allowed but every node reached again through an alias is counted; the
  document's own nodes are bounded by the file size.

Scalars resolve with the YAML 1.2 core schema, not PyYAML's YAML 1.1 one: only
``true``/``false`` are booleans (``off``, ``no``, ``on`` stay strings), ``null``/``~``/empty
are null, ints are decimal, ``0o`` or ``0x``; everything else, dates included, is a string.
Keys are always taken as their text (``1:`` is the key ``"1"``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

KeyPath = tuple[str | int, ...]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 100
MAX_ALIAS_NODES = 10_000

_NULL = re.compile(r"null|Null|NULL|~|")
_BOOL = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")


class YamlError(Exception):
    """A file that cannot be loaded; ``line`` is 1-based, 0 for the whole file."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(file, line, message)
        self.file = file
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def format_path(path: Sequence[str | int]) -> str:
    """Render a key path the way errors name it: ``rules[3].match.regex``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass(frozen=True)
class Loaded:
    """A loaded document: ``data`` (None for an empty file) and where each key path is."""

    file: str
    data: Any
    lines: Mapping[KeyPath, int]

    def line_of(self, path: Sequence[str | int]) -> int:
        """Line of ``path``, else of its nearest recorded ancestor; 0 if none is known."""
        key = tuple(path)
        while key not in self.lines and key:
            key = key[:-1]
        return self.lines.get(key, 0)


def load_file(path: Path, name: str | None = None, *, max_bytes: int = MAX_BYTES) -> Loaded:
    """Load ``path``; errors name it as ``name`` (default: ``str(path)``)."""
    file = str(path) if name is None else name
    try:
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as exc:
        raise YamlError(file, 0, f"cannot read: {exc.strerror or exc}") from exc
    return loads(raw, file, max_bytes=max_bytes)


def loads(raw: bytes, file: str, *, max_bytes: int = MAX_BYTES) -> Loaded:
    """Load one YAML document from ``raw`` bytes; ``file`` names it in errors."""
    if len(raw) > max_bytes:
        raise YamlError(file, 0, f"file is larger than {max_bytes} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlError(file, line, f"not valid UTF-8 (byte {raw[exc.start]:#04x})") from exc
    node = _compose(text, file)
    builder = _Builder(file)
    data = None if node is None else builder.build(node, (), 0)
    return Loaded(file=file, data=data, lines=builder.lines)


def _compose(text: str, file: str) -> Node | None:
    try:
        loader = _StrictLoader(text, file)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlError(file, line, f"invalid YAML: {_describe(exc)}") from exc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        message = f"invalid YAML: character {chr(exc.character)!r} is not allowed"
        raise YamlError(file, line, message) from exc


def _describe(exc: yaml.MarkedYAMLError) -> str:
    if not (exc.context and exc.problem):
        return str(exc.problem or exc.context)
    if exc.problem.startswith("but "):
        return f"{exc.context}, {exc.problem}"
    return f"{exc.problem} ({exc.context})"


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


class _StrictLoader(yaml.SafeLoader):
    """Only PyYAML's safe scanner, parser and composer; construction is ``_Builder``'s."""

    def __init__(self, text: str, file: str) -> None:
        super().__init__(text)
        self._file = file
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            return super().compose_node(parent, index)
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1 if event.start_mark else 0
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
            raise YamlError(self._file, line, f"explicit tags are not allowed: {shown!r}")
        if self._depth >= MAX_DEPTH:
            raise YamlError(self._file, line, f"nesting deeper than {MAX_DEPTH} levels")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Builder:
    """Turns the node graph into plain data, recording lines and bounding alias expansion."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: dict[KeyPath, int] = {}
        self._seen: set[int] = set()
        self._expanded = 0

    def build(self, node: Node, path: KeyPath, depth: int) -> Any:
        self.lines.setdefault(path, _line(node))
        if id(node) in self._seen:
            self._expanded += 1
            if self._expanded > MAX_ALIAS_NODES:
                raise self._error(node, f"aliases expand to over {MAX_ALIAS_NODES} nodes")
        self._seen.add(id(node))
        if depth >= MAX_DEPTH:
            raise self._error(node, f"nesting deeper than {MAX_DEPTH} levels")
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise self._error(key_node, "mapping keys must be scalars")
            key = str(key_node.value)
            here = (*path, key)
            if key == "<<" and key_node.style is None:
                raise self._error(key_node, f"{format_path(here)}: merge keys are not allowed")
            if key in out:
                first = self.lines[here]
                message = f"{format_path(here)}: duplicate key {key!r} (first at line {first})"
                raise self._error(key_node, message)
            self.lines[here] = _line(key_node)
            out[key] = self.build(value_node, here, depth + 1)
        return out

    def _scalar(self, node: Node) -> Any:
        value = str(node.value)
        if not isinstance(node, ScalarNode) or node.style is not None:
            return value
        if _NULL.fullmatch(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        try:
            if _INT.fullmatch(value):
                return int(value)
            if _OCT.fullmatch(value) or _HEX.fullmatch(value):
                return int(value, 0)
        except ValueError as exc:
            raise self._error(node, f"integer out of range: {value[:20]}...") from exc
        if _FLOAT.fullmatch(value):
            return float(value)
        if _INF.fullmatch(value):
            return float("-inf" if value.startswith("-") else "inf")
        if _NAN.fullmatch(value):
            return float("nan")
        return value

    def _error(self, node: Node, message: str) -> YamlError:
        return YamlError(self.file, _line(node), message)
