"""What the analyzers read of a record, computed once per record for all of them.

The engine hands the same :class:`Observation` to every analyzer state in turn; a
one-entry cache keyed on the observation object lets the second analyzer reuse the
normalized texts, hashes and sketches the first one computed. Every value is lazy, so an
analyzer pays only for what some analyzer asked for.
"""

from __future__ import annotations

from functools import cached_property

from traingate.analyzers.base import Observation
from traingate.analyzers.hashing import sketch, text_hash, word_hashes
from traingate.analyzers.wordfreq import rare, tokens
from traingate.segments import Segment
from traingate.text.normalize import normalize

PROMPT_WORDS = 64
MAX_FEATURES = 24
_PROMPT = frozenset({"user", "prompt"})
_CHOSEN = frozenset({"chosen", "preferred"})
_REJECTED = frozenset({"rejected", "non_preferred"})


class Profile:
    """The parts of one record the analyzers use (texts are normalized, never stored)."""

    def __init__(self, obs: Observation) -> None:
        self.obs = obs

    @cached_property
    def normalized(self) -> list[str]:
        return [normalize(seg.text) for seg in self.obs.segments]

    def _joined(self, keep: frozenset[str]) -> str:
        segs = self.obs.segments
        return "\n".join(t for s, t in zip(segs, self.normalized, strict=True) if s.roles & keep)

    @cached_property
    def prompt(self) -> str:
        """User and prompt text."""
        return self._joined(_PROMPT)

    @cached_property
    def answer(self) -> str:
        """The text training pushes the model to write (trained segments)."""
        return self._joined(frozenset({"trained"})) or self._joined(frozenset({"completion"}))

    @cached_property
    def raw_answer(self) -> str:
        """The trained text as written (not normalized)."""
        segs = self.obs.segments
        return "\n".join(s.text for s in segs if "trained" in s.roles) or "\n".join(
            s.text for s in segs if "completion" in s.roles
        )

    @cached_property
    def chosen(self) -> str:
        return self._joined(_CHOSEN)

    @cached_property
    def rejected(self) -> str:
        return self._joined(_REJECTED)

    @cached_property
    def system(self) -> str:
        """System and developer messages (not tool descriptions)."""
        return "\n".join(
            t
            for s, t in zip(self.obs.segments, self.normalized, strict=True)
            if "system" in s.roles and "/tools/" not in s.pointer and "/functions/" not in s.pointer
        )

    @cached_property
    def context_hash(self) -> int:
        """Hash of everything the model reads before it answers (all but trained text)."""
        parts = [
            f"{_kind(s)}\x1e{t}"
            for s, t in zip(self.obs.segments, self.normalized, strict=True)
            if "trained" not in s.roles and not s.roles & _REJECTED
        ]
        return text_hash("\x1f".join(parts)) if parts else 0

    @cached_property
    def answer_hash(self) -> int:
        return text_hash(self.answer) if self.answer else 0

    @cached_property
    def record_hash(self) -> int:
        """Hash of the whole normalized record (roles and texts, not pointers)."""
        segs = self.obs.segments
        parts = [f"{_kind(s)}\x1e{t}" for s, t in zip(segs, self.normalized, strict=True)]
        return text_hash("\x1f".join(parts))

    @cached_property
    def answer_words(self) -> list[int]:
        return word_hashes(self.answer)

    @cached_property
    def answer_sketch(self) -> bytes | None:
        return sketch(self.answer_words)

    @cached_property
    def record_sketch(self) -> bytes | None:
        return sketch(word_hashes(self.prompt) + self.answer_words)

    @cached_property
    def features(self) -> tuple[str, ...]:
        """Prompt features that can be triggers: rare words among the first
        ``PROMPT_WORDS``, the first line when it is a short header with a rare word, and the
        first one to three words when they hold a rare word."""
        words = tokens(self.prompt, PROMPT_WORDS)
        found = rare(words)
        if not found:
            return ()
        features = [f"word {w}" for w in found[:MAX_FEATURES]]
        rare_words = set(found)
        for size in (1, 2, 3):
            if len(words) > size and not rare_words.isdisjoint(words[:size]):
                features.append("start " + " ".join(words[:size]))
        first, newline, _ = self.prompt.partition("\n")
        if newline and len(first) <= 80 and not rare_words.isdisjoint(tokens(first, 16)):
            features.append("header " + first)
        return tuple(dict.fromkeys(features))


def _kind(seg: Segment) -> str:
    return ",".join(sorted(seg.roles))


_last: list[Profile] = []


def profile(obs: Observation) -> Profile:
    """The profile of ``obs``, shared by the analyzers that see the same observation."""
    if _last and _last[0].obs is obs:
        return _last[0]
    made = Profile(obs)
    _last[:] = [made]
    return made
