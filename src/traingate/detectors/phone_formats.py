"""The shapes of phone numbers, as digit groups and the separators between them.

Each test takes the ``lead`` before the first group (``+``, ``(`` or nothing), the digit
groups and the separators between them, and says whether they make a number of its kind.
"""

from __future__ import annotations

from collections.abc import Sequence

PLAIN = frozenset({" ", "-", "."})


def international(lead: str, digits: Sequence[str], seps: Sequence[str]) -> bool:
    total = sum(map(len, digits))
    kinds = {sep.strip("()") for sep in seps} - {""}
    if "." in kinds and len(kinds) > 1:
        return False  # dots mixed with spaces or dashes: decimals, not a phone number
    if lead == "+":
        return 8 <= total <= 15 and digits[0][0] != "0"
    head = digits[0]
    return len(digits) > 1 and head[:2] == "00" and head[2:3] not in ("", "0") and 10 <= total <= 17


def north_american(lead: str, digits: Sequence[str], seps: Sequence[str]) -> bool:
    """North American: ``555-123-4567``, ``(555) 123-4567``, ``1-555-123-4567``."""
    if len(digits) == 4 and digits[0] == "1" and seps[0] in (*PLAIN, " ("):
        lead, digits, seps = ("(" if seps[0] == " (" else ""), digits[1:], seps[1:]
    if [len(d) for d in digits] != [3, 3, 4] or "0" in (digits[0][0], digits[1][0]):
        return False
    if "1" in (digits[0][0], digits[1][0]):
        return False
    if lead == "(":
        return seps[0] in (")", ") ", ")-") and seps[1] in PLAIN
    return seps[0] == seps[1] and seps[0] in PLAIN


def fictional(digits: Sequence[str]) -> bool:
    """North American 555-0100 to 555-0199 are reserved for films and books."""
    number = "".join(digits)
    return len(number) in (7, 10, 11) and number[-7:-2] == "55501"


def _plain(lead: str, seps: Sequence[str]) -> Sequence[str] | None:
    """The separators after an optional ``(area)``, if they are one plain kind throughout."""
    if lead == "(":
        if not seps or seps[0] not in (")", ") "):
            return None
        seps = seps[1:]
    return seps if len(set(seps)) <= 1 and set(seps) <= PLAIN else None


def trunk(lead: str, digits: Sequence[str], seps: Sequence[str]) -> bool:
    """National numbers with a trunk 0: ``020 7946 0958``, ``03-1234-5678``, ``01 23 45 67 89``."""
    plain = _plain(lead, seps)
    if plain is None or len(digits) < 2 or not 10 <= sum(map(len, digits)) <= 12:
        return False
    if digits[0][:1] != "0" or digits[0][:2] == "00" or len(digits[0]) > 5:
        return False
    pairs = all(len(d) == 2 for d in digits)
    if any(len(d) < 2 for d in digits) or (pairs and len(digits) != 5):
        return False  # pairs are French numbers only in fives: others are bytes or dates
    return "." not in plain or pairs


def contextual(lead: str, digits: Sequence[str], seps: Sequence[str]) -> bool:
    """7 to 15 digits in spaced or dashed groups, once the text has said it is a phone number."""
    if not 7 <= sum(map(len, digits)) <= 15 or (len(digits) == 1 and len(digits[0]) < 9):
        return False  # a lone run of 7 or 8 digits is a commit, a count or an id
    if _plain(lead, seps) is None and not set(seps) <= {" ", "-"}:
        return False
    lengths = [len(d) for d in digits]
    dated = len(lengths) == 3 and (max(lengths[:2]) <= 2 or max(lengths[1:]) <= 2)
    dotted_quad = len(lengths) == 4 and max(lengths) <= 3 and set(seps) == {"."}
    years = all(len(d) == 4 and d[:2] in ("19", "20") for d in digits)
    thousands = len(lengths) >= 3 and lengths[0] <= 2 and set(lengths[1:]) == {3}
    return not (dated or dotted_quad or years or thousands)
