"""The documentation shape every built-in detector shares, built from its parts."""

from __future__ import annotations

import inspect


def detector_doc(*, what: str, why: str, fails: str, passes: str, options: str) -> str:
    """Markdown in the shape *What it does / Why it matters / Example that fails / Example
    that passes / Options*.

    ``fails`` and ``passes`` are example texts, shown in fenced ``text`` blocks; the tests
    read them back and check that the detector finds the first and not the second.
    """
    parts = (
        ("What it does", inspect.cleandoc(what)),
        ("Why it matters", inspect.cleandoc(why)),
        ("Example that fails", _fence(fails)),
        ("Example that passes", _fence(passes)),
        ("Options", inspect.cleandoc(options)),
    )
    return "\n\n".join(f"## {title}\n{body}" for title, body in parts)


def _fence(example: str) -> str:
    return f"```text\n{example}\n```"
