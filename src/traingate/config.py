"""The repository config: ``.traingate.yaml`` or ``[tool.traingate]`` in ``pyproject.toml``.

Discovery (:func:`discover`) walks up from a start directory and takes the first directory
holding ``.traingate.yaml`` or a ``pyproject.toml`` with a ``[tool.traingate]`` table; both
in one directory is an error, and so is a ``.traingate.yml`` (it would be ignored silently).
The walk stops at the git repository root (a directory containing ``.git``). With no config,
:func:`load_config` returns the defaults rooted at the git root, else at the start
directory. A config's ``root`` (what globs are relative to) is the directory holding it,
for an explicit ``--config`` file too unless the caller passes ``root``.

Loading fails loudly (:class:`ConfigError`, naming ``file:line: key.path``): the data is
validated against ``schemas/config.schema.json``, globs are compiled, and format and target
names are checked against the names the caller passes. Rule ids are checked in a separate
step, :meth:`Config.validate_rule_ids`, once policies have added their rules. TOML gives no
line numbers, so for ``pyproject.toml`` the line is a best-effort text search for the key
(0, shown as no line, when it is not found).

Globs are described in :mod:`traingate.globs`.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from traingate import yamlsafe
from traingate.finding import Severity
from traingate.globs import Glob
from traingate.schema_check import first_error, suggest

YAML_NAME = ".traingate.yaml"
PYPROJECT_NAME = "pyproject.toml"
DEFAULT_BASELINE = ".traingate-baseline.json"
MISNAMED_NAME = ".traingate.yml"
DEFAULT_FILES = tuple(
    f"**/*.{kind}{ext}" for ext in ("", ".gz", ".zst") for kind in ("jsonl", "ndjson")
)
SEVERITIES: Mapping[str, Severity | None] = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
    "off": None,
}
KeyPath = yamlsafe.KeyPath
RuleTable = Mapping[str, Severity | None]


class ConfigError(Exception):
    """A config that cannot be used. ``line`` is 1-based, 0 when unknown."""

    def __init__(self, file: str, line: int, message: str, key: str = "") -> None:
        super().__init__(file, line, message, key)
        self.file = file
        self.line = line
        self.message = message
        self.key = key

    def __str__(self) -> str:
        parts = [f"{self.file}:{self.line}" if self.line else self.file]
        parts += [self.key] if self.key else []
        return ": ".join([*parts, self.message])


@dataclass(frozen=True)
class Origin:
    """Where a config came from, to turn a key path into ``file:line: key.path``."""

    file: str
    line_of: Callable[[Sequence[str | int]], int] = lambda path: 0

    def error(self, path: Sequence[str | int], message: str) -> ConfigError:
        return ConfigError(self.file, self.line_of(path), message, yamlsafe.format_path(path))


@dataclass(frozen=True)
class ReaderSettings:
    """The ``reader:`` table: limits and leniencies of the JSONL reader."""

    max_line_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    max_values: int = 500_000
    allow_empty: bool = False
    allow_bom: bool = False
    max_decompression_ratio: int = 100
    generic_text: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Waiver:
    """One ``waivers:`` entry: a finding of ``rule`` on record ``record`` does not block."""

    rule: str
    record: str
    reason: str
    expires: str | None = None
    path: Glob | None = None
    line: int = 0


@dataclass(frozen=True)
class Override:
    """One ``overrides:`` entry: settings for the files matching ``files``."""

    files: tuple[Glob, ...]
    format: str | None = None
    target: str | None = None
    rules: RuleTable = field(default_factory=dict)


@dataclass(frozen=True)
class FileSettings:
    """Format, target and rule severities resolved for one file."""

    format: str
    target: str
    rules: RuleTable

    def severity_for(self, rule_id: str, default: Severity) -> Severity | None:
        """The severity of ``rule_id`` for this file; None means the rule is off."""
        return self.rules.get(rule_id, default)


DEFAULT_GLOBS = tuple(Glob.compile(pattern) for pattern in DEFAULT_FILES)


@dataclass(frozen=True)
class Config:
    """The repository config; every field has the default an absent key gets."""

    root: Path
    source: Path | None = None
    files: tuple[Glob, ...] = DEFAULT_GLOBS
    exclude: tuple[Glob, ...] = ()
    format: str = "auto"
    target: str = "none"
    rules: RuleTable = field(default_factory=dict)
    fail_on: Literal["error", "warning"] = "error"
    overrides: tuple[Override, ...] = ()
    reader: ReaderSettings = field(default_factory=ReaderSettings)
    policies: tuple[str, ...] = ()
    baseline: str = DEFAULT_BASELINE
    waivers: tuple[Waiver, ...] = ()
    signed_by: str | None = None
    origin: Origin = field(default=Origin("<defaults>"), compare=False, repr=False)
    rule_refs: tuple[tuple[KeyPath, str], ...] = field(default=(), compare=False, repr=False)

    def severity_for(
        self, rule_id: str, default: Severity, relpath: str | None = None
    ) -> Severity | None:
        """The configured severity of ``rule_id`` (``default`` if unset); None means off.

        With ``relpath``, the file's overrides apply too (see :meth:`settings_for`).
        """
        rules = self.rules if relpath is None else self.settings_for(relpath).rules
        return rules.get(rule_id, default)

    def matches(self, relpath: str) -> bool:
        """Whether ``relpath`` (POSIX, relative to ``root``) is a training-data file."""
        return self.matches_files(relpath) and not self.is_excluded(relpath)

    def matches_files(self, relpath: str) -> bool:
        """Whether ``relpath`` matches a ``files`` glob (``exclude`` aside)."""
        return _any(self.files, PurePosixPath(relpath).as_posix())

    def is_excluded(self, relpath: str) -> bool:
        """Whether ``relpath`` matches an ``exclude`` glob."""
        return _any(self.exclude, PurePosixPath(relpath).as_posix())

    def may_hold_training_files(self, directory: str) -> bool:
        """Whether a file under ``directory`` (POSIX, relative to ``root``) could be a
        training-data file: some ``files`` glob could match below it, and ``exclude`` does
        not take all of it. For a submodule, whose files diff mode cannot see."""
        # A name no file has: excluded only where everything below the directory is.
        if _any(self.exclude, f"{directory}/\0"):
            return False
        parts = [part for part in directory.split("/") if part not in ("", ".")]
        return any(_may_match_below(glob.pattern, parts) for glob in self.files)

    def settings_for(self, relpath: str) -> FileSettings:
        """Format, target and severities for one file; later overrides win."""
        path = PurePosixPath(relpath).as_posix()
        fmt, target, rules = self.format, self.target, dict(self.rules)
        for override in self.overrides:
            if _any(override.files, path):
                fmt = override.format or fmt
                target = override.target or target
                rules.update(override.rules)
        return FileSettings(format=fmt, target=target, rules=rules)

    def changed_rules(self) -> tuple[str, ...]:
        """Rule ids whose severity the config sets anywhere, in file order, once each."""
        return tuple(dict.fromkeys(rule_id for _, rule_id in self._refs_in_order()))

    def validate_rule_ids(self, known_rules: Collection[str]) -> None:
        """Raise :class:`ConfigError` for the first rule id (in file order) not known."""
        for path, rule_id in self._refs_in_order():
            if rule_id not in known_rules:
                hint = suggest(rule_id, known_rules)
                raise self.origin.error(path, f"unknown rule id {rule_id!r}{hint}")
        for i, waiver in enumerate(self.waivers):
            if waiver.rule not in known_rules:
                hint = suggest(waiver.rule, known_rules)
                path = ("waivers", i, "rule")
                raise self.origin.error(path, f"unknown rule id {waiver.rule!r}{hint}")

    def _refs_in_order(self) -> list[tuple[KeyPath, str]]:
        return sorted(self.rule_refs, key=lambda ref: self.origin.line_of(ref[0]))


def _may_match_below(pattern: str, parts: Sequence[str]) -> bool:
    """Whether ``pattern`` could match a path below the directory ``parts``."""
    segments = [part for part in pattern.split("/") if part not in ("", ".")]
    if pattern.endswith("/"):
        segments.append("**")
    if "**" in segments:
        fixed = segments[: segments.index("**")]
    elif len(segments) > len(parts):
        fixed = segments
    else:
        return False  # too few segments to reach below the directory
    depth = min(len(fixed), len(parts))
    return depth == 0 or Glob.compile("/".join(fixed[:depth])).match("/".join(parts[:depth]))


def _any(globs: Iterable[Glob], path: str) -> bool:
    return any(glob.match(path) for glob in globs)


# --- discovery and loading ---------------------------------------------------------------


def discover(start: Path) -> Path | None:
    """The config file governing ``start``, or None; stops at the git repository root."""
    here = start.resolve()
    for directory in (here, *here.parents):
        found = _config_in(directory)
        if found is not None or (directory / ".git").exists():
            return found
    return None


def work_tree_top(start: Path) -> Path | None:
    """The nearest directory from ``start`` up that holds ``.git``, if any."""
    return next((d for d in (start, *start.parents) if (d / ".git").exists()), None)


def _config_in(directory: Path) -> Path | None:
    yaml_path, toml_path = directory / YAML_NAME, directory / PYPROJECT_NAME
    misnamed = directory / MISNAMED_NAME
    if misnamed.is_file():
        raise misnamed_error(_display(misnamed))
    if yaml_path.exists() and not yaml_path.is_file():  # a directory, say: never no config
        raise ConfigError(_display(yaml_path), 0, "cannot read: not a file")
    in_toml = toml_path.is_file() and toml_table(_read(toml_path), _display(toml_path))
    if yaml_path.is_file() and in_toml:
        raise ambiguous_error(_display(yaml_path), _display(toml_path))
    if yaml_path.is_file():
        return yaml_path
    return toml_path if in_toml else None


def load_config(
    start: Path | None = None,
    explicit: Path | None = None,
    *,
    known_formats: Collection[str],
    known_targets: Collection[str],
) -> Config:
    """The config for ``start`` (default: cwd): ``explicit`` if given, else discovered."""
    here = (start or Path.cwd()).resolve()
    path = explicit if explicit is not None else discover(here)
    if path is None:
        return Config(root=work_tree_top(here) or here)
    return load_file(path, known_formats=known_formats, known_targets=known_targets)


def load_file(
    path: Path,
    *,
    root: Path | None = None,
    known_formats: Collection[str],
    known_targets: Collection[str],
) -> Config:
    """Load a ``.traingate.yaml``-style file, or a ``*.toml`` file's ``[tool.traingate]``.

    ``root`` defaults to the file's directory.
    """
    source = path.resolve()
    return parse(
        _read(path),
        name=_display(path),
        toml=path.suffix == ".toml",
        root=root or source.parent,
        source=source,
        known_formats=known_formats,
        known_targets=known_targets,
    )


def parse(
    raw: bytes,
    *,
    name: str,
    root: Path,
    source: Path | None = None,
    toml: bool = False,
    known_formats: Collection[str],
    known_targets: Collection[str],
) -> Config:
    """Build a config from file contents (e.g. read from a git ref); ``name`` names it."""
    if toml:
        table = toml_table(raw, name)
        if table is None:
            raise ConfigError(name, 0, "no [tool.traingate] table")
        origin = Origin(name, _toml_line_finder(raw.decode("utf-8")))
    else:
        try:
            loaded = yamlsafe.loads(raw, name)
        except yamlsafe.YamlError as exc:
            raise ConfigError(exc.file, exc.line, exc.message) from exc
        table = {} if loaded.data is None else loaded.data
        origin = Origin(name, loaded.line_of)
    error = first_error(table, "config.schema.json", origin.line_of)
    if error is not None:
        raise origin.error(*error)
    names = {"format": (known_formats, "auto"), "target": (known_targets, "none")}
    return _build(table, origin, root=root, source=source, names=names)


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            raw = stream.read(yamlsafe.MAX_BYTES + 1)
    except OSError as exc:
        raise ConfigError(_display(path), 0, f"cannot read: {exc.strerror or exc}") from exc
    if len(raw) > yamlsafe.MAX_BYTES:
        raise ConfigError(_display(path), 0, f"larger than {yamlsafe.MAX_BYTES} bytes")
    return raw


def _display(path: Path) -> str:
    try:
        relative = os.path.relpath(path.resolve(), Path.cwd())
    except ValueError:  # another drive on Windows
        return str(path.resolve())
    return str(path.resolve()) if relative.startswith("..") else Path(relative).as_posix()


def misnamed_error(name: str) -> ConfigError:
    """A ``.traingate.yml``: it would be ignored silently, so it is an error."""
    return ConfigError(name, 0, f"rename it to {YAML_NAME}, the name read")


def ambiguous_error(yaml_name: str, toml_name: str) -> ConfigError:
    """Both a ``.traingate.yaml`` and a ``[tool.traingate]`` table in one place."""
    message = f"ambiguous config: {toml_name} also has [tool.traingate]; keep one"
    return ConfigError(yaml_name, 0, message)


def toml_table(raw: bytes, name: str) -> dict[str, Any] | None:
    """The ``[tool.traingate]`` table of a ``pyproject.toml``, if it has one."""
    # Imported here: only a repository configured in pyproject.toml reads TOML.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(name, 0, f"invalid TOML: {exc}") from exc
    tool = document.get("tool")
    table = tool.get("traingate") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def _toml_line_finder(text: str) -> Callable[[Sequence[str | int]], int]:
    """Best effort: find each key of the path in turn, after ``[tool.traingate``."""
    lines = text.splitlines()
    header = next((i for i, line in enumerate(lines) if "[tool.traingate" in line), None)

    def line_of(path: Sequence[str | int]) -> int:
        if header is None:
            return 0
        found = header
        for key in (part for part in path if isinstance(part, str)):
            pattern = re.compile(rf"(^|[\s{{,.\[])[\"']?{re.escape(key)}[\"']?\s*[=\].]")
            found = next((i for i in range(found, len(lines)) if pattern.search(lines[i])), found)
        return found + 1

    return line_of


# --- building ----------------------------------------------------------------------------

Names = Mapping[str, tuple[Collection[str], str]]


def _build(
    table: dict[str, Any], origin: Origin, *, root: Path, source: Path | None, names: Names
) -> Config:
    _check_names(table, (), origin, names)
    rules, refs = _rule_table(table, origin)
    overrides = []
    for i, item in enumerate(table.get("overrides", [])):
        path = ("overrides", i)
        _check_names(item, path, origin, names)
        files = _globs(item["files"], (*path, "files"), origin)
        severities = {rule: SEVERITIES[level] for rule, level in item.get("rules", {}).items()}
        refs += [((*path, "rules", rule), rule) for rule in severities]
        overrides.append(Override(files, item.get("format"), item.get("target"), severities))
    reader = {key.replace("-", "_"): value for key, value in table.get("reader", {}).items()}
    if "generic_text" in reader:
        reader["generic_text"] = {k: tuple(v) for k, v in reader["generic_text"].items()}
    return Config(
        root=root,
        source=source,
        files=_globs(table["files"], ("files",), origin) if "files" in table else DEFAULT_GLOBS,
        exclude=_globs(table.get("exclude", []), ("exclude",), origin),
        format=table.get("format", "auto"),
        target=table.get("target", "none"),
        rules=rules,
        fail_on=table.get("fail-on", "error"),
        overrides=tuple(overrides),
        reader=ReaderSettings(**reader),
        policies=tuple(table.get("policies", [])),
        baseline=table.get("baseline", DEFAULT_BASELINE),
        waivers=_waivers(table.get("waivers", []), origin),
        signed_by=table.get("signed-by"),
        origin=origin,
        rule_refs=tuple(refs),
    )


def _waivers(items: list[dict[str, Any]], origin: Origin) -> tuple[Waiver, ...]:
    waivers = []
    for i, item in enumerate(items):
        path = ("waivers", i)
        glob = _globs([item["path"]], (*path, "path"), origin)[0] if "path" in item else None
        expires = item.get("expires")
        if expires is not None:
            try:
                datetime.date.fromisoformat(expires)
            except ValueError as exc:
                raise origin.error((*path, "expires"), f"not a date: {expires!r}") from exc
        waivers.append(
            Waiver(
                item["rule"], item["record"], item["reason"], expires, glob, origin.line_of(path)
            )
        )
    return tuple(waivers)


def _check_names(table: Mapping[str, Any], path: KeyPath, origin: Origin, names: Names) -> None:
    for key, (known, builtin) in names.items():
        value = table.get(key)
        if value is not None and value != builtin and value not in known:
            hint = suggest(value, [builtin, *known])
            raise origin.error((*path, key), f"unknown {key} {value!r}{hint}")


def _rule_table(
    table: Mapping[str, Any], origin: Origin
) -> tuple[dict[str, Severity | None], list[tuple[KeyPath, str]]]:
    levels: Mapping[str, str] = table.get("rules", {})
    rules = {rule: SEVERITIES[level] for rule, level in levels.items()}
    refs: list[tuple[KeyPath, str]] = [(("rules", rule), rule) for rule in rules]
    for i, rule in enumerate(table.get("ignore", [])):
        if rules.get(rule) is not None:
            message = f"rule {rule!r} is ignored but set to {levels[rule]!r} under rules"
            raise origin.error(("ignore", i), message)
        rules[rule] = None
        refs.append((("ignore", i), rule))
    return rules, refs


def _globs(patterns: Sequence[str], path: KeyPath, origin: Origin) -> tuple[Glob, ...]:
    globs = []
    for i, pattern in enumerate(patterns):
        try:
            globs.append(Glob.compile(pattern))
        except re.error as exc:
            raise origin.error((*path, i), f"invalid glob {pattern!r}: {exc.msg}") from exc
    return tuple(globs)
