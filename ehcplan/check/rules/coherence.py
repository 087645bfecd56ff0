"""Coherence: the golden thread from need to outcome to provision, and a plan that fits the child.

For YAML plans the links are the ids the writer gave; for loose documents they are inferred from
numbering and wording, and a missing link is reported as "could not be established", as a note.

The rules that each look for one kind of missing link (COH001 to COH004) are rows of
``policy/golden_thread.yaml``, checked by ``GoldenThreadRule``; the rest are written as code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, get_args

from pydantic import Field, field_validator, model_validator

from ehcplan.check.analysis.links import Links
from ehcplan.check.matching import find
from ehcplan.check.rules.registry import Rule, register
from ehcplan.check.rules.structure import from_year_9
from ehcplan.check.rules.tables import RuleRow, RuleTable, Strict, TableRule, check_template, fill, load_table
from ehcplan.counting import counted
from ehcplan.model import ITEM_SECTIONS, PROVISION_SECTIONS, PfaArea
from ehcplan.model.findings import Category, Finding, Severity
from ehcplan.model.plan import ITEM_REFERENCES, LinkSource

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckContext

PFA_WORDS = {
    PfaArea.employment: "pfa-employment",
    PfaArea.independent_living: "pfa-independent-living",
    PfaArea.community: "pfa-community",
    PfaArea.health: "pfa-health",
}


class CoherenceRule(Rule):
    category = Category.coherence


def _item_sections(letters: tuple[str, ...]) -> tuple[str, ...]:
    """The letters, if each is a section of items (a typo would otherwise match no item at all)."""
    unknown = [letter for letter in letters if letter not in ITEM_SECTIONS]
    if unknown:
        raise ValueError(f"'{unknown[0]}' is not a section of items; use {', '.join(ITEM_SECTIONS)}")
    return letters


class Link(Strict):
    """Every item in the sections ``from`` should link to an item in the sections ``to``."""

    from_: tuple[str, ...] = Field(alias="from", min_length=1)
    to: tuple[str, ...] = Field(min_length=1)

    _known = field_validator("from_", "to")(_item_sections)


class AlsoUnlinked(Strict):
    """The message for an item that does not link to these sections either."""

    to: tuple[str, ...] = Field(min_length=1)
    message: str

    _known = field_validator("to")(_item_sections)


class LinkRow(RuleRow):
    """A golden thread rule: the links it looks for, what it leaves to other rules, and its wording."""

    links: list[Link] = Field(min_length=1)
    message: str
    suggestion: str
    unless_to_is_empty: bool = False
    skip_if_also_unlinked_to: tuple[str, ...] = ()
    also_unlinked: AlsoUnlinked | None = None
    support_only: bool = False

    _known = field_validator("skip_if_also_unlinked_to")(_item_sections)

    @model_validator(mode="after")
    def _fillable_and_consistent(self) -> LinkRow:
        sample = {"to": "F", "id": "B1"}
        for template in (self.message, self.suggestion, self.also_unlinked and self.also_unlinked.message):
            if template:
                check_template(template, sample)
        # Only provision is read for whether it describes support; anything else would be left out.
        if self.support_only and any(set(link.from_) - set(PROVISION_SECTIONS) for link in self.links):
            raise ValueError(
                f"support_only reads provision, so 'from' must be among {', '.join(PROVISION_SECTIONS)}"
            )
        return self


class InferredWording(Strict):
    """How a finding is worded, and how sure it is, when the links were inferred."""

    severity: Severity
    replace: dict[str, str] = Field(default_factory=dict)
    add: str


class ReadWording(Strict):
    """What a finding adds when a reader found the links in a document's words, headings or rows."""

    add: str
    sources: dict[str, str]

    @model_validator(mode="after")
    def _every_source_described(self) -> ReadWording:
        check_template(self.add, {"sources": "its headings"})
        wanted = set(get_args(LinkSource))
        if set(self.sources) != wanted:
            raise ValueError(f"sources should describe exactly {', '.join(sorted(wanted))}")
        return self


class GoldenThreadTable(RuleTable[LinkRow]):
    """policy/golden_thread.yaml: the link rules, and how their findings say how sure they are."""

    when_inferred: InferredWording
    when_read: ReadWording

    def severity_for(self, links: Links) -> Severity | None:
        """Links the writer gave are certain; links inferred from wording are not, so say less."""
        return None if links.written else self.when_inferred.severity

    def worded(self, links: Links, message: str) -> str:
        """The message, saying how the links it rests on were found."""
        if not links.written:
            for old, new in self.when_inferred.replace.items():
                message = message.replace(old, new)
            return message + self.when_inferred.add
        if links.sources:
            read = " and ".join(self.when_read.sources[source] for source in sorted(links.sources))
            return message + fill(self.when_read.add, sources=read)
        return message


def load_golden_thread(path: Path | None = None) -> GoldenThreadTable:
    """The golden thread table in ``path``, or the built-in policy/golden_thread.yaml."""
    return load_table(GoldenThreadTable, path, "golden_thread.yaml")


class GoldenThreadRule(CoherenceRule, TableRule):
    """The mechanism of the link rules: each item in a row's ``from`` not linked to its ``to``."""

    row: ClassVar[LinkRow]
    table: ClassVar[GoldenThreadTable]

    def check(self, context: CheckContext) -> Iterator[Finding]:
        for link in self.row.links:
            if self.row.unless_to_is_empty and not context.plan.items(*link.to):
                continue
            for letter, item in context.plan.items(*link.from_):
                if not self._left_out(context, item) and not context.links.linked(item.id, link.to):
                    yield self._unlinked(context, link, letter, item)

    def _left_out(self, context: CheckContext, item: Any) -> bool:
        """An item this rule leaves alone: a heading among the provision, or one another rule reports."""
        row = self.row
        if row.support_only and item.id not in context.provision_readings:
            return True
        return bool(row.skip_if_also_unlinked_to) and _unlinked_from(
            context, item, row.skip_if_also_unlinked_to
        )

    def _unlinked(self, context: CheckContext, link: Link, letter: str, item: Any) -> Finding:
        row, table = self.row, self.table
        values = {"to": " or ".join(link.to), "id": item.id}
        also = row.also_unlinked
        message = also.message if also and _unlinked_from(context, item, also.to) else row.message
        return context.item_span_finding(
            self,
            letter,
            item,
            None,
            severity=table.severity_for(context.links),
            message=table.worded(context.links, fill(message, **values)),
            suggestion=fill(row.suggestion, **values),
        )


def _unlinked_from(context: CheckContext, item: Any, sections: tuple[str, ...]) -> bool:
    """True when the plan has items in ``sections`` and ``item`` links to none of them."""
    return bool(context.plan.items(*sections)) and not context.links.linked(item.id, sections)


GOLDEN_THREAD = load_golden_thread()
GOLDEN_THREAD.register(GoldenThreadRule)


@register
class HelpOutsideProvision(CoherenceRule):
    """What it does
    Flags help described in section A or B ("will receive", "will have 1:1 support", "would
    benefit from") that is not in the provision sections, and help written as a need with its
    amount ("needs a daily five-minute movement break"): that is provision, in the wrong place.

    Why is this bad?
    Only provision in sections F, G and H has legal force: help written in A, B or E cannot be
    enforced (Code 9.62, 9.69). Advice often says what a child "would benefit from" in the needs
    section and it never reaches F.

    Severity
    A warning: help written in section A or B has no legal force there, so the family cannot rely on
    it unless the same help is also in F, G or H. Policy note: JUDGEMENT.md makes help only in A or
    B an error; this rule does not check whether section F repeats the help, so a warning is the
    safer claim for now, but help that is in A or B and nowhere in F, G or H should be an error.

    Example
        Section B: Leo would benefit from daily 1:1 reading with a trained adult.

    Use instead
        Section F: A teaching assistant trained in Better Reading will read with Leo 1:1 for 15 minutes daily.
    """

    code = "COH005"
    name = "help-outside-provision"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        for unit, doc in context.unit_docs:
            if unit.section not in ("A", "B"):
                continue
            found = find(doc, "structure")
            as_need = any(match.entry.kind == "help-as-need" for match in found)
            # Only the few units that say "needs ..." are parsed, to see whether they quantify it.
            quantified = as_need and _quantifies_help(context, unit.text)
            for match in found:
                if match.entry.kind == "help" or (match.entry.kind == "help-as-need" and quantified):
                    yield context.unit_finding(
                        self,
                        unit,
                        match.start_char,
                        match.end_char,
                        message=f"Help described in section {unit.section} has no legal force.",
                        suggestion="Put this help in section F (or G or H), specified and quantified; keep section "
                        f"{unit.section} for what {{child}} needs and can do.",
                    )


def _quantifies_help(context: CheckContext, text: str) -> bool:
    amounts = ("how_often", "how_long", "amount", "group")
    return any(match.entry.kind in amounts for match in find(context.tools.parse([text])[0], "measures"))


def _names_items(budget: Any, letters: tuple[str, ...]) -> bool:
    words = " ".join(filter(None, [budget.funds, budget.statement]))
    return any(ref.startswith(letters) for ref in ITEM_REFERENCES.findall(words))


def _funds_named_provision(context: CheckContext, budget: Any) -> bool:
    """True when what the budget pays for is provision in F, G or H: named by id, or in the same words."""
    from ehcplan.check.analysis.links import content_words

    if _names_items(budget, ("F", "G", "H")):
        return True
    wanted = content_words(budget.funds or "")
    return any(
        len(wanted & content_words(item.text)) >= 2
        for _letter, item in context.plan.items(*PROVISION_SECTIONS)
    )


@register
class TherapyOnlyInHealth(CoherenceRule):
    """What it does
    Flags speech and language therapy, occupational therapy or physiotherapy that appears in
    section G (health provision) but nowhere in section F.

    Why is this bad?
    Therapy that educates or trains a child is normally special educational provision and
    belongs in F, where the local authority must secure it (Code 9.73-9.74). In G it may not be
    enforceable against the local authority.

    Severity
    A warning: speech and language therapy written only in G may not be enforceable against the
    local authority, so a panel would ask for it in F. Occupational therapy and physiotherapy are
    only a note, because they are sometimes health care rather than education.

    Example
        Section G: Weekly speech and language therapy, 30 minutes, from an NHS therapist.

    Use instead
        Section F: A speech and language therapist will see Leo 1:1 for 30 minutes every week.
    """

    code = "COH006"
    name = "therapy-only-in-health"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        lists = context.tools.lexicon("structure").lists
        therapies = [(name, None) for name in lists["educating-therapies"]]
        therapies += [(name, Severity.info) for name in lists["sometimes-educating-therapies"]]
        in_f = " ".join(item.text.lower() for _letter, item in context.plan.items("F"))
        named_in_f: dict[str, bool] = {}  # each therapy looked for in F once, however many G items
        for letter, item in context.plan.items("G"):
            text = item.text.lower()
            for therapy, severity in therapies:
                match = re.search(rf"\b{re.escape(therapy)}\b", text)
                if match and therapy not in named_in_f:
                    named_in_f[therapy] = bool(re.search(rf"\b{re.escape(therapy)}\b", in_f))
                if match and not named_in_f[therapy]:
                    yield context.item_finding(
                        self,
                        letter,
                        item,
                        match.start(),
                        match.end(),
                        severity=severity,
                        message="'{excerpt}' is in section G only; therapy that educates or trains {child} belongs in section F.",
                        suggestion="Move it to section F (or repeat it there) so the local authority must secure it.",
                    )
                    break


@register
class OutcomeCount(CoherenceRule):
    """What it does
    Flags a plan with fewer than 3 or more than 10 outcomes.

    Why is this bad?
    Plans typically have between 3 and 10 outcomes: fewer rarely covers every area of need;
    many more are hard to focus provision on and to review.

    Severity
    A note: the count alone does not make it unclear what the child will get or whether an
    outcome was met, and a tribunal would accept 2 or 12 good outcomes; with so few or so many, a
    panel would only check that no need is left out and the plan keeps its focus.

    Example
        Section E with 1 outcome, or with 18.

    Use instead
        Between 3 and 10 outcomes, each linked to a need.
    """

    code = "COH007"
    name = "outcome-count"
    severity = Severity.info

    def check(self, context: CheckContext) -> Iterator[Finding]:
        section = context.plan.sections.E
        if section is None or not section.items:
            return
        count = len(section.items)
        if count < 3 or count > 10:
            yield context.section_finding(
                self,
                "E",
                message=f"Section E has {counted(count, 'outcome')}; plans usually have between 3 and 10.",
                suggestion="Make sure every area of need has an outcome"
                + (", and merge or drop outcomes that overlap." if count > 10 else "."),
            )


@register
class AspirationsMissing(CoherenceRule):
    """What it does
    Flags a section A that records no aspirations: the child's and family's hopes for the future.

    Why is this bad?
    Aspirations belong in section A and are where the golden thread starts: outcomes should be
    steps towards them (Code 9.64). A plan without them cannot show it is forward-looking.

    Severity
    A warning: without aspirations the outcomes have nothing to aim at, and a panel would send
    section A back for them to be added.

    Example
        Section A: history and views, but nothing about what Maya hopes for.

    Use instead
        Section A: "I want to be a vet." Maya's parents hope she will make friends and go to college.
    """

    code = "COH008"
    name = "aspirations-missing"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        section = context.plan.sections.A
        if section is None or section.aspirations:
            return
        words = context.tools.lexicon("structure").lists["aspiration-words"]
        text = " ".join(unit.text.lower() for unit in context.units if unit.section == "A")
        if any(re.search(rf"\b{re.escape(word)}\b", text) for word in words):
            return
        yield context.section_finding(
            self,
            "A",
            message="Section A does not record {child}'s or the family's aspirations for the future.",
            suggestion="Add what {child} and the family hope for: in education, work, home life, friendships and health.",
        )


@register
class PreparingForAdulthoodMissing(CoherenceRule):
    """What it does
    From Year 9 (or age 14 when no year is given), flags a plan whose outcomes do not cover each
    of the four Preparing for Adulthood areas: employment, independent living, community
    inclusion and good health.

    Why is this bad?
    From Year 9, plans must include provision to help the young person prepare for adulthood
    (Code 8.5-8.11, 9.151), and outcomes should be tagged with the area they serve.

    Severity
    A warning: from Year 9 a panel would send back a plan whose outcomes leave out an area of adult
    life, because the plan must help the young person prepare for adulthood.

    Example
        A Year 10 plan whose outcomes are all about GCSE subjects.

    Use instead
        Outcomes such as "By July 2028, Zainab will travel to college by bus on her own" (independent living).
    """

    code = "COH009"
    name = "preparing-for-adulthood-missing"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        plan = context.plan
        if not from_year_9(plan) or plan.sections.E is None:
            return
        lexicon = context.tools.lexicon("structure")
        covered: set[PfaArea] = set()
        for _letter, outcome in plan.items("E"):
            if outcome.pfa_area is not None:
                covered.add(outcome.pfa_area)
                continue
            words = set(re.findall(r"[a-z-]+", outcome.text.lower()))
            covered |= {area for area, name in PFA_WORDS.items() if words & lexicon.words(name)}
        missing = [area.value for area in PfaArea if area not in covered]
        if missing:
            yield context.section_finding(
                self,
                "E",
                message=f"From Year 9 the outcomes should prepare {{child}} for adulthood, but none covers {', '.join(missing)}.",
                suggestion="Add outcomes (tagged 'pfa_area') for each Preparing for Adulthood area, with provision to match.",
            )


@register
class PostSixteenCourse(CoherenceRule):
    """What it does
    Flags a plan for a young person aged 16 or over (or in Year 12 or above) that does not name
    the course or programme they are following.

    Why is this bad?
    For a young person in further education or training, the plan should say what they are
    studying so that the provision and outcomes fit it (Code 9.62, 9.151).

    Severity
    A warning: without the course, no one can tell whether the provision and outcomes fit what the
    young person is studying, so a panel would ask for it.

    Example
        Section I: Riverside College.

    Use instead
        Section I: Riverside College, Entry Level 3 Pathways to Work study programme (general FE college).
    """

    code = "COH010"
    name = "post-16-course-missing"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        plan = context.plan
        year, age = plan.details.child.year_group, plan.age()
        if not ((year is not None and year >= 12) or (age is not None and age >= 16)):
            return
        words = context.tools.lexicon("structure").words("course-words")
        texts = [unit.text.lower() for unit in context.units if unit.section in ("I", "F", "E")]
        if any(set(re.findall(r"[a-z0-9-]+", text)) & words for text in texts):
            return
        yield context.section_finding(
            self,
            "I",
            message="This plan is for a young person over 16 but does not name their course or programme.",
            suggestion="Name the course or study programme (for example 'Entry Level 3 Independent Living Skills') in section I.",
        )


@register
class LookedAfterLinks(CoherenceRule):
    """What it does
    For a looked-after child, flags a plan that does not refer to the care plan, the personal
    education plan (PEP) or the designated teacher, or whose review is not aligned with the
    care plan review.

    Why is this bad?
    The Code (10.1-10.8) asks that a looked-after child's EHC plan works with their care plan and
    PEP, that the designated teacher is involved, and that reviews are synchronised so the child
    is not reviewed again and again.

    Severity
    A warning: a panel would ask for the links, because without them the plans may pull in different
    directions and the child may be reviewed more often than needed.

    Example
        A looked-after child's plan that never mentions the care plan.

    Use instead
        "Jade's annual review will be held with her care plan review; her designated teacher will
        bring her personal education plan."
    """

    code = "COH011"
    name = "looked-after-links-missing"
    severity = Severity.warning

    CHECKS = (
        ("lac-care-plan", "the care plan"),
        ("lac-pep", "the personal education plan (PEP)"),
        ("lac-designated", "the designated teacher"),
        ("lac-review", "a review held with the care plan review"),
    )

    def check(self, context: CheckContext) -> Iterator[Finding]:
        if not context.plan.details.looked_after:
            return
        lexicon = context.tools.lexicon("structure")
        text = " ".join(unit.text.lower() for unit in context.units)
        missing = [
            label
            for list_name, label in self.CHECKS
            if not any(re.search(rf"\b{re.escape(phrase)}\b", text) for phrase in lexicon.lists[list_name])
        ]
        if missing:
            yield context.section_finding(
                self,
                None,
                message=f"{{child}} is looked after, but the plan does not mention {', '.join(missing)}.",
                suggestion="Refer to the care plan and PEP, name the designated teacher's role, and hold the review with the care plan review.",
            )


@register
class ChildInNeedSocialCare(CoherenceRule):
    """What it does
    For a child in need, flags a plan with no social care needs in D or no social care
    provision in H1 or H2.

    Why is this bad?
    A child in need has social care needs that the plan must record in D, with the provision
    to meet them in H (Code 10.13-10.20).

    Severity
    A warning: a panel would send back a plan that leaves a child in need's social care needs, or
    the help that meets them, unrecorded.

    Example
        details.child_in_need: true; Section D: Not applicable.

    Use instead
        Section D: Leo's family needs regular breaks from caring ... Section H1: overnight short breaks ...
    """

    code = "COH012"
    name = "child-in-need-social-care"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        plan = context.plan
        if not plan.details.child_in_need:
            return
        if not plan.items("D"):
            yield context.section_finding(
                self,
                "D",
                message="{child} is a child in need, but section D records no social care needs.",
                suggestion="Record the social care needs from the child in need assessment in section D.",
            )
        if not plan.items("H1", "H2"):
            yield context.section_finding(
                self,
                "H1",
                message="{child} is a child in need, but sections H1 and H2 give no social care provision.",
                suggestion="Set out the social care provision in H1 (Chronically Sick and Disabled Persons Act 1970) or H2.",
            )


@register
class PersonalBudgetDetail(CoherenceRule):
    """What it does
    Flags a personal budget in section J that does not say what it funds or which outcomes it
    serves, and direct payments that do not name the needs and outcomes they meet.

    Why is this bad?
    The Code (9.95-9.124) asks section J to set out the provision the budget pays for and the
    outcomes it is intended to meet; direct payments must be tied to the needs they meet.

    Severity
    A warning: the family cannot tell what the budget must pay for or check that it serves the
    outcomes, so a panel would send section J back.

    Example
        Section J: £2,400 a year.

    Use instead
        Section J: £2,400 a year as direct payments for a personal assistant (H1.1) to meet D1 and outcome E5.
    """

    code = "COH013"
    name = "personal-budget-unclear"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        budget = context.plan.sections.J
        if budget is None or not (budget.amount or budget.direct_payments):
            return
        missing = []
        if not budget.funds:
            missing.append("what it pays for")
        if not budget.outcomes:
            missing.append("which outcomes it serves")
        if budget.direct_payments and not budget.needs and not _names_items(budget, ("D", "H")):
            missing.append("which needs the direct payments meet")
        if budget.funds and not _funds_named_provision(context, budget):
            yield context.section_finding(
                self,
                "J",
                budget.funds,
                message=(
                    f"The personal budget pays for '{budget.funds}', which is not provision named in "
                    "section F, G or H, so it is not clear what need it meets."
                ),
                suggestion="Write what the budget pays for into F, G or H (specified and quantified) and say so in J.",
            )
            return
        if missing:
            yield context.section_finding(
                self,
                "J",
                budget.amount or "Section J",
                message=f"The personal budget does not say {', '.join(missing)}.",
                suggestion="Say what the budget pays for and link the needs and outcomes it serves ('needs: [D1]', 'outcomes: [E5]').",
            )
