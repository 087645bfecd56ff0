"""Consistency: a plan that agrees with itself and with the child it is about.

Plans are often started from an earlier plan or a template, and the copy keeps another child's
name, pronouns, year group, school or dates. Each rule compares what the writing says with what
the plan's details and its other sections say; the readings are in ``check/analysis/consistency.py``
and the words in ``lexicons/consistency.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ehcplan.check.analysis import consistency as reading
from ehcplan.check.rules.registry import Rule, register
from ehcplan.check.rules.timescale import MONTHS
from ehcplan.model.findings import Category, Finding, Severity

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckContext
    from ehcplan.lexicons import Lexicon

# Past Year 13 the year a plan gives a young person is a matter of convention (Year 14 at 18 or 19).
LAST_SCHOOL_YEAR = 13
# The dates of the first assessment and of an annual review, each in the order they must come
# (details.timeline; Children and Families Act 2014 and the SEND Regulations 2014).
ASSESSMENT_ORDER = (
    "request_received",
    "decision_to_assess",
    "draft_issued",
    "comments_deadline",
    "final_issued",
)
REVIEW_ORDER = ("review_meeting", "review_decision", "amendment_notice", "amended_issued")

SWAPS = {
    "she": {"he": "she", "him": "her", "his": "her", "himself": "herself"},
    "he": {"she": "he", "her": "him or his", "hers": "his", "herself": "himself"},
    "they": {
        "he": "they",
        "him": "them",
        "his": "their",
        "himself": "themself",
        "she": "they",
        "her": "them or their",
        "hers": "theirs",
        "herself": "themself",
    },
}


class ConsistencyRule(Rule):
    category = Category.consistency


@register
class AnotherPersonsName(ConsistencyRule):
    """What it does
    Flags a person's name in the writing that is not the child's, a parent's or carer's, or that
    of anyone else the plan names: the authors of advice in K, the people in 'who' fields, and
    people the text introduces with a role or a relationship ("Miss Doyle, class teacher", "his
    sister Ellie"). Names in the child's own quoted words are theirs (a friend they mention) and
    are left alone; programmes, places and months are not names.

    Why is this bad?
    A name that belongs to no one in the plan is most often another child's, left behind when
    the plan was copied from theirs. It tells the family the plan was not written for their
    child, and it shares another child's personal details (UK GDPR article 5). The plan must
    describe this child (Code 9.61).

    Severity
    A warning: a panel would send the plan back to be put right, but the name may belong to
    someone the checker could not place, so it is not an error.

    Example
        Section B: Callum finds it hard to wait for his turn in games.

    Use instead
        Section B: Maya finds it hard to wait for her turn in games.
    """

    code = "CONS001"
    name = "another-persons-name"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        plan = context.plan
        lexicon = context.tools.lexicon(reading.LEXICON)
        docs = context.people_docs
        mentions = list(reading.name_mentions(docs, lexicon))
        known = context.explained_words | reading.named_thing_words(docs, lexicon)
        if not reading.child_name_words(plan):
            known |= reading.likely_child(mentions)
        doc_of = {id(unit): doc for unit, doc in docs}
        placed = {
            word
            for mention in mentions
            if reading.introduced(mention, doc_of[id(mention.unit)], lexicon)
            for word in mention.words
        }

        def belongs(word: str) -> bool:
            return word in known or word in placed

        strangers = [mention for mention in mentions if not any(belongs(word) for word in mention.words)]
        # Only the few sentences with a stranger's name are tagged, to tell names from other words.
        unsure = sorted({mention.unit.text for mention in strangers})
        parsed = dict(zip(unsure, context.tools.parse(unsure), strict=True))
        reported: set[tuple[int, str]] = set()
        for mention in reading.proper_nouns(strangers, parsed):
            key = (id(mention.unit), " ".join(mention.words))
            if key in reported:
                continue
            reported.add(key)
            yield context.unit_finding(
                self,
                mention.unit,
                mention.start,
                mention.end,
                message=f"'{{excerpt}}' is not {_child_is(context)}, a parent or carer, or anyone else named in "
                "the plan.",
                suggestion="If this was copied from another plan, change it to {child} or remove it; if it is "
                "someone {child} knows, say who they are (for example '{their} friend {excerpt}').",
            )


def _child_is(context: CheckContext) -> str:
    name = context.plan.child_name
    return f"the child ({name})" if name else "the child"


@register
class PronounsDisagree(ConsistencyRule):
    """What it does
    Flags 'he' or 'she' used of the child where the plan's details give other pronouns, or, when
    the details give none, where the plan speaks of the child one way almost everywhere and the
    other way here. Pronouns for someone else (a therapist, a parent, a friend) are left alone.

    Why is this bad?
    The wrong pronoun is the plainest sign that words were copied from another child's plan. It
    tells the family the plan is not about their child, and leaves a reader unsure whose needs a
    sentence describes (Code 9.61).

    Severity
    A warning: a panel would send the plan back to be put right; the checker reads pronouns
    without understanding the whole sentence, so it is not an error.

    Example
        Sofia (she/her) reads well. He finds spelling hard.

    Use instead
        Sofia (she/her) reads well. She finds spelling hard.
    """

    code = "CONS002"
    name = "pronouns-disagree"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        plan = context.plan
        uses = context.child_pronouns
        wanted = reading.expected_pronoun_set(plan, uses)
        if wanted is None:
            return
        given = plan.details.child.pronouns
        source = (
            f"the plan gives {{their}} pronouns as {given.value}"
            if given is not None
            else f"the rest of the plan calls {{child}} '{wanted}'"
        )
        for use in uses:
            if use.set == wanted or use.set in use.others_nearby or "any" in use.others_nearby:
                continue  # another person nearby it could speak of: not plainly a slip
            swap = SWAPS[wanted].get(use.word.lower(), wanted)
            yield context.unit_finding(
                self,
                use.unit,
                use.start,
                use.end,
                message=f"'{{excerpt}}' speaks of {{child}}, but {source}.",
                suggestion=f"If this was copied from another plan, change it to '{swap}'; check that the "
                "sentence is about {child}.",
            )


@register
class AgeOrYearContradicts(ConsistencyRule):
    """What it does
    Flags an age or school year that the writing states as true now ("Leo is in Year 7", "she is
    now twelve", "is in Reception") that does not match the plan's details: the year group, or the
    date of birth and the plan's date. The school year starts on 1 September and follows the
    child's age on 31 August (Reception at 4, Year 1 at 5, Year 11 at 15). A school year tied to
    a date is checked too ("By July 2027, at the end of Year 11" for a child in Year 10 now).
    History ("when he was in Year 2", "In Reception she ...") is not read.

    Why is this bad?
    A wrong year or age is usually left from the plan it was copied from; it makes outcomes and
    provision look as if they were written for a younger or older child, and a reader cannot
    trust the rest (Code 9.61).

    Severity
    A warning: a panel would send the plan back to put the fact right; an age said loosely
    ("about seven") may be a year out and is allowed.

    Example
        (A Year 5 child born on 11 January 2017, plan issued on 30 September 2026.)
        Leo is in Year 7 and is now twelve.

    Use instead
        Leo is in Year 5 and is now nine.
    """

    code = "CONS003"
    name = "age-or-year-contradicts"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        plan = context.plan
        lexicon = context.tools.lexicon(reading.LEXICON)
        year, ages = reading.expected_year(plan), reading.expected_ages(plan)
        if year is None and ages is None:
            return
        # Both lists of docs hold the same units, so a pronoun is known by its unit and place.
        uses = context.child_pronouns
        pronouns = frozenset((id(use.unit), use.start) for use in uses)
        for fact in reading.stated_facts(context.unit_docs, plan, lexicon, pronouns):
            if fact.kind == "year" and year is not None:
                close = fact.value < 0 and year < 0
                if fact.value != year and not close:
                    yield self._contradiction(
                        context, fact, f"{{child}} is in {reading.year_name(year)}", "the school year"
                    )
            elif fact.kind == "age" and ages is not None:
                low, high = ages
                slack = 1 if fact.loose else 0
                if not low - slack <= fact.value <= high + slack:
                    said = str(low) if low == high else f"{low} or {high}"
                    yield self._contradiction(context, fact, f"{{child}} is {said}", "the age")

        yield from self._years_at_dates(context, lexicon, year)

    def _years_at_dates(self, context: CheckContext, lexicon: Lexicon, year: int | None) -> Iterator[Finding]:
        """'By July 2027, at the end of Year 11' for a child in Year 10 now: the end of Year 10."""
        on = reading.plan_date(context.plan)
        if year is None or on is None or year < 0 or year > LAST_SCHOOL_YEAR:
            return
        for stated in reading.years_at_dates(context.unit_docs, lexicon):
            then = year + reading.academic_year(stated.on) - reading.academic_year(on)
            if stated.year == then or then > LAST_SCHOOL_YEAR or stated.year > LAST_SCHOOL_YEAR:
                continue
            when = f"{MONTHS[stated.on.month - 1]} {stated.on.year}"
            yield context.unit_finding(
                self,
                stated.unit,
                stated.start,
                stated.end,
                message=f"'{{excerpt}}' does not match the plan's details: in {when} {{child}} will be in "
                f"{reading.year_name(then)} ({_year_source(context)}).",
                suggestion="If this was copied from another plan, correct the school year or the date.",
            )

    def _contradiction(
        self, context: CheckContext, fact: reading.StatedFact, truth: str, what: str
    ) -> Finding:
        details = _year_source(context)
        return context.unit_finding(
            self,
            fact.unit,
            fact.start,
            fact.end,
            message=f"'{{excerpt}}' does not match the plan's details: {truth} ({details}).",
            suggestion=f"If this was copied from another plan, correct {what}; if the details are wrong, "
            "correct them instead.",
        )


def _year_source(context: CheckContext) -> str:
    details = context.plan.details
    said = []
    if details.child.year_group is not None:
        said.append(f"year group {reading.year_name(details.child.year_group)}")
    if details.child.date_of_birth is not None:
        said.append(f"born {details.child.date_of_birth.isoformat()}")
    on = reading.plan_date(context.plan)
    if on is not None:
        said.append(f"plan dated {on.isoformat()}")
    return ", ".join(said)


@register
class DatesContradict(ConsistencyRule):
    """What it does
    Flags dates of the plan that cannot all be true: a next review before the plan was issued,
    advice in section K dated after the plan it informed (its date field, or a date in its words),
    and steps of the first assessment or of an annual review out of order (a draft dated after the
    final plan, a decision dated before the review meeting). Reviews more than 12 months apart, or a next
    review more than 12 months ahead, are TIME004's.

    Why is this bad?
    A plan is written from the advice gathered for it (SEND Regulations 2014 reg 6, 11) and is
    reviewed within 12 months of being issued (s.44). A review date before the issue date, or
    advice written after the plan, is almost always a date left from an earlier plan, and the
    family cannot tell when the review will really be.

    Severity
    An error for a next review before the issue date: the plan as written has no valid review date.
    A warning for advice dated after the plan, or assessment dates out of order: a panel would ask
    for the dates to be put right, but the plan's provision stands.

    Example
        Issued 2026-09-30; next review 2025-06-16.

    Use instead
        Issued 2026-09-30; next review 2027-06-16.
    """

    code = "CONS004"
    name = "dates-contradict"
    severity = Severity.error

    def check(self, context: CheckContext) -> Iterator[Finding]:
        details = context.plan.details
        issued, review = details.issue_date, details.next_review
        if issued is not None and review is not None and review < issued:
            yield context.section_finding(
                self,
                None,
                f"next review {review.isoformat()}",
                path="details.next_review",
                message=f"The next review ({review.isoformat()}) is before the plan was issued ({issued.isoformat()}).",
                suggestion="If the date was copied from an earlier plan, set the review within 12 months of the issue "
                "date.",
            )
        yield from self._timeline_out_of_order(context)
        on = reading.plan_date(context.plan)
        if on is None:
            return
        for index, advice in enumerate(context.plan.sections.K or []):
            # A document's list of advice is often read as one line each ("Dr Rao, educational
            # psychologist - 19/06/2026"): its date is then in its words.
            dated = advice.date or reading.date_in_words(advice.title or "")
            if dated is None or dated <= on:
                continue
            who = advice.author or advice.role or (advice.title if advice.date is None else None)
            who = who or f"advice {index + 1}"
            yield context.section_finding(
                self,
                "K",
                f"{who}, {dated.isoformat()}" if advice.date else who,
                path=f"K[{index}]",
                severity=Severity.warning,
                message=f"The advice from {who} is dated {dated.isoformat()}, after the plan "
                f"({on.isoformat()}) it informed.",
                suggestion="Check the date of the advice; if it was copied from another plan, give the date of the "
                "advice gathered for this one.",
            )

    def _timeline_out_of_order(self, context: CheckContext) -> Iterator[Finding]:
        """A step of the first assessment dated after a later step: a draft after the final plan."""
        timeline = context.plan.details.timeline
        for order in (ASSESSMENT_ORDER, REVIEW_ORDER):
            yield from self._out_of_order(
                context, [(name, getattr(timeline, name)) for name in order if getattr(timeline, name)]
            )

    def _out_of_order(self, context: CheckContext, dated: list[tuple[str, dt.date]]) -> Iterator[Finding]:
        """The first step dated after a step that comes later."""
        for index, (name, day) in enumerate(dated):
            later = [(other, when) for other, when in dated[index + 1 :] if when < day]
            if not later:
                continue
            other, when = later[0]
            yield context.section_finding(
                self,
                None,
                f"{_label(name)} {day.isoformat()}",
                path=f"details.timeline.{name}",
                severity=Severity.warning,
                message=f"The {_label(name)} date ({day.isoformat()}) is after the {_label(other)} date "
                f"({when.isoformat()}), which comes later in an assessment.",
                suggestion="Check both dates; if one was copied from another plan, give this plan's date.",
            )
            return


def _label(field: str) -> str:
    return {
        "request_received": "request for assessment",
        "decision_to_assess": "decision to assess",
        "draft_issued": "draft plan",
        "comments_deadline": "deadline for comments on the draft",
        "final_issued": "final plan",
        "review_meeting": "annual review meeting",
        "review_decision": "decision after the review",
        "amendment_notice": "notice of the proposed amendments",
        "amended_issued": "amended plan",
    }[field]


@register
class SchoolNotPlacement(ConsistencyRule):
    """What it does
    Flags a school, academy, college or nursery named in section A or F (in the words, or as where
    the help happens) that is not the placement named in section I, where the words do not speak
    of a move, a visit or the past ("will move to", "from September", "went to"). Either side may
    be the copy: the finding asks which school is right.

    Why is this bad?
    Provision is delivered where the child is placed (Code 9.78-9.79). Another school's name in
    the provision or the child's story is often left from the plan it was copied from, and leaves
    the family unsure where the help will happen.

    Severity
    A warning: a panel would send the plan back to say where the child is, or why another school
    is named.

    Example
        Section I: Castlegate Primary Academy
        Section F: Maya will have a 20-minute reading session every day at Brookside School.

    Use instead
        Section I: Castlegate Primary Academy
        Section F: Maya will have a 20-minute reading session every day at Castlegate Primary Academy.
    """

    code = "CONS005"
    name = "school-not-placement"
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        placement = context.plan.sections.I
        named = placement.setting_named if placement is not None else None
        if placement is None or named is None:
            return
        lexicon = context.tools.lexicon(reading.LEXICON)
        ours = reading.distinctive(f"{named} {placement.type or ''}", lexicon)
        # The council's own name is a place ("Corringham Juniors" football club, "Riverton College").
        place = reading.distinctive(context.plan.details.local_authority or "", lexicon)
        if not ours:
            return
        interests = reading.interest_words(context.plan)
        # A school the plan anywhere says the child is moving to is explained wherever it is named.
        # (Told in the sentence that names it, and not as history: "moved to Brookfield in 2024" is not.)
        moving_to = set()
        for unit in context.units:
            for mention in reading.school_mentions(unit.text, unit, lexicon):
                sentence = reading.sentence_around(unit.text, mention.start, mention.end)
                if reading.mentions_transition(sentence, lexicon) and not reading.mentions_transition(
                    sentence, lexicon, "past-words"
                ):
                    moving_to.add(mention.words)
        candidates: list[tuple[reading.SchoolMention, str]] = []
        for unit in context.units:
            if unit.section not in ("A", "F"):
                continue
            for mention in reading.school_mentions(unit.text, unit, lexicon):
                if mention.words & ours or not mention.words - place or mention.words in moving_to:
                    continue
                if mention.words <= interests:  # a dance academy the child goes to for fun
                    continue
                # A move is often told over a paragraph ("will move in September ... Her parents
                # would like Holmwood"), so the whole paragraph or item is read for it.
                if reading.mentions_transition(unit.text, lexicon):
                    continue
                sentence = reading.sentence_around(unit.text, mention.start, mention.end)
                if reading.mentions_transition(sentence, lexicon, "history-words"):
                    continue
                candidates.append((mention, sentence))
        parsed = context.tools.parse([sentence for _mention, sentence in candidates])
        reported: set[frozenset[str]] = set()
        for (mention, _sentence), doc in zip(candidates, parsed, strict=True):
            if reading.in_the_past(doc) or mention.words in reported:
                continue
            reported.add(mention.words)
            yield self._elsewhere(context, mention, named)
        for _letter, item in context.plan.items("F"):
            if not item.where or reading.mentions_transition(item.where, lexicon):
                continue
            for mention in reading.school_mentions(item.where, None, lexicon):
                if mention.words & ours or not mention.words - place or mention.words in reported | moving_to:
                    continue
                # Said once for each school: every item of a copied plan may name it.
                reported.add(mention.words)
                source = item.source
                yield self.finding(
                    context,
                    section="F",
                    item_id=item.id,
                    text=item.where,
                    start=mention.start,
                    end=mention.end,
                    line=source.line if source else None,
                    location=source.describe() if source else None,
                    message=f"This provision is to happen at '{{excerpt}}', but section I names {named}.",
                    suggestion=SCHOOL_SUGGESTION,
                )

    def _elsewhere(self, context: CheckContext, mention: reading.SchoolMention, ours: str) -> Finding:
        assert mention.unit is not None
        return context.unit_finding(
            self,
            mention.unit,
            mention.start,
            mention.end,
            message=f"'{{excerpt}}' is not the school named in section I ({ours}), and nothing here says "
            "{child} is moving.",
            suggestion=SCHOOL_SUGGESTION,
        )


SCHOOL_SUGGESTION = (
    "Check which school is right. If this was copied from another plan, change it to the school in "
    "section I; if section I is the one copied, correct section I; if {child} is moving, say so and from "
    "when (for example 'will move to ... in September 2027')."
)
