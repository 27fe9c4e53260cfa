"""Package data read from the package's folder and through importlib.resources: the same."""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from traingate import package_data

# Every package that ships data, and the folders inside it that hold some.
PACKAGES = [
    ("traingate", ""),
    ("traingate.analyzers", "data"),
    ("traingate.formats", "schemas"),
    ("traingate.policies", ""),
    ("traingate.profiles", ""),
    ("traingate.schemas", ""),
    ("traingate.text", "data"),
]


def _files(package: str, under: str) -> Iterator[str]:
    root = resources.files(package).joinpath(under) if under else resources.files(package)
    for entry in root.iterdir():
        if entry.is_file():
            yield f"{under}/{entry.name}" if under else entry.name


@pytest.mark.parametrize(("package", "under"), PACKAGES)
def test_the_folder_and_importlib_resources_agree(
    package: str, under: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(_files(package, under))
    assert files, f"{package}/{under} ships no file"
    assert package_data.folder(package) is not None  # installed as files here
    direct = (
        package_data.names(package, under),
        [package_data.read_bytes(package, name) for name in files],
        [package_data.read_text(package, name) for name in files],
    )
    monkeypatch.setattr(package_data, "folder", lambda package: None)
    fallback = (
        package_data.names(package, under),
        [package_data.read_bytes(package, name) for name in files],
        [package_data.read_text(package, name) for name in files],
    )
    assert direct == fallback
    assert set(direct[0]) >= {name.rpartition("/")[2] for name in files}


def test_a_package_in_a_zip_archive_is_read_through_importlib_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped_data_pkg/__init__.py", "")
        zipped.writestr("zipped_data_pkg/data/b.txt", "line one\r\nline two\n")
        zipped.writestr("zipped_data_pkg/data/a.json", b'{"x": 1}')
    monkeypatch.syspath_prepend(str(archive))
    monkeypatch.delitem(sys.modules, "zipped_data_pkg", raising=False)
    assert package_data.folder("zipped_data_pkg") is None
    assert package_data.names("zipped_data_pkg", "data") == ["a.json", "b.txt"]
    assert package_data.read_bytes("zipped_data_pkg", "data/a.json") == b'{"x": 1}'
    assert package_data.read_text("zipped_data_pkg", "data/b.txt") == "line one\nline two\n"
    package_data.folder.cache_clear()
