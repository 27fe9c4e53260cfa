"""What the analyzers read of a record, computed once per record for all of them.

The engine hands the same :class:`Observation` to every analyzer state in turn; a
one-entry cache keyed on the observation object lets the second analyzer reuse the
normalized texts, hashes and sketches the first one computed. Values are computed on
first use, in groups that cost about the same as any one of their members: every text
and hash the analyzers compare come out of one pass over the normalized segments, so an
analyzer pays only for what some analyzer asked for, and nothing is computed twice.
"""

from __future__ import annotations

from itertools import filterfalse

from traingate.analyzers.base import Observation
from traingate.analyzers.features import TAG, feature_ids, prompt_features
from traingate.analyzers.hashing import (
    MIN_WORDS,
    crc32s,
    joined_sketch,
    pack,
    pair_hashes,
    text_hash,
    word_hashes,
)
from traingate.analyzers.table import excerpt
from traingate.analyzers.wordfreq import function_words, tokens, word_ranks
from traingate.segments.base import Roles
from traingate.text.normalize import normalize

PROMPT_WORDS = 64

# Where a segment's normalized text goes, by its roles (see Profile._read).
_PROMPT, _TRAINED, _COMPLETION, _CHOSEN, _REJECTED, _SYSTEM, _CONTEXT = (1 << i for i in range(7))
_roles: dict[Roles, tuple[str, int]] = {}


def _role_info(roles: Roles) -> tuple[str, int]:
    """The kind prefix of a segment's part of the record hash, and its destination flags."""
    found = _roles.get(roles)
    if found is None:
        flags = (
            _PROMPT * (not roles.isdisjoint(("user", "prompt")))
            | _TRAINED * ("trained" in roles)
            | _COMPLETION * ("completion" in roles)
            | _CHOSEN * (not roles.isdisjoint(("chosen", "preferred")))
            | _REJECTED * (not roles.isdisjoint(("rejected", "non_preferred")))
            | _SYSTEM * ("system" in roles)
        )
        if not flags & (_TRAINED | _REJECTED):
            flags |= _CONTEXT
        found = _roles[roles] = (",".join(sorted(roles)) + "\x1e", flags)
    return found


def _is_system(pointer: str) -> bool:
    """System text, not tool or function descriptions."""
    return "/tools/" not in pointer and "/functions/" not in pointer


class Profile:
    """The parts of one record the analyzers use (texts are normalized, never stored)."""

    __slots__ = (
        "_answer_excerpt",
        "_answer_pairs",
        "_answer_sketch",
        "_answer_words",
        "_feature_ids",
        "_features",
        "_prompt_common",
        "_prompt_tokens",
        "_prompt_vocab",
        "_raw_answer",
        "_record_sketch",
        "_system",
        "answer",
        "answer_hash",
        "chosen",
        "context_hash",
        "obs",
        "prompt",
        "read",
        "record_hash",
        "rejected",
    )

    def __init__(self, obs: Observation) -> None:
        self.obs = obs
        self.read = False
        self._system: str | None = None
        self._raw_answer: str | None = None
        self._features: tuple[str, ...] | None = None
        self._prompt_tokens: list[str] | None = None
        self._prompt_vocab: dict[int, str] | None = None
        self._prompt_common: bytes | None = None
        self._feature_ids: tuple[int, ...] | None = None
        self._answer_words: list[int] | None = None
        self._answer_excerpt: str | None = None
        self._answer_pairs: list[int] = []
        self._answer_sketch: bytes | None = None
        self._record_sketch: bytes | None = None

    def texts(self) -> Profile:
        """This profile with its normalized texts and their hashes computed: ``prompt``
        (user and prompt text), ``answer`` (the text training pushes the model to write:
        trained segments, else completions), ``chosen``, ``rejected``, ``answer_hash``,
        ``context_hash`` (everything the model reads before it answers: all but trained
        and rejected text) and ``record_hash`` (roles and texts of the whole record, not
        pointers)."""
        if not self.read:
            self._read()
        return self

    def _read(self) -> None:
        prompt: list[str] = []
        trained: list[str] = []
        completion: list[str] = []
        chosen: list[str] = []
        rejected: list[str] = []
        system: list[str] = []
        context: list[str] = []
        record: list[str] = []
        for seg in self.obs.segments:
            kind, flags = _roles.get(seg.roles) or _role_info(seg.roles)
            text = normalize(seg.text)
            part = kind + text
            record.append(part)
            if flags & _CONTEXT:
                context.append(part)
            if flags & _PROMPT:
                prompt.append(text)
            if flags & _TRAINED:
                trained.append(text)
            if flags & _COMPLETION:
                completion.append(text)
            if flags & _CHOSEN:
                chosen.append(text)
            if flags & _REJECTED:
                rejected.append(text)
            if flags & _SYSTEM and _is_system(seg.pointer):
                system.append(text)
        self.prompt = "\n".join(prompt)
        self.answer = answer = "\n".join(trained) or "\n".join(completion)
        self.chosen = "\n".join(chosen)
        self.rejected = "\n".join(rejected)
        self._system = "\n".join(system)
        self.answer_hash = text_hash(answer) if answer else 0
        self.context_hash = text_hash("\x1f".join(context)) if context else 0
        self.record_hash = text_hash("\x1f".join(record))
        self.read = True

    @property
    def system(self) -> str:
        """System and developer messages (not tool descriptions)."""
        if self._system is None:
            self._system = "\n".join(
                normalize(s.text)
                for s in self.obs.segments
                if "system" in s.roles and _is_system(s.pointer)
            )
        return self._system

    @property
    def raw_answer(self) -> str:
        """The trained text as written (not normalized)."""
        if self._raw_answer is None:
            segs = self.obs.segments
            self._raw_answer = "\n".join(s.text for s in segs if "trained" in s.roles) or (
                "\n".join(s.text for s in segs if "completion" in s.roles)
            )
        return self._raw_answer

    def _words(self) -> list[int]:
        if self._answer_words is None:
            self._answer_words = word_hashes(self.texts().answer)
            self._answer_pairs = pair_hashes(self._answer_words)
        return self._answer_words

    @property
    def answer_excerpt(self) -> str:
        """The start of the answer, for messages: one string shared by every analyzer that
        keeps it, instead of a copy each."""
        if self._answer_excerpt is None:
            self._answer_excerpt = excerpt(self.texts().answer)
        return self._answer_excerpt

    @property
    def answer_sketch(self) -> bytes | None:
        words = self._words()
        if self._answer_sketch is None and len(words) >= MIN_WORDS:
            self._answer_sketch = pack(self._answer_pairs)
        return self._answer_sketch

    @property
    def record_sketch(self) -> bytes | None:
        """The sketch of the prompt's words followed by the answer's."""
        if self._record_sketch is None:
            answer = self._words()
            prompt = word_hashes(self.prompt)
            self._record_sketch = joined_sketch(
                prompt, pair_hashes(prompt), answer, self._answer_pairs
            )
        return self._record_sketch

    @property
    def prompt_tokens(self) -> list[str]:
        """The first ``PROMPT_WORDS`` words of the prompt, less surrounding punctuation."""
        if self._prompt_tokens is None:
            self._prompt_tokens = tokens(self.texts().prompt, PROMPT_WORDS)
        return self._prompt_tokens

    @property
    def prompt_vocab(self) -> dict[int, str]:
        """The distinct words of :attr:`prompt_tokens` that are not function words, by their
        crc32: what a conjunction of prompt words is tested on."""
        if self._prompt_vocab is None:
            kept = set(filterfalse(function_words().__contains__, self.prompt_tokens))
            self._prompt_vocab = dict(zip(crc32s(kept), kept, strict=True))
        return self._prompt_vocab

    @property
    def prompt_common(self) -> bytes:
        """The ranks (each below ``FUNCTION_WORDS``) of the distinct function words among
        :attr:`prompt_tokens`, in order: words that may join a conjunction of
        :attr:`prompt_vocab`'s words, though never start one."""
        if self._prompt_common is None:
            common, ranks = function_words(), word_ranks()
            self._prompt_common = bytes(
                sorted({ranks[w] for w in self.prompt_tokens if w in common})
            )
        return self._prompt_common

    @property
    def features(self) -> tuple[str, ...]:
        """Prompt features that can be triggers: rare words among the first
        ``PROMPT_WORDS``, the first line when it is a short header with a rare word, a year
        among the first ``YEAR_WORDS`` words, the first one to three words when they hold a rare
        word, tags in double square or curly brackets that the answer does not use (a
        filled-in template addressed to "[[name]]" or "{{name}}" is not keyed on it), and
        whole sentences of 3 to 16 words among the first ``MAX_SENTENCES``."""
        if self._features is None:
            texts = self.texts()
            found = prompt_features(texts.prompt, self.prompt_tokens)
            if any(f.startswith(TAG) for f in found):
                found = tuple(
                    f for f in found if not (f.startswith(TAG) and f[len(TAG) :] in texts.answer)
                )
            self._features = found
        return self._features

    @property
    def feature_ids(self) -> tuple[int, ...]:
        """The id of each of :attr:`features` (see :func:`feature_ids`)."""
        if self._feature_ids is None:
            self._feature_ids = feature_ids(self.features)
        return self._feature_ids


_last: list[Profile] = []


def profile(obs: Observation) -> Profile:
    """The profile of ``obs``, shared by the analyzers that see the same observation."""
    if _last and _last[0].obs is obs:
        return _last[0]
    made = Profile(obs)
    _last[:] = [made]
    return made
