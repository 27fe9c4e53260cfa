"""Settings for the whole suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The suite's own traingate cache: tests never read or fill the user's, so an entry
    left there by another version cannot decide a test (the CLI runs that tests start as
    subprocesses inherit it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRAINGATE_CACHE_DIR", str(tmp_path_factory.mktemp("traingate-cache")))
        yield
