"""Items as the writer meant them: a lead-in ending with a colon and the list under it are one item.

"By the end of Year 2, Sam will use his communication book, including:" and its three bullets are
one outcome; "Item 1:" and its two bullets are one piece of provision. A lead-in in a provision
section that introduces outcomes ("short term outcomes (from Section E):") introduces copies of
section E, which are no provision, so it and its list are left out.
"""

from __future__ import annotations

import re

from ehcplan.readers.loose import Block

# A list marker at the start of a line: "- ", "• ", "(a) ", "a) ", "(1) ", "1. ", "i) ".
_MARKER = re.compile(r"^\s*(?:[-*•●▪◦‣–]|\(?[a-z]\)|\([0-9]{1,2}\)|[0-9]{1,2}[.)]|\(?[ivx]{1,4}\))\s+")
# "Item 1:", "Provision 3:", "Outcome 2:": a label whose list is the item.
_ITEM_LABEL = re.compile(r"^\s*(?:item|provision|outcome|need|support)\s+[0-9]{1,2}\s*:\s*$", re.IGNORECASE)
_PROVISION_SECTIONS = ("F", "G", "H1", "H2")


def is_list_item(text: str) -> bool:
    return bool(_MARKER.match(text))


def join_lead_ins(letter: str, blocks: list[Block]) -> list[Block]:
    """The section's blocks with each lead-in and its list joined into one block."""
    joined: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = _list_after(blocks, index)
        if not following or not _is_lead_in(block):
            joined.append(block)
            index += 1
            continue
        if letter in _PROVISION_SECTIONS and _introduces_outcomes(block.text):
            index += 1 + len(following)  # outcomes copied into F from E are no provision
            continue
        parts = [_MARKER.sub("", item.text).rstrip(";,. ") for item in following]
        head = "" if _ITEM_LABEL.match(block.text) else block.text.strip()
        text = " ".join(filter(None, [head, "; ".join(parts)])).strip()
        joined.append(Block(text + ".", block.source, False, block.section, dict(block.fields), block.row))
        index += 1 + len(following)
    return joined


def _introduces_outcomes(text: str) -> bool:
    """A lead-in whose last sentence introduces outcomes, not help ("short term outcomes (from Section E):")."""
    last = re.split(r"(?<=[.!?])\s+", text.strip())[-1].lower()
    return bool(re.search(r"\boutcomes\b", last)) and not re.search(r"\bwill\b", last)


def _is_lead_in(block: Block) -> bool:
    text = block.text.strip()
    if block.fields or block.heading or not text.endswith(":"):
        return False
    return bool(_ITEM_LABEL.match(text)) or len(text.split()) >= 5


def _list_after(blocks: list[Block], index: int) -> list[Block]:
    """The list under a lead-in: items with the same kind of marker as the first ("-", "(a)", "1.")."""
    items: list[Block] = []
    kind: str | None = None
    for block in blocks[index + 1 :]:
        if block.fields or block.heading or not is_list_item(block.text):
            break
        marker = _kind_of_marker(block.text)
        if kind is not None and marker != kind:
            break  # "2. Cognition and learning" after the bullets of need 1 starts need 2
        kind = marker
        items.append(block)
    return items


def _kind_of_marker(text: str) -> str:
    marker = _MARKER.match(text).group(0).strip()  # type: ignore[union-attr]
    if marker[-1:] in ".)" and marker.strip("().").isdigit():
        return "number"
    if marker.strip("()").isalpha():
        return "letter"
    return "bullet"
