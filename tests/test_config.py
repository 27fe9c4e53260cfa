from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped, unused-ignore]

from traingate.config import (
    DEFAULT_FILES,
    Config,
    ConfigError,
    FileSettings,
    Glob,
    ReaderSettings,
    discover,
    load_config,
    load_file,
    parse,
)
from traingate.finding import Severity

FORMATS = ("openai-chat", "dpo", "generic")
TARGETS = ("openai", "bedrock")
RULES = ("blank-line", "bom", "email-address", "duplicate-key")
ROOT = Path("/repo")


def from_yaml(text: str) -> Config:
    return parse(
        text.encode(),
        name=".traingate.yaml",
        root=ROOT,
        known_formats=FORMATS,
        known_targets=TARGETS,
    )


def yaml_error(text: str) -> str:
    with pytest.raises(ConfigError) as info:
        from_yaml(text)
    return str(info.value)


def schema() -> dict[str, Any]:
    text = resources.files("traingate.schemas").joinpath("config.schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


# --- the schema --------------------------------------------------------------------------


def _objects(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _objects(value)


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(schema())


def test_every_key_has_a_description_and_objects_are_closed() -> None:
    for node in _objects(schema()):
        for name, prop in node.get("properties", {}).items():
            assert "description" in prop, name
        if node.get("type") == "object":
            assert "additionalProperties" in node, node


def test_schema_defaults_are_the_dataclass_defaults() -> None:
    props = schema()["properties"]
    defaults = Config(root=ROOT)
    assert props["files"]["default"] == list(DEFAULT_FILES)
    assert [glob.pattern for glob in defaults.files] == list(DEFAULT_FILES)
    assert props["format"]["default"] == defaults.format
    assert props["target"]["default"] == defaults.target
    assert props["fail-on"]["default"] == defaults.fail_on
    reader = schema()["$defs"]["reader"]["properties"]
    for field in dataclasses.fields(ReaderSettings):
        default = getattr(defaults.reader, field.name)
        assert reader[field.name.replace("_", "-")]["default"] == default, field.name


# --- values ------------------------------------------------------------------------------


def test_empty_file_gives_the_defaults() -> None:
    assert from_yaml("") == Config(root=ROOT)
    assert from_yaml("# nothing yet\n") == Config(root=ROOT)


def test_defaults() -> None:
    config = Config(root=ROOT)
    assert config.format == "auto"
    assert config.target == "none"
    assert config.fail_on == "error"
    assert config.rules == {}
    assert config.policies == ()
    assert config.reader == ReaderSettings(67108864, 64, 500_000, False, False, 100, {})
    assert config.matches("data/train.jsonl.zst")
    assert not config.matches("data/train.json")


@pytest.mark.parametrize(
    ("text", "attribute", "expected"),
    [
        ("files: ['data/*.jsonl']", "files", (Glob.compile("data/*.jsonl"),)),
        ("exclude: ['tmp/']", "exclude", (Glob.compile("tmp/"),)),
        ("format: dpo", "format", "dpo"),
        ("format: auto", "format", "auto"),
        ("target: openai", "target", "openai"),
        ("target: none", "target", "none"),
        (
            "rules: {bom: warning, blank-line: off}",
            "rules",
            {"bom": Severity.WARNING, "blank-line": None},
        ),
        ("rules: {bom: info}", "rules", {"bom": Severity.INFO}),
        ("ignore: [bom]", "rules", {"bom": None}),
        ("rules: {bom: off}\nignore: [bom]", "rules", {"bom": None}),
        ("fail-on: warning", "fail_on", "warning"),
        (
            "policies: ['builtin:pii', policies/med.yaml]",
            "policies",
            ("builtin:pii", "policies/med.yaml"),
        ),
        ("reader: {max-line-bytes: 1024}", "reader", ReaderSettings(max_line_bytes=1024)),
        ("reader: {max-depth: 1000}", "reader", ReaderSettings(max_depth=1000)),
        ("reader: {max-values: 2000}", "reader", ReaderSettings(max_values=2000)),
        ("reader: {allow-empty: true}", "reader", ReaderSettings(allow_empty=True)),
        ("reader: {allow-bom: true}", "reader", ReaderSettings(allow_bom=True)),
        (
            "reader: {max-decompression-ratio: 7}",
            "reader",
            ReaderSettings(max_decompression_ratio=7),
        ),
        (
            "reader:\n  generic-text:\n    prompt: [/input, /ctx/0]\n    completion: [/output]",
            "reader",
            ReaderSettings(
                generic_text={"prompt": ("/input", "/ctx/0"), "completion": ("/output",)}
            ),
        ),
    ],
)
def test_each_key(text: str, attribute: str, expected: Any) -> None:
    assert getattr(from_yaml(text), attribute) == expected


OVERRIDES = """\
format: openai-chat
target: openai
rules: {bom: warning, blank-line: error}
overrides:
  - files: ['prefs/**']
    format: dpo
    rules: {bom: off}
  - files: ['prefs/legacy/*.jsonl', 'old/**']
    target: bedrock
    rules: {bom: info}
  - files: ['**/raw-*.jsonl']
    format: generic
"""


@pytest.mark.parametrize(
    ("relpath", "expected"),
    [
        (
            "a.jsonl",
            FileSettings(
                "openai-chat", "openai", {"bom": Severity.WARNING, "blank-line": Severity.ERROR}
            ),
        ),
        (
            "prefs/x.jsonl",
            FileSettings("dpo", "openai", {"bom": None, "blank-line": Severity.ERROR}),
        ),
        (
            "prefs/legacy/x.jsonl",
            FileSettings("dpo", "bedrock", {"bom": Severity.INFO, "blank-line": Severity.ERROR}),
        ),
        (
            "prefs/legacy/raw-1.jsonl",
            FileSettings(
                "generic", "bedrock", {"bom": Severity.INFO, "blank-line": Severity.ERROR}
            ),
        ),
        (
            "./old/x/y.jsonl",
            FileSettings(
                "openai-chat", "bedrock", {"bom": Severity.INFO, "blank-line": Severity.ERROR}
            ),
        ),
    ],
)
def test_overrides_later_entries_win(relpath: str, expected: FileSettings) -> None:
    assert from_yaml(OVERRIDES).settings_for(relpath) == expected


def test_severity_for() -> None:
    config = from_yaml(OVERRIDES + "ignore: [email-address]\n")
    assert config.severity_for("bom", Severity.ERROR) == Severity.WARNING
    assert config.severity_for("duplicate-key", Severity.INFO) == Severity.INFO
    assert config.severity_for("email-address", Severity.ERROR) is None
    assert config.severity_for("bom", Severity.ERROR, "prefs/a.jsonl") is None
    assert config.settings_for("prefs/a.jsonl").severity_for("bom", Severity.ERROR) is None
    assert config.settings_for("a.jsonl").severity_for("dpo-x", Severity.INFO) == Severity.INFO


# --- errors ------------------------------------------------------------------------------


SEVERITY_CHOICES = "is not one of: error, warning, info, off"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "files: [a]\nfial-on: x\n",
            "2: fial-on",
            "unknown key 'fial-on' (did you mean 'fail-on'?)",
        ),
        (
            "reader:\n  max-depht: 3\n",
            "2: reader.max-depht",
            "unknown key 'max-depht' (did you mean 'max-depth'?)",
        ),
        (
            "overrides:\n  - files: [a]\n  - files: [b]\n    formats: dpo\n",
            "4: overrides[1].formats",
            "unknown key 'formats' (did you mean 'format'?)",
        ),
        ("zzz: 1\n", "1: zzz", "unknown key 'zzz'"),
        (
            "rules: {}\nfiles: [a]\nrules: {bom: off}\n",
            "3: rules",
            "duplicate key 'rules' (first at line 1)",
        ),
        (
            "rules:\n  bom: warning\n  bom: off\n",
            "3: rules.bom",
            "duplicate key 'bom' (first at line 2)",
        ),
        (
            "format: !!python/object/apply:os.system [id]\n",
            "1",
            "explicit tags are not allowed: '!!python/object/apply:os.system'",
        ),
        ("rules:\n  bom: fatal\n", "2: rules.bom", f"'fatal' {SEVERITY_CHOICES}"),
        (
            "rules:\n  bom: eror\n",
            "2: rules.bom",
            f"'eror' {SEVERITY_CHOICES} (did you mean 'error'?)",
        ),
        ("rules:\n  bom: false\n", "2: rules.bom", f"false {SEVERITY_CHOICES}"),
        ("fail-on: info\n", "1: fail-on", "'info' is not one of: error, warning"),
        ("files: '**/*.jsonl'\n", "1: files", "expected a list, got a string"),
        ("rules:\n", "1: rules", "expected a mapping, got null"),
        ("- a\n", "1", "expected a mapping, got a list"),
        (
            "reader: {max-depth: 1001}\n",
            "1: reader.max-depth",
            "1001 is greater than the maximum of 1000",
        ),
        (
            "reader: {max-line-bytes: 1.5}\n",
            "1: reader.max-line-bytes",
            "expected an integer, got a number",
        ),
        ("reader: {allow-bom: yes}\n", "1: reader.allow-bom", "expected a boolean, got a string"),
        (
            "reader:\n  generic-text:\n    prompt: [input]\n",
            "3: reader.generic-text.prompt[0]",
            "'input' does not match '^(/([^~/]|~[01])*)*$'",
        ),
        ("overrides:\n  - format: dpo\n", "2: overrides[0]", "'files' is a required property"),
        ("policies: [a, a]\n", "1: policies", "['a', 'a'] has non-unique elements"),
        (
            "format: openai_chat\n",
            "1: format",
            "unknown format 'openai_chat' (did you mean 'openai-chat'?)",
        ),
        ("target: vertex\n", "1: target", "unknown target 'vertex'"),
        (
            "overrides:\n  - files: [a]\n    target: opnai\n",
            "3: overrides[0].target",
            "unknown target 'opnai' (did you mean 'openai'?)",
        ),
        (
            "rules: {bom: info}\nignore: [bom]\n",
            "2: ignore[0]",
            "rule 'bom' is ignored but set to 'info' under rules",
        ),
        (
            "exclude: [ok, 'data/[z-a].jsonl']\n",
            "1: exclude[1]",
            "invalid glob 'data/[z-a].jsonl': bad character range z-a",
        ),
        (
            "a: 1\n\tb: 2\n",
            "2",
            "invalid YAML: found character '\\t' that cannot start any token"
            " (while scanning for the next token)",
        ),
    ],
)
def test_load_errors(text: str, where: str, message: str) -> None:
    assert yaml_error(text) == f".traingate.yaml:{where}: {message}"


def test_first_error_in_file_order_is_reported() -> None:
    text = "format: auto\nreader: {max-depth: 0}\nfail-on: never\n"
    assert yaml_error(text).startswith(".traingate.yaml:2: reader.max-depth:")


def test_billion_laughs_is_refused() -> None:
    levels = ["l0: &l0 [a, a, a, a, a, a, a, a, a, a]"]
    levels += [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 10) + "]" for n in range(1, 9)]
    text = "\n".join(levels).replace("l0:", "policies:", 1) + "\n"
    assert "aliases expand to over 10000 nodes" in yaml_error(text)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "rules:\n  bom: off\n  blank-lines: off\n",
            "3: rules.blank-lines",
            "unknown rule id 'blank-lines' (did you mean 'blank-line'?)",
        ),
        (
            "ignore: [bom, emails]\n",
            "1: ignore[1]",
            "unknown rule id 'emails' (did you mean 'email-address'?)",
        ),
        (
            "overrides:\n  - files: [a]\n    rules: {duplicate-keys: off}\n",
            "3: overrides[0].rules.duplicate-keys",
            "unknown rule id 'duplicate-keys' (did you mean 'duplicate-key'?)",
        ),
        ("ignore: [nope]\nrules: {zzz: off}\n", "1: ignore[0]", "unknown rule id 'nope'"),
        ("rules: {zzz: off}\nignore: [nope]\n", "1: rules.zzz", "unknown rule id 'zzz'"),
    ],
)
def test_unknown_rule_ids(text: str, where: str, message: str) -> None:
    config = from_yaml(text)
    with pytest.raises(ConfigError) as info:
        config.validate_rule_ids(RULES)
    assert str(info.value) == f".traingate.yaml:{where}: {message}"


def test_known_rule_ids_pass_and_changed_rules_are_listed_once_in_file_order() -> None:
    config = from_yaml("ignore: [bom]\nrules: {blank-line: info}\n" + OVERRIDES.split("\n", 3)[3])
    config.validate_rule_ids(RULES)
    assert config.changed_rules() == ("bom", "blank-line")


def test_error_without_line() -> None:
    assert str(ConfigError("pyproject.toml", 0, "no [tool.traingate] table")) == (
        "pyproject.toml: no [tool.traingate] table"
    )


# --- globs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("**/*.jsonl", "a.jsonl", True),
        ("**/*.jsonl", "x/y/a.jsonl", True),
        ("**/*.jsonl", "a.json", False),
        ("**/*.jsonl", "a.jsonl.gz", False),
        ("*.jsonl", "a.jsonl", True),
        ("*.jsonl", "x/a.jsonl", False),
        ("data/*.jsonl", "data/a.jsonl", True),
        ("data/*.jsonl", "data/x/a.jsonl", False),
        ("data/**/*.jsonl", "data/a.jsonl", True),
        ("data/**/*.jsonl", "data/x/y/a.jsonl", True),
        ("data/**/*.jsonl", "other/data/a.jsonl", False),
        ("data/**", "data/x/a.jsonl", True),
        ("data/**", "database/a.jsonl", False),
        ("data/", "data/x/a.jsonl", True),
        ("data", "data/a.jsonl", False),
        ("/data/*.jsonl", "data/a.jsonl", True),
        ("./data/*.jsonl", "data/a.jsonl", True),
        ("**", "any/thing", True),
        ("a/**/b", "a/b", True),
        ("a/**/b", "a/x/y/b", True),
        ("a/**/b", "a/xb", False),
        ("a**b/c", "axxb/c", True),
        ("a**b/c", "ax/b/c", False),
        ("train-?.jsonl", "train-1.jsonl", True),
        ("train-?.jsonl", "train-10.jsonl", False),
        ("a?b", "a/b", False),
        ("train-[0-9].jsonl", "train-7.jsonl", True),
        ("train-[!0-9].jsonl", "train-7.jsonl", False),
        ("train-[!0-9].jsonl", "train-x.jsonl", True),
        ("a[/]b", "a/b", False),
        ("a[!x]b", "a/b", False),
        ("[]]x", "]x", True),
        ("a[b", "a[b", True),
        ("file\\*.jsonl", "file*.jsonl", True),
        ("file\\*.jsonl", "file1.jsonl", False),
        ("a.b+c(1).jsonl", "a.b+c(1).jsonl", True),
        ("**/*.jsonl", "x\ny.jsonl", True),
        ("*.JSONL", "a.jsonl", False),
    ],
)
def test_glob(pattern: str, path: str, expected: bool) -> None:
    assert Glob.compile(pattern).match(path) is expected


def test_invalid_glob() -> None:
    with pytest.raises(re.error):
        Glob.compile("[z-a]")


def test_files_minus_exclude() -> None:
    config = from_yaml("files: ['data/**/*.jsonl']\nexclude: ['data/tmp/', '**/*-draft.jsonl']\n")
    assert config.matches("data/a.jsonl")
    assert not config.matches("data/tmp/a.jsonl")
    assert not config.matches("data/x/b-draft.jsonl")
    assert not config.matches("other/a.jsonl")
    assert config.matches_files("data/tmp/a.jsonl")
    assert config.is_excluded("data/tmp/a.jsonl")
    assert config.matches("./data/a.jsonl")


# --- discovery and files -----------------------------------------------------------------


def make_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith("/"):
            path.mkdir(exist_ok=True)
        else:
            path.write_text(text)


def load_in(tmp_path: Path, start: str, explicit: str | None = None) -> Config:
    return load_config(
        tmp_path / start,
        Path(explicit) if explicit else None,
        known_formats=FORMATS,
        known_targets=TARGETS,
    )


PYPROJECT = "[project]\nname = 'x'\n\n[tool.traingate]\nformat = 'dpo'\n"


@pytest.mark.parametrize(
    ("files", "start", "expected"),
    [
        ({".traingate.yaml": "", "a/b/c/": ""}, "a/b/c", ".traingate.yaml"),
        ({".traingate.yaml": "", "a/.traingate.yaml": "", "a/b/": ""}, "a/b", "a/.traingate.yaml"),
        ({".traingate.yaml": "", "repo/.git/": "", "repo/a/": ""}, "repo/a", None),
        ({".traingate.yaml": "", "repo/.git": "gitdir: x", "repo/a/": ""}, "repo/a", None),
        (
            {"repo/.git/": "", "repo/.traingate.yaml": "", "repo/a/": ""},
            "repo/a",
            "repo/.traingate.yaml",
        ),
        ({"pyproject.toml": PYPROJECT, "a/": ""}, "a", "pyproject.toml"),
        (
            {".traingate.yaml": "", "a/pyproject.toml": "[project]\nname='x'\n"},
            "a",
            ".traingate.yaml",
        ),
        ({"a/": ""}, "a", None),
    ],
)
def test_discover(tmp_path: Path, files: dict[str, str], start: str, expected: str | None) -> None:
    make_tree(tmp_path, files)
    found = discover(tmp_path / start)
    if expected is not None:
        assert found == (tmp_path / expected).resolve()
    elif any(".git" in name for name in files):
        assert found is None
    else:  # the walk left tmp_path: whatever it found is outside this test's tree
        assert found is None or not found.is_relative_to(tmp_path)


def test_discover_in_a_real_git_repository(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    make_tree(tmp_path, {".traingate.yaml": "format: dpo\n", "repo/data/": ""})
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    config = load_in(tmp_path, "repo/data")
    assert config.source is None
    assert config.root == (tmp_path / "repo").resolve()
    assert config.format == "auto"


def test_ambiguous_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path, {".traingate.yaml": "", "pyproject.toml": PYPROJECT, ".git/": ""})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as info:
        load_in(tmp_path, ".")
    assert str(info.value) == (
        ".traingate.yaml: ambiguous config: pyproject.toml also has [tool.traingate]; keep one"
    )


def test_a_config_that_is_not_a_file_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path, {".traingate.yaml/": "", ".git/": ""})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"^\.traingate\.yaml: cannot read: not a file"):
        load_in(tmp_path, ".")


def test_misnamed_config_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path, {".traingate.yml": "format: dpo\n", ".git/": ""})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"^\.traingate\.yml: rename it to \.traingate\.yaml"):
        load_in(tmp_path, ".")


def test_discovered_config_is_rooted_at_its_directory(tmp_path: Path) -> None:
    make_tree(tmp_path, {"repo/.git/": "", "repo/.traingate.yaml": "format: dpo\n", "repo/a/": ""})
    config = load_in(tmp_path, "repo/a")
    assert config.root == (tmp_path / "repo").resolve()
    assert config.source == (tmp_path / "repo/.traingate.yaml").resolve()
    assert config.format == "dpo"


def test_no_config_outside_git_is_rooted_at_start(tmp_path: Path) -> None:
    above = tmp_path.resolve().parents
    if discover(tmp_path) is not None or any((d / ".git").exists() for d in above):
        pytest.skip("the temporary directory is inside a git repository or a configured tree")
    make_tree(tmp_path, {"a/": ""})
    config = load_in(tmp_path, "a")
    assert config == Config(root=(tmp_path / "a").resolve())


def test_pyproject_table(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {".git/": "", "pyproject.toml": PYPROJECT + "[tool.traingate.rules]\nbom = 'off'\n"},
    )
    config = load_in(tmp_path, ".")
    assert (config.format, config.rules) == ("dpo", {"bom": None})


def test_explicit_path_overrides_discovery(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {".git/": "", ".traingate.yaml": "format: dpo\n", "ci/strict.yaml": "fail-on: warning\n"},
    )
    config = load_in(tmp_path, ".", str(tmp_path / "ci/strict.yaml"))
    assert (config.format, config.fail_on) == ("auto", "warning")
    assert config.root == (tmp_path / "ci").resolve()


def test_explicit_pyproject(tmp_path: Path) -> None:
    make_tree(tmp_path, {"other/pyproject.toml": PYPROJECT})
    config = load_in(tmp_path, ".", str(tmp_path / "other/pyproject.toml"))
    assert config.format == "dpo"


def test_explicit_file_with_root(tmp_path: Path) -> None:
    make_tree(tmp_path, {"base.yaml": "format: dpo\n"})
    config = load_file(
        tmp_path / "base.yaml", root=Path("/elsewhere"), known_formats=FORMATS, known_targets=()
    )
    assert config.root == Path("/elsewhere")


NO_TABLE = "[project]\nname = 'x'\n"
OVERRIDE_TOML = "[[tool.traingate.overrides]]\nfiles = ['a']\nformat = 'dpp'\n"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (NO_TABLE, "", "no [tool.traingate] table"),
        ("[tool.traingate\n", "", "invalid TOML: Expected ']' at the end of a table declaration"),
        (
            PYPROJECT + "[tool.traingate.reader]\nmax-depth = 10\nmax-depht = 3\n",
            ":8: reader.max-depht",
            "unknown key 'max-depht' (did you mean 'max-depth'?)",
        ),
        (PYPROJECT + "fail-on = 'never'\n", ":6: fail-on", "'never' is not one of: error, warning"),
        (
            "[tool.traingate]\nrules = { bom = 'loud' }\n",
            ":2: rules.bom",
            f"'loud' {SEVERITY_CHOICES}",
        ),
        (
            PYPROJECT + OVERRIDE_TOML,
            ":8: overrides[0].format",
            "unknown format 'dpp' (did you mean 'dpo'?)",
        ),
        (
            "[tool]\ntraingate.format = 'dpp'\n",
            ": format",
            "unknown format 'dpp' (did you mean 'dpo'?)",
        ),
    ],
)
def test_pyproject_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, where: str, message: str
) -> None:
    make_tree(tmp_path, {"pyproject.toml": text})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as info:
        load_in(tmp_path, ".", "pyproject.toml")
    assert str(info.value).startswith(f"pyproject.toml{where}: {message}")


def test_missing_explicit_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"^nope\.yaml: cannot read: No such file"):
        load_in(tmp_path, ".", "nope.yaml")


@pytest.mark.parametrize(
    ("files", "exclude", "directory", "expected"),
    [
        (["**/*.jsonl"], [], "anything/at/all", True),
        (["data/**/*.jsonl"], [], "data/vendor", True),
        (["data/**/*.jsonl"], [], "data", True),
        (["data/**/*.jsonl"], [], "other", False),
        (["data/*.jsonl"], [], "data/vendor", False),
        (["data/*/x.jsonl"], [], "data/vendor", True),
        (["data/*/x.jsonl"], [], "data/vendor/deeper", False),
        (["d?ta/"], [], "data/sub", True),
        (["data/"], [], "other/data", False),
        (["**/*.jsonl"], ["data/vendor/**"], "data/vendor", False),
        (["**/*.jsonl"], ["data/vendor/"], "data/vendor", False),
        (["**/*.jsonl"], ["data/vendor"], "data/vendor", True),
    ],
)
def test_may_hold_training_files(
    files: list[str], exclude: list[str], directory: str, expected: bool
) -> None:
    config = Config(
        root=Path("."),
        files=tuple(Glob.compile(p) for p in files),
        exclude=tuple(Glob.compile(p) for p in exclude),
    )
    assert config.may_hold_training_files(directory) is expected
