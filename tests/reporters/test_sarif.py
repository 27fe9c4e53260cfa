"""SARIF 2.1.0: valid against the official schema, and shaped for GitHub code scanning."""

from __future__ import annotations

import json
import os
import string
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.reporters.support import DUPLICATE, EMAIL, MISSING, RULES, SHORT, render
from traingate import __version__
from traingate.finding import Finding, Severity
from traingate.reporters.sarif import SarifReporter, artifact_location

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "shared/data/sarif/sarif-schema-2.1.0.json"
URI_CHARACTERS = set(string.ascii_letters + string.digits + "-._~/%")
NASTY = Finding(
    path='données/café "quoted" #1.jsonl',
    line=7,
    column=3,
    rule="email-address",
    severity=Severity.WARNING,
    message='contains "x@example.com" <script>\u2028\x00 ✓',
    pointer="/messages/0/content~1x",
    record_hash="c" * 32,
)
ALL = [DUPLICATE, EMAIL, SHORT, MISSING, NASTY]


def _log(findings: list[Finding]) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render(SarifReporter, findings))
    return log


def _validator() -> jsonschema.protocols.Validator:
    if not SCHEMA_PATH.is_file():
        pytest.skip(f"the SARIF schema is not at {SCHEMA_PATH}")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    kind = jsonschema.validators.validator_for(schema)
    return kind(schema, format_checker=kind.FORMAT_CHECKER)


@pytest.mark.parametrize("findings", [ALL, []], ids=["findings", "empty"])
def test_validates_against_the_official_schema(findings: list[Finding]) -> None:
    _validator().validate(_log(findings))


def test_the_schema_rejects_a_line_0_region() -> None:
    log = _log([SHORT])
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not _validator().is_valid(log)


def test_log_header_and_driver() -> None:
    log = _log(ALL)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("traingate", __version__)
    assert driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"


def test_rules_are_the_referenced_ones_with_their_docs() -> None:
    rules = _log([EMAIL, DUPLICATE, EMAIL])["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["duplicate-key", "email-address"]
    assert rules[0] == {
        "id": "duplicate-key",
        "name": "duplicate-key",
        "shortDescription": {"text": "An object repeats a key."},
        "fullDescription": {"text": "Reports an object that repeats a key."},
        "help": {"text": RULES["duplicate-key"].doc, "markdown": RULES["duplicate-key"].doc},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["training-data", "line"]},
    }
    assert rules[1]["defaultConfiguration"] == {"level": "warning"}


def test_result_of_a_located_finding() -> None:
    (result,) = _log([DUPLICATE])["runs"][0]["results"]
    assert result == {
        "ruleId": "duplicate-key",
        "ruleIndex": 0,
        "level": "error",
        "message": {"text": "duplicate key 'a,b': 50% sure\nsecond line [/messages/1/content]"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "data/train.jsonl", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 3, "startColumn": 17},
                }
            }
        ],
        "partialFingerprints": {"recordHash/v1": f"duplicate-key:{'a' * 32}:/messages/1/content"},
        "properties": {"pointer": "/messages/1/content", "recordHash": "a" * 32},
    }


def test_whole_file_findings_sit_on_line_1_and_say_so() -> None:
    results = _log([SHORT, MISSING])["runs"][0]["results"]
    for result in results:
        assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
        assert result["properties"]["wholeFile"] is True
        assert "partialFingerprints" not in result
    assert [r["level"] for r in results] == ["note", "error"]


def test_rule_index_points_at_the_rule_of_each_result() -> None:
    run = _log(ALL)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rules[r["ruleIndex"]]["id"] for r in run["results"]] == [f.rule for f in ALL]
    assert [r["ruleId"] for r in run["results"]] == [f.rule for f in ALL]


def test_special_characters_survive_and_uris_are_percent_encoded() -> None:
    out = render(SarifReporter, [NASTY, EMAIL])
    assert "✓" in out and "données" not in out  # UTF-8 text; paths only as URIs
    results = json.loads(out)["runs"][0]["results"]
    assert results[0]["message"]["text"] == NASTY.message + " [/messages/0/content~1x]"
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris == [
        "donn%C3%A9es/caf%C3%A9%20%22quoted%22%20%231.jsonl",
        "data/dir%20with%20space/%C3%BCn%C3%AF.jsonl",
    ]
    for uri in uris:
        assert set(uri) <= URI_CHARACTERS


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("a:b.jsonl", {"uri": "a%3Ab.jsonl", "uriBaseId": "%SRCROOT%"}),
        ("../up.jsonl", {"uri": "../up.jsonl", "uriBaseId": "%SRCROOT%"}),
        ("/abs/x y.jsonl", {"uri": "file:///abs/x%20y.jsonl"}),
        # A POSIX file name, not a Windows path (a name made to point an alert at a host).
        ("C:\\data\\x.jsonl", {"uri": "C%3A%5Cdata%5Cx.jsonl", "uriBaseId": "%SRCROOT%"}),
        (
            "\\\\evil.example\\share\\x.jsonl",
            {"uri": "%5C%5Cevil.example%5Cshare%5Cx.jsonl", "uriBaseId": "%SRCROOT%"},
        ),
        ("bad\udcff.jsonl", {"uri": "bad%FF.jsonl", "uriBaseId": "%SRCROOT%"}),
    ],
)
@pytest.mark.skipif(os.name == "nt", reason="POSIX file names")
def test_artifact_locations(path: str, expected: dict[str, str]) -> None:
    assert artifact_location(path) == expected


def test_an_empty_run_has_no_rules_and_no_results() -> None:
    run = _log([])["runs"][0]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []
