"""Records exported as labelled lines: a case-management system's plan, one field to a line.

    Provision 2
    What support:	Small-group maths catch-up on times tables, fractions and division.
    Who will provide it (Role / position):	HLTA
    How often:	3 times a week
    Linked to outcome(s):	2

Each record ("Provision 2", "Outcome 1") becomes one item with its fields, read by the same
column names as a table of one item per row. A record with nothing in its main field (an empty
template record) is no item.

Many plans write an item's words first and its details as labelled lines under it:

    3. Speech and language therapy. A therapist will see Kieran for 40 minutes ...
       - Who: Speech and language therapist
       - How often: Every three weeks in term time

Those lines are the item's fields (``join_labelled_lines``), not items of their own.
"""

from __future__ import annotations

import re

from ehcplan.model.plan import ITEM_REFERENCES, NEED_SECTIONS, PROVISION_SECTIONS
from ehcplan.readers.layout import _heading_key, field_headings
from ehcplan.readers.loose import LINK_FIELDS, Block, strip_numbering
from ehcplan.readers.wording import LABELLED

_HEADER = re.compile(r"^\s*(?:outcome|provision|need|item|support)\s+[0-9]{1,2}\s*$", re.IGNORECASE)
_FIELD = re.compile(r"^\s*(?P<label>[^:\t]{1,70}?)\s*:\s*(?P<value>.*)$")


def field_of(letter: str, label: str) -> str | None:
    """The field a label names in this section ("Who will provide it (Role / position)" -> who)."""
    names = field_headings().get(letter, {})
    key = _heading_key(re.sub(r"\([^)]*\)", "", label))
    words = key.split()
    # "who will provide it" -> "who"; the longest known start of the label decides.
    for end in range(len(words), 0, -1):
        found = names.get(" ".join(words[:end]))
        if found is not None:
            return found
    return None


def join_records(letter: str, blocks: list[Block]) -> list[Block]:
    """The section's blocks with each labelled record joined into one block with its fields."""
    if not any(_HEADER.match(block.text) for block in blocks):
        return blocks
    joined: list[Block] = []
    record: list[Block] | None = None

    def flush() -> None:
        if record is None:
            return
        fields: dict[str, str] = {}
        text = ""
        for line in record:
            found = _FIELD.match(line.text)
            name = field_of(letter, found.group("label")) if found else None
            value = found.group("value").strip() if found else ""
            if name == "text":
                text = value
            elif name is not None and value:
                fields[name] = value
        if text:
            joined.append(Block(text, record[0].source, fields=fields))

    for block in blocks:
        if _HEADER.match(block.text):
            flush()
            record = []
        elif record is not None and not block.fields and _FIELD.match(block.text):
            record.append(block)
        else:
            flush()
            record = None
            joined.append(block)
    flush()
    return joined


# A label inside a line of details: "Who: ...", "How often: ...", "Needs: B1. Outcomes: E2".
# (A lookahead, so that labels are found at every start: "... school day How long: 1 hour".)
_INNER_LABEL = re.compile(r"(?:^|(?<=[\s.;,]))(?=(?P<label>[A-Z][A-Za-z'/() -]{0,40}?)\s*:(?:\s|$))")
_LABEL_END = re.compile(r"[^:]*:\s*")
# A sub-heading that is an item's id and title: "F1 – Small class", "F2: Counselling", "E3. Reading".
_ID_HEADING = re.compile(
    r"^\s*(?P<id>(?:H[12]\.?[0-9]{1,2}|[B-G][0-9]{1,2}))\s*(?:[–—:.-]\s*(?P<title>.*))?$"
)


def labelled_parts(letter: str, text: str) -> dict[str, str] | None:
    """The fields of a line of details ("Who: a therapist How often: weekly"), or None when the line
    does not start with a label that names a field of this section (other than the item's words)."""
    starts = [
        (found.start(), found.start() + _LABEL_END.match(text, found.start()).end() - found.start(), name)  # type: ignore[union-attr]
        for found in _INNER_LABEL.finditer(text)
        if (name := field_of(letter, found.group("label"))) not in (None, "text", "id")
    ]
    if not starts or starts[0][0] != 0:
        return None
    fields: dict[str, str] = {}
    for index, (_start, end, name) in enumerate(starts):
        stop = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        value = text[end:stop].strip().rstrip(".;,").strip()
        if name == LABELLED:  # "Links: B1, E2": the needs and the outcomes, told apart by letter
            for link, letters in LINK_FIELDS.items():
                ids = [found for found in ITEM_REFERENCES.findall(value) if found[0] in letters]
                if ids:
                    fields[link] = ", ".join([*filter(None, [fields.get(link)]), *ids])
        elif value:
            fields[name] = f"{fields[name]}; {value}" if name in fields else value
    return fields or None


def join_labelled_lines(letter: str, blocks: list[Block]) -> list[Block]:
    """The section's blocks with each line of details ("Who: ...", "How often: ...") joined to the
    item above it as fields, and an item's id and title from a sub-heading above it ("F1 – Small
    class") given to it. Words before the first such sub-heading introduce the section: no item."""
    # Need headings ("B1: Communication") are read with the words under them by ``item_blocks``.
    titled = letter not in NEED_SECTIONS and any(
        block.heading and _id_heading(letter, block.text) for block in blocks
    )
    joined: list[Block] = []
    heading: tuple[str, str | None] | None = None
    before_first = titled
    for block in blocks:
        if block.heading:
            heading = _id_heading(letter, block.text) if titled else None
            before_first = before_first and heading is None
            joined.append(block)
            continue
        parts = (
            labelled_parts(letter, strip_numbering(block.text)[0]) if not block.fields.get("text") else None
        )
        previous = joined[-1] if joined else None
        if parts and previous is not None and not previous.heading and previous.text:
            for name, value in parts.items():
                earlier = previous.fields.get(name)
                previous.fields[name] = f"{earlier}; {value}" if earlier else value
            continue
        if before_first and not block.fields:
            continue  # "Each item says what Ruby will get ...": the section's introduction
        if heading is not None and "id" not in block.fields:
            identifier, title = heading
            block.fields["id"] = identifier
            if title and letter in PROVISION_SECTIONS:
                block.fields.setdefault("what", title)
            heading = None
        joined.append(block)
    return joined


def _id_heading(letter: str, text: str) -> tuple[str, str | None] | None:
    found = _ID_HEADING.match(text.strip().lstrip("#").strip())
    if found is None or not found.group("id").replace(".", "").startswith(letter):
        return None
    identifier = found.group("id")
    if identifier.startswith("H") and "." not in identifier:
        identifier = f"{identifier[:2]}.{identifier[2:]}"
    return identifier, (found.group("title") or "").strip() or None
