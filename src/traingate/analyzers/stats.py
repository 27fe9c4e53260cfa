"""The association test: a one-sided hypergeometric tail in log space, Bonferroni-corrected."""

from __future__ import annotations

import math


def log_choose(n: int, k: int) -> float:
    """``log C(n, k)``."""
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def log_tail(hits: int, total: int, marked: int, drawn: int) -> float:
    """``log P(X >= hits)`` for ``X ~ Hypergeometric(total, marked, drawn)``: the chance that
    ``drawn`` records picked at random out of ``total``, ``marked`` of which carry the
    payload, include ``hits`` or more payload records (Fisher's exact test, one-sided)."""
    low = max(hits, drawn - (total - marked))
    high = min(marked, drawn)
    if low > high:
        return -math.inf
    base = log_choose(total, drawn)
    terms = [
        log_choose(marked, x) + log_choose(total - marked, drawn - x) - base
        for x in range(low, high + 1)
    ]
    top = max(terms)
    return min(0.0, top + math.log(sum(math.exp(t - top) for t in terms)))


def corrected(log_p: float, tests: int) -> float:
    """The Bonferroni-corrected p-value (capped at 1) of ``tests`` tests."""
    return corrected_log(log_p, math.log(max(tests, 1)))


def corrected_log(log_p: float, log_tests: float) -> float:
    """The Bonferroni-corrected p-value (capped at 1) of ``exp(log_tests)`` tests."""
    return math.exp(min(0.0, log_p + max(log_tests, 0.0)))


def log_poisson_tail(count: int, expected: float) -> float:
    """``log P(X >= count)`` for ``X ~ Poisson(expected)``.

    Below the mean the tail is at least the complement of the head, summed from 0; above
    it the terms fall off, and the sum runs until they are negligible (the spread of a
    Poisson is the square root of its mean)."""
    if count <= 0:
        return 0.0
    if expected <= 0:
        return -math.inf
    log_mu = math.log(expected)

    def term(k: int) -> float:
        return k * log_mu - expected - math.lgamma(k + 1)

    if count <= expected:
        head = _log_sum([term(k) for k in range(count)])
        return math.log1p(-math.exp(head)) if head < 0 else -math.inf
    reach = 200 + int(20 * math.sqrt(expected))
    return min(0.0, _log_sum([term(k) for k in range(count, count + reach)]))


def _log_sum(terms: list[float]) -> float:
    top = max(terms)
    return top + math.log(sum(math.exp(t - top) for t in terms))
