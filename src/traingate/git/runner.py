"""Running the ``git`` binary: never a shell, pinned options, errors that say what to do.

The user's and the repository's config files stay in effect (``safe.directory`` lives in
the global or system config, and CI runners depend on it), so every setting that could change
the output parsed here is pinned with ``-c``: the command line outranks every config file.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Generator, Mapping
from pathlib import Path
from typing import IO

CHUNK_SIZE = 1 << 20
_SHOWN_LENGTH = 160

_PINNED_CONFIG = (
    "core.quotePath=false",
    "color.ui=false",
    "diff.noprefix=false",
    "diff.mnemonicPrefix=false",
    "diff.relative=false",
    "diff.suppressBlankEmpty=false",
    "diff.algorithm=myers",
    "diff.interHunkContext=0",
    "log.showSignature=false",
)
# GIT_DIFF_OPTS outranks an explicit --unified on the command line; the others would run
# other programs or swap the objects that are shown.
_DROPPED_ENV = ("GIT_DIFF_OPTS", "GIT_EXTERNAL_DIFF", "GIT_PAGER", "PAGER", "GIT_REPLACE_REF_BASE")
_FORCED_ENV = {
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_TERMINAL_PROMPT": "0",
}


class GitError(Exception):
    """git failed, or the repository cannot answer what the gate needs; the message says why."""


def git_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for every git call: the caller's, minus what changes git's output."""
    env = dict(os.environ if base is None else base)
    for name in _DROPPED_ENV:
        env.pop(name, None)
    env.update(_FORCED_ENV)
    return env


class Git:
    """Runs git commands in one working directory."""

    def __init__(self, cwd: Path, config: tuple[str, ...] = ()) -> None:
        self.cwd = cwd
        pinned = (*_PINNED_CONFIG, *config)
        self._prefix = ["git", *(arg for item in pinned for arg in ("-c", item))]

    def with_config(self, *config: str) -> Git:
        """A runner with extra ``name=value`` settings pinned on the command line."""
        return Git(self.cwd, config)

    def call(self, *args: str, stdin: bytes | None = None) -> tuple[int, bytes, str]:
        """Run git; return its exit code, stdout and stderr (decoded for messages)."""
        argv = [*self._prefix, *args]
        try:
            done = subprocess.run(
                argv,
                cwd=self.cwd,
                env=git_env(),
                input=stdin or b"",
                capture_output=True,
                check=False,
            )
        except FileNotFoundError as exc:
            raise GitError("the `git` program is not installed or not on PATH") from exc
        return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace").strip()

    def run(self, *args: str, stdin: bytes | None = None) -> bytes:
        """Run git and return its stdout; any non-zero exit raises :class:`GitError`."""
        code, out, err = self.call(*args, stdin=stdin)
        if code != 0:
            raise GitError(_failure(args, code, err))
        return out

    def text(self, *args: str) -> str:
        """Run git and return its stdout decoded, without the final newline."""
        return self.run(*args).decode("utf-8", "surrogateescape").rstrip("\n")

    def stream(self, *args: str, lines: bool = False) -> Generator[bytes, None, None]:
        """Yield git's stdout in chunks of about 1 MiB, or line by line with ``lines=True``.

        Closing the iterator early stops git; a failure is raised once stdout is drained.
        """
        import tempfile  # imported on first use: most runs stream nothing from git

        with tempfile.TemporaryFile() as errors:
            try:
                proc = subprocess.Popen(
                    [*self._prefix, *args],
                    cwd=self.cwd,
                    env=git_env(),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=errors,
                )
            except FileNotFoundError as exc:
                raise GitError("the `git` program is not installed or not on PATH") from exc
            yield from _drain(proc, errors, args, lines)


def _drain(
    proc: subprocess.Popen[bytes], errors: IO[bytes], args: tuple[str, ...], lines: bool
) -> Generator[bytes, None, None]:
    assert proc.stdout is not None
    finished = False
    try:
        if lines:
            yield from proc.stdout
        else:
            while chunk := proc.stdout.read(CHUNK_SIZE):
                yield chunk
        finished = True
    finally:
        if not finished:
            proc.kill()
        proc.stdout.close()
        code = proc.wait()
    if code != 0:
        errors.seek(0)
        message = errors.read().decode("utf-8", "replace").strip()
        raise GitError(_failure(args, code, message))


def _failure(args: tuple[str, ...], code: int, stderr: str) -> str:
    shown = " ".join(args)
    if len(shown) > _SHOWN_LENGTH:
        shown = shown[: _SHOWN_LENGTH - 3] + "..."
    return f"`git {shown}` failed with exit code {code}: {stderr or 'no message'}"
