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

The parsing itself is :mod:`traingate.yamlparse`'s; a document parsed before is read back
from the parse cache instead (see ``CACHE_KIND`` below), with the same data and lines.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache as once
from importlib import util
from pathlib import Path
from typing import Any

KeyPath = tuple[str | int, ...]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 100
MAX_ALIAS_NODES = 10_000


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
    from traingate.text import cache

    entry_name = cache.key(CACHE_KIND, raw, *_parser())
    found = _recall(entry_name)
    if found is not None:
        return Loaded(file=file, data=found[0], lines=found[1])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlError(file, line, f"not valid UTF-8 (byte {raw[exc.start]:#04x})") from exc
    from traingate import yamlparse

    data, lines = yamlparse.parse(text, file)
    _remember(entry_name, data, lines)
    return Loaded(file=file, data=data, lines=lines)


# The parse cache. Parsing YAML in pure Python, and importing PyYAML at all, was a fifth of a
# pre-commit run; the files it reads (the config, the policies) rarely change between runs.
# So a document that parsed is stored as plain JSON under the hash of its bytes and of the
# parser (yamlparse.py and the installed PyYAML), and read back instead of parsed. Errors are
# never stored: a file that fails, fails the same way every time. At most CACHE_KEEP
# documents are kept, the newest, so edits to a file do not pile up.
CACHE_KIND = "yaml"
CACHE_KEEP = 64


def _recall(name: str) -> tuple[Any, dict[KeyPath, int]] | None:
    from traingate.text import cache

    entry = cache.load(name)
    if not (isinstance(entry, dict) and set(entry) == {"data", "lines"}):
        return None
    lines: dict[KeyPath, int] = {}
    pairs = entry["lines"]
    if not isinstance(pairs, list):
        return None
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], list)):
            return None
        path, line = pair
        if type(line) is not int or line < 0 or not all(type(p) in (str, int) for p in path):
            return None
        lines[tuple(path)] = line
    return entry["data"], lines


def _remember(name: str, data: Any, lines: Mapping[KeyPath, int]) -> None:
    from traingate.text import cache

    pairs = [[list(path), line] for path, line in lines.items()]
    cache.store(name, {"data": data, "lines": pairs})
    cache.prune(CACHE_KIND, CACHE_KEEP)


@once
def _parser() -> tuple[bytes, str]:
    """What a cached parse depends on besides the bytes: this parser's code, and which
    PyYAML is installed (found without importing it)."""
    from traingate import package_data

    try:
        code = package_data.read_bytes("traingate", "yamlparse.py")
    except OSError:  # installed without sources: the version in every key stands for it
        code = b""
    spec = util.find_spec("yaml")
    origin = spec.origin if spec is not None and spec.origin else ""
    try:
        stat = os.stat(origin)
    except OSError:
        return code, origin
    return code, f"{origin}:{stat.st_size}:{stat.st_mtime_ns}"
