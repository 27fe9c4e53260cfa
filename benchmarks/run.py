"""Throughput benchmark: traingate beside the parse limit and the naive stack, on the same files.

    python benchmarks/run.py --sizes 20MB,200MB [--include-1gb] [--jobs 1,2] [--repeat 3]

Variants, each in a fresh process, files read from the page cache:

- ``packs``: ``traingate check FILE --policy builtin:<each pack>`` (only the packs whose
  ``traingate test builtin:<pack>`` runs; the output says which were missing), and with
  ``--jobs N`` for each N when ``traingate check --help`` lists ``--jobs``.
- ``structure``: ``traingate check FILE``: reader, format and schema checks, no policies.
- ``parse-limit``: ``for line in f: orjson.loads(line)``, the ceiling for any Python gate.
- ``naive``: ``benchmarks/naive.py`` (json + jsonschema + one ``re`` per rule) on the first
  ``--naive-bytes`` of the smallest file only, extrapolated to the whole file.

Wall time includes interpreter start. Peak RSS is the child's ``ru_maxrss`` from ``wait4``, so
it belongs to that one command; with ``--jobs`` it is the largest single process, and the sum
over the process tree (sampled every 0.1 s) is reported beside it. The table shows medians of
``--repeat`` runs; every run is in ``benchmarks/results/<timestamp>.json`` and ``latest.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corpus import DATA_DIR, DEFAULT_SEED, CorpusInfo, ensure_corpus, parse_size, size_label

HERE = Path(__file__).resolve().parent
RESULTS_DIR = HERE / "results"
PACKS = ("pii", "secrets", "hidden-text", "prompt-injection", "quality", "medical-safety")
VARIANTS = ("packs", "structure", "parse-limit", "naive")
PARSE_LOOP = (
    "import sys, orjson\n"
    "n = 0\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    for line in f:\n"
    "        orjson.loads(line)\n"
    "        n += 1\n"
    "print(n, 'records')\n"
)
SUMMARY_RE = re.compile(r"(\d+) files?, (\d+) records?")
# A text-reporter finding: ``path:line:column: severity rule-id message``.
FINDING_RE = re.compile(r"^(.+?):(\d+):\d+: (?:error|warning|info) (\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Run:
    """One finished child process: what it took and what it said."""

    wall_s: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    tree_rss_mb: float | None = None

    def tail(self, lines: int = 3) -> str:
        text = (self.stderr.strip() or self.stdout.strip()).splitlines()
        return " | ".join(text[-lines:])


class TreeSampler(threading.Thread):
    """Peak of the summed RSS of a process and all its descendants, polled from /proc."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(self.pid))


def _tree_rss_kb(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * page_kb
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(pid, 0) for pid in tree)


def measure(cmd: Sequence[str], cwd: Path | None = None, *, sample_tree: bool = False) -> Run:
    """Run ``cmd`` to completion; ``ru_maxrss`` comes from ``wait4`` on that child alone."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        sampler = TreeSampler(proc.pid) if sample_tree else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.done.set()
            sampler.join()
        out.seek(0)
        err.seek(0)
        return Run(
            wall_s=wall,
            max_rss_mb=usage.ru_maxrss / 1024,  # Linux reports kilobytes
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            tree_rss_mb=sampler.peak_kb / 1024 if sampler else None,
        )


def traingate_command(override: str | None) -> list[str]:
    """The ``traingate`` a user runs: ``--traingate`` if given, else the venv's console script."""
    if override:
        return shlex.split(override)
    beside = Path(sys.executable).parent / "traingate"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("traingate")
    return [found] if found else [sys.executable, "-m", "traingate"]


@dataclass
class Capabilities:
    """What the traingate under test can do today."""

    version: str
    packs: list[str]
    missing_packs: dict[str, str]
    jobs: bool
    notes: list[str] = field(default_factory=list)


def policy_args(caps: Capabilities) -> list[str]:
    return [arg for pack in caps.packs for arg in ("--policy", f"builtin:{pack}")]


def probe(traingate: list[str], cwd: Path, *, want_packs: bool) -> Capabilities:
    version = measure([*traingate, "--version"], cwd)
    help_ = measure([*traingate, "check", "--help"], cwd)
    caps = Capabilities(version.stdout.strip() or version.tail(1), [], {}, "--jobs" in help_.stdout)
    if help_.returncode != 0:
        caps.notes.append(f"`traingate check --help` failed: {help_.tail(1)}")
    if not caps.jobs:
        caps.notes.append("`traingate check --help` has no --jobs: single-process runs only")
    if not want_packs:
        return caps
    refs = [f"builtin:{pack}" for pack in PACKS]
    together = measure([*traingate, "test", *refs], cwd)
    for pack, ref in zip(PACKS, refs, strict=True):
        run = together if together.returncode in (0, 1) else measure([*traingate, "test", ref], cwd)
        if run.returncode in (0, 1):
            caps.packs.append(pack)
        else:
            caps.missing_packs[pack] = f"exit {run.returncode}: {run.tail(1)}"
    if together.returncode == 1:
        caps.notes.append("`traingate test` of the packs reports failing policy tests")
    if caps.missing_packs:
        caps.notes.append(
            f"built-in packs not available (run without them): {', '.join(caps.missing_packs)}"
        )
    return caps


@dataclass
class Row:
    """One variant on one file: its runs and their medians."""

    file: str
    bytes: int
    records: int
    variant: str
    jobs: int | None
    command: list[str]
    runs: list[dict[str, Any]] = field(default_factory=list)
    status: str = "ok"
    notes: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    mb_s: float = 0.0
    best_mb_s: float = 0.0  # from the fastest run: less disturbed by other load
    records_s: float = 0.0
    peak_rss_mb: float = 0.0
    tree_rss_mb: float | None = None
    vs_parse_limit: float | None = None
    measured_bytes: int = 0
    detail: dict[str, Any] = field(default_factory=dict)


def plan(args: argparse.Namespace, caps: Capabilities, traingate: list[str]) -> list[Row]:
    corpora: list[CorpusInfo] = []
    for size in args.sizes:
        info = ensure_corpus(size, args.seed, args.data_dir)
        how = f"generated in {info.seconds:.1f} s" if info.generated else "cached"
        print(f"corpus {info.path.name}: {info.bytes:,} bytes, {info.records:,} records ({how})")
        corpora.append(info)
    rows = []
    for info in corpora:
        commands = _commands(args, caps, traingate, str(info.path), naive=info is corpora[0])
        rows += [Row(info.path.name, info.bytes, info.records, *command) for command in commands]
    return rows


def _commands(
    args: argparse.Namespace, caps: Capabilities, traingate: list[str], path: str, *, naive: bool
) -> list[tuple[str, int | None, list[str]]]:
    """(variant, jobs, command) for one file."""
    policies = policy_args(caps)
    commands: list[tuple[str, int | None, list[str]]] = []
    for jobs in list(args.jobs) if caps.jobs else [None]:
        extra = ["--jobs", str(jobs)] if jobs is not None else []
        if "packs" in args.variants and caps.packs:
            commands.append(("packs", jobs, [*traingate, "check", path, *policies, *extra]))
        if "structure" in args.variants:
            commands.append(("structure", jobs, [*traingate, "check", path, *extra]))
    if "parse-limit" in args.variants:
        commands.append(("parse-limit", None, [sys.executable, "-c", PARSE_LOOP, path]))
    if "naive" in args.variants and naive:
        script = str(HERE / "naive.py")
        commands.append(
            ("naive", None, [sys.executable, script, path, "--max-bytes", args.naive_bytes])
        )
    return commands


def warm(path: Path) -> None:
    """Read the file once so every variant reads it from the page cache."""
    with path.open("rb") as handle:
        while handle.read(8 << 20):
            pass


def execute(rows: list[Row], repeat: int, cwd: Path, data_dir: Path) -> None:
    for file in dict.fromkeys(row.file for row in rows):
        warm(data_dir / file)
    for rep in range(repeat):
        for row in rows:
            sample = row.jobs is not None and row.jobs > 1
            run = measure(row.command, cwd, sample_tree=sample)
            print(
                f"  [{rep + 1}/{repeat}] {row.file} {row.variant}"
                f"{f' --jobs {row.jobs}' if row.jobs else ''}: {run.wall_s:.2f} s, "
                f"{run.max_rss_mb:.0f} MB, exit {run.returncode}",
                file=sys.stderr,
            )
            tail = "\n".join(run.stderr.strip().splitlines()[-20:])
            row.runs.append({**asdict(run), "stdout": run.stdout[-2000:], "stderr": tail})
    for row in rows:
        summarize(row)


def summarize(row: Row) -> None:
    runs = row.runs
    row.wall_s = statistics.median(run["wall_s"] for run in runs)
    row.best_mb_s = row.bytes / min(run["wall_s"] for run in runs) / 1e6
    row.peak_rss_mb = statistics.median(run["max_rss_mb"] for run in runs)
    trees = [run["tree_rss_mb"] for run in runs if run["tree_rss_mb"] is not None]
    row.tree_rss_mb = statistics.median(trees) if trees else None
    codes = sorted({run["returncode"] for run in runs})
    last = runs[-1]
    row.measured_bytes, records = row.bytes, row.records
    if row.variant == "naive" and last["returncode"] == 0:
        _extrapolate_naive(row)
        return
    row.mb_s = row.bytes / row.wall_s / 1e6
    row.records_s = records / row.wall_s
    if codes != [0]:
        row.status = "findings" if codes == [1] else "error"
        row.notes.append(f"exit codes {codes}: {_last_line(last)}")
    if row.status == "error":
        row.mb_s = row.best_mb_s = row.records_s = 0.0  # a crash is not a speed
    if row.variant in ("packs", "structure"):
        _check_traingate_output(row, last["stdout"] + last["stderr"])


def _last_line(run: dict[str, Any]) -> str:
    lines = (run["stderr"] or run["stdout"]).strip().splitlines()
    return lines[-1] if lines else "(no output)"


def _extrapolate_naive(row: Row) -> None:
    runs = [json.loads(run["stdout"]) for run in row.runs]
    report = runs[-1]
    rate = statistics.median(r["bytes"] / r["seconds"] for r in runs)  # bytes/s, no start-up
    startup = statistics.median(
        run["wall_s"] - r["seconds"] for run, r in zip(row.runs, runs, strict=True)
    )
    row.measured_bytes = report["bytes"]
    row.detail = report
    row.wall_s = startup + row.bytes / rate
    row.mb_s = rate / 1e6
    row.best_mb_s = max(r["bytes"] / r["seconds"] for r in runs) / 1e6
    row.records_s = report["records"] / statistics.median(r["seconds"] for r in runs)
    row.status = "extrapolated"
    row.notes.append(
        f"measured on the first {report['bytes']:,} bytes ({report['records']:,} records), "
        f"{report['regexes']} regexes + {report['keywords']} keywords; wall time extrapolated"
    )
    if report["hits"] or report["invalid"]:
        row.notes.append(f"corpus NOT clean: {report['invalid']} invalid, hits {report['hits']}")


def _check_traingate_output(row: Row, output: str) -> None:
    summary = SUMMARY_RE.search(output)
    if summary and int(summary.group(2)) != row.records:
        row.notes.append(f"checked {summary.group(2)} records of {row.records}")
    elif not summary and row.status != "error":
        row.notes.append("no summary line in the output")
    findings = Counter(match.group(3) for match in FINDING_RE.finditer(output))
    if findings:
        row.notes.append(f"findings on the clean corpus: {dict(findings.most_common(5))}")


def add_ratios(rows: list[Row]) -> None:
    limits = {row.file: row.mb_s for row in rows if row.variant == "parse-limit" and row.mb_s}
    for row in rows:
        if row.file in limits and row.variant != "parse-limit" and row.mb_s:
            row.vs_parse_limit = row.mb_s / limits[row.file]


def table(rows: list[Row]) -> str:
    head = (
        "file",
        "variant",
        "jobs",
        "wall s",
        "MB/s",
        "best MB/s",
        "records/s",
        "RSS MB",
        "vs parse",
        "status",
    )
    cells = [head] + [_cells(row) for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(head))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def _cells(row: Row) -> tuple[str, ...]:
    rss = f"{row.peak_rss_mb:.0f}"
    if row.tree_rss_mb is not None:
        rss += f" ({row.tree_rss_mb:.0f} all)"
    ratio = f"{row.vs_parse_limit:.3f}" if row.vs_parse_limit is not None else ""
    return (
        row.file,
        row.variant,
        str(row.jobs or "-"),
        f"{row.wall_s:.2f}",
        f"{row.mb_s:.2f}",
        f"{row.best_mb_s:.2f}",
        f"{row.records_s:,.0f}",
        rss,
        ratio,
        row.status,
    )


def machine() -> dict[str, Any]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "pythonpath": os.environ.get("PYTHONPATH", ""),
        "load_average": os.getloadavg(),
    }


def save(report: dict[str, Any], results_dir: Path, prefix: str = "") -> Path:
    """Write ``<prefix><timestamp>.json`` and ``<prefix>latest.json``; return the first."""
    results_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    path = results_dir / f"{prefix}{stamp}.json"
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text)
    (results_dir / f"{prefix}latest.json").write_text(text)
    return path


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="20MB,200MB", help="comma list (MB = 10^6 bytes)")
    parser.add_argument("--include-1gb", action="store_true", help="add the 1GB corpus")
    parser.add_argument("--jobs", default="1,2", help="--jobs values, if traingate has --jobs")
    parser.add_argument("--repeat", type=int, default=3, help="runs per variant (median shown)")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="subset of " + str(VARIANTS))
    parser.add_argument("--naive-bytes", default="2MB", help="input cap of the naive stack")
    parser.add_argument("--traingate", help="command to run instead of the venv's `traingate`")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)
    args.sizes = [parse_size(size) for size in args.sizes.split(",") if size.strip()]
    if args.include_1gb and 10**9 not in args.sizes:
        args.sizes.append(10**9)
    args.jobs = [int(jobs) for jobs in args.jobs.split(",") if jobs.strip()]
    args.variants = [variant.strip() for variant in args.variants.split(",") if variant.strip()]
    unknown = set(args.variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants {sorted(unknown)}; choose from {VARIANTS}")
    return args


def warn_if_busy() -> dict[str, Any]:
    """Other work on the machine skews every figure: say so before measuring."""
    state = machine()
    load, cpus = state["load_average"][0], state["cpus"] or 1
    if load > 0.5 * cpus:
        print(f"warning: load average {load:.1f} on {cpus} CPUs: figures will be noisy")
    return state


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    before = warn_if_busy()
    traingate = traingate_command(args.traingate)
    uses_traingate = {"packs", "structure"} & set(args.variants)
    with tempfile.TemporaryDirectory(prefix="traingate-bench-") as workdir:
        # An empty working directory: no repository config, baseline or waivers apply.
        cwd = Path(workdir)
        caps = (
            probe(traingate, cwd, want_packs="packs" in args.variants)
            if uses_traingate
            else Capabilities("", [], {}, False)
        )
        rows = plan(args, caps, traingate)
        execute(rows, args.repeat, cwd, args.data_dir)
    add_ratios(rows)
    print(table(rows))
    for note in caps.notes:
        print(f"note: {note}")
    for row in rows:
        for note in row.notes:
            print(f"note: {row.file} {row.variant}: {note}")
    report = {
        "tool": "benchmarks/run.py",
        "argv": list(sys.argv[1:] if argv is None else argv),
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {**before, "load_average_after": os.getloadavg()},
        "traingate": {"command": traingate, **asdict(caps)},
        "repeat": args.repeat,
        "sizes": [size_label(size) for size in args.sizes],
        "results": [asdict(row) for row in rows],
    }
    print(f"results: {save(report, args.results_dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
