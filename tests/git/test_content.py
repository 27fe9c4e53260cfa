"""Binary files (git's own view) and Git LFS, detected without git-lfs installed."""

from __future__ import annotations

import pytest

from tests.git.helpers import Sandbox, records
from traingate.git import Change
from traingate.git.content import parse_check_attr

LFS_POINTER = (
    "version https://git-lfs.github.com/spec/v1\n"
    "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    "size 12345\n"
)


def _staged(sandbox: Sandbox, files: dict[str, bytes | str]) -> dict[str, Change]:
    for path, data in files.items():
        sandbox.write(path, data)
    sandbox.git("add", "-A")
    return {change.path: change for change in sandbox.repo.changed_files(staged=True)}


@pytest.mark.parametrize(
    ("attributes", "data", "binary"),
    [
        ("", records(0, 3), False),
        ("", b'{"a": 1}\n\0\n', True),
        ("", records(0, 1).encode() + b"x" * 9000 + b"\0", False),
        ("*.jsonl binary\n", records(0, 3), True),
        ("*.jsonl -diff\n", records(0, 3), True),
        ("*.jsonl diff\n", b'{"a": 1}\n\0\n', False),
        ("*.jsonl diff=bin\n", records(0, 3), True),
        ("*.jsonl diff=plain\n", records(0, 3), False),
        ("other.jsonl binary\n", records(0, 3), False),
    ],
)
def test_is_binary_follows_git(
    sandbox: Sandbox, attributes: str, data: bytes | str, binary: bool
) -> None:
    sandbox.git("config", "diff.bin.binary", "true")
    changes = _staged(sandbox, {".gitattributes": attributes, "data.jsonl": data})

    assert sandbox.repo.is_binary(changes["data.jsonl"]) is binary


def test_size_alone_does_not_make_a_file_binary(sandbox: Sandbox) -> None:
    sandbox.git("config", "core.bigFileThreshold", "100")
    changes = _staged(sandbox, {"data.jsonl": records(0, 20)})
    numstat = sandbox.git("diff", "--cached", "--numstat")
    assert numstat.startswith("-\t-\t")

    assert not sandbox.repo.is_binary(changes["data.jsonl"])


def test_lfs_by_attribute(sandbox: Sandbox) -> None:
    changes = _staged(
        sandbox,
        {
            ".gitattributes": "*.jsonl filter=lfs diff=lfs merge=lfs -text\n",
            "big.jsonl": LFS_POINTER,
            "dir with space/also.jsonl": records(0, 1),
            "notes.txt": "hello\n",
        },
    )

    repo = sandbox.repo
    assert repo.is_lfs(changes["big.jsonl"])
    assert repo.is_lfs(changes["dir with space/also.jsonl"])
    assert not repo.is_lfs(changes["notes.txt"])


def test_lfs_pointer_without_attributes(sandbox: Sandbox) -> None:
    changes = _staged(sandbox, {"big.jsonl": LFS_POINTER, "small.jsonl": records(0, 2)})

    assert sandbox.repo.is_lfs(changes["big.jsonl"])
    assert not sandbox.repo.is_lfs(changes["small.jsonl"])
    assert not sandbox.repo.is_binary(changes["big.jsonl"])


def test_attributes_of_an_odd_path(sandbox: Sandbox) -> None:
    name = "new\nline ü.jsonl"
    _staged(sandbox, {".gitattributes": "*.jsonl filter=lfs\n", name: records(0, 1)})

    assert sandbox.repo.attributes(name) == {"diff": "unspecified", "filter": "lfs"}


def test_parse_check_attr() -> None:
    output = b"a b.jsonl\0diff\0unset\0a b.jsonl\0filter\0lfs\0"

    assert parse_check_attr(output) == {"diff": "unset", "filter": "lfs"}
