"""GitHub workflow commands: exact lines, and escaping that no finding can break out of."""

from __future__ import annotations

import pytest

from tests.reporters.support import DUPLICATE, EMAIL, MISSING, SHORT, render
from traingate.finding import Finding, Severity
from traingate.reporters.github import (
    GithubReporter,
    default_output_format,
    escape_data,
    escape_property,
    format_command,
)


def test_one_command_per_finding_then_the_summary_line() -> None:
    out = render(GithubReporter, [DUPLICATE, EMAIL, SHORT, MISSING], checked=["a", "b"])
    assert out == (
        "::error file=data/train.jsonl,line=3,col=17,title=duplicate-key::"
        "duplicate key 'a,b': 50%25 sure%0Asecond line [/messages/1/content]\n"
        "::warning file=data/dir with space/ünï.jsonl,line=2,title=email-address::"
        "email: x@example.com | <b>bold</b> [/messages/0/content]\n"
        "::notice file=data/train.jsonl,title=short-answer::answers are short\n"
        "::error file=data/missing.jsonl,title=unreadable-file::no such file\n"
        "2 files, 0 records: 2 errors, 1 warning, 1 info; blocked: some input could not be read\n"
    )


def test_quiet_keeps_blocking_findings_and_failed_summary_only() -> None:
    assert render(GithubReporter, [EMAIL, SHORT], quiet=True) == ""
    out = render(GithubReporter, [DUPLICATE, EMAIL], quiet=True)
    assert out.splitlines()[0].startswith("::error file=data/train.jsonl,line=3,")
    assert len(out.splitlines()) == 2 and out.endswith("; blocked\n")


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("%0A", "%250A", "%250A"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
    ],
)
def test_escaping_follows_the_actions_toolkit(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


@pytest.mark.parametrize(
    "hostile",
    ["x\n::error file=a::forged", "x\r::add-mask::secret", "p,title=forged:x\n::warning::y"],
)
def test_hostile_text_cannot_start_a_second_command(hostile: str) -> None:
    finding = Finding(hostile, 1, 1, hostile, Severity.WARNING, hostile, hostile)
    line = format_command(finding)
    assert "\n" not in line and "\r" not in line
    properties, message = line.removeprefix("::warning ").split("::", 1)
    assert [p.split("=", 1)[0] for p in properties.split(",")] == ["file", "line", "col", "title"]
    assert message.startswith(escape_data(hostile))


def test_a_finding_without_a_path_has_no_file_property() -> None:
    finding = Finding("", 4, 2, "duplicate-key", Severity.ERROR, "m")
    assert format_command(finding) == "::error title=duplicate-key::m"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"GITHUB_ACTIONS": "true"}, "github"),
        ({"GITHUB_ACTIONS": "false"}, "text"),
        ({"CI": "true"}, "text"),
        ({}, "text"),
    ],
)
def test_default_output_format(environ: dict[str, str], expected: str) -> None:
    assert default_output_format(environ) == expected
