"""Loading policies: ``builtin:NAME`` from the package, other references through ``read``.

``read`` takes a path relative to the repository root and returns the file's bytes, so CI
can read policies from the base revision instead of the working tree (the change under
review must not weaken the gate that judges it). Everything is checked at load time; the
first problem raises :class:`PolicyError` naming ``file:line: key.path``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import re2

from traingate import package_data, yamlsafe
from traingate.detectors.base import Detector
from traingate.policy.build import build_policy
from traingate.policy.errors import Origin, PolicyError, suggest
from traingate.policy.model import Policy
from traingate.policy.policyset import PolicySet
from traingate.policy.schema import validate

BUILTIN = "builtin:"
PACKS = "traingate.policies"

Read = Callable[[str], bytes]


def load_policies(
    refs: Sequence[str],
    *,
    root: Path,
    read: Read | None = None,
    reserved_ids: Collection[str] = (),
    detectors: Mapping[str, Detector] | None = None,
) -> PolicySet:
    """Load, check and compile the policies ``refs`` name (each once, in order).

    ``reserved_ids`` are the ids of built-in rules, which policy rules may not reuse;
    ``detectors`` defaults to the detector registry.
    """
    reader = read if read is not None else _worktree(root)
    # The detectors are imported only when there is a policy to build (a tenth of a run
    # that checks structure alone).
    known = detectors if detectors is not None else _registry() if refs else {}
    policies: list[Policy] = []
    seen: dict[str, str] = {}
    for ref in dict.fromkeys(refs):
        policy, origin = load_policy(ref, reader, known)
        for i, rule in enumerate(policy.rules):
            where = seen.get(rule.id) or ("a built-in rule" if rule.id in reserved_ids else "")
            if where:
                message = f"rule id {rule.id!r} is already used by {where}"
                raise origin.error(("rules", i, "id"), message)
            seen[rule.id] = f"{origin.file}:{rule.line}"
        policies.append(policy)
    try:
        return PolicySet(policies)
    except re2.error as exc:
        message = f"the policies' patterns together are too large for RE2: {exc}"
        raise PolicyError(", ".join(p.file for p in policies), 0, message) from None


def load_policy(ref: str, read: Read, detectors: Mapping[str, Detector]) -> tuple[Policy, Origin]:
    """One policy file, checked; and its origin, to locate later errors."""
    builtin = ref.startswith(BUILTIN)
    raw = _read_builtin(ref) if builtin else _read(ref, read)
    try:
        loaded = yamlsafe.loads(raw, ref)
    except yamlsafe.YamlError as exc:
        raise PolicyError(exc.file, exc.line, exc.message) from None
    origin = Origin(ref, loaded.line_of)
    if loaded.data is None:
        raise PolicyError(ref, 0, "empty policy file (it needs a name and rules)")
    validate(loaded.data, origin)
    from traingate.analyzers.config import build_analyzers  # the analyzers import policy errors

    policy = build_policy(loaded.data, origin, detectors)
    analyzers = build_analyzers(loaded.data.get("analyzers"), origin)
    return replace(policy, analyzers=analyzers), origin


def builtin_names() -> list[str]:
    """Names of the packaged policies, usable as ``builtin:NAME``."""
    try:
        files = package_data.names(PACKS)
    except ModuleNotFoundError:
        return []
    return sorted(name.removesuffix(".yaml") for name in files if name.endswith(".yaml"))


def _read_builtin(ref: str) -> bytes:
    name = ref.removeprefix(BUILTIN)
    names = builtin_names()
    if name not in names:
        hint = suggest(name, names) or f" (built-in policies: {', '.join(names) or 'none'})"
        raise PolicyError(ref, 0, f"unknown built-in policy {name!r}{hint}")
    return package_data.read_bytes(PACKS, f"{name}.yaml")


def _read(ref: str, read: Read) -> bytes:
    try:
        return read(ref)
    except OSError as exc:
        raise PolicyError(ref, 0, f"cannot read: {exc.strerror or exc}") from None


def _worktree(root: Path) -> Read:
    def read(path: str) -> bytes:
        with (root / path).open("rb") as stream:
            return stream.read(yamlsafe.MAX_BYTES + 1)

    return read


def _registry() -> Mapping[str, Detector]:
    from traingate.detectors.registry import DETECTORS

    known: Mapping[str, Detector] = DETECTORS
    return known
