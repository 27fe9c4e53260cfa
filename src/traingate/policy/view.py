"""One view of the text (normalized or original): its compiled sets, automaton and matchers.

The record-wide set holds every regex and detector prefilter in its record form (see
``traingate.policy.joined``) and, last, an alternation of every keyword; the few patterns
that have no record form go to a second set, scanned text by text. So clean text costs one
set scan; the keyword automaton (and its word-boundary checks) runs only where that
alternation matched. Conditions the sets hit then run their own
regex, keywords or detector, after their allow patterns: a regex is searched once in the
text with the allowed passages masked, so its first match is the answer, and a keyword or
detector hit overlapping an allowed passage is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import re2

from traingate.detectors.base import Guard
from traingate.policy.joined import SEPARATOR, record_form
from traingate.policy.keywords import Keywords, Spans
from traingate.policy.model import Condition, DetectorMatcher, KeywordMatcher, RegexMatcher
from traingate.policy.regexes import SET_MAX_MEM, compile_pattern, effective, options
from traingate.text.normalize import normalize, normalize_utf8

MASK = "\0"
Options = Mapping[str, Any]
_CACHE_LIMIT = 1 << 12


@dataclass(frozen=True, slots=True)
class Hit:
    """A match in a segment; offsets index the normalized text when ``normalized``."""

    start: int
    end: int
    note: str
    normalized: bool


class View:
    """Everything matched on one view; ``selector_of[cid]`` is the selector of a condition."""

    def __init__(
        self,
        entries: Sequence[tuple[int, Condition]],
        normalized: bool,
        selector_of: Sequence[int],
    ) -> None:
        self.normalized = normalized
        self.selector_of = {cid: selector_of[cid] for cid, _ in entries}
        self.selectors = frozenset(self.selector_of.values())
        self.allow = {
            cid: tuple(compile_pattern(p, ignore_case=normalized) for p in c.allow)
            for cid, c in entries
        }
        self.regex: dict[int, Any] = {}
        self.detectors: dict[int, DetectorMatcher] = {}
        patterns: dict[str, list[int]] = {}
        needles: dict[str, list[int]] = {}
        for cid, condition in entries:
            matcher = condition.matcher
            if isinstance(matcher, RegexMatcher):
                self.regex[cid] = compile_pattern(matcher.pattern, ignore_case=normalized)
                source = effective(matcher.pattern, ignore_case=normalized)
                patterns.setdefault(source, []).append(cid)
            elif isinstance(matcher, KeywordMatcher):
                for needle in matcher.needles:
                    needles.setdefault(needle, []).append(cid)
            else:
                self.detectors[cid] = matcher
                if matcher.detector.prefilter is not None:
                    source = effective(matcher.detector.prefilter, ignore_case=True)
                    patterns.setdefault(source, []).append(cid)
        self.always = tuple(
            sorted(c for c, m in self.detectors.items() if m.detector.prefilter is None)
        )
        self.keywords = Keywords(needles) if needles else None
        alternation = "|".join(re2.escape(needle) for needle in needles)
        keyword_ids = tuple(sorted({cid for ids in needles.values() for cid in ids}))
        # Two sets: the record-wide forms (and the keyword alternation, last), and the
        # patterns only a text-by-text scan can run. A text is scanned with both: a record
        # form matches wherever its pattern does, and each candidate then runs its own
        # matcher, so the findings are those of one set of the patterns as written, which
        # would cost as much again to compile on every run.
        wide: list[str] = []
        self._wide_ids: list[tuple[int, ...]] = []
        narrow: list[str] = []
        self._narrow_ids: list[tuple[int, ...]] = []
        for source, ids in patterns.items():
            form = record_form(source, normalized=normalized)
            if form is None:
                narrow.append(source)
                self._narrow_ids.append(tuple(ids))
            else:
                wide.append(form)
                self._wide_ids.append(tuple(ids))
        self._keyword_index = len(wide) if needles else -1
        if needles:
            wide.append(alternation)
            self._wide_ids.append(keyword_ids)
        self._record_set = _compile_set(wide)
        self._anchored_set = _compile_set(narrow)
        self._scopes: dict[tuple[int, ...], frozenset[int]] = {}
        self._always_of: dict[tuple[bool, ...], tuple[tuple[int, Guard | None, Options], ...]]
        self._always_of = {}

    def scan_record(
        self,
        texts: Sequence[str],
        actives: Sequence[tuple[bool, ...]],
        joined: str | None = None,
    ) -> list[tuple[int, int, Hit]]:
        """``(k, cid, hit)`` for what :meth:`scan` finds in each ``texts[k]`` (in this
        view's form) with selectors ``actives[k]``, from one set scan of all the texts
        (``joined``: the texts joined by :data:`SEPARATOR`, if the caller has them).

        The record-wide scan matches wherever a scan of one text would (anchored patterns
        apart, which are scanned text by text), so a text is scanned on its own, exactly as
        before, only when the record-wide scan hit a condition that selects it.
        """
        found = self.prefilter(SEPARATOR.join(texts) if joined is None else joined)
        scopes = self._scopes_of(found) if found else frozenset()
        out: list[tuple[int, int, Hit]] = []
        if not (scopes or self.always or self._anchored_set is not None):
            return out
        for k, text in enumerate(texts):
            active = actives[k]
            always = self._always_of.get(active)
            if always is None:
                always = self._always_of[active] = self._guarded(active)
            selected = bool(scopes) and any(active[s] for s in scopes)
            if not (selected or always or self._anchored_set is not None):
                continue
            seen = normalize(text) if self.normalized else text
            narrow = self._anchored_set.Match(seen) if self._anchored_set is not None else None
            if selected or narrow:
                out += [(k, cid, hit) for cid, hit in self.scan(seen, active, narrow)]
                continue
            for cid, guard, opts in always:
                if guard is None or guard(seen, opts):
                    hit = self._first(cid, seen, ())
                    if hit is not None:
                        out.append((k, cid, hit))
        return out

    def prefilter(self, joined: str) -> list[int] | None:
        """The record-wide set scan of a record's texts joined by :data:`SEPARATOR`
        (normalized first on the normalized view): the indexes it hit, if any."""
        if self._record_set is None:
            return None
        found: list[int] = self._record_set.Match(
            normalize_utf8(joined) if self.normalized else joined
        )
        return found

    def _guarded(self, active: Sequence[bool]) -> tuple[tuple[int, Guard | None, Options], ...]:
        uses = [(cid, self.detectors[cid]) for cid in self.always]
        return tuple(
            (cid, use.detector.guard, use.options)
            for cid, use in uses
            if active[self.selector_of[cid]]
        )

    def _scopes_of(self, found: Sequence[int]) -> frozenset[int]:
        key = tuple(found)
        scopes = self._scopes.get(key)
        if scopes is None:
            if len(self._scopes) >= _CACHE_LIMIT:
                self._scopes.clear()
            cids = {cid for index in key for cid in self._wide_ids[index]}
            scopes = self._scopes[key] = frozenset(self.selector_of[c] for c in cids)
        return scopes

    def scan(
        self, text: str, active: Sequence[bool], narrow: list[int] | None
    ) -> list[tuple[int, Hit]]:
        """What the conditions selected by ``active`` find in ``text``, given ``narrow``,
        the text-by-text set's hits in it."""
        wide = self._record_set.Match(text) if self._record_set is not None else None
        if not (wide or narrow):
            return self._run(self.always, text, active, {}) if self.always else []
        candidates = set(self.always)
        spans: Spans = {}
        for index in wide or ():
            if index != self._keyword_index:
                candidates.update(self._wide_ids[index])
            elif self.keywords is not None:
                spans = self.keywords.find(text)
                candidates.update(spans)
        for index in narrow or ():
            candidates.update(self._narrow_ids[index])
        return self._run(sorted(candidates), text, active, spans)

    def _run(
        self, cids: Sequence[int], text: str, active: Sequence[bool], spans: Spans
    ) -> list[tuple[int, Hit]]:
        out = []
        for cid in cids:
            if active[self.selector_of[cid]]:
                hit = self._first(cid, text, spans.get(cid, ()))
                if hit is not None:
                    out.append((cid, hit))
        return out

    def _first(self, cid: int, text: str, spans: Sequence[tuple[int, int]]) -> Hit | None:
        use = self.detectors.get(cid)
        guard = use.detector.guard if use is not None else None
        if guard is not None and use is not None and not guard(text, use.options):
            return None
        allows = self.allow[cid]
        allowed = [m.span() for rx in allows for m in rx.finditer(text)] if allows else []
        regex = self.regex.get(cid)
        if regex is not None:
            match = regex.search(mask(text, allowed) if allowed else text)
            return None if match is None else Hit(match.start(), match.end(), "", self.normalized)
        if use is not None:
            for span in use.detector.find(text, use.options):
                if not allowed or not _overlaps(span.start, span.end, allowed):
                    return Hit(span.start, span.end, span.note, self.normalized)
            return None
        for start, end in spans:
            if not allowed or not _overlaps(start, end, allowed):
                return Hit(start, end, "", self.normalized)
        return None


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with the characters in ``spans`` replaced by NUL (same length, same offsets)."""
    out, last = [], 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end > start:
            out += [text[last:start], MASK * (end - start)]
            last = end
    out.append(text[last:])
    return "".join(out)


def _compile_set(patterns: Sequence[str]) -> Any:
    if not patterns:
        return None
    compiled = re2.Set.SearchSet(options(max_mem=SET_MAX_MEM))
    for position, pattern in enumerate(patterns):
        if compiled.Add(pattern) != position:
            raise RuntimeError("re2.Set numbered its patterns out of order")
    compiled.Compile()
    return compiled
