"""The PyYAML half of :mod:`traingate.yamlsafe`: the strict composer and the builder.

Kept apart so that a run whose YAML files are all in the parse cache never imports PyYAML
(about 14 ms of every pre-commit run). Everything here is described in
:mod:`traingate.yamlsafe`.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from traingate.yamlsafe import MAX_ALIAS_NODES, MAX_DEPTH, KeyPath, YamlError, format_path

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


def parse(text: str, file: str) -> tuple[Any, dict[KeyPath, int]]:
    """The data of the one YAML document in ``text`` and the line of each key path."""
    node = _compose(text, file)
    builder = _Builder(file)
    data = None if node is None else builder.build(node, (), 0)
    return data, builder.lines


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
