"""action.yml and the workflows in docs/ci.md, validated by the real check-jsonschema."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.reporters.action_support import ACTION, ROOT

pytest.importorskip("check_jsonschema", reason="needs check-jsonschema (the test extras)")

CI_DOC = ROOT / "docs" / "ci.md"
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```$", re.MULTILINE | re.DOTALL)
SCHEMAS = {
    ".github/workflows/": ["vendor.github-workflows", "custom.github-workflows-require-timeout"],
    ".gitlab-ci.yml": ["vendor.gitlab-ci"],
}


def _check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def _doc_blocks() -> list[tuple[str, str]]:
    """Each YAML block of docs/ci.md with the file it names on its first line."""
    blocks = YAML_BLOCK.findall(CI_DOC.read_text(encoding="utf-8"))
    return [(block.split("\n", 1)[0].removeprefix("# "), block) for block in blocks]


def test_action_validates_against_the_github_action_schema() -> None:
    result = _check_jsonschema("vendor.github-actions", ROOT / "action.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_action(tmp_path: Path) -> None:
    broken = tmp_path / "action.yml"
    broken.write_text(yaml.safe_dump({**ACTION, "runs": {"using": "composite"}}))
    assert _check_jsonschema("vendor.github-actions", broken).returncode == 1


def test_docs_have_every_kind_of_workflow() -> None:
    names = [name for name, _ in _doc_blocks()]
    assert len(names) == 4
    assert sum(name.startswith(".github/workflows/") for name in names) == 3
    assert ".gitlab-ci.yml" in names


@pytest.mark.parametrize(("name", "block"), _doc_blocks(), ids=lambda v: v.split("\n")[0])
def test_doc_workflow_validates(name: str, block: str, tmp_path: Path) -> None:
    schemas = [s for prefix, s in SCHEMAS.items() if name.startswith(prefix)]
    assert schemas, f"docs/ci.md: a yaml block names no known file: {name!r}"
    path = tmp_path / Path(name).name
    path.write_text(block, encoding="utf-8")
    for schema in schemas[0]:
        result = _check_jsonschema(schema, path)
        assert result.returncode == 0, f"{name} ({schema}): {result.stdout}{result.stderr}"


def test_docs_use_only_inputs_the_action_has() -> None:
    inputs = set(ACTION["inputs"])
    used = set()
    for _, block in _doc_blocks():
        for job in (yaml.safe_load(block).get("jobs") or {}).values():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("traingate/traingate@"):
                    used |= set(step.get("with", {}))
    assert used and used <= inputs
    table = CI_DOC.read_text(encoding="utf-8").split("### Inputs", 1)[1].split("###", 1)[0]
    assert set(re.findall(r"^\| `([a-z-]+)` \|", table, re.MULTILINE)) == inputs


def test_outputs_are_documented() -> None:
    table = CI_DOC.read_text(encoding="utf-8").split("### Outputs", 1)[1].split("###", 1)[0]
    assert set(re.findall(r"^\| `([a-z-]+)` \|", table, re.MULTILINE)) == set(ACTION["outputs"])


def test_scripts_never_interpolate_expressions() -> None:
    """Script injection: inputs and event data reach scripts only through ``env:``."""
    scripts = [step["run"] for step in ACTION["runs"]["steps"] if "run" in step]
    assert len(scripts) == 2
    for script in scripts:
        assert "${{" not in script
