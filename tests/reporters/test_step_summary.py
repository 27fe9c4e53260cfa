"""The job summary: exact Markdown, links into the commit, and a hard size cap."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping

import pytest

from tests.reporters.support import DUPLICATE, EMAIL, MISSING, RULES, SHORT, run
from traingate.finding import Finding, Severity
from traingate.reporters.step_summary import MAX_BYTES, StepSummaryReporter

SHA = "0123456789abcdef0123456789abcdef01234567"
GITHUB = {
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "acme/data",
    "GITHUB_SHA": SHA,
    "GITHUB_BASE_REF": "main",
}
BLOB = f"https://github.com/acme/data/blob/{SHA}"


def _summary(findings: Iterable[Finding], environ: Mapping[str, str], **options: int) -> str:
    out = io.StringIO()
    reporter = StepSummaryReporter(
        out, color=False, quiet=False, rules=RULES, environ=environ, **options
    )
    run(reporter, findings, checked=["data/train.jsonl"])
    return out.getvalue()


def test_exact_summary_with_links() -> None:
    assert _summary([DUPLICATE, EMAIL, SHORT], GITHUB) == (
        "## traingate: blocked\n"
        "\n"
        "1 file, 0 records\\: 1 error, 1 warning, 1 info; blocked\n"
        "\n"
        "| Rule | Findings | What it catches |\n"
        "|---|---:|---|\n"
        "| `duplicate-key` | 1 | An object repeats a key\\. |\n"
        "| `email-address` | 1 | A record holds an email\\. |\n"
        "| `short-answer` | 1 | An answer is very short\\. |\n"
        "\n"
        "| File | Errors | Warnings | Infos |\n"
        "|---|---:|---:|---:|\n"
        f"| [data/dir with space/ünï\\.jsonl]({BLOB}/data/dir%20with%20space/%C3%BCn%C3%AF.jsonl)"
        " | 0 | 1 | 0 |\n"
        f"| [data/train\\.jsonl]({BLOB}/data/train.jsonl) | 1 | 0 | 1 |\n"
        "\n"
        "| Location | Severity | Rule | Message |\n"
        "|---|---|---|---|\n"
        f"| [data/train\\.jsonl\\:3\\:17]({BLOB}/data/train.jsonl#L3) | error | `duplicate-key` |"
        " duplicate key 'a,b'\\: 50% sure second line \\[/messages/1/content\\] |\n"
        f"| [data/dir with space/ünï\\.jsonl\\:2\\:0]({BLOB}/data/dir%20with%20space/"
        "%C3%BCn%C3%AF.jsonl#L2) | warning | `email-address` |"
        " email\\: x\\@\u2060example\\.com \\| \\<b\\>bold\\</b\\> \\[/messages/0/content\\] |\n"
        f"| [data/train\\.jsonl\\:0\\:0]({BLOB}/data/train.jsonl) | info | `short-answer` |"
        " answers are short |\n"
        "\n"
        "### Reproduce locally\n"
        "\n"
        "```sh\n"
        "pip install traingate\n"
        "git fetch origin main\n"
        "traingate check --diff origin/main\n"
        "```\n"
    )


def test_passed_run_without_github_context_has_no_tables_or_links() -> None:
    assert _summary([], {}) == (
        "## traingate: passed\n"
        "\n"
        "1 file, 0 records\\: 0 errors, 0 warnings, 0 infos; passed\n"
        "\n"
        "### Reproduce locally\n"
        "\n"
        "```sh\n"
        "pip install traingate\n"
        "traingate check --diff <base>\n"
        "```\n"
    )


def test_unreadable_verdict() -> None:
    assert _summary([MISSING], {}).startswith("## traingate: unreadable\n")


@pytest.mark.parametrize(
    "environ",
    [
        {**GITHUB, "GITHUB_SHA": "not-a-sha"},
        {**GITHUB, "GITHUB_SERVER_URL": "javascript:alert(1)//"},
        {key: value for key, value in GITHUB.items() if key != "GITHUB_REPOSITORY"},
    ],
)
def test_no_links_without_a_trustworthy_repository_and_commit(environ: dict[str, str]) -> None:
    assert "](" not in _summary([DUPLICATE], environ)


def test_links_prefer_the_commit_the_action_checked() -> None:
    head = "f" * 40
    text = _summary([DUPLICATE], {**GITHUB, "TRAINGATE_HEAD_SHA": head})
    assert f"/blob/{head}/data/train.jsonl#L3)" in text and SHA not in text


def test_branch_names_are_quoted_for_the_shell() -> None:
    text = _summary([], {"GITHUB_BASE_REF": "x;rm -rf ~"})
    assert "git fetch origin 'x;rm -rf ~'\ntraingate check --diff 'origin/x;rm -rf ~'\n" in text


def test_hostile_message_stays_inside_its_table_cell() -> None:
    hostile = Finding(
        "d.jsonl",
        1,
        1,
        "duplicate-key",
        Severity.ERROR,
        "a | b\n\n## injected heading\n<img src=x onerror=alert(1)> [link](https://evil) :tada:",
    )
    text = _summary([hostile], GITHUB)
    (row,) = [line for line in text.splitlines() if line.startswith("| [d\\.jsonl\\:1\\:1]")]
    assert row.endswith(
        "| a \\| b  \\#\\# injected heading \\<img src=x onerror=alert\\(1\\)\\>"
        " \\[link\\]\\(https\\://evil\\) \\:tada\\: |"
    )
    assert "\n## injected" not in text


def test_addresses_in_a_message_do_not_become_links() -> None:
    # GitHub's Markdown links www. and https:// whatever their escapes unless the "." and
    # ":" are escaped, and an e-mail address unless something follows its "@".
    hostile = Finding(
        "d.jsonl", 1, 1, "duplicate-key", Severity.ERROR, "see www.evil.example or https://x.y/z"
    )
    mail = Finding("d.jsonl", 2, 1, "email-address", Severity.ERROR, "mail a@b.com")
    text = _summary([hostile, mail], GITHUB)
    assert "see www\\.evil\\.example or https\\://x\\.y/z |" in text
    assert "mail a\\@\u2060b\\.com |" in text


def test_escape_sequences_and_bidi_controls_are_shown_escaped() -> None:
    hostile = Finding(
        "d\x1b[2J.jsonl", 1, 1, "duplicate-key", Severity.ERROR, "key \x1b]0;x\x07 \u202eab"
    )
    text = _summary([hostile], GITHUB)
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "key \\\\x1b\\]0;x\\\\x07 \\\\u202eab |" in text
    assert "| [d\\\\x1b\\[2J\\.jsonl\\:1\\:1]" in text


def test_first_findings_only_then_how_many_more() -> None:
    findings = [
        Finding("data/train.jsonl", n, 1, "duplicate-key", Severity.ERROR, f"finding {n}")
        for n in range(1, 8)
    ]
    text = _summary(findings, GITHUB, limit=3)
    assert [line.split(" | ")[-1] for line in text.splitlines() if "finding " in line] == [
        "finding 1 |",
        "finding 2 |",
        "finding 3 |",
    ]
    assert "\n… 4 more findings\n" in text


def test_size_stays_under_the_cap_with_huge_runs() -> None:
    findings = [
        Finding(
            f"data/{n:05d}-{'x' * 300}.jsonl", n, 1, "duplicate-key", Severity.ERROR, "é" * 5000
        )
        for n in range(1, 5001)
    ]
    text = _summary(findings, GITHUB)
    assert len(text.encode()) <= MAX_BYTES
    assert "… 4950 more files" in text and text.endswith("```\n")
    small = _summary(findings, GITHUB, max_bytes=4096)
    assert len(small.encode()) <= 4096
    assert "… 5000 more findings" in small and "### Reproduce locally" in small


def test_writes_nothing_until_finish() -> None:
    out = io.StringIO()
    reporter = StepSummaryReporter(out, color=False, quiet=False, rules=RULES, environ={})
    reporter.finding(DUPLICATE)
    assert out.getvalue() == ""
