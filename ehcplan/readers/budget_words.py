"""Section J written as a sentence: "Theo's parents receive a direct payment of £1,820 a year to
employ the personal assistant for the short breaks in H1.1, towards outcome E4."

The amount, whether it is a direct payment, what it pays for and the items it names are read
from the words, so the budget can be checked against the provision it is meant to fund.
"""

from __future__ import annotations

import re

from ehcplan.model.plan import ITEM_REFERENCES

_AMOUNT = re.compile(
    r"£\s?[0-9][0-9,]*(?:\.[0-9]{2})?(?:\s+(?:a|per|each)\s+(?:year|week|month|term|annum))?"
)
_FUNDS = re.compile(
    r"\b(?:to pay for|to employ|to buy|to fund|to purchase|to cover|pays for|funds|for)\s+(?P<funds>[^.;]{3,160}?)"
    r"(?=,\s*(?:towards|to meet|for outcome|meeting)|\.|;|$)",
    re.IGNORECASE,
)


def budget_from_words(text: str) -> dict[str, object]:
    """The fields of a personal budget that a sentence gives; empty when it gives no amount."""
    amount = _AMOUNT.search(text)
    if amount is None:
        return {}
    values: dict[str, object] = {"amount": amount.group(0).strip()}
    if re.search(r"\bdirect payments?\b", text, re.IGNORECASE):
        values["direct_payments"] = True
    rest = text[amount.end() :]
    funds = _FUNDS.search(rest)
    if funds:
        values["funds"] = funds.group("funds").strip()
    ids = ITEM_REFERENCES.findall(text)
    values["outcomes"] = [ref for ref in ids if ref.startswith("E")]
    values["needs"] = [ref for ref in ids if ref.startswith(("B", "C", "D"))]
    return values
