"""Provider limit profiles (``--target openai``, ``--target bedrock``, ...).

Provider limits change, so they live in versioned JSON profiles shipped in
``traingate/profiles/``, each naming its sources and the date they were read. This module
loads them, measures records against them and holds the rules that report the overruns.
The target ``none`` is built in and sets no limits.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any, NamedTuple

from traingate import package_data
from traingate.finding import Finding
from traingate.record import Record
from traingate.target_rules import (
    EXAMPLE_TOO_LONG,
    FILE_TOO_LARGE,
    FORMAT_UNSUPPORTED_BY_TARGET,
    IMAGE_TOO_LARGE,
    TOO_FEW_EXAMPLES,
    TOO_MANY_EXAMPLES,
    TOO_MANY_IMAGES,
)

NO_TARGET = "none"
# The names of traingate's formats; a profile naming any other format is a load error.
FORMAT_NAMES = frozenset(
    {
        "openai-chat",
        "openai-dpo",
        "openai-completion",
        "bedrock-claude",
        "vertex-gemini",
        "trl",
        "sharegpt",
        "alpaca",
        "generic",
    }
)
CHARS_PER_TOKEN = 4
_PROFILE_KEYS = frozenset(
    {"name", "provider", "version", "source", "retrieved", "notes", "limits", "formats"}
)


class TargetError(ValueError):
    """An unknown target name, or a shipped profile that does not load."""


@dataclass(frozen=True)
class Limits:
    """What a provider accepts; ``None`` means the provider sets (or we know) no limit.

    In a profile the keys are kebab-case: ``max-tokens-per-example`` and so on.
    """

    min_examples_per_file: int | None = None
    max_examples_per_file: int | None = None
    max_file_bytes: int | None = None
    max_tokens_per_example: int | None = None
    max_images_per_example: int | None = None
    max_image_bytes: int | None = None

    @property
    def checks_records(self) -> bool:
        return (
            self.max_tokens_per_example is not None
            or self.max_images_per_example is not None
            or self.max_image_bytes is not None
        )


@dataclass(frozen=True)
class Target:
    """One provider profile. ``formats`` is ``None`` when every format is accepted."""

    name: str
    provider: str
    version: str
    source: tuple[str, ...]
    retrieved: str
    notes: str
    limits: Limits
    formats: frozenset[str] | None

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}".strip()


NONE_TARGET = Target(
    name=NO_TARGET,
    provider="no provider",
    version="",
    source=(),
    retrieved="",
    notes="No limits: every target rule is off.",
    limits=Limits(),
    formats=None,
)


def load_target(name: str) -> Target:
    """The target called ``name``; raises :class:`TargetError` listing the known names."""
    try:
        return TARGETS[name]
    except KeyError:
        known = ", ".join(sorted(TARGETS))
        raise TargetError(f"unknown target {name!r}; known targets: {known}") from None


class _LazyTargets(Mapping[str, Target]):
    """Read-only registry that reads the shipped profiles on first use."""

    def __getitem__(self, name: str) -> Target:
        return _load_targets()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(_load_targets())

    def __len__(self) -> int:
        return len(_load_targets())


TARGETS: Mapping[str, Target] = _LazyTargets()


@functools.cache
def _load_targets() -> Mapping[str, Target]:
    targets = {NO_TARGET: NONE_TARGET}
    for name in package_data.names("traingate.profiles"):
        if not name.endswith(".json"):
            continue
        where = f"traingate/profiles/{name}"
        try:
            data = json.loads(package_data.read_text("traingate.profiles", name))
        except ValueError as exc:
            raise TargetError(f"{where}: not valid JSON: {exc}") from None
        target = parse_profile(data, where)
        if target.name != name.removesuffix(".json") or target.name in targets:
            raise TargetError(f"{where}: name {target.name!r} must be the file's name, unique")
        targets[target.name] = target
    return MappingProxyType(targets)


def parse_profile(data: Any, where: str) -> Target:
    """Validate one parsed profile; every error names ``where`` and the offending key."""
    if not isinstance(data, dict):
        raise TargetError(f"{where}: a profile must be a JSON object")
    unknown = set(data) - _PROFILE_KEYS
    missing = _PROFILE_KEYS - set(data)
    if unknown or missing:
        raise TargetError(f"{where}: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
    text = {k: _text(data[k], f"{where}: {k}") for k in ("name", "provider", "version")}
    sources = data["source"] if isinstance(data["source"], list) else [data["source"]]
    if not sources:
        raise TargetError(f"{where}: source: name at least one URL")
    retrieved = _text(data["retrieved"], f"{where}: retrieved")
    try:
        datetime.date.fromisoformat(retrieved)
    except ValueError:
        raise TargetError(f"{where}: retrieved: must be a date, YYYY-MM-DD") from None
    formats = data["formats"]
    if not isinstance(formats, list) or not all(
        isinstance(name, str) and name in FORMAT_NAMES for name in formats
    ):
        raise TargetError(f"{where}: formats must be a list of {sorted(FORMAT_NAMES)}")
    return Target(
        name=text["name"],
        provider=text["provider"],
        version=text["version"],
        source=tuple(_text(s, f"{where}: source") for s in sources),
        retrieved=retrieved,
        notes=_text(data["notes"], f"{where}: notes"),
        limits=_parse_limits(data["limits"], f"{where}: limits"),
        formats=frozenset(formats),
    )


def _parse_limits(data: Any, where: str) -> Limits:
    if not isinstance(data, dict):
        raise TargetError(f"{where}: must be a JSON object")
    known = {f.name for f in fields(Limits)}
    values: dict[str, int | None] = {}
    for key, value in data.items():
        attr = key.replace("-", "_")
        if "_" in key or attr not in known:
            spelled = sorted(name.replace("_", "-") for name in known)
            raise TargetError(f"{where}.{key}: unknown limit; known: {', '.join(spelled)}")
        if value is not None and (type(value) is not int or value < 0):
            raise TargetError(f"{where}.{key}: must be a non-negative integer or null")
        values[attr] = value
    return Limits(**values)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise TargetError(f"{where}: must be a non-empty string")
    return value


# ---------------------------------------------------------------------------------------
# Measuring a record: one iterative walk gives the characters, images and image sizes.


class Measure(NamedTuple):
    """What one walk over a record found.

    ``chars`` counts the characters of every string value except image data and
    ``data:`` URLs; ``oversized_images`` lists (JSON pointer, decoded bytes) of inline
    images larger than the limit the walk was given.
    """

    chars: int
    images: int
    oversized_images: tuple[tuple[str, int], ...] = ()

    @property
    def approx_tokens(self) -> int:
        return -(-self.chars // CHARS_PER_TOKEN)


def measure(value: Any, max_image_bytes: int | None = None) -> Measure:
    """Walk ``value`` once, iteratively (no recursion limit), and measure it.

    The walk keeps no paths, which makes it about a third faster; only when an inline
    image is over ``max_image_bytes`` (rare) does a second walk find where it is.
    """
    limit = -1 if max_image_bytes is None else max_image_bytes
    chars = images = 0
    any_oversized = False
    stack: list[Any] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "type" in node or not _MEDIA_KEYS.isdisjoint(node):
                size = _image_size(node)
                if size is not None:
                    if size != _OTHER_MEDIA:
                        images += 1
                        any_oversized = any_oversized or 0 <= limit < size
                    continue
            children: Any = node.values()
        else:
            children = node
        for child in children:
            if type(child) is str:
                if not (child.startswith("data:") and _is_data_url(child)):
                    chars += len(child)
            elif isinstance(child, (dict, list)):
                stack.append(child)
    if not any_oversized:
        return Measure(chars, images)
    return Measure(chars, images, _oversized_images(value, limit))


# A path is a linked list (parent, key): pushing a container costs one tuple.
_Path = tuple[Any, str | int] | None


def _oversized_images(value: Any, max_image_bytes: int) -> tuple[tuple[str, int], ...]:
    found: list[tuple[str, int]] = []
    stack: list[tuple[Any, _Path]] = [(value, None)]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            size = _image_size(node)
            if size is not None:
                if size > max_image_bytes:
                    found.append((_pointer(path), size))
                continue
            children: Any = node.items()
        else:
            children = enumerate(node)
        pushed = [(child, (path, key)) for key, child in children if _is_container(child)]
        stack.extend(reversed(pushed))  # so that images are found in document order
    return tuple(found)


def _is_container(value: Any) -> bool:
    return isinstance(value, (dict, list))


_MEDIA_KEYS = frozenset({"inlineData", "fileData", "inline_data", "file_data"})

# _image_size of a media part that is no image (audio, PDF): not counted as an image,
# and its data is not text either.
_OTHER_MEDIA = -1


def _image_size(node: dict[str, Any]) -> int | None:
    """``None`` for an ordinary object; for an image part its inline bytes (0 if linked).

    Image parts: OpenAI ``{"type": "image_url", ...}``, Anthropic/Bedrock
    ``{"type": "image", ...}``, Vertex ``{"fileData" | "inlineData": {"mimeType":
    "image/..."}}`` (or ``file_data``, ``inline_data``, ``mime_type``). Vertex media of
    another mime type gives ``_OTHER_MEDIA``.
    """
    kind = node.get("type")
    if kind == "image_url":
        url = node.get("image_url")
        url = url.get("url") if isinstance(url, dict) else url
        if isinstance(url, str) and _is_data_url(url):
            return _base64_size(url, url.index(",") + 1)
        return 0
    if kind == "image":
        source = node.get("source")
        data = source.get("data") if isinstance(source, dict) else None
        return _base64_size(data) if isinstance(data, str) else 0
    # Either spelling of the protobuf JSON mapping, as the vertex-gemini format accepts.
    media = next((node[key] for key in _MEDIA_KEYS if key in node), None)
    if not isinstance(media, dict):
        return None
    mime = media.get("mimeType", media.get("mime_type"))
    if mime is None:
        return None
    if not (isinstance(mime, str) and mime.startswith("image/")):
        return _OTHER_MEDIA
    data = media.get("data")
    return _base64_size(data) if isinstance(data, str) else 0


def _is_data_url(text: str) -> bool:
    return text.startswith("data:") and ";base64," in text[:256]


def _base64_size(text: str, start: int = 0) -> int:
    """Decoded size of the base64 in ``text[start:]``, without copying or decoding it."""
    return (len(text) - start) * 3 // 4 - text.count("=", -2)


def _pointer(path: _Path) -> str:
    parts: list[str] = []
    while path is not None:
        path, key = path
        parts.append("/" + str(key).replace("~", "~0").replace("/", "~1"))
    return "".join(reversed(parts))


# ---------------------------------------------------------------------------------------
# Checks.


def check_record(target: Target, record: Record) -> Iterator[Finding]:
    """Per-record limits: approximate tokens, image count and inline image sizes."""
    limits = target.limits
    if not limits.checks_records:
        return
    found = measure(record.value, limits.max_image_bytes)
    where = (record.path, record.line, 1)
    max_tokens = limits.max_tokens_per_example
    if max_tokens is not None and found.approx_tokens > max_tokens:
        message = (
            f"about {found.approx_tokens:,} tokens ({found.chars:,} characters / "
            f"{CHARS_PER_TOKEN}, an approximation); {target.label} accepts at most "
            f"{max_tokens:,} tokens per example"
        )
        yield EXAMPLE_TOO_LONG.finding(*where, message, record_hash=record.hash)
    max_images = limits.max_images_per_example
    if max_images is not None and found.images > max_images:
        message = f"{found.images} images; {target.label} accepts at most {max_images} per example"
        yield TOO_MANY_IMAGES.finding(*where, message, record_hash=record.hash)
    for pointer, size in found.oversized_images:
        message = (
            f"inline image of {_size(size)}; {target.label} accepts at most "
            f"{_size(limits.max_image_bytes or 0)} per image"
        )
        yield IMAGE_TOO_LARGE.finding(*where, message, pointer, record.hash)


class FileLimits:
    """Accumulates one file's records for the file-level limits, in O(1) state.

    Call :meth:`add` for every record read from the file, then :meth:`finish` once.
    """

    __slots__ = ("_count", "_first_excess_line", "_over_at", "_target")

    def __init__(self, target: Target) -> None:
        self._target = target
        maximum = target.limits.max_examples_per_file
        self._over_at = -1 if maximum is None else maximum + 1
        self._count = 0
        self._first_excess_line = 0

    def add(self, record: Record) -> None:
        self._count += 1
        if self._count == self._over_at:
            self._first_excess_line = record.line

    def finish(self, path: str, n_bytes: int) -> Iterator[Finding]:
        """File-level findings for ``path`` of ``n_bytes`` bytes."""
        limits, label, count = self._target.limits, self._target.label, self._count
        minimum, maximum = limits.min_examples_per_file, limits.max_examples_per_file
        if minimum is not None and count < minimum:
            message = f"{count:,} examples; {label} requires at least {minimum:,}"
            yield TOO_FEW_EXAMPLES.finding(path, 0, 0, message)
        if maximum is not None and count > maximum:
            message = (
                f"{count:,} examples; {label} accepts at most {maximum:,} "
                f"(the first one over the limit is on line {self._first_excess_line})"
            )
            yield TOO_MANY_EXAMPLES.finding(path, 0, 0, message)
        max_bytes = limits.max_file_bytes
        if max_bytes is not None and n_bytes > max_bytes:
            message = f"file of {_size(n_bytes)}; {label} accepts at most {_size(max_bytes)}"
            yield FILE_TOO_LARGE.finding(path, 0, 0, message)


def check_format(target: Target, path: str, format_name: str) -> Iterator[Finding]:
    """Report a file whose format the target does not accept."""
    if target.formats is not None and format_name not in target.formats:
        accepted = ", ".join(sorted(target.formats))
        message = f"format {format_name!r} is not accepted by {target.label} (accepts: {accepted})"
        yield FORMAT_UNSUPPORTED_BY_TARGET.finding(path, 0, 0, message)


def _size(n_bytes: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n_bytes >= scale:
            return f"{n_bytes / scale:.1f} {unit} ({n_bytes:,} bytes)"
    return f"{n_bytes:,} bytes"


# ---------------------------------------------------------------------------------------
# Documentation.


def describe_targets() -> str:
    """Markdown describing every target: its limits, formats, sources and date."""
    return "\n\n".join(_describe(target) for target in TARGETS.values()) + "\n"


def _describe(target: Target) -> str:
    title = f"## `{target.name}`: {target.provider}"
    if target.name == NO_TARGET:
        return f"{title}\n\n{target.notes}"
    rows = ["| Limit | Value |", "| --- | --- |"]
    for field in fields(Limits):
        value = getattr(target.limits, field.name)
        shown = "none" if value is None else f"{value:,}"
        if value is not None and field.name.endswith("_bytes"):
            shown = _size(value)
        rows.append(f"| `{field.name.replace('_', '-')}` | {shown} |")
    formats = ", ".join(f"`{name}`" for name in sorted(target.formats or ()))
    sources = "\n".join(f"- <{url}>" for url in target.source)
    return (
        f"{title}\n\nProfile version {target.version}; sources read on "
        f"{target.retrieved}.\n\n"
        + "\n".join(rows)
        + f"\n\nAccepted formats: {formats}\n\nSources:\n\n{sources}\n\n{target.notes}"
    )
