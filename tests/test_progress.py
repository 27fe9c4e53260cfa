"""The progress bar: where it is drawn, when, and what it shows."""

from __future__ import annotations

import io

import pytest

from traingate.progress import Bar, Meter, render, wanted


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("tty", "environ", "expected"),
    [
        (True, {}, True),
        (True, {"TERM": "xterm"}, True),
        (False, {}, False),  # piped, or pre-commit capturing the output
        (True, {"CI": "true"}, False),
        (True, {"CI": "1"}, False),
        (True, {"CI": "false"}, True),
        (True, {"GITHUB_ACTIONS": "true"}, False),
        (True, {"PRE_COMMIT": "1"}, False),
        (True, {"TRAINGATE_NO_PROGRESS": "1"}, False),
        (True, {"TERM": "dumb"}, False),
    ],
)
def test_drawn_only_at_an_interactive_terminal(
    tty: bool, environ: dict[str, str], expected: bool
) -> None:
    stream = Tty() if tty else io.StringIO()
    assert wanted(stream, environ) is expected


def test_render() -> None:
    line = render(50_000_000, 200_000_000, 50_000, 2.0)
    assert line == " 25% [######------------------] 50/200 MB 25.0 MB/s 25,000 rec/s ETA 00:06"
    assert render(0, 10, 0, 0.0).endswith("0.0 MB/s 0 rec/s ETA --:--")
    assert render(3_600_000_000, 7_600_000_000, 0, 3600.0).endswith("ETA 1:06:40")


def test_silent_for_the_first_second_then_throttled_then_cleared() -> None:
    clock, stream = Clock(), Tty()
    bar = Bar(stream, 200_000_000, clock)
    clock.now += 0.875
    bar.update(10_000_000, 100)
    assert stream.getvalue() == ""
    clock.now += 0.125
    bar.update(20_000_000, 200)
    first = "\r" + render(20_000_000, 200_000_000, 200, 1.0)
    assert stream.getvalue() == first
    clock.now += 0.0625
    bar.update(30_000_000, 300)
    assert stream.getvalue() == first  # at most ten updates a second
    clock.now += 0.0625
    bar.update(40_000_000, 400)
    second = "\r" + render(40_000_000, 200_000_000, 400, 1.125)
    assert stream.getvalue() == first + second
    bar.clear()
    assert stream.getvalue() == first + second + "\r" + " " * (len(second) - 1) + "\r"
    bar.clear()  # nothing shown, nothing to erase
    assert stream.getvalue().count("\r") == 4


def test_a_shorter_line_overwrites_a_longer_one() -> None:
    clock, stream = Clock(), Tty()
    bar = Bar(stream, 10**12, clock)
    clock.now += 2
    bar.update(10**11, 10**9)
    long = len(stream.getvalue())
    clock.now += 2
    bar.update(10**11, 0)
    assert len(stream.getvalue()) == 2 * long


class Check:
    def __init__(self) -> None:
        self.size = 0
        self.records = 0
        self.context_bytes = 0
        self.context_records = 0


def test_meter_adds_finished_files_to_the_current_one() -> None:
    meter = Meter()
    first, second = Check(), Check()
    meter.start(first, 1000)
    first.size, first.records = 400, 4
    assert meter.sample() == (400, 4)
    first.size, first.records = 1200, 12  # a compressed file expands: capped at its size
    assert meter.sample() == (1000, 12)
    meter.finish()
    meter.start(second, 500)
    second.size, second.records = 100, 1
    assert meter.sample() == (1100, 13)
    meter.finish()
    assert meter.sample() == (1500, 13)


def test_meter_counts_what_diff_mode_reads_as_context() -> None:
    """In diff mode the analyzers read the unchanged records too: that is progress."""
    meter = Meter()
    check = Check()
    meter.start(check, 1000)
    check.size, check.records = 100, 1
    check.context_bytes, check.context_records = 600, 6
    assert meter.sample() == (700, 7)
    meter.finish()
    assert meter.sample() == (1000, 7)
