"""Building a Plan from a loose document: blocks of text, some of them section headings.

Every reader of a layout-free format (plain text, Markdown, Word, PDF) turns its file into a
list of ``Block``s and hands them here, so that sections are recognised the same way everywhere:
"Section F", "PART F – MY SPECIAL EDUCATION PROVISION", "F: Special educational provision",
"Section H1", "H(1)", "E. Outcomes". A block that is not a heading becomes an item of the
current section (lists, numbered lines and paragraphs alike).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import ValidationError

from ehcplan.model import ALL_SECTIONS, SourceLocation
from ehcplan.model.plan import (
    ITEM_REFERENCES,
    ITEM_SECTIONS,
    NEED_SECTIONS,
    Advice,
    Aspiration,
    Details,
    Item,
    Need,
    Outcome,
    PersonalBudget,
    Placement,
    Plan,
    Provision,
    SectionA,
    Sections,
    Views,
    item_id,
)
from ehcplan.model.vocab import AdviceKind
from ehcplan.readers.area_links import area_of_heading
from ehcplan.readers.item_kinds import is_contents_line, is_layout, is_statement, restates_the_title
from ehcplan.readers.vocabulary import ReaderVocabulary, current_vocabulary, rendered_wording
from ehcplan.readers.written_links import WrittenLinks, about, read_written_links, resolve

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

_LETTER = r"(?P<letter>H\s*\(?\s*[12]\s*\)?|A(?=[12]\b)|[A-K])"
# "Section F", "PART F", "Section A1" (the DfE template's two parts of A), "Sections B, F and E".
_NAMED = re.compile(
    rf"^\W*(?:sections?|part)\s+{_LETTER}(?:[12](?![0-9]))?(?![A-Za-z0-9])\W*(?P<title>.*)$", re.IGNORECASE
)
_PARENTHESISED = re.compile(rf"\(\s*(?:section|part)\s+{_LETTER}\s*\)\s*$", re.IGNORECASE)
_BARE = re.compile(rf"^\W*{_LETTER}\s*[.:)\-–—]\s*(?P<title>.+)$")
_BARE_LETTER = re.compile(rf"^\W*{_LETTER}\s*[.:)\-–—]?\s*$")
NOT_APPLICABLE = re.compile(
    r"\b(not applicable|n/a|none identified|no identified|there (?:are|is) no|(?:has|have) no|does not have|"
    r"no (?:current |known )?(?:health|social care|special educational) (?:care )?needs?|no provision|not required|"
    r"does not (?:apply|receive))\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"^\s*(?:\(?(?:[0-9]{1,3}|[a-z]|[ivx]{1,4})[.)]|[-*•●▪◦‣–]|\(?[A-K][0-9]{1,2}\)?[.:)]?)\s+"
)
_ITEM_ID = re.compile(r"^\s*\(?(?P<id>(?:H[12]\.?|[B-G])[0-9]{1,2})\)?[.:)]?\s+")


@dataclass
class Block:
    """A paragraph, list item or table cell, with where it came from.

    ``section`` is set when the layout itself says which section the block belongs to (a table
    column headed "Section F"); ``fields`` holds structured fields read from a table row whose
    header names them (who, how often ...).
    """

    text: str
    source: SourceLocation = field(default_factory=SourceLocation)
    heading: bool = False
    section: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    # The table and row a block was read from (a table-row layout links what one row holds).
    row: tuple[int, int] | None = None


def section_of_heading(text: str, *, is_heading: bool = False, titles: bool = True) -> str | None:
    """The statutory section a heading starts ('F', 'H1' ...), or None if it starts none."""
    line = text.strip().lstrip("#").strip()
    if len(line) > 120:
        return None
    match = _NAMED.match(line)
    if match:
        return _letter(match.group("letter"))
    match = _PARENTHESISED.search(line) if len(line) <= 140 else None
    if match:  # a column title: "Need (Section B)", "Outcomes (Section E)"
        return _letter(match.group("letter"))
    match = _BARE.match(line)
    if match:
        letter = _letter(match.group("letter"))
        title = match.group("title").lower()
        # 'H' alone is no statutory section (H1 and H2 are), so it has no words of its own.
        if any(word in title for word in SECTION_WORDS.get(letter, ())):
            return letter
        # "H1: Not applicable." - a letter and a statement that the section is not used.
        if letter in ALL_SECTIONS and len(title.split()) <= 25 and NOT_APPLICABLE.search(title):
            return letter
    if is_heading and _BARE_LETTER.match(line):
        return _letter(_BARE_LETTER.match(line).group("letter"))  # type: ignore[union-attr]
    # A title alone names a section only as a heading in the text, never as a table's column.
    return section_of_title(line) if is_heading and titles else None


_TITLE_NOISE = re.compile(r"^(?:my|the|section|part|your)\s+")


def _title_words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def section_of_title(text: str) -> str | None:
    """The section a heading with no letter names by its title ("My special educational needs")."""
    words = _title_words(text)
    titles = _section_titles()
    for candidate in (words, _TITLE_NOISE.sub("", words).strip()):
        if candidate in titles:
            return titles[candidate]
    return None


def _section_titles() -> dict[str, str]:
    return _titles_in(current_vocabulary())


@cache
def _titles_in(vocabulary: ReaderVocabulary) -> dict[str, str]:
    lexicon = vocabulary.layout
    found: dict[str, str] = {}
    for letter in ALL_SECTIONS:
        # The session's own titles (words.yaml) first, so the common ones of the lexicon win a clash.
        own = vocabulary.section_titles.get(letter)
        for title in ([own.lower()] if own else []) + sorted(lexicon.words(f"titles-{letter.lower()}")):
            found[_title_words(title)] = letter
    return found


def _letter(raw: str) -> str:
    cleaned = re.sub(r"[\s()]", "", raw).upper()
    return cleaned


def strip_numbering(text: str) -> tuple[str, str | None]:
    """The text without its list marker or number, and an item id such as 'F2' if it had one."""
    found = _ITEM_ID.match(text)
    if found:
        return text[found.end() :].strip(), canonical_id(found.group("id"))
    return _NUMBER.sub("", text, count=1).strip(), None


def canonical_id(raw: str) -> str:
    """An item id as the plan writes it: 'F2', and 'H1.2' for the social care sections."""
    found = re.fullmatch(r"(H[12])\.?([0-9]{1,2})", raw.strip())
    return f"{found.group(1)}.{found.group(2)}" if found else raw.strip()


def is_subheading(block: Block) -> bool:
    """A heading inside a section (an area of need, a prompt) rather than an item."""
    text = block.text.strip()
    if block.heading or text.endswith(":"):
        return True
    if NOT_APPLICABLE.search(text):
        return False
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and len(text) < 80 and all(char.isupper() for char in letters)


def heading_content(text: str) -> str | None:
    """Words after a section label that are the section's content, not its title.

    "Section C: Maya has no health needs related to her SEN." starts section C and says it is
    not used; "Section E – Outcomes" is only a title.
    """
    line = text.strip().lstrip("#").strip()
    match = _NAMED.match(line) or _BARE.match(line)
    if match is None:
        return None
    rest = match.group("title").strip()
    if not re.search(r"[.!?]$", rest):
        return None
    if len(rest.split()) >= 6 or NOT_APPLICABLE.search(rest):
        return rest
    return None


def build_plan(blocks: list[Block]) -> Plan:
    """Assemble a Plan from blocks: headings start sections, other blocks become their items.

    Blocks before the first section may give the plan's details ("Date of birth: 2016-03-14").
    A section is made only where a heading (or a table header) names it: nothing is guessed.
    """
    prompts = starter_prompts()
    current: str | None = None
    found: dict[str, list[Block]] = {}
    headings: dict[str, Block] = {}
    before: list[Block] = []
    fillers = rendered_wording().fillers
    for block in blocks:
        if _normal(block.text) in prompts or _normal(block.text).rstrip(":") in fillers:
            continue
        if is_contents_line(block.text):
            continue  # a contents page names the sections; it does not start them
        letter = section_of_heading(block.text, is_heading=block.heading) if not block.fields else None
        if (
            letter is not None
            and letter == current
            and section_of_title(block.text.strip().lstrip("#")) == letter
        ):
            letter = None  # a part of the section it is in ("History" within A), not a new start
        if letter is not None:
            current = letter
            found.setdefault(letter, [])
            headings.setdefault(letter, block)
            rest = heading_content(block.text)
            if rest:
                found[letter].append(Block(rest, block.source))
            continue
        target = block.section or current
        if target is None:
            before.append(block)
        elif block.text.strip():
            found.setdefault(target, []).append(block)
            headings.setdefault(target, block)
    details, set_aside = trusted_details(read_details(before))
    plan = Plan(details=details, sections=_sections(found))
    for label, value, reason in set_aside:
        plan.set_aside(label, value, reason)
    for letter, heading in headings.items():
        plan.note_source(letter, heading.source)
        items = item_blocks(letter, found[letter])
        if letter == "A":
            for path, block in _section_a_parts(found["A"])[1]:
                plan.note_source(f"A.{path}", block.source)
        elif items:
            plan.note_source(f"{letter}.statement", items[0].source)
            for number, block in enumerate(items):
                plan.note_source(f"{letter}[{number}]", block.source)
    return plan


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def starter_prompts() -> frozenset[str]:
    """The prompts of the Word starter plan, which are guidance for the writer, not plan content."""
    from ehcplan.words import prompts

    return frozenset(_normal(prompt) for prompt in prompts())


# --- the plan's details, from "Label: value" lines before the first section -------------------

# Labels of the plan's details as councils write them ("Annual review due by: 8 January 2027"):
# data in lexicons/layout.yaml, one list per field ("details-next_review").
DETAIL_FIELDS = (
    "child.name",
    "child.preferred_name",
    "child.date_of_birth",
    "child.year_group",
    "child.home_language",
    "local_authority",
    "status",
    "issue_date",
    "next_review",
)


def detail_labels() -> dict[str, tuple[str, ...]]:
    """Field path -> the labels that give it."""
    return _detail_labels_in(current_vocabulary())


@cache
def _detail_labels_in(vocabulary: ReaderVocabulary) -> dict[str, tuple[str, ...]]:
    lexicon = vocabulary.layout
    return {path: tuple(sorted(lexicon.words(f"details-{path}"))) for path in DETAIL_FIELDS}


_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z.' /]{1,40}?)\s*[:|–-]\s*(?P<value>.+?)\s*$")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def _detail_paths() -> dict[str, str]:
    """Label (in lower case) -> path in Details: common labels, and the renderer's own."""
    wanted = {label: path for path, labels in detail_labels().items() for label in labels}
    return {**wanted, **rendered_wording().details}


def is_detail(text: str) -> bool:
    """True for a line that gives one of the plan's details ("Date of birth: 2016-03-14")."""
    match = _LABEL.match(text)
    return bool(match) and _normal(match.group("label")) in _detail_paths()


def read_details(blocks: list[Block]) -> Details:
    """The plan's details from labelled lines; a value that cannot be read is left out."""
    wanted = _detail_paths()
    details = Details()
    # "- Date of birth: ...", and two details on one line: "Parents: ... | Annual review due by: ...".
    lines = [part for block in blocks for part in strip_numbering(block.text)[0].split(" | ")]
    for line in lines:
        match = _LABEL.match(line)
        if match is None:
            details = _dates_in_words(line, details)
            continue
        path = wanted.get(_normal(match.group("label")))
        if path is None:
            continue
        value = _detail_value(path, match.group("value"))
        if value not in (None, "", []):
            details = _with_detail(details, path, value)
    return details


_A_DATE = r"(?:[0-9]{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\s+[0-9]{4}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}|[0-9]{4}-[0-9]{2}-[0-9]{2})"


def trusted_details(details: Details) -> tuple[Details, list[tuple[str, str, str]]]:
    """The details with any value that fails its type left empty, and what was left out and why:
    a date of birth after the plan's date, a review before it, a name that is a form's label."""
    set_aside: list[tuple[str, str, str]] = []
    child = details.child
    issued = details.issue_date
    if child.date_of_birth and issued and child.date_of_birth >= issued:
        set_aside.append(("date of birth", _spoken(child.date_of_birth), "is not before the plan's date"))
        child = child.model_copy(update={"date_of_birth": None})
    if child.name and (is_layout(child.name) or _normal(child.name) in _detail_paths()):
        set_aside.append(("child's name", child.name, "is the form's own words, not a name"))
        child = child.model_copy(update={"name": None})
    review = details.next_review
    if review and issued and review <= issued:
        set_aside.append(("next review date", _spoken(review), "is not after the plan's date"))
        details = details.model_copy(update={"next_review": None})
    return details.model_copy(update={"child": child}), set_aside


def _spoken(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _dates_in_words(line: str, details: Details) -> Details:
    """Dates a sentence gives without a colon: "Final plan issued 30 March 2026. Annual review due by ..."."""
    for path in ("issue_date", "next_review"):
        if getattr(details, path) is not None:
            continue
        for label in sorted(detail_labels()[path], key=len, reverse=True):
            found = re.search(
                rf"\b{re.escape(label)}\s*(?:on|is)?\s*(?P<value>{_A_DATE})", line, re.IGNORECASE
            )
            if found:
                value = _detail_value(path, found.group("value"))
                if value:
                    details = _with_detail(details, path, value)
                break
    return details


def _detail_value(path: str, text: str) -> object:
    """A detail's value as the plan holds it: a date, a year, a yes or no, a list of parents."""
    wording = rendered_wording()
    if path.endswith(("date_of_birth", "issue_date", "next_review")) or path.startswith("timeline."):
        return parse_date(text)
    if path == "child.year_group":
        return wording.year_groups.get(_normal(text), text)
    if path in ("looked_after", "child_in_need"):
        return wording.answers.get(_normal(text))
    if path == "status":
        return _status(text, wording.choices.get("status", {}))
    if path == "parents":
        parents: list[dict[str, str]] = []
        for name in _split_outside_brackets(text, wording.list_separator.strip() or ","):
            found = wording.parent.match(name)
            if found is not None:
                parents.append(
                    {"name": found.group("name").strip(), "relationship": found.group("relationship")}
                )
            elif name.strip():
                parents.append({"name": name.strip()})
        return parents
    return text


def _status(text: str, names: dict[str, str]) -> str:
    """The plan's status from its words: the name itself ("Final"), else the first status named
    in them ("Final (amended following annual review)" is final); the words as written otherwise."""
    if _normal(text) in names:
        return names[_normal(text)]
    words = _normal(text).replace("(", " ").replace(")", " ").split()
    return next((names[word] for word in words if word in names), text)


def _split_outside_brackets(text: str, separator: str) -> list[str]:
    """'A (mother), B (carer, at weekends)' -> ['A (mother)', 'B (carer, at weekends)']."""
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and text.startswith(separator, index):
            pieces.append(text[start:index])
            start = index + len(separator)
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def _with_detail(details: Details, path: str, value: object) -> Details:
    data = details.model_dump(mode="json", exclude_defaults=True)
    target = data
    *parents, name = path.split(".")
    for parent in parents:
        target = target.setdefault(parent, {})
    target[name] = value
    try:
        return Details.model_validate(data)
    except ValidationError:
        return details


def parse_date(text: str) -> str | None:
    """An ISO date from '2026-09-01', '01/09/2026' or '1 September 2026'; None if it is not a date."""
    text = text.strip()
    found = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if found:
        year, month, day = (int(part) for part in found.groups())
    elif found := re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b", text):
        day, month, year = (int(part) for part in found.groups())
    elif found := re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\s+(\d{4})\b", text):
        name = found.group(2).lower()
        months = [number for number, month in enumerate(_MONTHS, 1) if month.startswith(name[:3])]
        if not months:
            return None
        day, month, year = int(found.group(1)), months[0], int(found.group(3))
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# --- sections ---------------------------------------------------------------------------------

# Sub-headings of section A that name one of its parts.
A_PARTS: dict[str, tuple[str, ...]] = {
    "history": ("history", "my story", "about me", "background"),
    "child_views": ("my views", "child's views", "views of the child", "young person's views", "my voice"),
    "parent_views": (
        "parents' views",
        "parent's views",
        "my family's views",
        "views of parents",
        "family views",
    ),
    "interests": ("interests", "my interests", "what i like", "things i like"),
    "strengths": ("strengths", "my strengths", "what i am good at", "what people like about me"),
    "aspirations": ("aspirations", "my aspirations", "hopes for the future", "my hopes", "my future"),
    "communication": (
        "how to communicate with me",
        "communication",
        "how i communicate",
        "how best to talk with me",
    ),
}
# Words that name a part of section A in a heading of the council's own, in the order they are tried
# ("what people like about me" is strengths: its "about" is tried before "like").
A_PART_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("strengths", frozenset({"strengths", "good", "admire", "about"})),
    ("aspirations", frozenset({"aspirations", "hopes", "hope", "future", "dreams", "ambitions"})),
    ("interests", frozenset({"enjoy", "enjoys", "like", "likes", "love", "loves", "interests", "hobbies"})),
)
_WHOSE = re.compile(r"^\s*(?:whose words|in whose words|words of)\s*[:–-]\s*(?P<who>.+)$", re.IGNORECASE)


def _a_part(block: Block) -> str | None:
    if not is_subheading(block):
        return None
    label = _normal(block.text).rstrip(":").strip()
    for part, labels in A_PARTS.items():
        if label in labels:
            return part
    rendered = rendered_wording().a_parts.get(label)
    if rendered is not None:
        return rendered
    # A council's own wording of the part ("What Kai enjoys", "Things Hannah loves"): by its words.
    words = set(label.replace("’", "'").split())
    return next((part for part, keys in A_PART_WORDS if words & keys), None)


def _whose_words(text: str) -> str | None:
    """Who said the views, from a line 'Whose words: ...' or the renderer's 'In the words of: ...'."""
    found = _WHOSE.match(text) or rendered_wording().whose_words.match(text)
    return found.group("who").strip() if found else None


def _section_a_parts(blocks: list[Block]) -> tuple[dict[str, list[str]], list[tuple[str, Block]]]:
    """Section A's text by part (history unless a sub-heading names another), and where each came from."""
    parts: dict[str, list[str]] = {}
    sources: list[tuple[str, Block]] = []
    part = "history"
    for block in blocks:
        named = _a_part(block)
        if named is not None:
            part = named
            continue
        if is_subheading(block):
            continue
        whose = _whose_words(block.text)
        if whose and part in ("child_views", "parent_views"):
            parts.setdefault(f"{part}.whose_words", []).append(whose)
            continue
        texts = parts.setdefault(part, [])
        if part in ("history", "communication"):
            sources.append((f"{part}[{len(texts)}]" if texts else part, block))
        elif part in ("interests", "strengths", "aspirations"):
            sources.append((f"{part}[{len(texts)}]", block))
        elif not texts:
            sources.append((part, block))
        texts.append(block.text)
    return parts, sources


def _section_a(blocks: list[Block]) -> SectionA:
    parts, _sources = _section_a_parts(blocks)
    values: dict[str, object] = {}
    for part in ("history", "communication"):
        if parts.get(part):
            values[part] = "\n\n".join(parts[part])
    for part in ("child_views", "parent_views"):
        if parts.get(part):
            whose = parts.get(f"{part}.whose_words")
            values[part] = Views(text="\n\n".join(parts[part]), whose_words=whose[0] if whose else None)
    for part in ("interests", "strengths"):
        if parts.get(part):
            values[part] = parts[part]
    if parts.get("aspirations"):
        values["aspirations"] = [_aspiration(text) for text in parts["aspirations"]]
    return SectionA(**values)  # type: ignore[arg-type]


def _aspiration(text: str) -> Aspiration:
    """An aspiration; a last line 'Preparing for adulthood: Employment' gives its area."""
    wording = rendered_wording()
    *lines, last = text.split("\n")
    area = wording.pfa_line.match(last)
    if lines and area is not None:
        try:
            return Aspiration(text="\n".join(lines), pfa_area=wording.choice("pfa_area", area.group("area")))
        except ValidationError:
            pass
    return Aspiration(text=text)


def _sections(found: dict[str, list[Block]]) -> Sections:
    values: dict[str, object] = {}
    wording = rendered_wording()
    written: dict[str, WrittenLinks] = {}
    areas: dict[str, str] = {}
    rows: dict[str, tuple[int, int]] = {}
    for letter, blocks in found.items():
        if letter in ITEM_SECTIONS:
            from ehcplan.readers.lead_ins import join_lead_ins
            from ehcplan.readers.records import join_labelled_lines, join_records

            blocks = join_lead_ins(letter, join_labelled_lines(letter, join_records(letter, blocks)))
        items = item_blocks(letter, blocks)
        if letter == "A":
            values["A"] = _section_a(blocks)
        elif letter in ITEM_SECTIONS:
            values[letter] = _item_section(letter, items, written, _areas_of(blocks), areas, rows)
        elif letter == "I":
            values["I"] = _labelled_section(Placement, items, wording.placement)
        elif letter == "J":
            values["J"] = _labelled_section(PersonalBudget, items, wording.budget)
        elif letter == "K":
            cells = [block for block in items if block.fields or not is_layout(block.text)]
            entries = [block for block in _rows(cells) if block.fields or not is_layout(block.text)]
            values["K"] = [advice for block in entries if (advice := _advice(block)) is not None]
    _link_as_written(values, written)
    _link_by_table_row(values, rows)
    _link_by_heading(values, areas)
    _drop_unknown_links(values)
    return Sections(**values)  # type: ignore[arg-type]


def _items_in(values: dict[str, object], *letters: str) -> list[tuple[str, Any]]:
    """(letter, item) for the items read so far into the given sections (all by default)."""
    return [
        (letter, item)
        for letter in letters or ITEM_SECTIONS
        if isinstance(values.get(letter), dict)
        for item in values[letter].get("items", [])  # type: ignore[union-attr]
    ]


def _link_as_written(values: dict[str, object], written: dict[str, WrittenLinks]) -> None:
    """Links the items' words give ("(need B1)", "links to outcome 2"), where no field gave any."""
    items = [item for _letter, item in _items_in(values)]
    known = {item.id for item in items}
    labels = {links.label: item_id for item_id, links in written.items() if links.label}
    need_items = [item for item in items if item.id.startswith(("B", "C", "D"))]
    outcome_items = [item for item in items if item.id.startswith("E")]
    for item in items:
        links = written.get(item.id)
        # Links a table's fields gave are the writer's own; words add nothing to them.
        if not links or getattr(item, "needs", None) or getattr(item, "outcomes", None):
            continue
        resolved = [resolve(ref, ("B", "C", "D"), labels, known) for ref in links.needs]
        resolved += [resolve(ref, ("E",), labels, known) for ref in links.outcomes]
        # A paragraph number may be a need's or an outcome's ("(2.4; 5.4)"): the item decides.
        needs = [ref for ref in resolved if ref and ref.startswith(("B", "C", "D"))]
        outcomes = [ref for ref in resolved if ref and ref.startswith("E")]
        for topic in links.topics:
            needs += _about(topic, need_items)
            if not item.id.startswith(("B", "C", "D", "E")):
                outcomes += [
                    outcome.id
                    for outcome in outcome_items
                    if topic in written.get(outcome.id, WrittenLinks()).topics
                ]
        # A need's own words may name another need; needs have no links of their own to hold it.
        if needs and hasattr(item, "needs"):
            item.needs = list(dict.fromkeys(needs))
        if outcomes and hasattr(item, "outcomes"):
            item.outcomes = list(dict.fromkeys(outcomes))
        if getattr(item, "needs", None) or getattr(item, "outcomes", None):
            item.linked_by = "written"


def item_blocks(letter: str, blocks: list[Block]) -> list[Block]:
    """The blocks of a section that are its items (sub-headings left out).

    In a section of needs laid out as the renderer lays it out, a need heading ("B1: Communication
    and interaction") starts a need with that id and area, the paragraphs under it are its words,
    and those under a "Strengths" sub-heading its strengths.
    """
    if letter not in NEED_SECTIONS:
        return [block for block in blocks if not is_subheading(block)]
    wording = rendered_wording()
    items: list[Block] = []
    need: Block | None = None
    strengths = False
    for block in blocks:
        heading = wording.need_heading(block.text) if block.heading and not block.fields else None
        if heading is not None:
            identifier, area = heading
            need = Block("", block.source, fields={"id": identifier, **({"area": area} if area else {})})
            items.append(need)
            strengths = False
        elif is_subheading(block):
            strengths = need is not None and _normal(block.text).rstrip(":") == wording.strengths
        elif need is not None and strengths:
            need.fields["strengths"] = " ".join(filter(None, (need.fields.get("strengths"), block.text)))
        elif need is not None and not block.fields:
            if not need.text:
                need.source = block.source
            need.text = " ".join(filter(None, (need.text, block.text)))
        else:
            need = None
            items.append(block)
    return [block for block in items if block.text.strip()]


def _labelled_section(
    kind: type[Placement | PersonalBudget], blocks: list[Block], labels: dict[str, str]
) -> Any:
    """Section I or J: labelled lines ("Amount: ...") give its fields; the other words its statement."""
    wording = rendered_wording()
    values: dict[str, object] = {}
    statement: list[str] = []
    for block in blocks:
        labelled = wording.labelled(block.text, labels)
        if labelled is None:
            statement.append(block.text)
            continue
        name, value = labelled
        if name in LINK_FIELDS:
            values[name] = ITEM_REFERENCES.findall(value)
        elif name == "direct_payments":
            values[name] = wording.answers.get(_normal(value))
        else:
            values[name] = value
    values["statement"] = " ".join(statement) or None
    if kind is PersonalBudget and not (set(values) - {"statement"}) and values["statement"]:
        from ehcplan.readers.budget_words import budget_from_words

        values.update(budget_from_words(values["statement"]))
    try:
        return kind.model_validate(values)
    except ValidationError:
        return kind(statement=" ".join(block.text for block in blocks) or None)


def _rows(blocks: list[Block]) -> list[Block]:
    """Cells of one table row as one block ("Dr Simon Fairley – Educational psychologist – 18/03/2026"):
    a row of an advice table is one piece of advice, however many cells it has."""
    joined: list[Block] = []
    for block in blocks:
        last = joined[-1] if joined else None
        same_row = (
            last is not None
            and not block.fields
            and not last.fields
            and block.row is not None
            and last.row == block.row
        )
        if same_row and last is not None:
            last.text = f"{last.text} – {block.text}"
        else:
            joined.append(
                Block(block.text, block.source, block.heading, block.section, dict(block.fields), block.row)
            )
    return joined


def _advice(block: Block) -> Advice | None:
    """A piece of advice in K: a row of the advice table, or a line naming it."""
    if not block.fields:
        title = strip_numbering(block.text)[0]
        return Advice(kind=AdviceKind.other, title=title) if title else None
    wording = rendered_wording()
    fields = block.fields
    values: dict[str, object] = {
        "kind": wording.choice("kind", fields.get("kind", "")),
        "author": fields.get("author"),
        "role": fields.get("role"),
        "date": parse_date(fields.get("date", "")),
        "title": fields.get("title"),
    }
    try:
        return Advice.model_validate(values)
    except ValidationError:
        return Advice(kind=AdviceKind.other, title=block.text)


LINK_FIELDS = {"needs": ("B", "C", "D"), "outcomes": ("E",)}
ITEM_KINDS: dict[str, type[Item]] = {
    "B": Need,
    "C": Need,
    "D": Need,
    "E": Outcome,
    "F": Provision,
    "G": Provision,
    "H1": Provision,
    "H2": Provision,
}


def _areas_of(blocks: list[Block]) -> dict[int, str]:
    """The area of need each block sits under, by the last area heading above it in its section."""
    found: dict[int, str] = {}
    current: str | None = None
    for block in blocks:
        area = area_of_heading(block.text) if not block.fields and len(block.text) < 120 else None
        named = area_of_heading(block.fields.get("needs", "")) if block.fields.get("needs") else None
        if area is not None and (block.heading or is_subheading(block) or is_layout(block.text)):
            current = area
        elif named is not None:
            found[id(block)] = named  # "Linked to need(s): Communication & Interaction"
        elif current is not None:
            found[id(block)] = current
    return found


def _about(topic: str, needs: list[Any]) -> list[str]:
    """The needs most plainly about ``topic`` ("handwriting" -> the need that describes it)."""
    scores = {need.id: about(need.text, topic) for need in needs}
    best = max(scores.values(), default=0)
    return [need_id for need_id, score in scores.items() if best and score == best]


def _link_by_table_row(values: dict[str, object], rows: dict[str, tuple[int, int]]) -> None:
    """A need, its outcomes and its provision in one table row belong together (the DfE template's
    table per area of need). A row whose need or outcome cell is empty, or merged with the row
    above, continues the need and outcome above it."""
    by_id = {item.id: (letter, item) for letter, item in _items_in(values)}
    table_rows: dict[int, dict[int, list[tuple[str, Any]]]] = {}
    for identifier, (table, row) in rows.items():
        if identifier in by_id:
            table_rows.setdefault(table, {}).setdefault(row, []).append(by_id[identifier])
    for table in table_rows.values():
        needs: list[str] = []
        outcomes: list[str] = []
        for row in sorted(table):
            here = table[row]
            row_needs = [item.id for letter, item in here if letter in ("B", "C", "D")]
            row_outcomes = [item.id for letter, item in here if letter == "E"]
            needs = row_needs or needs
            outcomes = row_outcomes or outcomes
            for letter, item in here:
                if letter in ("B", "C", "D") or item.needs or getattr(item, "outcomes", None):
                    continue
                item.needs = list(needs)
                if letter != "E":
                    item.outcomes = list(outcomes)
                if item.needs or getattr(item, "outcomes", None):
                    item.linked_by = "table-row"


def _link_by_heading(values: dict[str, object], areas: dict[str, str]) -> None:
    """Needs, outcomes and provision under the same area heading belong together, where nothing
    written links them."""
    needs = [item for _letter, item in _items_in(values, "B", "C", "D")]
    outcomes = [item for _letter, item in _items_in(values, "E")]
    for _letter, item in _items_in(values, "E", "F", "G", "H1", "H2"):
        area = areas.get(item.id)
        if area is None or item.needs or getattr(item, "outcomes", None):
            continue
        item.needs = [need.id for need in needs if areas.get(need.id) == area]
        if hasattr(item, "outcomes"):
            item.outcomes = [outcome.id for outcome in outcomes if areas.get(outcome.id) == area]
        if item.needs or getattr(item, "outcomes", None):
            item.linked_by = "heading"


def _item_section(
    letter: str,
    blocks: list[Block],
    written: dict[str, WrittenLinks] | None = None,
    block_areas: dict[int, str] | None = None,
    areas: dict[str, str] | None = None,
    rows: dict[str, tuple[int, int]] | None = None,
) -> dict[str, object]:
    if (
        len(blocks) == 1
        and not blocks[0].fields
        and NOT_APPLICABLE.search(blocks[0].text)
        and len(blocks[0].text) < 300
    ):
        return {"statement": blocks[0].text}
    # The template's words are never items; statements ("Not applicable", "No identified needs in
    # this area") are the section's statement when nothing else is there, never items.
    title = current_vocabulary().section_titles.get(letter, "")
    content = [
        block
        for block in blocks
        if block.fields or not (is_layout(block.text) or restates_the_title(block.text, title))
    ]
    statements = [block for block in content if not block.fields and is_statement(block.text)]
    content = [block for block in content if block not in statements]
    if not content:
        return {"statement": " ".join(block.text for block in statements) or None} if statements else {}
    kind = ITEM_KINDS[letter]
    items = []
    used: set[str] = set()
    for number, block in enumerate(content, start=1):
        text, given = strip_numbering(block.text)
        text, links = read_written_links(text)
        if not text:
            continue
        fields = dict(block.fields)
        given = _given_id(fields.pop("id", None)) or given
        identifier = given if given and given.startswith(letter) and given not in used else None
        if identifier is None:
            identifier = item_id(letter, number)
            while identifier in used:
                number += 100
                identifier = item_id(letter, number)
        used.add(identifier)
        items.append(_item(kind, identifier, text, block.source, fields))
        if written is not None and (links or links.label):
            written[identifier] = links
        if block_areas and areas is not None and id(block) in block_areas:
            areas[identifier] = block_areas[id(block)]
        if rows is not None and block.row is not None:
            rows[identifier] = block.row
    return {"items": items}


def _given_id(text: str | None) -> str | None:
    if not text:
        return None
    found = _ITEM_ID.match(f"{text.strip().rstrip('.:)')} ")
    return canonical_id(found.group("id")) if found else None


def _item(
    kind: type[Item], identifier: str, text: str, source: SourceLocation, fields: dict[str, str]
) -> Item:
    """An item with the structured fields its table gave; a field whose value does not fit is left out."""
    wording = rendered_wording()
    values: dict[str, object] = {}
    for name, value in fields.items():
        if name not in kind.model_fields or not value.strip():
            continue
        if name in LINK_FIELDS:
            # "E2", or a bare number in a column of outcome numbers ("Outcome no.: 2").
            values[name] = ITEM_REFERENCES.findall(value) or [
                f"{LINK_FIELDS[name][0]}{number}" for number in re.findall(r"\b[0-9]{1,2}\b", value)
            ]
        elif name in ("start", "review"):
            values[name] = parse_date(value)
        else:
            values[name] = wording.choice(name, value.strip())
    if "who" in values and fields.get("qualification", "").strip():
        values["who"] = {"role": values["who"], "qualification": fields["qualification"].strip()}
    while True:
        try:
            return kind(id=identifier, text=text, source=source, **values)
        except ValidationError as error:
            bad = {str(detail["loc"][0]) for detail in error.errors() if detail["loc"]}
            if not bad & set(values):
                raise
            for name in bad:
                values.pop(name, None)


def _drop_unknown_links(values: dict[str, object]) -> None:
    """Loose documents may link to items that are not there; keep only links the plan can resolve."""
    known = {item.id for _letter, item in _items_in(values)}
    budget = values.get("J")
    if isinstance(budget, PersonalBudget):
        budget.needs = [link for link in budget.needs if link in known]
        budget.outcomes = [link for link in budget.outcomes if link in known]
    for letter in ITEM_SECTIONS:
        section = values.get(letter)
        if not isinstance(section, dict):
            continue
        for item in section.get("items", []):  # type: ignore[attr-defined]
            for name, allowed in LINK_FIELDS.items():
                links = getattr(item, name, None)
                if links:
                    setattr(
                        item, name, [link for link in links if link in known and link.startswith(allowed)]
                    )
