"""The benchmark harness works: a deterministic, valid, clean corpus and a run on a tiny file.

The real measurements are ``python benchmarks/run.py`` (see benchmarks/README.md); this only
checks, in a few seconds, that the harness would measure what it claims to.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
SCHEMA = json.loads((ROOT / "src/traingate/formats/schemas/openai-chat.json").read_text())


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"traingate_bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    return _load("corpus")


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def test_sizes_parse_in_decimal_units(corpus: ModuleType) -> None:
    assert corpus.parse_size("20MB") == 20_000_000
    assert corpus.parse_size("1GB") == 10**9
    assert corpus.parse_size("1234") == 1234
    assert corpus.size_label(200_000_000) == "200MB"
    with pytest.raises(ValueError, match="not a size"):
        corpus.parse_size("20 parsecs")


def test_generator_is_deterministic_and_prefix_stable(corpus: ModuleType, tmp_path: Path) -> None:
    first = corpus.ensure_corpus(150_000, data_dir=tmp_path / "a")
    second = corpus.ensure_corpus(150_000, data_dir=tmp_path / "b")
    smaller = corpus.ensure_corpus(60_000, data_dir=tmp_path / "a")
    other_seed = corpus.ensure_corpus(150_000, seed=7, data_dir=tmp_path / "a")
    data = first.path.read_bytes()
    assert first.generated and second.generated
    assert data == second.path.read_bytes()
    assert data.startswith(smaller.path.read_bytes())
    assert other_seed.path.read_bytes() != data
    assert 140_000 < first.bytes <= 150_000
    assert first.records == data.count(b"\n")
    cached = corpus.ensure_corpus(150_000, data_dir=tmp_path / "a")
    assert not cached.generated and cached.records == first.records


def test_records_are_valid_varied_and_clean(corpus: ModuleType, tmp_path: Path) -> None:
    info = corpus.ensure_corpus(300_000, data_dir=tmp_path)
    records = _records(info.path)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert [list(validator.iter_errors(r)) for r in records] == [[]] * len(records)
    raw = info.path.read_text(encoding="utf-8")
    texts = [m.get("content") for r in records for m in r["messages"] if m["role"] != "tool"]
    texts = [text for text in texts if isinstance(text, str)]
    assert all(50 <= len(text) <= 4000 for text in texts)
    assert 800 < info.bytes / info.records < 1400  # about 1 KB a line
    assert any(r["messages"][0]["role"] == "system" for r in records)
    assert any("tool_calls" in m for r in records for m in r["messages"])
    assert all(r["messages"][-1]["role"] == "assistant" for r in records)
    assert "```" in raw and '\\"' in raw and "\\n" in raw and "\\t" in raw
    assert any(ch > "\u3000" for ch in raw) and "\\u00" in raw  # CJK/emoji, and escaped
    naive = _load("naive")
    for text in texts:
        for name, pattern in naive.REGEXES.items():
            assert not re.search(pattern, text), (name, text)


def test_harness_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    cmd = [sys.executable, str(BENCH / "run.py"), "--sizes", "300KB", "--repeat", "1"]
    cmd += ["--variants", "structure,parse-limit,naive", "--naive-bytes", "60KB"]
    cmd += ["--data-dir", str(tmp_path / "data"), "--results-dir", str(tmp_path / "results")]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "results/latest.json").read_text())
    rows = {row["variant"]: row for row in report["results"]}
    assert set(rows) == {"structure", "parse-limit", "naive"}
    records = rows["parse-limit"]["records"]
    assert rows["parse-limit"]["runs"][0]["stdout"] == f"{records} records\n"
    for row in rows.values():
        assert row["mb_s"] > 0 and row["records_s"] > 0
        assert 5 < row["peak_rss_mb"] < 500
    assert rows["structure"]["status"] == "ok", rows["structure"]["notes"]
    assert rows["structure"]["notes"] == []  # every record checked, no findings
    assert 0 < rows["structure"]["vs_parse_limit"] < 2
    naive = rows["naive"]["detail"]
    assert (naive["invalid"], naive["hits"]) == (0, {})
    assert 0 < naive["bytes"] <= 60_000 and rows["naive"]["status"] == "extrapolated"
    assert "structure" in done.stdout and "parse-limit" in done.stdout


def test_floor_times_each_step_on_a_tiny_corpus(tmp_path: Path) -> None:
    cmd = [sys.executable, str(BENCH / "floor.py"), "--size", "300KB", "--records", "200"]
    cmd += ["--repeat", "1", "--data-dir", str(tmp_path / "data")]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rows = re.findall(r"^(parse|\+ \w[\w ]*?) +([\d.]+) +([\d.]+)$", done.stdout, re.MULTILINE)
    assert [name for name, _, _ in rows] == ["parse", "+ segments", "+ normalize", "+ set scans"]
    rates = [float(rate) for _, rate, _ in rows]
    assert all(rate > 0 for rate in rates)
    assert rates[-1] < rates[0]  # four steps cost more than parsing alone
    assert "first 200 records" in done.stdout


def test_growth_shapes_are_valid_and_deterministic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(BENCH))  # growth.py imports its neighbours
    growth = _load("growth")
    for shape in growth.SHAPES:
        path = growth.write(shape, 50, tmp_path / "a")
        again = growth.write(shape, 50, tmp_path / "b")
        assert path.read_bytes() == again.read_bytes()
        assert len(_records(path)) == 50
    assert growth.growth(2.0, 8.0) == 4.0


def test_growth_runs_on_tiny_files(tmp_path: Path) -> None:
    cmd = [sys.executable, str(BENCH / "growth.py"), "--small", "40", "--large", "80"]
    cmd += ["--shapes", "identical,labels", "--data-dir", str(tmp_path), "--limit", "100"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = re.findall(r"^(identical|labels) +([\d.]+) +([\d.]+) +([\d.]+)", done.stdout, re.M)
    assert [name for name, *_ in rows] == ["identical", "labels"]
    assert all(float(small) > 0 and float(large) > 0 for _, small, large, _ in rows)


def test_commit_benchmark_runs_on_a_tiny_repository(tmp_path: Path) -> None:
    cmd = [sys.executable, str(BENCH / "commit.py"), "--size", "30000", "--append", "5"]
    cmd += ["--runs", "1", "--data-dir", str(tmp_path), "--results-dir", str(tmp_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "+ 5 staged records" in done.stdout
    rows = re.findall(r"^(.+), --jobs (\d) +([\d.]+) +(\d+) +([\d,]+)$", done.stdout, re.M)
    assert len(rows) == 6 and {jobs for _, jobs, *_ in rows} == {"1", "2"}
    result = json.loads((tmp_path / "commit-latest.json").read_text())
    assert result["appended"] == 5 and not result["problems"]


def test_analyzer_cost_table_runs_on_a_tiny_file(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "messages": [
                    {"role": "user", "content": f"question {i} about rivers?"},
                    {"role": "assistant", "content": f"answer {i} is about water."},
                ]
            }
        )
        for i in range(40)
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(lines) + "\n")
    cmd = [sys.executable, str(BENCH / "poisoning" / "cost.py"), str(path), "--repeat", "1"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "tiny.jsonl: 40 records" in done.stdout
    rows = re.findall(r"^([a-z-]+) +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+)$", done.stdout, re.M)
    names = [name for name, *_ in rows]
    assert "trigger-association" in names and names[-1] == "all"
    assert all(float(value) >= 0 for _, *values in rows for value in values)


def test_latency_benchmark_times_the_staged_hook_too(tmp_path: Path) -> None:
    cmd = [sys.executable, str(BENCH / "latency.py"), "--runs", "1"]
    cmd += ["--data-dir", str(tmp_path / "data"), "--results-dir", str(tmp_path / "results")]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(next((tmp_path / "results").glob("latency-*.json")).read_text())
    rows = result["results"]
    staged = [name for name in rows if "--staged" in name]
    assert len(staged) == 1, list(rows)
    assert rows[staged[0]]["command"][-2:] == ["check", "--staged"]
    # A clean corpus: every check passes, the staged one included.
    assert all(row["exit_codes"] == [0] for row in rows.values()), rows
    assert next(iter(rows)).startswith("traingate check (100 records, 6 packs + poisoning)")
