"""``--jobs N``: files and byte ranges of large files checked in worker processes.

The parent plans each file: a large uncompressed file is cut into ranges at line ends, the
first line number of each range is counted in the parent (``bytes.count`` runs at GB/s) and
the file's format is detected from its first range, so every worker sees absolute line
numbers and the same format. Results come back in submission order; the parent merges the
reader tallies, the record counts for the target limits and the analyzer states of a
file's ranges in file order, so the findings and their order are those of one process.
A plan may limit the record checks to some lines (diff mode, the new content being a file
on disk): workers keep the other lines as the analyzers' context, as one pass does.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing.reduction import ForkingPickler

from traingate.analyzers.base import AnalyzerState, Naming
from traingate.check_file import FileCheck, FilePlan, Finished
from traingate.detectors.base import Detector
from traingate.detectors.registry import DETECTORS
from traingate.finding import Finding
from traingate.formats.registry import FORMATS
from traingate.listing import Listing, Unlisted
from traingate.policy import PolicySet
from traingate.ranges import count_newlines, plan_ranges
from traingate.reader.file import Tally, read_items
from traingate.reader.stream import read_range
from traingate.record import Record
from traingate.sharding import WorkerCrash
from traingate.targets import FileLimits, Target

_SHARED: dict[str, PolicySet | None] = {}


@dataclass(frozen=True)
class Task:
    """One unit of work: a whole file (``span`` None) or ``(start, end, first_line)``."""

    plan: FilePlan
    span: tuple[int, int, int] | None
    format: str | None
    last: bool
    shared_policies: bool


@dataclass
class Result:
    findings: list[Finding]
    records: int
    size: int
    format: str | None = None
    tally: Tally | None = None
    limits: ShardLimits | None = None
    states: list[AnalyzerState] = field(default_factory=list)
    context: tuple[int, int] = (0, 0)
    """Records and bytes read only as the analyzers' context (diff mode)."""
    unlisted: dict[str, Unlisted] = field(default_factory=dict)
    """The findings of a range past the listing bound, by rule (see ``traingate.listing``)."""


class ShardLimits(FileLimits):
    """Counts a range's records for the file limits, keeping the lines a merge may need."""

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        maximum = target.limits.max_examples_per_file
        self.keep = 0 if maximum is None else maximum + 1
        self.count = 0
        self.lines: list[int] = []

    def add(self, record: Record) -> None:
        self.count += 1
        if len(self.lines) < self.keep:
            self.lines.append(record.line)


def replay(limits: FileLimits, shards: Iterable[ShardLimits], path: str) -> None:
    """Feed ``limits`` the ranges' counts in file order, with the true line of the first
    record over the maximum (the only line its findings name)."""
    filler = Record(path, 0, {}, "", 0)
    seen = 0
    for shard in shards:
        for index in range(shard.count):
            seen += 1
            over = seen == shard.keep
            limits.add(Record(path, shard.lines[index], {}, "", 0) if over else filler)


def _detector(name: str) -> Detector:
    return DETECTORS[name]


def _reduce_detector(detector: Detector) -> tuple[Callable[[str], Detector], tuple[str]]:
    # A detector's ``find`` may be a closure: workers take theirs from the registry by name.
    if DETECTORS.get(detector.name) is not detector:
        raise TypeError(f"detector {detector.name!r} is not in the registry")
    return _detector, (detector.name,)


ForkingPickler.register(Detector, _reduce_detector)


def _init_worker(policies: PolicySet | None) -> None:
    _SHARED["policies"] = policies


def _work(task: Task) -> Result:
    plan = task.plan
    if task.shared_policies:
        plan = replace(plan, policies=_SHARED.get("policies"))
    if task.span is None:
        whole = FileCheck(plan)
        findings = list(whole.findings())
        context = (whole.context_records, whole.context_bytes)
        return Result(findings, whole.records, whole.size, context=context)
    start, end, first_line = task.span
    check = FileCheck(plan, FORMATS[task.format] if task.format else None)
    limits = ShardLimits(plan.target) if plan.target is not None else None
    check.limits = limits
    tally = Tally(first_line)
    items = read_items(read_range(plan.path, start, end), plan.shown, plan.reader, tally)
    listing = Listing(plan.max_listed)
    findings = list(listing.filter(check.record_findings(items)))
    fmt = check.format.name if check.format else None
    states = [state for _, state in check.states]
    context = (check.context_records, check.context_bytes)
    return Result(
        findings, check.records, check.size, fmt, tally, limits, states, context, listing.unlisted
    )


def _finish(state: AnalyzerState, shown: str) -> list[Finding]:
    return list(state.finish(shown))


class ParallelCheck:
    """One file's merged results, with the interface of :class:`FileCheck`."""

    def __init__(self, first: tuple[Task, Result], dispatcher: _Dispatcher) -> None:
        self.plan = first[0].plan
        self.records = 0
        self.size = 0
        self.context_records = 0
        self.context_bytes = 0
        self._first = first
        self._dispatcher = dispatcher
        self._done = False

    def _results(self) -> Iterator[Result]:
        task, result = self._first
        yield result
        while not task.last:
            task, result = self._dispatcher.next()
            yield result
        self._done = True

    def close(self) -> None:
        if not self._done:
            for _ in self._results():
                pass

    def findings(self) -> Iterator[Finding]:
        results = self._results()
        first = next(results)
        if first.tally is None:
            self.records, self.size = first.records, first.size
            self.context_records, self.context_bytes = first.context
            yield from first.findings
            self._done = True
            return
        check = FileCheck(self.plan)
        check.format = FORMATS[first.format] if first.format else None
        listing = Listing(self.plan.max_listed)
        tally = Tally(1)
        shards: list[ShardLimits] = []
        states: list[AnalyzerState] = []
        for result in itertools.chain((first,), results):  # each as it comes: progress
            if tally.stopped or result.tally is None:
                continue  # a read error ended the file, as it does in one pass
            tally.merge(result.tally)
            self.records += result.records
            self.size += result.size
            self.context_records += result.context[0]
            self.context_bytes += result.context[1]
            shards += [result.limits] if result.limits else []
            if states:
                for mine, theirs in zip(states, result.states, strict=True):
                    mine.merge(theirs)
            else:
                states = result.states
            yield from listing.filter(result.findings)
            listing.absorb(result.unlisted)
        check.records, check.size = self.records, self.size
        items = [item for item, _ in check.states]
        check.states = list(zip(items, states, strict=True))
        if check.limits is not None:
            replay(check.limits, shards, self.plan.shown)
        # The analyzers that name nothing from the records finish in a worker meanwhile.
        elsewhere = {
            index: self._dispatcher.finish_elsewhere(state, self.plan.shown)
            for index, (_, state) in enumerate(check.states)
            if not isinstance(state, Naming)
        }
        if not tally.stopped:
            found = tally.file_findings(self.plan.shown, self.plan.reader)
            yield from listing.filter(_added_only(found, self.plan.is_added))
        yield from listing.notices(self.plan.shown)
        yield from check.finish(elsewhere)


def _added_only(
    findings: Iterable[Finding], is_added: Callable[[int], bool] | None
) -> Iterator[Finding]:
    """In diff mode, the findings about the whole file (line 0) and the added lines, as
    :meth:`FileCheck.record_findings` keeps them in one pass."""
    for finding in findings:
        if is_added is None or not finding.line or is_added(finding.line):
            yield finding


class _Dispatcher:
    """Keeps ``window`` tasks in flight and hands back their results in submission order."""

    def __init__(self, pool: ProcessPoolExecutor, tasks: Iterator[Task], window: int) -> None:
        self.pool = pool
        self.tasks = tasks
        self.window = window
        self.queue: deque[tuple[Task, Future[Result]]] = deque()

    def _fill(self) -> None:
        while len(self.queue) < self.window:
            task = next(self.tasks, None)
            if task is None:
                return
            self.queue.append((task, self.pool.submit(_work, task)))

    def finish_elsewhere(self, state: AnalyzerState, shown: str) -> Finished:
        """Finish ``state`` in a worker; the returned callable waits for its findings."""
        future = self.pool.submit(_finish, state, shown)

        def wait() -> list[Finding]:
            try:
                return future.result()
            except BrokenProcessPool as exc:
                raise WorkerCrash(
                    f"a worker process died while checking {shown} "
                    "(out of memory or killed?); the check is incomplete"
                ) from exc

        return wait

    def pending(self) -> bool:
        self._fill()
        return bool(self.queue)

    def next(self) -> tuple[Task, Result]:
        task, future = self.queue.popleft()
        self._fill()
        try:
            return task, future.result()
        except BrokenProcessPool as exc:
            raise WorkerCrash(
                f"a worker process died while checking {task.plan.shown} "
                "(out of memory or killed?); the check is incomplete"
            ) from exc


def parallel_checks(
    plans: Iterable[FilePlan], jobs: int, policies: PolicySet | None, threshold: int
) -> Generator[ParallelCheck, None, None]:
    """Checks of ``plans`` in ``jobs`` processes, in order; raises :class:`WorkerCrash`."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["traingate.parallel"])
    pool = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_init_worker, initargs=(policies,)
    )
    try:
        dispatcher = _Dispatcher(pool, _tasks(plans, jobs, policies, threshold), 2 * jobs)
        while dispatcher.pending():
            check = ParallelCheck(dispatcher.next(), dispatcher)
            yield check
            check.close()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _tasks(
    plans: Iterable[FilePlan], jobs: int, policies: PolicySet | None, threshold: int
) -> Iterator[Task]:
    for plan in plans:
        if plan.items is not None:
            raise ValueError("plans that read from elsewhere than their file are checked whole")
        shared = plan.policies is policies
        sent = replace(plan, policies=None) if shared else plan
        layout = plan_ranges(plan, jobs, threshold)
        if layout is None:
            yield Task(sent, None, None, True, shared)
            continue
        bounds, fmt = layout
        first_line = 1
        with plan.path.open("rb") as raw:
            for index, (start, end) in enumerate(itertools.pairwise(bounds)):
                last = end == bounds[-1]
                span = (start, end, first_line)
                yield Task(sent, span, fmt if index else None, last, shared)
                first_line += count_newlines(raw, start, end)
