"""The rules that provider limit profiles (``--target``) enforce, with their documentation."""

from __future__ import annotations

from traingate.finding import Severity
from traingate.rules.base import Rule, Scope

_OPTIONS = """
    ## Options

    None on the rule itself: the limit comes from the profile chosen with `--target NAME`;
    `--target none` turns every target rule off. The documentation of targets, generated
    from the same profiles, lists each limit with its source and the date it was read.
"""

EXAMPLE_TOO_LONG = Rule(
    id="example-too-long",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="A record holds more tokens (approximately) than the target accepts per example.",
    doc="""
    ## What it does

    Estimates the tokens of each record as the characters of all its string values
    divided by four, rounded up, and reports a record whose estimate exceeds the target's
    `max-tokens-per-example`. Image data and `data:` URLs are not counted as text. The
    count is an **approximation**: an exact count needs the provider's tokenizer, which
    is much slower and must be downloaded. Prose in English is close to four characters
    a token; code, numbers and most non-Latin scripts use more tokens per character, so
    the estimate errs low for them.

    ## Why it matters

    Providers reject, or silently truncate, examples longer than the model's training
    context. Truncation cuts the end of the conversation, which is the assistant's answer
    the example exists to teach.

    ## Example that fails

    With `--target bedrock` (32,000 tokens per record), a record whose strings add up to
    140,000 characters, about 35,000 tokens:

    ```json
    {"messages": [
      {"role": "user", "content": "<139,990 characters>"},
      {"role": "assistant", "content": "Done."}]}
    ```

    ## Example that passes

    ```json
    {"messages": [
      {"role": "user", "content": "Summarise: <20,000 characters>"},
      {"role": "assistant", "content": "<2,000 characters>"}]}
    ```

    Split long documents into several examples that each fit.
    """
    + _OPTIONS,
)

TOO_MANY_IMAGES = Rule(
    id="too-many-images",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="A record contains more images than the target accepts per example.",
    doc="""
    ## What it does

    Counts the image parts of each record, wherever they are: OpenAI content parts of
    type `image_url`, Anthropic/Bedrock blocks of type `image`, and Vertex `fileData` or
    `inlineData` parts with an `image/*` mime type. Reports a record with more than the
    target's `max-images-per-example`.

    ## Why it matters

    The provider rejects the file at upload or the job at validation, after the data has
    already left the repository.

    ## Example that fails

    With `--target vertex` (30 images per example), a user turn with 31 parts like:

    ```json
    {"fileData": {"mimeType": "image/png", "fileUri": "gs://bucket/page-01.png"}}
    ```

    ## Example that passes

    The same conversation split into two examples of at most 30 images each.
    """
    + _OPTIONS,
)

IMAGE_TOO_LARGE = Rule(
    id="image-too-large",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="An inline image is larger than the target accepts.",
    doc="""
    ## What it does

    Decodes the size of each inline base64 image (an OpenAI `data:` URL, an Anthropic
    `source.data`, a Vertex `inlineData.data`) without decoding the image itself, and
    reports one larger than the target's `max-image-bytes`. The pointer names the image
    part. Images given by URL or `fileUri` cannot be measured and are not reported.

    ## Why it matters

    Providers refuse images over their size limit; some skip the example, others fail
    the whole job.

    ## Example that fails

    With `--target openai` (10 MiB per image), an `image_url` part whose `data:` URL
    carries 16 MB of base64 (about 12 MB of image):

    ```json
    {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo..."}}
    ```

    ## Example that passes

    The same image resized or recompressed below 10 MiB, or served from a URL.
    """
    + _OPTIONS,
)

TOO_FEW_EXAMPLES = Rule(
    id="too-few-examples",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    summary="A file holds fewer examples than the target requires.",
    doc="""
    ## What it does

    Counts the records of each file and reports a file with fewer than the target's
    `min-examples-per-file`.

    ## Why it matters

    The provider refuses to start a job on too small a file, and a file that small
    rarely teaches anything.

    ## Example that fails

    With `--target openai` (at least 10 examples), a file of 9 records.

    ## Example that passes

    The same file with a tenth record.
    """
    + _OPTIONS,
)

TOO_MANY_EXAMPLES = Rule(
    id="too-many-examples",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    summary="A file holds more examples than the target accepts.",
    doc="""
    ## What it does

    Counts the records of each file and reports a file with more than the target's
    `max-examples-per-file`, naming the line of the first record over the limit.

    ## Why it matters

    The provider rejects the file or the job; the fix (sampling or splitting the data)
    is a decision better made in review than at upload time.

    ## Example that fails

    With `--target bedrock` (at most 10,000 records), a file of 10,001 records.

    ## Example that passes

    A file of 10,000 records.
    """
    + _OPTIONS,
)

FILE_TOO_LARGE = Rule(
    id="file-too-large",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    summary="A file is larger than the target accepts for one upload.",
    doc="""
    ## What it does

    Reports a file whose size in bytes exceeds the target's `max-file-bytes`. Sizes that
    providers give in MB or GB are read as MiB and GiB, the more permissive reading. A
    `.gz` or `.zst` file is measured by the JSONL it holds, which is what is uploaded.

    ## Why it matters

    The upload fails, typically at the end of a long transfer.

    ## Example that fails

    With `--target openai` (512 MiB per file), a 600 MB `train.jsonl`.

    ## Example that passes

    The same data split into two files of 300 MB.
    """
    + _OPTIONS,
)

FORMAT_UNSUPPORTED_BY_TARGET = Rule(
    id="format-unsupported-by-target",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    summary="A file's training format is not one the target accepts.",
    doc="""
    ## What it does

    Compares the format traingate detected (or was told) for a file with the formats the
    target's profile lists, and reports a file in any other format.

    ## Why it matters

    A file in the wrong shape is rejected at upload, or worse, accepted and trained on
    with fields the provider ignores.

    ## Example that fails

    With `--target bedrock` (accepts `bedrock-claude` only), a file in `openai-chat`
    format: a `system` message inside `messages` instead of a top-level `system` field.

    ```json
    {"messages": [
      {"role": "system", "content": "Be brief."},
      {"role": "user", "content": "Hi"},
      {"role": "assistant", "content": "Hello."}]}
    ```

    ## Example that passes

    ```json
    {"system": "Be brief.", "messages": [
      {"role": "user", "content": "Hi"},
      {"role": "assistant", "content": "Hello."}]}
    ```

    (Each record is one line in the file; they are wrapped here to be read.)
    """
    + _OPTIONS,
)

TARGET_RULES: tuple[Rule, ...] = (
    EXAMPLE_TOO_LONG,
    TOO_MANY_IMAGES,
    IMAGE_TOO_LARGE,
    TOO_FEW_EXAMPLES,
    TOO_MANY_EXAMPLES,
    FILE_TOO_LARGE,
    FORMAT_UNSUPPORTED_BY_TARGET,
)
