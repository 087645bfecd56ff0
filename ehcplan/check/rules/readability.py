"""Readability: long sentences, and sections that are hard to read for the people they are for."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ehcplan.check.readability_scores import sentences
from ehcplan.check.rules.registry import Rule, register
from ehcplan.check.text_units import FAMILY_SECTIONS
from ehcplan.model.findings import Category, Finding, Severity

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckContext

SLIGHT_YEARS = 2.0
SLIGHT_EASE = 10.0


@register
class LongSentence(Rule):
    """What it does
    Flags each sentence longer than 25 words (configurable). List items, table cells and
    fields count as sentences of their own; words the child or family said, in quotation
    marks, are not counted.

    Why is this bad?
    GOV.UK asks writers to break up sentences over 25 words: long sentences are much harder to
    follow, especially for readers under stress or reading in a second language (Code 9.61:
    clear, concise, understandable).

    Severity
    A warning: a long sentence is hard to follow, especially for a parent under stress or reading in
    a second language. Policy note: the sentence can still be understood and a tribunal would accept
    it, so JUDGEMENT.md would make this a note; a warning on every long sentence can swamp a good
    plan.

    Example
        In order to support Leo's transition to secondary school, which the family and school agreed
        would be best managed gradually, staff will arrange a series of visits over the summer term.

    Use instead
        Leo will visit his new school five times in the summer term. His family and school agreed this
        gradual start.
    """

    code = "READ001"
    name = "long-sentence"
    category = Category.readability
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        limit = context.readability.targets.max_sentence_words
        for unit in context.units:
            for sentence in sentences(unit.text):
                if sentence.words > limit:
                    yield context.unit_finding(
                        self,
                        unit,
                        sentence.start,
                        sentence.end,
                        message=f"This sentence has {sentence.words} words; aim for {limit} or fewer.",
                        suggestion="Split it into two or three sentences, each with one idea.",
                    )


@register
class HardToRead(Rule):
    """What it does
    Flags a section whose reading age (from the Flesch-Kincaid grade) or Flesch reading ease
    misses its target. Sections written for the family (A) are held to the stricter target:
    a reading age of 9 and a reading ease of 60, as GOV.UK and council plan-writing guidance
    advise. Targets are set in the config.

    Why is this bad?
    A plan the family cannot read is a plan they cannot check or challenge (Code 9.61:
    understandable and accessible).

    Severity
    A warning: a section well above its target is one the family may not be able to read, check or
    challenge. A small miss (within 2 years of reading age and 10 points of reading ease) is only a
    note, because scores for a few hundred words are rough.

    Example
        Section A with a reading age of 15: long sentences and long words.

    Use instead
        Shorter sentences and everyday words: "use" not "utilise", "help" not "facilitate".
    """

    code = "READ002"
    name = "hard-to-read"
    category = Category.readability
    severity = Severity.warning

    def check(self, context: CheckContext) -> Iterator[Finding]:
        readability = context.readability
        targets = readability.targets
        for letter, measured in readability.sections.items():
            if measured.words < 30:
                continue  # too little text to judge
            family = letter in FAMILY_SECTIONS
            age_target = targets.family_reading_age if family else targets.reading_age
            ease_target = targets.family_min_flesch if family else targets.min_flesch
            over_age = measured.reading_age - age_target
            under_ease = ease_target - measured.flesch_reading_ease
            if over_age <= 0 and under_ease <= 0:
                continue
            reader = "the family" if family else "most readers"
            # Scores for a few hundred words are rough: a small miss is a note, a large one a warning.
            slight = over_age <= SLIGHT_YEARS and under_ease <= SLIGHT_EASE
            yield context.section_finding(
                self,
                letter,
                severity=Severity.info if slight else None,
                message=(
                    f"Section {letter} has a reading age of {measured.reading_age:.1f} and a reading ease of "
                    f"{measured.flesch_reading_ease:.0f}; for {reader} aim for a reading age of {age_target:g} "
                    f"or less and a reading ease of {ease_target:g} or more."
                ),
                suggestion=(
                    f"Use shorter sentences (now {measured.average_sentence_length:.0f} words on average) and everyday words."
                ),
            )
