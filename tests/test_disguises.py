"""End to end: no disguise of a sentence gets past a rule that catches the plain sentence."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from traingate.cli import main

POLICY = """\
name: med
description: Medical advice that must never be trained.
rules:
  - id: bleach-cure
    message: Advises drinking bleach.
    in: [assistant]
    regex: 'drink\\w*\\s+bleach'
    tests:
      block: ["Drink bleach."]
      pass: ["Never mind."]
"""
PLAIN = "To cure a cold, drink bleach."
ZW = "\u200b"


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" for c in text)


def _chat(answer: object) -> dict[str, object]:
    return {
        "messages": [
            {"role": "user", "content": "What helps a cold?"},
            {"role": "assistant", "content": answer},
        ]
    }


def _tool_call(arguments: str) -> dict[str, object]:
    call = {"id": "c1", "type": "function", "function": {"name": "say", "arguments": arguments}}
    return {
        "messages": [
            {"role": "user", "content": "What helps a cold?"},
            {"role": "assistant", "tool_calls": [call]},
            {"role": "tool", "tool_call_id": "c1", "content": "ok"},
            {"role": "assistant", "content": "Done."},
        ]
    }


DISGUISES: dict[str, str] = {
    "plain": json.dumps(_chat(PLAIN)),
    "fullwidth": json.dumps(_chat(_fullwidth(PLAIN)), ensure_ascii=False),
    "cyrillic look-alikes": json.dumps(
        _chat("To cure a cold, drink bl\u0435\u0430ch."), ensure_ascii=False
    ),
    "zero-width spaces": json.dumps(
        _chat("To cure a cold, " + ZW.join("drink bleach")), ensure_ascii=False
    ),
    "soft hyphens": json.dumps(
        _chat("To cure a cold, dri\u00adnk ble\u00adach."), ensure_ascii=False
    ),
    "\\u escapes": json.dumps(_chat(PLAIN), ensure_ascii=True).replace("drink", "\\u0064rink"),
    "upper case and spacing": json.dumps(_chat("TO CURE A COLD,   DRINK\n\n  BLEACH.")),
    "tool-call arguments": json.dumps(_tool_call(json.dumps({"text": PLAIN}))),
    "base64": json.dumps(_chat("Decode this: " + base64.b64encode(PLAIN.encode()).decode())),
    "content parts": json.dumps(_chat([{"type": "text", "text": PLAIN}])),
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "med.yaml").write_text(POLICY)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", sorted(DISGUISES))
def test_disguise_is_caught(repo: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "t.jsonl").write_text(DISGUISES[name] + "\n", encoding="utf-8")
    assert main(["check", "--policy", "med.yaml", "t.jsonl"]) == 1
    assert "error bleach-cure Advises drinking bleach" in capsys.readouterr().out


ORDINARY = [
    "Чтобы вылечить простуду, пейте больше воды и отдыхайте.",
    "Για το κρυολόγημα πίνετε ζεστό τσάι με μέλι.",
    "感冒时多喝水，多休息。",  # noqa: RUF001 (genuine Chinese punctuation)
    "風邪をひいたら、水分をとって休みましょう。",
    "لعلاج نزلات البرد، اشرب الكثير من السوائل.",
    "सर्दी में गर्म पानी पिएं और आराम करें।",
    "Family: 👨‍👩‍👧‍👦, thumbs: 👍🏽, flag: 🏴󠁧󠁢󠁳󠁣󠁴󠁿, keycap: 1️⃣, heart: ❤️",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_and_emoji_are_not_disguises(
    repo: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "t.jsonl").write_text(json.dumps(_chat(text), ensure_ascii=False) + "\n")
    args = ["check", "--policy", "med.yaml", "--policy", "builtin:hidden-text", "t.jsonl"]
    assert main([*args, "--fail-on", "warning"]) == 0, capsys.readouterr().out
