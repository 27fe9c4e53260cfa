from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from traingate import yamlsafe
from traingate.yamlsafe import MAX_BYTES, YamlError, format_path, load_file, loads

NESTED = b"""\
name: demo
rules:
  - id: one
    match:
      regex: "a+"
  - id: two
empty:
"""


def test_plain_data_and_lines() -> None:
    loaded = loads(NESTED, "p.yaml")
    assert loaded.data == {
        "name": "demo",
        "rules": [{"id": "one", "match": {"regex": "a+"}}, {"id": "two"}],
        "empty": None,
    }
    assert loaded.line_of(()) == 1
    assert loaded.line_of(("rules",)) == 2
    assert loaded.line_of(("rules", 0)) == 3
    assert loaded.line_of(("rules", 0, "match", "regex")) == 5
    assert loaded.line_of(("rules", 1, "id")) == 6
    assert loaded.line_of(("empty",)) == 7


def test_line_of_unknown_path_falls_back_to_nearest_ancestor() -> None:
    loaded = loads(NESTED, "p.yaml")
    assert loaded.line_of(("rules", 0, "match", "missing", 3)) == 4
    assert loaded.line_of(("nowhere",)) == 1


def test_empty_document_has_no_data() -> None:
    assert loads(b"# only a comment\n", "p.yaml").data is None


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("off", "off"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("017", 17),
        ("0o17", 15),
        ("0x1F", 31),
        ("1_000", "1_000"),
        ("1:30", "1:30"),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("-.inf", -math.inf),
        ("2024-01-01", "2024-01-01"),
        ("'true'", "true"),
        ('"12"', "12"),
        ("|\n  text", "text\n"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(scalar: str, expected: Any) -> None:
    assert loads(f"v: {scalar}\n".encode(), "p.yaml").data == {"v": expected}


def test_nan_is_a_float() -> None:
    assert math.isnan(loads(b"v: .nan\n", "p.yaml").data["v"])


def test_keys_are_taken_as_text() -> None:
    data = loads(b"1: a\ntrue: b\nnull: c\noff: d\n", "p.yaml").data
    assert data == {"1": "a", "true": "b", "null": "c", "off": "d"}


def test_aliases_within_the_bound_are_expanded_into_independent_copies() -> None:
    data = loads(b"a: &x [1, 2]\nb: *x\n", "p.yaml").data
    assert data == {"a": [1, 2], "b": [1, 2]}
    assert data["a"] is not data["b"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (b"rules: 1\nb: 2\nrules: 3\n", "p.yaml:3: rules: duplicate key 'rules' (first at line 1)"),
        (b"a:\n  b:\n    c: 1\n    c: 2\n", "p.yaml:4: a.b.c: duplicate key 'c' (first at line 3)"),
        (b"a: [{k: 1, k: 2}]\n", "p.yaml:1: a[0].k: duplicate key 'k' (first at line 1)"),
        (b"a: 1\n'a': 2\n", "p.yaml:2: a: duplicate key 'a' (first at line 1)"),
        (b"a: !!python/object/apply:os.system [echo hi]\n", "explicit tags are not allowed"),
        (b"a: !!python/name:os.system\n", "'!!python/name:os.system'"),
        (b"a: !!str 1\n", "p.yaml:1: explicit tags are not allowed: '!!str'"),
        (b"a: !custom x\n", "p.yaml:1: explicit tags are not allowed: '!custom'"),
        (b"a: ! x\n", "p.yaml:1: explicit tags are not allowed: '!'"),
        (b"a:\n  - !!map {}\n", "p.yaml:2: explicit tags are not allowed: '!!map'"),
        (b"!!str a: 1\n", "p.yaml:1: explicit tags are not allowed: '!!str'"),
        (b"base: &b {x: 1}\nuse:\n  <<: *b\n", "p.yaml:3: use.<<: merge keys are not allowed"),
        (b"? [a, b]\n: 1\n", "p.yaml:1: mapping keys must be scalars"),
        (b"a: 1\nb: [1, 2\nc: 3\n", "p.yaml:3: invalid YAML:"),
        (b"a: b: c\n", "p.yaml:1: invalid YAML: mapping values are not allowed here"),
        (b"a: 1\n---\nb: 2\n", "p.yaml:2: invalid YAML: expected a single document"),
        (b"a: *nothing\n", "p.yaml:1: invalid YAML: found undefined alias 'nothing'"),
        (b"a: 1\nb: caf\xe9\n", "p.yaml:2: not valid UTF-8 (byte 0xe9)"),
        (b"a: 1\nb: \x00\n", "p.yaml:2: invalid YAML: character '\\x00' is not allowed"),
        (b"a: " + b"[" * 150 + b"]" * 150 + b"\n", "p.yaml:1: nesting deeper than 100 levels"),
        (b"a: &a [*a]\n", "p.yaml:1: nesting deeper than 100 levels"),
    ],
)
def test_refused_documents(source: bytes, expected: str) -> None:
    with pytest.raises(YamlError) as info:
        loads(source, "p.yaml")
    assert expected in str(info.value)


def _billion_laughs(levels: int) -> bytes:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def test_billion_laughs_fails_fast() -> None:
    started = time.monotonic()
    with pytest.raises(YamlError, match="aliases expand to over 10000 nodes"):
        loads(_billion_laughs(9), "bomb.yaml")
    assert time.monotonic() - started < 2


def test_alias_bound_counts_expansions_not_document_size() -> None:
    many = "items: [" + ", ".join(["x"] * 20_000) + "]\n"
    assert len(loads(many.encode(), "p.yaml").data["items"]) == 20_000
    assert loads(_billion_laughs(3), "p.yaml").data["l2"][9][9][9] == "lol"


def test_size_bound() -> None:
    with pytest.raises(YamlError) as info:
        loads(b"a: 1\n" + b"#" * 20, "p.yaml", max_bytes=10)
    assert str(info.value) == "p.yaml: file is larger than 10 bytes"


def test_load_file_reads_no_more_than_the_bound(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(YamlError, match="larger than"):
        load_file(big, "big.yaml")


def test_load_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(b"a: 1\na: 2\n")
    with pytest.raises(YamlError) as info:
        load_file(path)
    assert str(info.value).startswith(f"{path}:2: a: duplicate key")
    path.write_bytes(b"a: 1\n")
    assert load_file(path, "shown").file == "shown"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(YamlError, match=r"^.*missing.yaml: cannot read: No such file"):
        load_file(tmp_path / "missing.yaml")


def test_utf8_bom_is_accepted() -> None:
    assert loads(b"\xef\xbb\xbfa: 1\n", "p.yaml").data == {"a": 1}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ((), ""),
        (("rules",), "rules"),
        (("rules", 3, "match", "regex"), "rules[3].match.regex"),
        ((0, "a"), "[0].a"),
    ],
)
def test_format_path(path: tuple[str | int, ...], expected: str) -> None:
    assert format_path(path) == expected


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRAINGATE_CACHE_DIR", str(folder))
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{yamlsafe.CACHE_KIND}-*.json"))


def test_a_cached_parse_is_the_parse(cache_dir: Path) -> None:
    cold = loads(NESTED, "p.yaml")
    (entry,) = _entries(cache_dir)
    warm = loads(NESTED, "q.yaml")
    assert (warm.data, dict(warm.lines)) == (cold.data, dict(cold.lines))
    assert warm.file == "q.yaml"
    assert warm.line_of(("rules", 0, "match", "regex")) == 5
    # Read back, not parsed again: a planted entry is what comes out.
    entry.write_text('{"data": {"planted": 1}, "lines": [[[], 1], [["planted"], 2]]}')
    planted = loads(NESTED, "p.yaml")
    assert planted.data == {"planted": 1}
    assert planted.line_of(("planted",)) == 2


def test_floats_and_nulls_survive_the_cache(cache_dir: Path) -> None:
    source = b"a: .inf\nb: -.inf\nc: 1.5\nd: ~\ne: [1, '2', true]\n"
    cold = loads(source, "p.yaml").data
    warm = loads(source, "p.yaml").data
    assert warm == cold
    assert [type(v) for v in warm.values()] == [float, float, float, type(None), list]
    assert [type(v) for v in warm["e"]] == [int, str, bool]


@pytest.mark.parametrize(
    "entry",
    [
        "not json",
        "[]",
        '{"data": {}}',
        '{"data": {}, "lines": {}}',
        '{"data": {}, "lines": [[["a"], "1"]]}',
        '{"data": {}, "lines": [[["a"], -1]]}',
        '{"data": {}, "lines": [[["a", true], 1]]}',
        '{"data": {}, "lines": [["a", 1]]}',
        '{"data": {}, "lines": [], "more": 1}',
        "[" * 100_000 + "]" * 100_000,
    ],
)
def test_a_malformed_entry_is_parsed_again(cache_dir: Path, entry: str) -> None:
    cold = loads(NESTED, "p.yaml")
    (path,) = _entries(cache_dir)
    path.write_text(entry)
    again = loads(NESTED, "p.yaml")
    assert (again.data, dict(again.lines)) == (cold.data, dict(cold.lines))


def test_errors_are_not_cached(cache_dir: Path) -> None:
    for _ in range(2):
        with pytest.raises(YamlError, match="duplicate key"):
            loads(b"a: 1\na: 2\n", "p.yaml")
    assert _entries(cache_dir) == []


def test_the_cache_keeps_the_newest_documents(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlsafe, "CACHE_KEEP", 3)
    for n in range(5):
        loads(f"n: {n}\n".encode(), "p.yaml")
        time.sleep(0.01)  # distinct modification times
    kept = [path.read_text() for path in _entries(cache_dir)]
    assert len(kept) == 3
    assert sorted(kept) == sorted(
        f'{{"data":{{"n":{n}}},"lines":[[[],1],[["n"],1]]}}' for n in (2, 3, 4)
    )


def test_a_cached_document_does_not_import_pyyaml(cache_dir: Path) -> None:
    script = (
        "import sys\n"
        "from traingate.yamlsafe import loads\n"
        "assert loads(sys.stdin.buffer.read(), 'p.yaml').data['name'] == 'demo'\n"
        "print('yaml' in sys.modules)\n"
    )
    env = {**os.environ, "TRAINGATE_CACHE_DIR": str(cache_dir)}

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script], input=NESTED, env=env, capture_output=True, check=True
        )
        return done.stdout.decode().strip()

    assert run() == "True"  # parsed, then stored
    assert run() == "False"  # read back


def test_the_cache_works_without_the_parser_source(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from traingate import package_data

    def unreadable(package: str, name: str) -> bytes:
        raise FileNotFoundError(name)

    monkeypatch.setattr(package_data, "read_bytes", unreadable)
    yamlsafe._parser.cache_clear()
    try:
        assert loads(NESTED, "p.yaml").data == loads(NESTED, "p.yaml").data
        assert len(_entries(cache_dir)) == 1
    finally:
        yamlsafe._parser.cache_clear()


def test_a_lone_surrogate_is_cached_and_read_back_the_same(cache_dir: Path) -> None:
    source = b'a: "\\ud800x"\nb: "\\u00e9\\U0001F600"\n'
    cold = loads(source, "p.yaml").data
    assert cold == {"a": "\ud800x", "b": "\u00e9\U0001f600"}
    assert len(_entries(cache_dir)) == 1
    assert loads(source, "p.yaml").data == cold
