"""Running the action's main step the way a GitHub runner does, in a real git repository."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
GOOD = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hey"}]}'


def chat(user: str, assistant: str) -> str:
    """The ``messages`` array of a one-turn chat, as JSON text."""
    return json.dumps(
        [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]
    )


# Valid in every other way: only the repeated key is wrong.
BROKEN = f'{{"messages": {chat("a", "b")}, "messages": {chat("c", "d")}}}'
ZEROS = "0" * 40
IDENTITY = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}


def main_step() -> dict[str, object]:
    (step,) = [s for s in ACTION["runs"]["steps"] if s.get("id") == "check"]
    return dict(step)


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={**os.environ, **IDENTITY},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def pr_repo(path: Path) -> tuple[str, str]:
    """A base commit with clean data, then a head commit adding a broken record."""
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    data = path / "data" / "train.jsonl"
    data.parent.mkdir()
    data.write_text(GOOD + "\n", encoding="utf-8")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "base")
    base = git(path, "rev-parse", "HEAD")
    git(path, "checkout", "-q", "-b", "pr")
    data.write_text(GOOD + "\n" + BROKEN + "\n", encoding="utf-8")
    git(path, "commit", "-q", "-am", "add a record")
    return base, git(path, "rev-parse", "HEAD")


def run_step(
    workspace: Path,
    runner: Path,
    inputs: Mapping[str, str],
    extra: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The step's script under ``bash -eo pipefail``, with the runner's and the step's env."""
    runner.mkdir(exist_ok=True)
    script = runner / "check.sh"
    script.write_text(str(main_step()["run"]), encoding="utf-8")
    step_env = {name: "" for name in dict(main_step()["env"])}  # type: ignore[call-overload]
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(runner),
        **IDENTITY,
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_OUTPUT": str(runner / "output"),
        "GITHUB_STEP_SUMMARY": str(runner / "summary.md"),
        "GITHUB_REPOSITORY": "acme/data",
        "GITHUB_SERVER_URL": "https://github.com",
        "RUNNER_TEMP": str(runner),
        **step_env,
        "INPUT_SARIF_FILE": "traingate.sarif",
        **inputs,
        **(extra or {}),
    }
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def outputs(runner: Path) -> dict[str, str]:
    lines = (runner / "output").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)
