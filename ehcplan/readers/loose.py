"""Building a Plan from a loose document: blocks of text, some of them section headings.

Every reader of a layout-free format (plain text, Markdown, Word, PDF) turns its file into a
list of ``Block``s and hands them here, so that sections are recognised the same way everywhere:
"Section F", "PART F – MY SPECIAL EDUCATION PROVISION", "F: Special educational provision",
"Section H1", "H(1)", "E. Outcomes". A block that is not a heading becomes an item of the
current section (lists, numbered lines and paragraphs alike).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ehcplan.model import SourceLocation
from ehcplan.model.plan import (
    ITEM_SECTIONS,
    Advice,
    Need,
    Outcome,
    Placement,
    Plan,
    Provision,
    SectionA,
    Sections,
    item_id,
)
from ehcplan.model.vocab import AdviceKind

# Words that name each section, so that "E. Outcomes" is a heading but "E. coli" is not.
SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "A": ("views", "interests", "aspirations", "about me", "history", "profile", "my story", "all about"),
    "B": ("special educational need", "sen", "educational needs", "my needs", "learning needs"),
    "C": ("health need", "my health"),
    "D": ("social care need",),
    "E": ("outcome",),
    "F": ("special educational provision", "special education provision", "educational provision"),
    "G": ("health provision", "health care provision"),
    "H1": ("social care provision", "chronically sick", "section 2"),
    "H2": ("other social care", "social care provision"),
    "I": ("placement", "school", "institution", "setting"),
    "J": ("personal budget", "direct payment"),
    "K": ("advice", "information"),
}

_LETTER = r"(?P<letter>H\s*\(?\s*[12]\s*\)?|[A-K])"
_NAMED = re.compile(rf"^\W*(?:section|part)\s+{_LETTER}(?![A-Za-z0-9])\W*(?P<title>.*)$", re.IGNORECASE)
_BARE = re.compile(rf"^\W*{_LETTER}\s*[.:)\-–—]\s*(?P<title>.+)$")
_BARE_LETTER = re.compile(rf"^\W*{_LETTER}\s*[.:)\-–—]?\s*$")
NOT_APPLICABLE = re.compile(
    r"\b(not applicable|n/a|none identified|no identified|there (?:are|is) no|(?:has|have) no|does not have|"
    r"no (?:current |known )?(?:health|social care|special educational) (?:care )?needs?|no provision|not required)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"^\s*(?:\(?(?:[0-9]{1,2}|[a-z]|[ivx]{1,4})[.)]|[-*•●▪◦‣–]|\(?[A-K][0-9]{1,2}\)?[.:)]?)\s+"
)
_ITEM_ID = re.compile(r"^\s*\(?(?P<id>(?:H[12]\.?|[B-G])[0-9]{1,2})\)?[.:)]?\s+")


@dataclass
class Block:
    """A paragraph, list item or table cell, with where it came from."""

    text: str
    source: SourceLocation = field(default_factory=SourceLocation)
    heading: bool = False


def section_of_heading(text: str, *, is_heading: bool = False) -> str | None:
    """The statutory section a heading starts ('F', 'H1' ...), or None if it starts none."""
    line = text.strip().lstrip("#").strip()
    if len(line) > 120:
        return None
    match = _NAMED.match(line)
    if match:
        return _letter(match.group("letter"))
    match = _BARE.match(line)
    if match:
        letter = _letter(match.group("letter"))
        title = match.group("title").lower()
        if any(word in title for word in SECTION_WORDS[letter]):
            return letter
    if is_heading and _BARE_LETTER.match(line):
        return _letter(_BARE_LETTER.match(line).group("letter"))  # type: ignore[union-attr]
    return None


def _letter(raw: str) -> str:
    cleaned = re.sub(r"[\s()]", "", raw).upper()
    return cleaned


def strip_numbering(text: str) -> tuple[str, str | None]:
    """The text without its list marker or number, and an item id such as 'F2' if it had one."""
    found = _ITEM_ID.match(text)
    if found:
        return text[found.end() :].strip(), found.group("id").replace(".", "")
    return _NUMBER.sub("", text, count=1).strip(), None


def is_subheading(block: Block) -> bool:
    """A heading inside a section (an area of need, a prompt) rather than an item."""
    text = block.text.strip()
    if block.heading or text.endswith(":"):
        return True
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and len(text) < 80 and all(char.isupper() for char in letters)


def build_plan(blocks: list[Block]) -> Plan:
    """Assemble a Plan from blocks: headings start sections, other blocks become their items."""
    current: str | None = None
    found: dict[str, list[Block]] = {}
    headings: dict[str, Block] = {}
    for block in blocks:
        letter = section_of_heading(block.text, is_heading=block.heading)
        if letter is not None:
            current = letter
            found.setdefault(letter, [])
            headings.setdefault(letter, block)
            continue
        if current is not None and block.text.strip():
            found[current].append(block)
    plan = Plan(sections=_sections(found))
    for letter, heading in headings.items():
        plan.note_source(letter, heading.source)
        items = [block for block in found[letter] if not is_subheading(block)]
        if letter == "A":
            for number, block in enumerate(items):
                plan.note_source(f"A.history[{number}]" if number else "A.history", block.source)
        elif items:
            plan.note_source(f"{letter}.statement", items[0].source)
            for number, block in enumerate(items):
                plan.note_source(f"{letter}[{number}]", block.source)
    return plan


def _sections(found: dict[str, list[Block]]) -> Sections:
    values: dict[str, object] = {}
    for letter, blocks in found.items():
        items = [block for block in blocks if not is_subheading(block)]
        if letter == "A":
            values["A"] = SectionA(history="\n\n".join(block.text for block in items) or None)
        elif letter in ITEM_SECTIONS:
            values[letter] = _item_section(letter, items)
        elif letter == "I":
            text = " ".join(block.text for block in items)
            values["I"] = Placement(statement=text or None)
        elif letter == "J":
            from ehcplan.model.plan import PersonalBudget

            values["J"] = PersonalBudget(statement=" ".join(block.text for block in items) or None)
        elif letter == "K":
            values["K"] = [Advice(kind=AdviceKind.other, title=block.text) for block in items]
    return Sections(**values)  # type: ignore[arg-type]


def _item_section(letter: str, blocks: list[Block]) -> dict[str, object]:
    if len(blocks) == 1 and NOT_APPLICABLE.search(blocks[0].text) and len(blocks[0].text) < 300:
        return {"statement": blocks[0].text}
    kind = {"E": Outcome, "F": Provision, "G": Provision, "H1": Provision, "H2": Provision}.get(letter, Need)
    items = []
    used: set[str] = set()
    for number, block in enumerate(blocks, start=1):
        text, given = strip_numbering(block.text)
        if not text:
            continue
        identifier = given if given and given.startswith(letter) and given not in used else None
        if identifier is None:
            identifier = item_id(letter, number)
            while identifier in used:
                number += 100
                identifier = item_id(letter, number)
        used.add(identifier)
        items.append(kind(id=identifier, text=text, source=block.source))
    return {"items": items}
