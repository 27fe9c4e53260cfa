"""What several formats share: the schema, turn-order and image rules, and small helpers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from traingate.finding import Finding, Severity
from traingate.record import Record
from traingate.rules.base import Rule, Scope


def emit(rule: Rule, record: Record, message: str, pointer: str = "") -> Finding:
    """A finding of ``rule`` about ``record``; format findings are about the whole line."""
    return rule.finding(record.path, record.line, 0, message, pointer, record.hash)


def no_checks(record: Record) -> Iterator[Finding]:
    """The semantic check of a format whose schema says everything."""
    return iter(())


def check_alternation(
    record: Record, turns: Sequence[dict[str, Any]], base: str, key: str, pair: tuple[str, str]
) -> Iterator[Finding]:
    """``role-order`` unless ``turns[i][key]`` alternates ``pair`` from its first to its second.

    Only the first misplaced turn is reported: every later one is misplaced by the same
    mistake.
    """
    for index, turn in enumerate(turns):
        expected = pair[index % 2]
        if turn[key] != expected:
            yield emit(
                ROLE_ORDER,
                record,
                f"turn {index} is {turn[key]!r} where {expected!r} is expected "
                f"(turns alternate {pair[0]!r} and {pair[1]!r}, starting with {pair[0]!r})",
                f"{base}/{index}/{key}",
            )
            return
    if len(turns) % 2:
        yield emit(
            ROLE_ORDER,
            record,
            f"the conversation ends with a {pair[0]!r} turn; it must end with {pair[1]!r}",
            f"{base}/{len(turns) - 1}/{key}",
        )


SCHEMA_VIOLATION = Rule(
    id="schema-violation",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="A record does not match the JSON Schema of its training-data format.",
    doc="""
    ## What it does
    Validates every record against the JSON Schema (Draft 2020-12) that traingate ships for
    the record's format (`traingate formats` lists them) and reports each mismatch at its
    JSON pointer: a missing or unknown key, a wrong type, a role the provider does not know.
    At most 20 mismatches are reported per record. The format's other checks run only on
    records that match the schema.

    ## Why it matters
    Fine-tuning services reject a file when one line is malformed, usually after the upload
    and sometimes after the job has queued; local trainers may instead drop the field
    silently (a misspelt `tools` key trains a model that never saw its tools). Catching
    the mistake at commit time costs nothing.

    ## Example that fails
    ```json
    {"messages": [{"role": "bot", "content": "Hi"}]}
    ```

    ## Example that passes
    ```json
    {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]}
    ```

    ## Options
    None.
    """,
)

ROLE_ORDER = Rule(
    id="role-order",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="Conversation turns are out of the order the format requires.",
    doc="""
    ## What it does
    Checks the order of turns where a format prescribes one:

    - `bedrock-claude`: messages start with `user`, alternate `user`/`assistant`, and end
      with `assistant`.
    - `vertex-gemini`: contents start with `user`, alternate `user`/`model`, and end with
      `model`.
    - `sharegpt`: after an optional leading `system` turn, even positions are `human` or
      `observation`, odd positions are `gpt` or `function_call`, an `observation` answers
      a `function_call`, and the conversation ends on a `gpt` or `function_call` turn
      (LLaMA-Factory's convention).
    - `trl`: a conversational `completion`, `chosen` or `rejected` that follows an explicit
      `prompt` starts with an `assistant` message; without a prompt, `chosen` and `rejected`
      end with one.

    ## Why it matters
    Bedrock rejects the file; LLaMA-Factory drops the example with only a log warning; other
    trainers build a chat template the model never sees at inference, or train on no
    target at all when the conversation does not end with the model's turn.

    ## Example that fails
    ```json
    {"system": "Be terse.", "messages": [
      {"role": "user", "content": "Hi"},
      {"role": "user", "content": "Hello?"}]}
    ```

    ## Example that passes
    ```json
    {"system": "Be terse.", "messages": [
      {"role": "user", "content": "Hi"},
      {"role": "assistant", "content": "Hello!"}]}
    ```

    ## Options
    None.
    """,
)

IMAGE_OUTSIDE_USER = Rule(
    id="image-outside-user",
    scope=Scope.RECORD,
    severity=Severity.ERROR,
    summary="An image appears in a message whose role is not user.",
    doc="""
    ## What it does
    Reports an image content part (`image_url` in `openai-chat` and `openai-dpo`, `image`
    in `bedrock-claude`) in a system, developer, assistant or tool message.

    ## Why it matters
    OpenAI vision fine-tuning and the Anthropic Messages API accept images only in user
    messages; a file with an image elsewhere is rejected, and a model trained to emit
    images as an assistant learns a behaviour it cannot perform.

    ## Example that fails
    ```json
    {"messages": [
      {"role": "user", "content": "Draw a cat."},
      {"role": "assistant", "content": [
        {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}]}]}
    ```

    ## Example that passes
    ```json
    {"messages": [
      {"role": "user", "content": [
        {"type": "text", "text": "What is this?"},
        {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}]},
      {"role": "assistant", "content": "A cat."}]}
    ```

    ## Options
    None.
    """,
)
