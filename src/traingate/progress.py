"""A progress bar on stderr for long scans at a terminal, and nowhere else.

Nothing is drawn in CI logs, in pre-commit's captured output or when stderr is piped, nor
during the first second (a commit-sized check prints nothing). The bar is redrawn at most
ten times a second by a background thread and erased before findings are printed and at
the end, so it never mixes with the report.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Protocol, TextIO, TypeVar

DELAY_S = 1.0
INTERVAL_S = 0.1
WIDTH = 24
QUIET_ENV = ("CI", "GITHUB_ACTIONS", "PRE_COMMIT", "TRAINGATE_NO_PROGRESS")
T = TypeVar("T")


def wanted(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """A bar only on an interactive terminal: not in CI, pre-commit, or a pipe."""
    if any(environ.get(name, "").lower() not in ("", "0", "false") for name in QUIET_ENV):
        return False
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


class Progress(Protocol):
    """What a file's check tells the bar: the bytes and records it checked, and those it
    read only as context (unchanged records the dataset analyzers read in diff mode)."""

    size: int
    records: int
    context_bytes: int
    context_records: int


class Meter:
    """Bytes and records done so far: finished files plus the live counts of the current one."""

    def __init__(self) -> None:
        self.done_bytes = 0
        self.done_records = 0
        self._current: Progress | None = None
        self._cap = 0

    def start(self, check: Progress, file_bytes: int) -> None:
        self._current, self._cap = check, file_bytes

    def finish(self) -> None:
        current = self._current
        if current is not None:
            self.done_bytes += self._cap
            self.done_records += current.records + current.context_records
        self._current = None

    def sample(self) -> tuple[int, int]:
        current, cap = self._current, self._cap
        if current is None:
            return self.done_bytes, self.done_records
        done = min(current.size + current.context_bytes, cap)
        return self.done_bytes + done, self.done_records + current.records + current.context_records


class Bar:
    """Renders ``done/total`` bytes, throughput and ETA; :meth:`update` throttles itself."""

    def __init__(
        self, stream: TextIO, total: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream
        self.total = max(total, 1)
        self.clock = clock
        self.started = clock()
        self.last = -INTERVAL_S
        self.shown = 0
        self.lock = threading.Lock()

    def update(self, done: int, records: int) -> None:
        with self.lock:
            now = self.clock()
            elapsed = now - self.started
            if elapsed < DELAY_S or now - self.last < INTERVAL_S:
                return
            self.last = now
            line = render(min(done, self.total), self.total, records, elapsed)
            pad = " " * max(self.shown - len(line), 0)
            self.stream.write(f"\r{line}{pad}")
            self.stream.flush()
            self.shown = len(line)

    def clear(self) -> None:
        with self.lock:
            if self.shown:
                self.stream.write("\r" + " " * self.shown + "\r")
                self.stream.flush()
                self.shown = 0


def render(done: int, total: int, records: int, elapsed: float) -> str:
    fraction = done / total
    filled = int(WIDTH * fraction)
    bar = "#" * filled + "-" * (WIDTH - filled)
    rate = done / elapsed if elapsed > 0 else 0.0
    eta = (total - done) / rate if rate > 0 else None
    return (
        f"{fraction:4.0%} [{bar}] {done / 1e6:,.0f}/{total / 1e6:,.0f} MB "
        f"{rate / 1e6:,.1f} MB/s {records / elapsed if elapsed > 0 else 0:,.0f} rec/s "
        f"ETA {_duration(eta)}"
    )


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class Ticker:
    """Samples the meter and updates the bar every ``INTERVAL_S`` in a daemon thread."""

    def __init__(self, bar: Bar, sample: Callable[[], tuple[int, int]]) -> None:
        self.bar = bar
        self.sample = sample
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="traingate-progress", daemon=True)

    def _run(self) -> None:
        while not self.stopped.wait(INTERVAL_S):
            self.bar.update(*self.sample())

    def __enter__(self) -> Ticker:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()
        self.bar.clear()

    def interleave(self, items: Iterable[T]) -> Iterator[T]:
        """Pass ``items`` on, erasing the bar before each so output lines stay clean."""
        for item in items:
            self.bar.clear()
            yield item
