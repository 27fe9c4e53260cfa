"""Rules about which format a file is in, enforced by the engine before format checks."""

from __future__ import annotations

from traingate.finding import Severity
from traingate.rules.base import Rule, Scope

UNKNOWN_FORMAT = Rule(
    "unknown-format",
    Scope.RECORD,
    Severity.ERROR,
    "A record matches no known training-data format.",
    """
    ## What it does
    Detects each file's format from its first record (or takes it from `format` in the
    config or `--format`). A record whose keys match no format is reported.

    ## Why it matters
    The gate only knows which text is trained once it knows the format; a record it cannot
    place is a record it cannot check. Set `format: generic` with `reader.generic-text`
    pointers for custom shapes.

    ## Example that fails
    ```json
    {"question": "2+2?", "answer": "4"}
    ```

    ## Example that passes
    ```json
    {"prompt": "2+2?", "completion": "4"}
    ```

    ## Options
    `format` (config) or `--format` (command line) fixes the format instead of detecting it.
    """,
)

MIXED_FORMATS = Rule(
    "mixed-formats",
    Scope.RECORD,
    Severity.ERROR,
    "A file holds records of more than one format.",
    """
    ## What it does
    Reports every record that looks like a different format from the file's format (the
    configured one, or the one detected from its first record), naming both formats.

    ## Why it matters
    A trainer reads a file as one format; records of another are dropped or misread. Mixed
    files are usually a bad concatenation of two exports.

    ## Example that fails
    ```json
    {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}
    {"prompt": "hi", "completion": "hello"}
    ```

    ## Example that passes
    Every line in the same format.

    ## Options
    None.
    """,
)

DETECTION_RULES: tuple[Rule, ...] = (UNKNOWN_FORMAT, MIXED_FORMATS)
