"""Plain, person-centred language: jargon, acronyms, words to avoid, deficit labels, the child's voice.

Words in quotation marks are the child's or family's own and are never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from ehcplan.check.analysis.quotes import inside, quoted_spans
from ehcplan.check.matching import Match, find
from ehcplan.check.rules.registry import Rule, register
from ehcplan.model.findings import Category, Finding, Severity

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ehcplan.check.checker import CheckContext
    from ehcplan.check.text_units import TextUnit


class LexiconRule(Rule):
    """Flags every match of one lexicon outside quotations, with the entry's plain alternative."""

    category = Category.language
    lexicon: str
    kinds: tuple[str, ...] = ()
    first_use_only = False  # flag a term once per plan, where it first appears
    message = "'{excerpt}' may not be clear to a family."
    suggestion = "Say it plainly: {alternative}."

    def check(self, context: CheckContext) -> Iterator[Finding]:
        seen: set[str] = set()
        for unit, doc in context.unit_docs:
            yield from self.unit_findings(context, unit, doc, seen)

    def unit_findings(
        self, context: CheckContext, unit: TextUnit, doc: Doc, seen: set[str]
    ) -> Iterator[Finding]:
        """The findings in one unit; ``seen`` holds the entries already reported in the plan."""
        from ehcplan.check.checker import kept_on

        candidates = kept_on(doc, ("lexicon-rule", self.lexicon, self.kinds), partial(self._candidates, doc))
        for match, explained in candidates:
            if self.first_use_only and (match.entry.id in seen or explained):
                seen.add(match.entry.id)
                continue
            seen.add(match.entry.id)
            yield self.match_finding(context, unit, match)

    def _candidates(self, doc: Doc) -> list[tuple[Match, bool]]:
        """The lexicon's matches in one unit that may be findings (outside quotations, not part of
        a statutory term), each with whether it is explained where it stands. Kept on the doc, so a
        re-check reads again only the units that changed."""
        text = doc.text
        quotes = quoted_spans(text)
        allowed = [match.span for match in find(doc, "statutory")]
        return [
            (match, explained_inline(text, match.end_char))
            for match in find(doc, self.lexicon)
            if not (self.kinds and match.entry.kind not in self.kinds)
            and not inside(match.start_char, match.end_char, quotes)
            and not _covered(match, allowed)
        ]

    def match_finding(self, context: CheckContext, unit: TextUnit, match: Match) -> Finding:
        entry = match.entry
        alternative = entry.alternative or "use everyday words"
        return context.unit_finding(
            self,
            unit,
            match.start_char,
            match.end_char,
            message=(entry.message or self.message).replace("{alternative}", alternative),
            suggestion=(entry.suggestion or self.suggestion).replace("{alternative}", alternative),
            severity=Severity(entry.severity) if entry.severity else None,
        )


_EXPLANATION = re.compile(
    r"\s*(\(|,?\s*(which|that) (means?|is|are)\b|,\s*meaning\b|\s*[–—-]\s*(that is|this means)\b"
    # an appositive gloss: "dysarthria, a speech difficulty caused by ..."
    r"|,\s*(a|an|i\.e\.|that is)\s)"
)


def explained_inline(text: str, end: int) -> bool:
    """A term followed by its explanation: 'hypotonia (floppy muscles)', '..., which means ...'."""
    return bool(_EXPLANATION.match(text, end))


def _covered(match: Match, allowed: list) -> bool:  # type: ignore[type-arg]
    return any(span.start <= match.span.start and match.span.end <= span.end for span in allowed)


@register
class Jargon(LexiconRule):
    """What it does
    Flags SEND, education, health and social care jargon ("differentiation", "scaffolding",
    "quality first teaching", "dysregulated", "sensory diet") and gives a plain alternative.

    Why is this bad?
    Plans must be "clear, concise, understandable and accessible" to the child and family (SEND
    Code of Practice 9.61), and families ask for plans with no jargon. Statutory terms such as
    "outcomes", "provision" and "EHC plan" are not jargon and are never flagged.

    Severity
    A warning: a family who cannot understand a term cannot tell what their child will get, and a
    panel would ask for plain words. Widely used terms and the names of approaches ("transition",
    "Makaton", "access arrangements") are only notes.

    Example
        Maya becomes dysregulated when lessons are not differentiated.

    Use instead
        Maya gets upset and finds it hard to calm down when work is not changed to suit her.
    """

    code = "LANG001"
    name = "jargon"
    severity = Severity.warning
    lexicon = "jargon"
    first_use_only = True
    message = "'{excerpt}' is jargon that a family may not understand."
    suggestion = "Say it plainly, for example: {alternative}."


@register
class UnexplainedAcronym(Rule):
    """What it does
    Flags an acronym that is not explained where it is first used in the plan. It recognises
    "speech and language therapist (SALT)" and "SALT (speech and language therapist)"; after
    that, later uses pass.

    Why is this bad?
    Families meet dozens of acronyms (SALT, SEMH, CAMHS, ELSA ...). An acronym no one has
    explained shuts them out of their own child's plan (Code 9.61: plans should be
    understandable and accessible).

    Severity
    A warning: a family who does not know an acronym is shut out of that part of the plan, and a
    panel would ask for it to be written out.

    Example
        Leo will see the SALT every week.

    Use instead
        Leo will see the speech and language therapist (SALT) every week.
    """

    code = "LANG002"
    name = "acronym-not-explained"
    category = Category.language
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        reported: set[str] = set()
        for use in context.acronym_uses:
            if use.explained_here or use.explained_before or use.ambiguous or use.key in reported:
                continue
            reported.add(use.key)  # the first unexplained use is the one to fix
            expansion = use.expansion
            yield context.unit_finding(
                self,
                use.unit,
                use.start,
                use.end,
                message="'{excerpt}' is not explained where it is first used.",
                suggestion=(
                    f"Write it out in full the first time, for example '{expansion} ({use.acronym})', or avoid it."
                    if expansion
                    else "Write it out in full the first time, with the acronym in brackets, or avoid it."
                ),
            )


@register
class AmbiguousAcronym(Rule):
    """What it does
    Flags acronyms with more than one common meaning in plans, every time they are used: CP
    (cerebral palsy or child protection), SLT (speech and language therapy or senior leadership
    team), PT, PA, DT and others.

    Why is this bad?
    Even when explained once, a reader who meets "CP" later may take the other meaning, with
    distressing or misleading results. Writing the words out costs little.

    Severity
    A warning: a reader may take the wrong meaning, with misleading or distressing results. Where
    the acronym is explained in the same place, a misreading is unlikely and it is only a note.

    Example
        The SLT will review Sam's CP care plan.

    Use instead
        The speech and language therapist will review Sam's cerebral palsy care plan.
    """

    code = "LANG003"
    name = "acronym-ambiguous"
    category = Category.language
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        for use in context.acronym_uses:
            if use.ambiguous:
                yield context.unit_finding(
                    self,
                    use.unit,
                    use.start,
                    use.end,
                    message=f"'{{excerpt}}' can mean {use.expansion}.",
                    suggestion="Write the words out in full every time.",
                    # Explained right here, a reader is unlikely to mistake it: a note, not a warning.
                    severity=Severity.info if use.explained_here else None,
                )


@register
class WordsToAvoid(LexiconRule):
    """What it does
    Points out words and phrases that plain-English guides ask writers to avoid ("utilise",
    "facilitate", "in order to", "prior to", "liaise", "going forward") and gives the everyday
    word.

    Why is this bad?
    Long or formal words make a plan harder to read without making it more precise (GOV.UK
    style guide; Plain English Campaign). Families read plans on phones, often under stress.

    Severity
    A note: the meaning is clear and a tribunal would accept it as it stands; plainer words would
    only make it easier to read.

    Example
        Prior to transition, staff will liaise in order to facilitate a smooth move.

    Use instead
        Before Maya moves school, her teachers will talk to each other to help her settle.
    """

    code = "LANG004"
    name = "words-to-avoid"
    severity = Severity.info
    lexicon = "plain_words"
    message = "'{excerpt}' has a plainer alternative."
    suggestion = "Try: {alternative}."


@register
class DeficitLanguage(LexiconRule):
    """What it does
    Flags deficit labels and negative descriptions of the child ("fails to", "refuses", "low
    ability", "poor behaviour", "wheelchair-bound", "suffers from") and suggests a kinder, more
    precise way to say it.

    Why is this bad?
    A plan should describe positively what the child can do (Code 9.61). Labels judge rather
    than describe: "refuses to write" says nothing about why writing is hard or what helps.

    Severity
    A warning: a label judges the child rather than describing them, and a panel would send the
    wording back. Common wording that is often fine ("unable to", "outbursts") is a note unless it
    is said of the child as a label ("he is aggressive"); offensive terms for disability
    ("handicapped", "retarded") are errors. Policy note: JUDGEMENT.md keeps errors for words that
    cannot be enforced or are wrong in law, so by its letter an offensive term is a warning (a panel
    would send it back, but the plan's duties stand), unless the error is meant to say such words
    must never appear.

    Example
        Leo refuses to write and has poor concentration.

    Use instead
        Leo finds writing tiring and stops after a few lines; he can focus for about 5 minutes on a task he chooses.
    """

    code = "LANG005"
    name = "deficit-language"
    severity = Severity.warning
    lexicon = "deficit"
    message = "'{excerpt}' describes {child} by what they cannot do, or labels them."
    suggestion = "Describe what happens and why, and what helps, for example: {alternative}."

    def check(self, context: CheckContext) -> Iterator[Finding]:
        from ehcplan.check.analysis.deficit import labels_said_of_child, may_label

        seen: set[str] = set()
        deficit = context.tools.lexicon("deficit")
        found = [
            (unit, list(self.unit_findings(context, unit, doc, seen))) for unit, doc in context.unit_docs
        ]
        # A word for the child's character that is a note on its own ("aggressive") labels the child
        # when said of them, and so does a virtue denied ("disorganised"): both need the grammar, so
        # only the few units with such words are parsed, in one batch.
        wanted = [index for index, (unit, _findings) in enumerate(found) if may_label(unit.text, deficit)]
        parsed = dict(zip(wanted, context.tools.parse(found[index][0].text for index in wanted), strict=True))
        for index, (unit, findings) in enumerate(found):
            doc = parsed.get(index)
            labels = labels_said_of_child(doc) if doc is not None else []
            for finding in findings:
                if finding.severity is Severity.info and any(
                    finding.start <= span.start_char < finding.end for span in labels
                ):
                    finding = replace(finding, severity=Severity.warning)
                yield finding
            quotes = quoted_spans(unit.text)
            for span in labels:
                if inside(span.start_char, span.end_char, quotes) or any(
                    f.start <= span.start_char < f.end for f in findings
                ):
                    continue
                yield context.unit_finding(
                    self,
                    unit,
                    span.start_char,
                    span.end_char,
                    message="'{excerpt}' describes {child} by a failing rather than saying what is hard for them.",
                    suggestion="Say what happens, when, and what helps: for example 'finds it hard to keep track "
                    "of {their} books and kit; a checklist by the door helps'.",
                )


@register
class ChildNotNamed(LexiconRule):
    """What it does
    Flags "the pupil", "the child", "the student", "the young person" and similar labels used
    in place of the child's name.

    Why is this bad?
    The plan is about one person. Families say a plan that could be about anyone tells them the
    writer does not know their child (Code 9.61: person-centred; seeds: families' feedback).

    Severity
    A warning: a plan that could be about anyone tells the family the writer does not know their
    child, and a panel would ask for the child's name.

    Example
        The pupil will use a visual timetable.

    Use instead
        Maya will use a visual timetable.
    """

    code = "LANG006"
    name = "child-not-named"
    severity = Severity.warning
    lexicon = "person_centred"
    kinds = ("generic-child",)


@register
class ImpersonalPassive(LexiconRule):
    """What it does
    Points out impersonal passives that hide who decided or who will act: "it was agreed that",
    "it is felt that", "it was noted".

    Why is this bad?
    A family needs to know who agreed something, and who is responsible for doing it. Naming
    people also shows how the family's views shaped the plan (Code 9.61).

    Severity
    A note: what was decided is still clear and a tribunal would accept it; naming who decided would
    help the family see who is responsible.

    Example
        It was agreed that Maya would start at 9.30am.

    Use instead
        Maya's parents and the headteacher agreed that she will start at 9.30am.
    """

    code = "LANG007"
    name = "impersonal-passive"
    severity = Severity.info
    lexicon = "person_centred"
    kinds = ("impersonal",)


@register
class ChildVoiceMissing(Rule):
    """What it does
    Flags a section A with none of the child's or young person's own words, or with views that
    do not say whose words they are.

    Why is this bad?
    The Children and Families Act 2014 (s.19) puts the child's views, wishes and feelings at the
    centre, and the Code (9.61) asks plans to show how the child's views shaped them. A panel
    looks for the child's own words and for who recorded them.

    Severity
    A warning: without the child's own words, or without saying whose words they are, a panel cannot
    see how the child's views shaped the plan and would send section A back.

    Example
        Section A: Maya is a happy girl who likes school.

    Use instead
        Section A: Maya told her teaching assistant: "I like drawing horses and I don't like loud noises."
    """

    code = "LANG008"
    name = "child-voice-missing"
    category = Category.language
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        section = context.plan.sections.A
        if section is None:
            return
        units = [unit for unit, _doc in context.unit_docs if unit.section == "A"]
        if section.child_views is not None:
            if section.child_views.whose_words:
                return
            yield context.section_finding(
                self,
                "A",
                section.child_views.text,
                path="A.child_views",
                message="These views do not say whose words they are.",
                suggestion="Add who said them and how they were gathered, for example '{child}, talking with {their} teaching assistant'.",
            )
            return
        first_person = context.tools.lexicon("person_centred").words("first-person")
        if any(quoted_spans(unit.text) or _has_word(unit.text, first_person) for unit in units):
            return
        yield context.section_finding(
            self,
            "A",
            message="Section A has none of {child}'s own words.",
            suggestion="Add {child}'s views in their own words (or signs, pictures or choices), and say whose words they are.",
        )


@register
class StrengthsMissing(Rule):
    """What it does
    Flags a plan that records no strengths in section A or B: nothing about what the child can
    do, enjoys or is good at.

    Why is this bad?
    The Code asks plans to describe positively what the child can do (9.61) and section B to set
    out strengths as well as needs. Strengths are also what good provision builds on.

    Severity
    A warning: a plan that records only what the child cannot do gives the provision nothing to
    build on, and a panel would send it back.

    Example
        Section B: Leo cannot read. Leo cannot sit still.

    Use instead
        Section B: Leo knows 20 letter sounds and loves stories read aloud; he finds blending sounds hard.
    """

    code = "LANG009"
    name = "strengths-missing"
    category = Category.language
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        sections = context.plan.sections
        if sections.A is None and sections.B is None:
            return
        if (sections.A and sections.A.strengths) or (
            sections.B and any(item.strengths for item in sections.B.items)
        ):
            return
        words = context.tools.lexicon("person_centred").words("strength-words")
        units = [unit for unit, _doc in context.unit_docs if unit.section in ("A", "B")]
        if any(_has_word(unit.text, words) for unit in units):
            return
        letter = "B" if sections.B is not None else "A"
        yield context.section_finding(
            self,
            letter,
            message="Neither section A nor section B says what {child} can do, enjoys or is good at.",
            suggestion="Record {child}'s strengths alongside each need: what they can already do and what helps.",
        )


def _has_word(text: str, words: frozenset[str]) -> bool:
    return any(word.strip(".,;:!?\"'“”‘’()").lower() in words for word in text.split())
