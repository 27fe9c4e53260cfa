"""Everything that judges a change, loaded together from one place.

The config, the policies it names, the waivers and the baseline are read through one
``read`` function: from the working tree for a local check, from the base revision in diff
mode, so that a change cannot weaken the gate that judges it.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from traingate.config import (
    MISNAMED_NAME,
    PYPROJECT_NAME,
    YAML_NAME,
    Config,
    ConfigError,
    ambiguous_error,
    load_config,
    misnamed_error,
    parse,
    toml_table,
)
from traingate.formats.registry import FORMATS
from traingate.policy import PolicySet, load_policies
from traingate.rules.base import Rule
from traingate.rules.registry import RULES
from traingate.suppress import Baseline, Waivers
from traingate.targets import TARGETS

Read = Callable[[str], "bytes | None"]
KNOWN_FORMATS = (*FORMATS, "auto")


@dataclass(frozen=True)
class Gate:
    config: Config
    policies: PolicySet
    rules: Mapping[str, Rule]
    baseline: Baseline | None
    waivers: Waivers


def load_gate(
    config: Config,
    read: Read,
    *,
    extra_policies: tuple[str, ...] = (),
    use_baseline: bool = True,
    today: datetime.date | None = None,
) -> Gate:
    """Policies, rule index, baseline and waivers for ``config``, all read through ``read``."""

    def read_policy(path: str) -> bytes:
        data = read(path)
        if data is None:
            raise ConfigError(path, 0, "policy file not found")
        return data

    policies = load_policies(
        (*config.policies, *extra_policies),
        root=config.root,
        read=read_policy,
        reserved_ids=RULES,
    )
    rules = {**RULES, **{rule.id: rule for rule in policies.rules}}
    config.validate_rule_ids(rules)
    refs = [
        *config.rule_refs,
        *((("waivers", i, "rule"), w.rule) for i, w in enumerate(config.waivers)),
    ]
    for path, rule_id in refs:
        if rules[rule_id].unreadable:
            raise config.origin.error(
                path,
                f"rule {rule_id!r} cannot be changed: it means the input could not be read, "
                "and the gate never passes what it could not read",
            )
    _check_generic_text(config)
    baseline = None
    if use_baseline:
        raw = read(config.baseline)
        baseline = Baseline.parse(raw, config.baseline) if raw is not None else None
    source = str(config.source.name if config.source else ".traingate.yaml")
    waivers = Waivers(config.waivers, today or datetime.date.today(), source)
    return Gate(config, policies, rules, baseline, waivers)


def _check_generic_text(config: Config) -> None:
    """The generic format has no text without pointers: that would be a silent pass."""
    from traingate.segments import ANY, ROLES

    for role in config.reader.generic_text:
        if role not in ROLES or role == ANY:
            known = ", ".join(r for r in ROLES if r != ANY)
            raise config.origin.error(
                ("reader", "generic-text", role), f"unknown role {role!r}; known: {known}"
            )
    uses_generic = config.format == "generic" or any(
        o.format == "generic" for o in config.overrides
    )
    if uses_generic and not config.reader.generic_text:
        raise config.origin.error(
            ("format",),
            "the generic format needs reader.generic-text (role: [JSON pointers]) to know "
            "which text to check",
        )


def load_worktree_gate(
    config_path: str | None,
    extra_policies: tuple[str, ...] = (),
    *,
    use_baseline: bool = True,
) -> Gate:
    """The gate of a local run: config discovered (or named), everything read from disk.

    Raises :class:`ConfigError` (policy errors included) for anything that cannot be used.
    """
    config = worktree_config(Path(config_path) if config_path else None)
    return load_gate(
        config,
        worktree_reader(config.root),
        extra_policies=extra_policies,
        use_baseline=use_baseline,
    )


def worktree_config(explicit: Path | None) -> Config:
    return load_config(Path.cwd(), explicit, known_formats=KNOWN_FORMATS, known_targets=[*TARGETS])


def worktree_reader(root: Path) -> Read:
    def read(path: str) -> bytes | None:
        try:
            return (root / path).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:  # a directory, no permission: never taken for no file
            raise ConfigError(path, 0, f"cannot read: {exc.strerror or exc}") from None

    return read


def parse_config_bytes(raw: bytes, name: str, root: Path, source: Path | None = None) -> Config:
    """An explicitly named config file's content (YAML, or ``[tool.traingate]`` in TOML),
    rooted at ``root``; ``source`` (default ``root / name``) is where the file is."""
    return parse(
        raw,
        name=name,
        root=root,
        source=source or root / name,
        toml=name.endswith(".toml"),
        known_formats=KNOWN_FORMATS,
        known_targets=[*TARGETS],
    )


def config_from_revision(read: Read, root: Path) -> Config:
    """The config as a revision has it: ``.traingate.yaml`` or ``[tool.traingate]``;
    refused, as in the work tree, when both are there or a ``.traingate.yml`` is."""
    if read(MISNAMED_NAME) is not None:
        raise misnamed_error(MISNAMED_NAME)
    yaml_raw = read(YAML_NAME)
    toml_raw = read(PYPROJECT_NAME)
    # Parsed whole, as in the work tree: "[ tool.traingate ]", '[tool."traingate"]' and a
    # "traingate" key under "[tool]" are the table too.
    table = toml_table(toml_raw, PYPROJECT_NAME) if toml_raw is not None else None
    if yaml_raw is not None and table:  # an empty table configures nothing, as below
        raise ambiguous_error(YAML_NAME, PYPROJECT_NAME)
    if yaml_raw is not None:
        return parse(
            yaml_raw,
            name=YAML_NAME,
            root=root,
            source=root / YAML_NAME,
            known_formats=KNOWN_FORMATS,
            known_targets=[*TARGETS],
        )
    if toml_raw is not None and table is not None:
        return parse(
            toml_raw,
            name=PYPROJECT_NAME,
            root=root,
            source=root / PYPROJECT_NAME,
            toml=True,
            known_formats=KNOWN_FORMATS,
            known_targets=[*TARGETS],
        )
    return Config(root=root)


def config_relative(config: Config, repo_root: Path, path: str) -> str | None:
    """``path``, relative to the repository root, made relative to the config's root (a
    config in a subdirectory is rooted there); None for a path outside it."""
    prefix = os.path.relpath(config.root, repo_root)
    if prefix == ".":
        return path
    if prefix == ".." or prefix.startswith("../"):
        return None
    lead = PurePosixPath(prefix).as_posix() + "/"
    return path[len(lead) :] if path.startswith(lead) else None
