"""Structure: every statutory section present and used, placement, advice and review date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ehcplan.check.rules.registry import Rule, register
from ehcplan.model import ALL_SECTIONS, ITEM_SECTIONS, AdviceKind, PlanStatus
from ehcplan.model.findings import Category, Finding, Severity

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckContext
    from ehcplan.lexicons import LexiconLibrary
    from ehcplan.model.plan import Advice, Plan

REQUIRED_ADVICE = (
    AdviceKind.family,
    AdviceKind.educational,
    AdviceKind.medical,
    AdviceKind.psychological,
    AdviceKind.social_care,
)
_DATE = re.compile(
    r"\b(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4})\b",
    re.I,
)


class StructureRule(Rule):
    category = Category.structure


def from_year_9(plan: Plan) -> bool:
    """Preparing for Adulthood applies from Year 9, or from age 14 if no year is given."""
    year = plan.details.child.year_group
    if year is not None:
        return year >= 9
    age = plan.age()
    return age is not None and age >= 14


@register
class SectionMissing(StructureRule):
    """What it does
    Flags a statutory section (A to K, with H1 and H2) that the plan does not have, or that could
    not be found in a document because no heading names it.

    Why is this bad?
    The SEND Regulations 2014 (reg 12) require sections A to J to be separately identified, and
    the Code adds K (9.62). A missing section cannot be checked or enforced; a section that is
    not used should say so ("not applicable").

    Severity
    An error: a section the plan does not have cannot be checked or enforced, and the Regulations
    and the Code require every section to be set out.

    Example
        A plan that goes straight from section F to section I.

    Use instead
        Section G: Health provision. "Not applicable: Maya has no health needs related to her SEN."
    """

    code = "STRUCT001"
    name = "section-missing"
    severity = Severity.error

    def check(self, context: CheckContext) -> Iterator[Finding]:
        present = set(context.plan.sections.present())
        for letter in ALL_SECTIONS:
            if letter not in present:
                yield context.section_finding(
                    self,
                    letter,
                    message=f"Section {letter} ({context.session.words(f'sections.{letter}').lower()}) could not be found in the plan.",
                    suggestion=(
                        f"Add section {letter} with its own heading; if it does not apply, say so "
                        "(for example 'Not applicable: no identified needs in this area')."
                    ),
                )


@register
class SectionBlank(StructureRule):
    """What it does
    Flags a section that is present but empty: no items and no sentence saying why it is not
    used.

    Why is this bad?
    An empty section leaves the family unsure whether something was forgotten. Regulation 12
    lets a plan say a section is not applicable; it should say so, and why (for example "No
    identified health needs related to Maya's special educational needs").

    Severity
    A warning: the section is there but says nothing, so the family cannot tell whether something
    was forgotten; a panel would ask for a sentence saying why it does not apply.

    Example
        Section D: (blank)

    Use instead
        Section D: Maya has no social care needs related to her special educational needs or disability.
    """

    code = "STRUCT002"
    name = "section-blank"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        sections = context.plan.sections
        for letter in ALL_SECTIONS:
            value = getattr(sections, letter)
            if value is None or letter == "I":
                continue
            if _is_blank(letter, value):
                yield context.section_finding(
                    self,
                    letter,
                    message=f"Section {letter} is empty.",
                    suggestion="Fill it in, or write one sentence saying it does not apply and why.",
                )


def _is_blank(letter: str, value: object) -> bool:
    if letter in ITEM_SECTIONS:
        return value.is_blank  # type: ignore[attr-defined]
    if letter == "K":
        return not value
    if letter == "A":
        return not any(
            getattr(value, field)
            for field in (
                "history",
                "child_views",
                "parent_views",
                "interests",
                "strengths",
                "aspirations",
                "communication",
            )
        )
    if letter == "J":
        return not any(getattr(value, field) for field in ("amount", "funds", "statement"))
    return False


@register
class PlacementInDraft(StructureRule):
    """What it does
    Flags a draft plan that names a school or other institution in section I.

    Why is this bad?
    A draft plan must not name a placement (SEND Code of Practice 9.77-9.79): the family has 15
    days to comment and to ask for a particular school, and the local authority must consult
    that school before naming it.

    Severity
    An error: naming a placement in a draft is wrong in law, because the family must first be able
    to ask for a particular school, and that school must be consulted.

    Example
        Status: draft. Section I: Oakfield Primary School.

    Use instead
        Status: draft. Section I: (left empty until the final plan)
    """

    code = "STRUCT003"
    name = "placement-in-draft"
    severity = Severity.error

    def check(self, context: CheckContext) -> Iterator[Finding]:
        plan = context.plan
        placement = plan.sections.I
        if (
            plan.details.status is PlanStatus.draft
            and placement is not None
            and (placement.name or placement.type)
        ):
            named = placement.name or placement.type or ""
            yield context.section_finding(
                self,
                "I",
                named,
                message="A draft plan must leave section I empty, but it names a placement.",
                suggestion="Remove the placement from the draft; name it in the final plan after consulting the family and the school.",
            )


@register
class PlacementNotNamed(StructureRule):
    """What it does
    Flags a final or amended plan whose section I does not name the school or institution and
    its type.

    Why is this bad?
    Section I of a final plan must name the school or other institution and its type (reg 12,
    Code 9.62). Without it, no setting has the duty to admit the child.

    Severity
    An error: a final plan with no named placement gives no setting the duty to admit the child.
    When it names the school or college but not its type, it is a warning: the placement is secured,
    but the plan is incomplete.

    Example
        Section I: To be confirmed.

    Use instead
        Section I: Oakfield Primary School, a mainstream community primary school.
    """

    code = "STRUCT004"
    name = "placement-not-named"
    severity = Severity.error

    def check(self, context: CheckContext) -> Iterator[Finding]:
        plan = context.plan
        if plan.details.status is PlanStatus.draft:
            return
        placement = plan.sections.I
        if placement is None:
            return  # reported as a missing section
        if not (placement.name or placement.statement):
            yield context.section_finding(
                self,
                "I",
                message="This is a final plan, but section I does not name a school or institution.",
                suggestion="Name the school or institution and its type, for example 'Oakfield Primary School (mainstream academy)'.",
            )
        elif placement.name and not placement.type:
            yield context.section_finding(
                self,
                "I",
                placement.name,
                severity=Severity.warning,
                message="Section I names the placement but not its type.",
                suggestion="Add the type, for example 'mainstream primary academy' or 'special school for pupils with autism'.",
            )


def advice_kind(advice: Advice, lexicons: LexiconLibrary) -> set[AdviceKind]:
    """The kinds of advice an item of K is: as written, or from the words of its title, author and role."""
    if advice.kind is not AdviceKind.other:
        return {advice.kind}
    text = " ".join(part for part in (advice.title, advice.author, advice.role) if part).lower()
    words = set(re.findall(r"[a-z0-9-]+", re.sub(r"['’]s\b", "", text)))
    lexicon = lexicons.load("structure")
    kinds = {
        AdviceKind.educational: "advice-educational",
        AdviceKind.medical: "advice-medical",
        AdviceKind.psychological: "advice-psychological",
        AdviceKind.social_care: "advice-social-care",
        AdviceKind.family: "advice-family",
        AdviceKind.preparing_for_adulthood: "advice-pfa",
    }
    found = {kind for kind, name in kinds.items() if words & lexicon.words(name)}
    if AdviceKind.social_care in found and not ({"social", "worker"} & words or "social care" in text):
        found.discard(AdviceKind.social_care)
    return found


@register
class AdviceMissing(StructureRule):
    """What it does
    Flags a section K that does not list each kind of advice the local authority must seek:
    the family's, educational, medical, psychological and social care advice, and, from Year 9,
    advice on preparing for adulthood.

    Why is this bad?
    The SEND Regulations 2014 (reg 6) require this advice before a plan is written. A plan
    without it may not rest on a full assessment, and a family can challenge it.

    Severity
    A warning: a plan without all the advice the law requires may not rest on a full assessment, and
    a panel would ask for the missing advice.

    Example
        Section K: School report (June 2026); paediatrician's report (May 2026).

    Use instead
        Section K lists advice from the parents, the school, the paediatrician, the educational
        psychologist and children's social care, each with author, role and date.
    """

    code = "STRUCT005"
    name = "advice-missing"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        plan = context.plan
        advice = plan.sections.K
        if advice is None:
            return
        found: set[AdviceKind] = set()
        for item in advice:
            found |= advice_kind(item, context.lexicons)
        required = list(REQUIRED_ADVICE)
        if from_year_9(plan):
            required.append(AdviceKind.preparing_for_adulthood)
        missing = [kind.value for kind in required if kind not in found]
        if missing:
            yield context.section_finding(
                self,
                "K",
                message=f"Section K does not list {_join(missing)} advice.",
                suggestion="List every piece of advice used, with its author, role and date, and seek any advice that is missing.",
            )


@register
class AdviceDetailsMissing(StructureRule):
    """What it does
    Flags items in section K that do not give the author, their role and the date of the advice.

    Why is this bad?
    The Code (9.62) asks for a list of the advice and information gathered. Without author,
    role and date, a family or tribunal cannot tell whose advice it is or whether it is current.

    Severity
    A warning: without author, role and date, a family or tribunal cannot tell whose advice it is or
    whether it is current, so a panel would ask for them.

    Example
        Educational psychology report.

    Use instead
        Educational psychology advice, Dr Sam Okafor, educational psychologist, 12 March 2026.
    """

    code = "STRUCT006"
    name = "advice-details-missing"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        advice = context.plan.sections.K or []
        for index, item in enumerate(advice):
            if item.title and not (item.author or item.role or item.date):
                missing = [] if _DATE.search(item.title) else ["date"]
            else:
                missing = [field for field in ("author", "role", "date") if not getattr(item, field)]
            if missing:
                text = item.title or f"{item.kind.value} advice"
                yield context.section_finding(
                    self,
                    "K",
                    text,
                    path=f"K[{index}]",
                    message=f"This advice does not give its {_join(missing)}.",
                    suggestion="Give who wrote it, their role and the date, for example 'Dr Sam Okafor, educational psychologist, 12 March 2026'.",
                )


@register
class ReviewDateMissing(StructureRule):
    """What it does
    Flags a plan with no date for its next review.

    Why is this bad?
    A plan must be reviewed at least every 12 months (Code 9.166), and the Code (9.61) asks
    plans to have a review date so that everyone knows when progress will be checked.

    Severity
    A warning: without a review date no one knows when progress will be checked, or whether the
    12-month limit will be met.

    Example
        (no review date)

    Use instead
        details.next_review: 2027-06-30
    """

    code = "STRUCT007"
    name = "review-date-missing"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        plan = context.plan
        if plan.details.next_review is not None:
            return
        for unit in context.units:
            if "review" in unit.text.lower() and _DATE.search(unit.text):
                return
        yield context.section_finding(
            self,
            None,
            message="The plan does not give the date of its next review.",
            suggestion="Add the date of the next annual review (within 12 months; every 3 to 6 months for children under 5).",
        )


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


@register
class DetailSetAside(StructureRule):
    """What it does
    Reports a personal detail that a Word, PDF or text plan gave but ehcplan left empty because
    it cannot be right: a date of birth on or after the plan's date, a review date before it, or
    a child's "name" that is the form's own words ("Click or tap here to enter text").

    Why is this bad?
    A plan's details drive its checks (age, year group, timescales) and its letters to the family.
    A wrong detail is usually a slip in the form; guessing would hide it, so the value is left
    out and the writer told (Code 9.62: the plan must be accurate).

    Severity
    A warning: the plan cannot be relied on until the detail is put right, and a panel would send
    it back; it is not an error because the rest of the plan can still be checked.

    Example
        Date of birth: 12 May 2027 (the plan is dated 3 March 2026)

    Use instead
        Date of birth: 12 May 2017
    """

    code = "STRUCT008"
    name = "detail-set-aside"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        for label, value, reason in context.plan.details_set_aside:
            yield context.section_finding(
                self,
                None,
                message=f"The {label} '{value}' {reason}, so ehcplan left it out.",
                suggestion=f"Check the {label} in the document and correct it.",
            )
