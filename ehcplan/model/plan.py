"""The Plan: one Pydantic model for an EHC plan's details and statutory sections A-K.

Every item is free text first: a writer may give an item as a bare sentence and add the
structured fields (who, how often, links ...) when they know them. Readers of loose documents
fill in what they can and record where each item came from (``source``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from ehcplan.model.vocab import AdviceKind, AreaOfNeed, PfaArea, PlanStatus, Pronouns

Text = Annotated[str, Field(min_length=1)]
ItemId = Annotated[str, Field(pattern=r"^[A-K][A-Za-z0-9.\-]*$", max_length=20)]

ITEM_SECTIONS = ("B", "C", "D", "E", "F", "G", "H1", "H2")
# An item id as a document writes it in its words ("B3", "E12", "H1.2"), and the compiled search.
ITEM_REFERENCE = r"(?:H[12]\.[0-9]{1,2}|[B-G][0-9]{1,2})"
ITEM_REFERENCES = re.compile(rf"\b{ITEM_REFERENCE}\b")
NEED_SECTIONS = ("B", "C", "D")
PROVISION_SECTIONS = ("F", "G", "H1", "H2")
ALL_SECTIONS = ("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K")


class _BuiltInSectionTitles(Mapping[str, str]):
    """The statutory section titles, read from the one place they are written: ``templates/words.yaml``."""

    def _titles(self) -> dict[str, str]:
        from ehcplan.words import load_words

        return load_words().raw("sections")

    def __getitem__(self, letter: str) -> str:
        return self._titles()[letter]

    def __iter__(self) -> Iterator[str]:
        return iter(self._titles())

    def __len__(self) -> int:
        return len(self._titles())


# Read when first used, not when the model is imported; a local authority's own titles are in its
# session's words (``session.words("sections.F")``).
SECTION_TITLES: Mapping[str, str] = _BuiltInSectionTitles()


class Strict(BaseModel):
    """Base for authored parts: unknown fields are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=False)


class SourceLocation(BaseModel):
    """Where an item came from in its file, so findings can be pinned back on it."""

    line: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    page: int | None = None

    def describe(self) -> str:
        """Say where this is in words a caseworker can find."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.table is not None:
            parts.append(f"table {self.table}")
            if self.row is not None:
                parts.append(f"row {self.row}")
            if self.cell is not None:
                parts.append(f"cell {self.cell}")
        elif self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if not parts and self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts)


class Acceptance(Strict):
    """A finding the writer accepts on purpose, with the reason a panel can read."""

    rule: Annotated[str, Field(pattern=r"^[A-Z]+[0-9]+$", description="Rule code, e.g. PROV003")]
    reason: Text


# Where a loose document's links were read from: the item's words ("meets need B1"), a heading
# shared by need, outcome and provision, or a table row holding all three. None: given as fields.
LinkSource = Literal["written", "heading", "table-row"]
LINKED_BY = "Where the links were read from in a document: written, heading or table-row"


class Item(Strict):
    """An item of a section: an id, its text, and where it came from."""

    id: ItemId | None = Field(default=None, description="Stable id such as B1, E3, F2; given automatically")
    text: Text
    accept: list[Acceptance] = Field(default_factory=list, description="Findings accepted on purpose")
    source: SkipJsonSchema[SourceLocation | None] = Field(default=None, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _bare_sentence(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Need(Item):
    """A need in B (special educational), C (health) or D (social care)."""

    area: AreaOfNeed | None = Field(default=None, description="Broad area of need")
    strengths: str | None = Field(default=None, description="What the child can do in this area")


class Outcome(Item):
    """An outcome in E: the difference the provision should make, by when."""

    timescale: str | None = Field(
        default=None, description="By when, e.g. 'end of Key Stage 2' or 'July 2027'"
    )
    area: AreaOfNeed | None = None
    pfa_area: PfaArea | None = Field(default=None, description="Preparing for Adulthood area, from Year 9")
    needs: list[ItemId] = Field(default_factory=list, description="Ids of the needs it answers (B1, C2 ...)")
    linked_by: LinkSource | None = Field(default=None, description=LINKED_BY)


class Who(Strict):
    """Who provides a piece of provision."""

    role: Text
    qualification: str | None = Field(default=None, description="Qualification or training")

    @model_validator(mode="before")
    @classmethod
    def _bare_role(cls, value: Any) -> Any:
        return {"role": value} if isinstance(value, str) else value


class Provision(Item):
    """An item of provision in F, G, H1 or H2, following the five prompts of the DfE template."""

    what: str | None = Field(default=None, description="What support, e.g. 'a structured phonics programme'")
    who: Who | None = Field(default=None, description="Role delivering it, and their training")
    group_size: str | None = Field(
        default=None, description="Ratio or group size, e.g. '1:1' or 'group of 4'"
    )
    how_often: str | None = Field(default=None, description="Frequency, e.g. 'three times a week'")
    how_long: str | None = Field(default=None, description="Length of each session, e.g. '30 minutes'")
    where: str | None = None
    start: dt.date | None = None
    review: dt.date | None = None
    needs: list[ItemId] = Field(default_factory=list, description="Ids of the needs it meets")
    outcomes: list[ItemId] = Field(default_factory=list, description="Ids of the outcomes it serves")
    linked_by: LinkSource | None = Field(default=None, description=LINKED_BY)


T = TypeVar("T", bound=Item)


class ItemSection(Strict, Generic[T]):
    """A section of items. ``statement`` says why a section is not used ("not applicable")."""

    items: list[T] = Field(default_factory=list)
    statement: str | None = Field(default=None, description="e.g. 'No identified health needs.'")

    @model_validator(mode="before")
    @classmethod
    def _list_or_statement(cls, value: Any) -> Any:
        if isinstance(value, list):
            return {"items": value}
        if isinstance(value, str):
            return {"statement": value}
        return value

    @property
    def is_blank(self) -> bool:
        """True when the section has neither items nor a statement saying why."""
        return not self.items and not (self.statement or "").strip()


class NeedSection(ItemSection[Need]):
    pass


class OutcomeSection(ItemSection[Outcome]):
    pass


class ProvisionSection(ItemSection[Provision]):
    pass


class Views(Strict):
    """Views in someone's own words, and whose words they are."""

    text: Text
    whose_words: str | None = Field(
        default=None, description="Whose words: e.g. 'Maya, told to her teaching assistant'"
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Aspiration(Strict):
    text: Text
    pfa_area: PfaArea | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class SectionA(Strict):
    """Views, interests and aspirations; history; how to communicate with the child."""

    history: str | None = None
    child_views: Views | None = Field(default=None, description="The child's or young person's own views")
    parent_views: Views | None = None
    interests: list[Text] = Field(default_factory=list)
    strengths: list[Text] = Field(default_factory=list)
    aspirations: list[Aspiration] = Field(default_factory=list)
    communication: str | None = Field(default=None, description="How best to communicate with them")


class StatementSugar(Strict):
    """A section that may be written as a single sentence, kept as its ``statement``."""

    @model_validator(mode="before")
    @classmethod
    def _bare_statement(cls, value: Any) -> Any:
        return {"statement": value} if isinstance(value, str) else value


class Placement(StatementSugar):
    """Section I: the school or other institution (empty in a draft plan)."""

    name: str | None = None
    type: str | None = Field(default=None, description="e.g. 'mainstream primary academy'")
    statement: str | None = None

    @property
    def setting_named(self) -> str | None:
        """The school or setting it names: its name, or a name opening its words (a document that
        writes "Ferncliffe Junior School, Ashdale (mainstream junior school)." has no name field);
        never a type written in the name's place ("a mainstream secondary school")."""
        if names_a_setting(self.name):
            return self.name
        words = re.sub(r"^\s*\d+(?:\.\d+)*\s+", "", self.statement or "")  # "10.1 Greenhill ..."
        opening = re.split(r"[,:;(.]| - | – ", words, maxsplit=1)[0].strip()
        return opening if names_a_setting(opening) and len(opening.split()) <= 8 else None


def names_a_setting(name: str | None) -> bool:
    """Whether words are a name: a capital after the first word ('Orchard Lane Primary School',
    'St Mary's'), or one capitalised word; not a type ('a mainstream secondary school')."""
    if not name:
        return False
    words = name.split()
    return any(word[:1].isupper() for word in words[1:]) or (len(words) == 1 and words[0][:1].isupper())


class PersonalBudget(StatementSugar):
    """Section J."""

    amount: str | None = Field(default=None, description="e.g. '£2,400 a year'")
    funds: str | None = Field(default=None, description="What the budget pays for")
    direct_payments: bool | None = None
    outcomes: list[ItemId] = Field(default_factory=list)
    needs: list[ItemId] = Field(default_factory=list)
    statement: str | None = Field(default=None, description="e.g. 'No personal budget has been requested.'")


class Advice(Strict):
    """An item of advice and information listed in K."""

    kind: AdviceKind
    author: str | None = None
    role: str | None = None
    date: dt.date | None = None
    title: str | None = None


class Person(Strict):
    name: Text
    relationship: str | None = Field(default=None, description="e.g. 'mother', 'foster carer'")


class Child(Strict):
    name: str | None = None
    preferred_name: str | None = None
    pronouns: Pronouns | None = Field(
        default=None, description="she/her, he/him or they/them: how messages speak of the child"
    )
    date_of_birth: dt.date | None = None
    year_group: int | None = Field(
        default=None,
        ge=-2,
        le=14,
        description="National curriculum year: -2 and -1 nursery, 0 Reception, 1-13, 14 for post-19",
    )
    home_language: str | None = None
    communication: str | None = Field(default=None, description="How they communicate, e.g. 'Makaton signs'")

    @field_validator("year_group", mode="before")
    @classmethod
    def _year_words(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip().lower()
            named = {"reception": 0, "r": 0, "yr": 0, "n1": -2, "n2": -1, "nursery": -1}
            if text in named:
                return named[text]
            match = re.fullmatch(r"(?:year|y)\s*(\d{1,2})", text)
            if match:
                return int(match.group(1))
        return value


class Timeline(Strict):
    """Dates of the assessment, for the statutory timescales."""

    request_received: dt.date | None = None
    decision_to_assess: dt.date | None = None
    draft_issued: dt.date | None = None
    comments_deadline: dt.date | None = None
    final_issued: dt.date | None = None
    review_meeting: dt.date | None = Field(
        default=None, description="Date of the latest annual review meeting"
    )
    review_decision: dt.date | None = Field(
        default=None, description="Date the local authority decided after it"
    )
    amendment_notice: dt.date | None = Field(
        default=None, description="Date of the notice of proposed amendments"
    )
    amended_issued: dt.date | None = Field(default=None, description="Date the amended final plan was issued")
    transfer_amended: dt.date | None = Field(
        default=None, description="Date the plan was amended for a move to a new phase of education"
    )


class Details(Strict):
    """Who the plan is for, who wrote it, and its dates."""

    child: Child = Field(default_factory=Child)
    parents: list[Person] = Field(default_factory=list, description="Parents or carers")
    local_authority: str | None = None
    status: PlanStatus = PlanStatus.draft
    issue_date: dt.date | None = None
    next_review: dt.date | None = None
    looked_after: bool = False
    child_in_need: bool = False
    timeline: Timeline = Field(default_factory=Timeline)
    annual_reviews: list[dt.date] = Field(default_factory=list)


class Sections(Strict):
    """The statutory sections, keyed by letter. A section left out is not in the plan at all."""

    A: SectionA | None = None
    B: NeedSection | None = None
    C: NeedSection | None = None
    D: NeedSection | None = None
    E: OutcomeSection | None = None
    F: ProvisionSection | None = None
    G: ProvisionSection | None = None
    H1: ProvisionSection | None = None
    H2: ProvisionSection | None = None
    I: Placement | None = None  # noqa: E741 - the statutory letter
    J: PersonalBudget | None = None
    K: list[Advice] | None = None

    def present(self) -> list[str]:
        """Letters of the sections present, in statutory order."""
        return [letter for letter in ALL_SECTIONS if getattr(self, letter) is not None]

    def item_section(self, letter: str) -> ItemSection[Any] | None:
        """The section of items with this letter (B-H2), if present."""
        return getattr(self, letter) if letter in ITEM_SECTIONS else None


class Plan(Strict):
    """An Education, Health and Care plan."""

    details: Details = Field(default_factory=Details)
    sections: Sections = Field(default_factory=Sections)
    # Where parts of the plan came from in their file, by path: "E", "A.history", "A.history[1]".
    _sources: dict[str, SourceLocation] = PrivateAttr(default_factory=dict)

    # Details a reader found but could not trust, with why: ("date of birth", "12/05/2027", "is after the plan's date").
    _set_aside: list[tuple[str, str, str]] = PrivateAttr(default_factory=list)

    def note_source(self, path: str, location: SourceLocation) -> None:
        """Record where a part of the plan came from (readers call this)."""
        self._sources[path] = location

    def set_aside(self, label: str, value: str, reason: str) -> None:
        """Record a detail a reader left empty rather than guess (readers call this)."""
        self._set_aside.append((label, value, reason))

    @property
    def details_set_aside(self) -> list[tuple[str, str, str]]:
        """The details a reader left empty, with the value found and why."""
        return list(self._set_aside)

    def source_of(self, path: str) -> SourceLocation | None:
        """Where a part came from: the part itself, else the nearest enclosing part that is known."""
        while path:
            if path in self._sources:
                return self._sources[path]
            path = path.rsplit(".", 1)[0] if "." in path else path.split("[", 1)[0] if "[" in path else ""
        return None

    @model_validator(mode="after")
    def _ids_and_links(self) -> Plan:
        self._assign_ids()
        known: set[str] = set()
        for letter, index, item in self._indexed_items():
            where = ("sections", letter, "items", index, "id")
            if not item.id.startswith(letter):
                _fail(where, f"item id '{item.id}' is in section {letter}, so it should start with {letter}")
            if item.id in known:
                _fail(where, f"item id '{item.id}' is used twice; give each item its own id")
            known.add(item.id)
        for letter, index, item in self._indexed_items():
            for field, allowed in (("needs", NEED_SECTIONS), ("outcomes", ("E",))):
                for position, link in enumerate(getattr(item, field, [])):
                    where = ("sections", letter, "items", index, field, position)
                    if link not in known:
                        _fail(where, f"{item.id} links to '{link}', but no item has that id")
                    if not link.startswith(allowed):
                        wanted = " or ".join(allowed)
                        _fail(
                            where,
                            f"{item.id} links to '{link}' under {field}, but that is not in section {wanted}",
                        )
        budget = self.sections.J
        if budget is not None:
            for field in ("outcomes", "needs"):
                for position, link in enumerate(getattr(budget, field)):
                    if link not in known:
                        _fail(
                            ("sections", "J", field, position),
                            f"section J links to '{link}', but no item has that id",
                        )
        return self

    @model_validator(mode="after")
    def _age_in_range(self) -> Plan:
        born = self.details.child.date_of_birth
        if born is None:
            return self
        on = self.details.issue_date or dt.date.today()
        where = ("details", "child", "date_of_birth")
        if born > on:
            _fail(where, f"the date of birth {born.isoformat()} is after the plan's date {on.isoformat()}")
        age = age_on(born, on)
        if age > 25:
            _fail(where, f"the young person would be {age} on {on.isoformat()}; EHC plans cover ages 0 to 25")
        return self

    def _assign_ids(self) -> None:
        """Give items without an id the next free number in their section (F1, F2 ...)."""
        for letter in ITEM_SECTIONS:
            section = self.sections.item_section(letter)
            if section is None:
                continue
            taken = {item.id for item in section.items if item.id}
            number = 0
            for item in section.items:
                if item.id:
                    continue
                number += 1
                while item_id(letter, number) in taken:
                    number += 1
                item.id = item_id(letter, number)
                taken.add(item.id)

    def _indexed_items(self) -> list[tuple[str, int, Any]]:
        found: list[tuple[str, int, Any]] = []
        for letter in ITEM_SECTIONS:
            section = self.sections.item_section(letter)
            if section is not None:
                found.extend((letter, index, item) for index, item in enumerate(section.items))
        return found

    def items(self, *letters: str) -> list[tuple[str, Any]]:
        """(letter, item) for every item in the given sections (all item sections by default)."""
        found: list[tuple[str, Any]] = []
        for letter in letters or ITEM_SECTIONS:
            section = self.sections.item_section(letter)
            if section is not None:
                found.extend((letter, item) for item in section.items)
        return found

    def age(self) -> int | None:
        """Age in whole years on the issue date (or today)."""
        born = self.details.child.date_of_birth
        return age_on(born, self.details.issue_date or dt.date.today()) if born else None

    @property
    def child_name(self) -> str | None:
        """What messages call the child: their preferred name, else their first name."""
        child = self.details.child
        if child.preferred_name:
            return child.preferred_name
        return child.name.split()[0] if child.name and child.name.split() else None


def _fail(path: tuple[str | int, ...], message: str) -> None:
    """Raise a validation error that names the field at fault, so the file's line can be found."""
    raise PydanticCustomError("plan_consistency", message, {"path": path})


def item_id(letter: str, number: int) -> str:
    """The id of the n-th item of a section: F2, or H1.2 where the letter ends in a digit."""
    return f"{letter}.{number}" if letter[-1].isdigit() else f"{letter}{number}"


def age_on(born: dt.date, on: dt.date) -> int:
    """Whole years between two dates."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
