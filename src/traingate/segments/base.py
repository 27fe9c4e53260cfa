"""What a segment is, the role vocabulary, and the walks shared by the extractors."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

ANY = "any"

ROLES: Mapping[str, str] = {
    "system": "Instructions the model reads but is not tuned to write: system prompts, "
    "developer messages, and the descriptions in tool and function definitions.",
    "developer": "OpenAI developer messages (they also have `system`).",
    "user": "What the user says: user turns, and prompts (which also have `prompt`).",
    "assistant": "What the model says: assistant, model and gpt turns, completions, both "
    "outputs of a preference pair, tool-call arguments; trained on or not.",
    "tool": "Results of tool and function calls fed back to the model.",
    "prompt": "A prompt given as one string: openai-completion `prompt`, alpaca "
    "`instruction` and `input`, a string TRL `prompt`.",
    "completion": "An output the model is tuned toward: every assistant turn (weight 0 "
    "included) and completion; not rejected outputs.",
    "chosen": "The preferred output of a preference example (same as `preferred`).",
    "rejected": "The dispreferred output of a preference example (same as `non_preferred`).",
    "preferred": "The preferred output of a preference example (same as `chosen`).",
    "non_preferred": "The dispreferred output of a preference example (same as `rejected`).",
    "trained": "Text the training objective pushes the model to write: assistant turns "
    "without weight 0, completions, preferred outputs, TRL `text`. Not prompts, not "
    "weight-0 turns, not rejected outputs (training pushes those down).",
    "text": "A whole training document: TRL language-modeling `text`.",
    ANY: "Every segment. Segments do not list it in their roles; a scope naming `any` "
    "selects them all (see `in_scope`).",
}
"""The roles a segment can have, with what each means; policy scopes name them."""

Roles = frozenset[str]

NO_ROLE: Roles = frozenset()
SYSTEM: Roles = frozenset({"system"})
DEVELOPER: Roles = frozenset({"developer", "system"})
USER: Roles = frozenset({"user"})
TOOL: Roles = frozenset({"tool"})
PROMPT: Roles = frozenset({"prompt", "user"})
ASSISTANT: Roles = frozenset({"assistant", "completion"})
TRAINED_ASSISTANT: Roles = frozenset({"assistant", "completion", "trained"})
PREFERRED: Roles = frozenset({"assistant", "completion", "chosen", "preferred", "trained"})
NON_PREFERRED: Roles = frozenset({"assistant", "rejected", "non_preferred"})
TEXT: Roles = frozenset({"text", "trained"})


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of training text in a record, and whose it is.

    ``roles`` are names from :data:`ROLES` (never ``any``). ``pointer`` is the RFC 6901
    pointer of the JSON value the text comes from: a string, or for tool-call arguments
    given as an object (Vertex ``args``, TRL) that object. ``text`` is the text, JSON
    escapes already undone. ``via`` says how the text was decoded from that value, one step
    after another joined by ``>``: ``""`` for the string itself; ``tool-arguments:/city``
    for the string at ``/city`` inside the tool-call arguments (parsed first when they are
    a JSON string); ``base64`` for a base64 blob inside the text, decoded. So
    ``tool-arguments:/query>base64`` is a base64 blob found in the ``query`` argument.
    """

    roles: Roles
    pointer: str
    text: str
    via: str = ""


# A frozen dataclass sets each field through object.__setattr__ in __init__; setting the
# slots through their descriptors is twice as fast, and every string of every record
# becomes a segment.
_new = object.__new__
_set_roles = vars(Segment)["roles"].__set__
_set_pointer = vars(Segment)["pointer"].__set__
_set_text = vars(Segment)["text"].__set__
_set_via = vars(Segment)["via"].__set__


def segment(roles: Roles, pointer: str, text: str, via: str = "") -> Segment:
    """``Segment(roles, pointer, text, via)``, built without the frozen ``__init__``."""
    made: Segment = _new(Segment)
    _set_roles(made, roles)
    _set_pointer(made, pointer)
    _set_text(made, text)
    _set_via(made, via)
    return made


def in_scope(roles: Roles, scope: Roles) -> bool:
    """Whether a segment with ``roles`` is selected by a policy scope naming ``scope``."""
    return ANY in scope or not scope.isdisjoint(roles)


def escape(key: str) -> str:
    """``key`` as one reference token of a JSON pointer."""
    if "~" in key or "/" in key:
        return key.replace("~", "~0").replace("/", "~1")
    return key


def string_leaves(node: Any, pointer: str) -> list[tuple[str, str]]:
    """``(pointer, text)`` of every string in ``node`` (found at ``pointer``), in order.

    Iterative, so nesting deeper than Python's recursion limit (parsed tool arguments) is
    walked like any other.
    """
    if type(node) is str:
        return [(pointer, node)]
    if type(node) is not dict and type(node) is not list:
        return []
    found: list[tuple[str, str]] = []
    # One (pointer, is-object, children) per open container; a child container is walked
    # before its later siblings, which keeps document order.
    stack: list[tuple[str, bool, Iterator[tuple[Any, Any]]]] = [_open(pointer, node)]
    while stack:
        at, is_object, children = stack[-1]
        for key, item in children:
            kind = type(item)
            if kind is str:
                found.append((f"{at}/{escape(key) if is_object else key}", item))
            elif kind is dict or kind is list:
                stack.append(_open(f"{at}/{escape(key) if is_object else key}", item))
                break
        else:
            stack.pop()
    return found


def _open(pointer: str, node: Any) -> tuple[str, bool, Iterator[tuple[Any, Any]]]:
    if type(node) is dict:
        return pointer, True, iter(node.items())
    return pointer, False, enumerate(node)


def add_string(out: list[Segment], roles: Roles, pointer: str, value: Any) -> None:
    """Append ``value`` as a segment if it is a string; other values carry no text."""
    if type(value) is str:
        out.append(segment(roles, pointer, value))


def add_leaves(out: list[Segment], roles: Roles, pointer: str, value: Any) -> None:
    """Append every string inside ``value`` (a string, object or array) as a segment."""
    out.extend([segment(roles, at, text) for at, text in string_leaves(value, pointer)])


def add_descriptions(out: list[Segment], pointer: str, tools: Any) -> None:
    """Append the ``description`` strings of tool definitions, which models read as system."""
    if type(tools) is list:
        out.extend(
            segment(SYSTEM, at, text)
            for at, text in string_leaves(tools, pointer)
            if at.endswith("/description")
        )
