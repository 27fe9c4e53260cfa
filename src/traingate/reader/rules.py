"""Rules the strict reader enforces: bytes, lines and JSON syntax of a training file."""

from __future__ import annotations

from traingate.finding import Severity
from traingate.rules.base import Rule, Scope

E, W = Severity.ERROR, Severity.WARNING

INVALID_JSON = Rule(
    "invalid-json",
    Scope.LINE,
    E,
    "A line is not valid JSON.",
    """
    ## What it does
    Parses every non-empty line as exactly one RFC 8259 JSON text and reports the first
    syntax error with its column.

    ## Why it matters
    Trainers read JSONL line by line; one broken line either crashes the run or is dropped
    silently by a lenient loader, so what is trained differs from what was reviewed.

    ## Example that fails
    ```json
    {"messages": [{"role": "user", "content": "hi"}]
    ```

    ## Example that passes
    ```json
    {"messages": [{"role": "user", "content": "hi"}]}
    ```

    ## Options
    None.
    """,
)

PYTHON_DICT_REPR = Rule(
    "python-dict-repr",
    Scope.LINE,
    E,
    "A line is a Python dict repr (single quotes, True/None), not JSON.",
    """
    ## What it does
    Recognises lines written with `f.write(f"{record}\\n")` or `str(record)`: Python's repr
    of a dict, with single-quoted strings and `True`/`False`/`None`.

    ## Why it matters
    It is the most common way a training file gets broken. JSON loaders reject it, and a
    "fix" by string replacement corrupts apostrophes in the text. Write records with
    `json.dumps(record, ensure_ascii=False)`.

    ## Example that fails
    ```
    {'messages': [{'role': 'user', 'content': 'hi'}]}
    ```

    ## Example that passes
    ```json
    {"messages": [{"role": "user", "content": "hi"}]}
    ```

    ## Options
    None.
    """,
)

NON_OBJECT_RECORD = Rule(
    "non-object-record",
    Scope.LINE,
    E,
    "A line holds JSON that is not an object (array, string, number, …).",
    """
    ## What it does
    Requires the top-level value of every line to be a JSON object.

    ## Why it matters
    Every training format is a JSON object per line; an array or a bare string is a file
    written by the wrong tool or two records glued into one.

    ## Example that fails
    ```json
    [{"prompt": "a", "completion": "b"}]
    ```

    ## Example that passes
    ```json
    {"prompt": "a", "completion": "b"}
    ```

    ## Options
    None.
    """,
)

NON_FINITE_NUMBER = Rule(
    "non-finite-number",
    Scope.LINE,
    E,
    "A number is NaN, Infinity or too large for a double.",
    """
    ## What it does
    Rejects the `NaN`, `Infinity` and `-Infinity` tokens (not JSON, but written by Python's
    `json.dumps` by default) and numbers that overflow a double (`1e999`).

    ## Why it matters
    Readers disagree on them: some fail, some read `null`, some read infinity. A weight or a
    label that means different things to different tools is a silent bug.

    ## Example that fails
    ```json
    {"prompt": "a", "completion": "b", "score": NaN}
    ```

    ## Example that passes
    ```json
    {"prompt": "a", "completion": "b", "score": 0.5}
    ```

    ## Options
    None.
    """,
)

LONE_SURROGATE = Rule(
    "lone-surrogate",
    Scope.LINE,
    E,
    "A string escapes a lone UTF-16 surrogate (\\ud800 without its pair).",
    """
    ## What it does
    Rejects `\\uD800` to `\\uDFFF` escapes that do not form a valid surrogate pair.

    ## Why it matters
    A lone surrogate is not a character; tokenizers and encoders crash on it, replace it or
    drop it, each differently. It is also a way to hide text from a reviewer.

    ## Example that fails
    ```json
    {"prompt": "a\\ud800", "completion": "b"}
    ```

    ## Example that passes
    ```json
    {"prompt": "a\\ud83d\\ude00", "completion": "b"}
    ```

    ## Options
    None.
    """,
)

DUPLICATE_KEY = Rule(
    "duplicate-key",
    Scope.LINE,
    E,
    "An object has the same key twice, at any depth.",
    """
    ## What it does
    Reports every object, at any depth, that repeats a key, with the JSON pointer of the
    repeated key.

    ## Why it matters
    A parser differential: some readers keep the first value, most keep the last, so a
    reviewer's tool and the trainer can see different text. An attacker can show a harmless
    answer to review and train a harmful one.

    ## Example that fails
    ```json
    {"prompt": "a", "completion": "Be careful.", "completion": "Drink bleach."}
    ```

    ## Example that passes
    ```json
    {"prompt": "a", "completion": "Be careful."}
    ```

    ## Options
    None.
    """,
)

INVALID_UTF8 = Rule(
    "invalid-utf8",
    Scope.LINE,
    E,
    "A line has bytes that are not valid UTF-8.",
    """
    ## What it does
    Requires every line to be valid UTF-8 and names the byte offset of the first invalid
    byte. Nothing is repaired or replaced.

    ## Why it matters
    JSON text exchanged between systems must be UTF-8 (RFC 8259 §8.1). Files saved as
    Latin-1 or cp1252 turn into mojibake or crash the loader, depending on the tool.

    ## Example that fails
    A line containing the byte `0xE9` (Latin-1 `é`) inside a string.

    ## Example that passes
    The same line saved as UTF-8 (`0xC3 0xA9`).

    ## Options
    None.
    """,
)

UTF8_BOM = Rule(
    "utf8-bom",
    Scope.LINE,
    E,
    "A line starts with a UTF-8 byte order mark.",
    """
    ## What it does
    Rejects the bytes `EF BB BF` at the start of the file (and of any line).

    ## Why it matters
    RFC 8259 forbids a BOM in JSON text; many JSON readers fail on the first record, others
    keep the BOM as part of the first key.

    ## Example that fails
    A file saved by an editor "with BOM".

    ## Example that passes
    The same file saved as UTF-8 without BOM.

    ## Options
    `reader.allow-bom: true` accepts a BOM at the start of the file.
    """,
)

NESTING_TOO_DEEP = Rule(
    "nesting-too-deep",
    Scope.LINE,
    E,
    "A record nests arrays/objects deeper than the configured bound.",
    """
    ## What it does
    Bounds how deeply arrays and objects nest in one record.

    ## Why it matters
    Training records are shallow; deep nesting is a way to crash recursive readers (stack
    overflow) or to hide text where no reviewer looks.

    ## Example that fails
    `{"a": [[[[[ … 100 levels … ]]]]]}`

    ## Example that passes
    ```json
    {"messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}]}
    ```

    ## Options
    `reader.max-depth` (default 64).
    """,
)

TOO_MANY_VALUES = Rule(
    "too-many-values",
    Scope.LINE,
    E,
    "A record holds more strings, objects and arrays than the configured bound; it is not parsed.",
    """
    ## What it does
    Estimates, before parsing, how many values a line holds (strings, objects and arrays
    from its unescaped quotes and its brackets; numbers, `true`, `false` and `null` from
    the commas outside strings) and reports the line without parsing it when that is over
    the bound; reading goes on at the next line.

    ## Why it matters
    Parsed, every JSON value is a Python object of 50-200 bytes: a 50 MB line of 1.5 million
    one-word messages, under the line length bound, takes over a gigabyte to check. No
    training record holds hundreds of thousands of values; one that does is an attempt to
    exhaust the gate's memory, or not training data.

    ## Example that fails
    `{"messages": [{"role": "user", "content": "hi"}, … 200,000 more …]}`

    ## Example that passes
    A conversation of a few thousand turns, or a record with a few large strings (images
    as data URLs) however long.

    ## Options
    `reader.max-values` (default 500,000). Brackets inside strings count as well, so a
    record of mostly code can be estimated high.
    """,
)

LINE_TOO_LONG = Rule(
    "line-too-long",
    Scope.LINE,
    E,
    "A line is longer than the configured bound; it is not parsed.",
    """
    ## What it does
    Reports lines longer than the bound without loading them; reading goes on at the next
    line, so memory stays bounded whatever the file holds.

    ## Why it matters
    A multi-gigabyte line is either a file that is not JSONL or an attempt to exhaust the
    memory of every tool that reads it.

    ## Example that fails
    A 500 MB line.

    ## Example that passes
    Records of ordinary size, one per line.

    ## Options
    `reader.max-line-bytes` (default 64 MiB).
    """,
)

EMPTY_FILE = Rule(
    "empty-file",
    Scope.FILE,
    E,
    "A training file has no records.",
    """
    ## What it does
    Reports a file with no records (empty, or only blank lines).

    ## Why it matters
    A training file without records is almost always a mistake: a failed export, a
    truncated copy, an LFS file not pulled.

    ## Example that fails
    A 0-byte `train.jsonl`.

    ## Example that passes
    A file with at least one record.

    ## Options
    `reader.allow-empty: true` accepts empty files.
    """,
)

BLANK_LINE = Rule(
    "blank-line",
    Scope.LINE,
    E,
    "A line is empty or only whitespace.",
    """
    ## What it does
    Reports empty and whitespace-only lines.

    ## Why it matters
    JSONL has one record per line; many loaders fail on an empty line (`json.loads("")`),
    others skip it. Either way it is usually a sign of careless concatenation.

    ## Example that fails
    Two records separated by an empty line.

    ## Example that passes
    Records on consecutive lines.

    ## Options
    None; set the rule to `warning` or `off` in the config to relax it.
    """,
)

CRLF_LINE_ENDING = Rule(
    "crlf-line-ending",
    Scope.FILE,
    W,
    "The file uses CRLF (Windows) line endings.",
    """
    ## What it does
    Reports, once per file, that lines end with `\\r\\n`, with the first such line.

    ## Why it matters
    JSON parsers ignore the `\\r`, but line-based tools (split, wc, diff, dedup by line) see
    different bytes, and a later `\\n`-only edit produces mixed endings.

    ## Example that fails
    A file saved on Windows with CRLF endings.

    ## Example that passes
    The same file with LF endings (`git config core.autocrlf input`).

    ## Options
    None.
    """,
)

CARRIAGE_RETURN_IN_LINE = Rule(
    "carriage-return-in-line",
    Scope.LINE,
    E,
    "A carriage return (\\r) stands alone inside a line, where some readers end the line.",
    """
    ## What it does
    Reports a record's line that holds a `\\r` not followed by its `\\n`: between two JSON
    tokens, where a JSON parser takes it for a space (inside a string it would be invalid
    JSON already).

    ## Why it matters
    Readers disagree on where such a line ends. Python's `open()` in text mode, and other
    readers with universal newlines, end a line at a lone `\\r`: they see two broken halves
    where traingate, `jq` and a byte-wise `\\n` split see one valid record. The gate would
    pass a record the training pipeline cannot read.

    ## Example that fails
    `{"prompt": "a",\\r"completion": "b"}` followed by `\\n`.

    ## Example that passes
    The same record with a space instead of the `\\r`, or with `\\r\\n` as the line ending.

    ## Options
    None.
    """,
)

MIXED_LINE_ENDINGS = Rule(
    "mixed-line-endings",
    Scope.FILE,
    W,
    "The file mixes LF and CRLF line endings.",
    """
    ## What it does
    Reports, once per file, that some lines end with `\\n` and others with `\\r\\n`,
    naming the first line whose ending differs from the first line's.

    ## Why it matters
    Mixed endings mean the file was stitched together from different sources without a
    normalising step; records from the second source deserve a look.

    ## Example that fails
    A file with LF lines followed by CRLF lines.

    ## Example that passes
    A file with one kind of line ending.

    ## Options
    None.
    """,
)

MISSING_FINAL_NEWLINE = Rule(
    "missing-final-newline",
    Scope.FILE,
    W,
    "The last line is a complete record but has no final newline.",
    """
    ## What it does
    Reports a file whose last record is valid but not followed by `\\n`.

    ## Why it matters
    Appending to such a file (`cat a.jsonl b.jsonl`, `>>`) glues two records into one
    invalid line.

    ## Example that fails
    A file whose last byte is `}`.

    ## Example that passes
    A file whose last byte is `\\n`.

    ## Options
    None.
    """,
)

TRUNCATED_LINE = Rule(
    "truncated-line",
    Scope.LINE,
    E,
    "The last line has no final newline and is not valid JSON: the file was cut short.",
    """
    ## What it does
    Reports an unterminated last line that does not parse: the signature of an interrupted
    write, copy or download.

    ## Why it matters
    A truncated file loses records silently when a loader skips the broken tail.

    ## Example that fails
    A file ending in `{"messages": [{"role": "us`.

    ## Example that passes
    A file whose last line is a complete record followed by `\\n`.

    ## Options
    None.
    """,
)

LFS_POINTER = Rule(
    "lfs-pointer",
    Scope.FILE,
    E,
    "The file is a Git LFS pointer, not the data.",
    """
    ## What it does
    Recognises a Git LFS pointer file (`version https://git-lfs.github.com/spec/v1`) where
    training data should be.

    ## Why it matters
    The data was never checked: the gate must not pass what it could not read. Run
    `git lfs pull` (in CI: `actions/checkout` with `lfs: true`) and check again.

    ## Example that fails
    ```
    version https://git-lfs.github.com/spec/v1
    oid sha256:4d7a…
    size 1048576
    ```

    ## Example that passes
    The real file, after `git lfs pull`.

    ## Options
    None.
    """,
    unreadable=True,
)

UNREADABLE_FILE = Rule(
    "unreadable-file",
    Scope.FILE,
    E,
    "The file could not be opened or read.",
    """
    ## What it does
    Reports a path that does not exist, is not a regular file, or fails to read, and a
    directory that a walk for training files could not list (the files in it would
    otherwise go unchecked).

    ## Why it matters
    A gate that skips what it cannot read passes it. The run exits with code 3.

    ## Example that fails
    A path without read permission, a dangling symlink, a directory named `x.jsonl`, a
    directory without read permission under one given to `traingate check`.

    ## Example that passes
    A readable regular file.

    ## Options
    None.
    """,
    unreadable=True,
)

CORRUPT_COMPRESSION = Rule(
    "corrupt-compression",
    Scope.FILE,
    E,
    "A compressed file is corrupt, truncated or not what its name says.",
    """
    ## What it does
    Reads `.gz` and `.zst` files as streams and reports a corrupt or truncated stream, or a
    name that promises compression the content does not have.

    ## Why it matters
    Records after the damage cannot be checked; the run exits with code 3.

    ## Example that fails
    A `.jsonl.gz` cut short by an interrupted upload.

    ## Example that passes
    A complete gzip or zstd stream of JSONL.

    ## Options
    None.
    """,
    unreadable=True,
)

DECOMPRESSION_BOMB = Rule(
    "decompression-bomb",
    Scope.FILE,
    E,
    "A compressed file expands far more than real training data does.",
    """
    ## What it does
    Stops decompressing when the output exceeds `max-decompression-ratio` times the
    compressed bytes read so far (after the first 16 MiB).

    ## Why it matters
    A few kilobytes of gzip can expand to terabytes; a gate must fail with a message, not be
    killed for running out of memory or disk. The run exits with code 3.

    ## Example that fails
    10 GB of zeros compressed to 10 MB.

    ## Example that passes
    Ordinary compressed JSONL (typically 3 to 15x).

    ## Options
    `reader.max-decompression-ratio` (default 100).
    """,
    unreadable=True,
)

READER_RULES: tuple[Rule, ...] = (
    INVALID_JSON,
    PYTHON_DICT_REPR,
    NON_OBJECT_RECORD,
    NON_FINITE_NUMBER,
    LONE_SURROGATE,
    DUPLICATE_KEY,
    INVALID_UTF8,
    UTF8_BOM,
    NESTING_TOO_DEEP,
    TOO_MANY_VALUES,
    LINE_TOO_LONG,
    EMPTY_FILE,
    BLANK_LINE,
    CARRIAGE_RETURN_IN_LINE,
    CRLF_LINE_ENDING,
    MIXED_LINE_ENDINGS,
    MISSING_FINAL_NEWLINE,
    TRUNCATED_LINE,
    LFS_POINTER,
    UNREADABLE_FILE,
    CORRUPT_COMPRESSION,
    DECOMPRESSION_BOMB,
)
