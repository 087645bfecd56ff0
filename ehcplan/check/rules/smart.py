"""SMART outcomes (section E): timed, measurable, about the child, not provision in disguise."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ehcplan.check.rules.registry import Rule, register
from ehcplan.model.findings import Category, Finding, Severity

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckContext


class OutcomeRule(Rule):
    """An outcome rule: runs ``check_outcome`` on each outcome's reading."""

    category = Category.smart

    def check(self, context: CheckContext) -> Iterator[Finding]:
        readings = context.outcome_readings
        for letter, item in context.plan.items("E"):
            yield from self.check_outcome(context, letter, item, readings[item.id])

    def check_outcome(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        raise NotImplementedError


@register
class OutcomeNoTimeAnchor(OutcomeRule):
    """What it does
    Flags an outcome that does not say by when it should be achieved.

    Why is this bad?
    An outcome must be SMART, and the T is time-bound (SEND Code of Practice 9.66). Without a
    date or stage, no one can say at the annual review whether it was met, and the plan cannot
    be held to account.

    Severity
    An error: with no date, age, stage or event, no one can ever find the outcome met or not met at
    review, so it holds no one to account.

    Example
        Maya will read 50 common words.

    Use instead
        By the end of Year 3, Maya will read 50 common words without adult help.
    """

    code = "SMART001"
    name = "outcome-no-time-anchor"
    severity = Severity.error

    def check_outcome(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        if not reading.is_timed:
            yield context.item_span_finding(
                self,
                letter,
                item,
                None,
                message="This outcome does not say by when {child} should achieve it.",
                suggestion=(
                    "Add a time anchor, for example 'By the end of Key Stage 2', 'By July 2027', "
                    "'Within 12 months' or 'By the time she starts secondary school'."
                ),
            )


@register
class OutcomeVagueAim(OutcomeRule):
    """What it does
    Flags an outcome whose aim is a vague verb or state (improve, develop, make progress,
    engage, understand, reach potential, be more confident, cope better) with nothing to measure
    it by.

    Why is this bad?
    "Will improve his reading" is an intention, not an outcome (Code 9.66): any change at all,
    or none, could be argued to meet it. An outcome says what the child will be able to do,
    and how you will know.

    Severity
    A warning: a panel would send it back, because no one could tell at review whether the outcome
    was met; it is not an error, because it is still about a change in the child.

    Example
        By July 2027, Leo will improve his reading.

    Use instead
        By July 2027, Leo will read a Book Band 7 book aloud with fewer than five errors a page.
    """

    code = "SMART002"
    name = "outcome-vague-aim"
    severity = Severity.warning

    def check_outcome(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        if reading.vague and not reading.has_yardstick and not reading.provision:
            span = reading.vague[0]
            yield context.item_span_finding(
                self,
                letter,
                item,
                span,
                message="'{excerpt}' is too vague to check: nothing says how much, how often or how well.",
                suggestion=(
                    "Say what {child} will be able to do and how you will know: a number, how often, for how "
                    "long, how accurately or how independently (for example '8 out of 10 times without a reminder')."
                ),
            )


@register
class OutcomeNotMeasured(OutcomeRule):
    """What it does
    Points out an outcome that names a clear action but no measure: no number, frequency,
    duration, accuracy or level of independence.

    Why is this bad?
    A concrete action can be observed, but a measure makes the outcome fair to judge at review:
    "will dress for PE" could mean once, with help, or every week on their own (Code 9.66).
    This is advice, not an error: some achievements are plain yes-or-no.

    Severity
    A note: the action can be seen, so a tribunal would accept the outcome as it stands; a measure
    would only make the review fairer.

    Example
        By the end of Year 2, Sam will dress himself for PE.

    Use instead
        By the end of Year 2, Sam will dress himself for PE within 10 minutes, needing help only with buttons.
    """

    code = "SMART003"
    name = "outcome-no-measure"
    severity = Severity.info

    def check_outcome(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        if reading.is_measured or reading.vague or reading.provision or reading.aspiration:
            return
        span = reading.aim
        yield context.item_span_finding(
            self,
            letter,
            item,
            span,
            message="This outcome does not say how you will measure it.",
            suggestion="Consider adding how often, how many, for how long or how independently {child} will do it.",
        )


@register
class OutcomeIsProvision(OutcomeRule):
    """What it does
    Flags provision, a service or an adult's action written in section E as if it were an
    outcome: "will receive", "will have access to", "will be given", "will be supported to",
    "will be encouraged to", an adult or service as the subject, or a bare service ("short breaks").

    Why is this bad?
    An outcome is the difference made for the child, not the help given (Code 9.66: "three
    hours of speech therapy is provision, not an outcome"). Provision in E has no legal force;
    it belongs in F, G or H where it must be specified and quantified.

    Severity
    An error: help written as an outcome cannot be enforced from section E, and it leaves the plan
    without a real outcome in its place.

    Example
        By July 2027, Jasmine will receive three sessions of speech and language therapy a week.

    Use instead
        By July 2027, Jasmine will ask for help in class using a five-word sentence, on 4 days out of 5.
        (and put the therapy in section F)
    """

    code = "SMART004"
    name = "outcome-is-provision"
    severity = Severity.error

    def check_outcome(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        if not reading.provision:
            return
        span = reading.provision[0]
        if reading.adult_subject is not None and span == reading.adult_subject:
            message = "An adult ('{excerpt}') is the subject: this describes what staff do, not what {child} achieves."
        else:
            message = "'{excerpt}' describes help given to {child}, which is provision, not an outcome."
        yield context.item_span_finding(
            self,
            letter,
            item,
            span,
            message=message,
            suggestion=(
                "Move the help to section F, G or H, and write here what {child} will be able to do as a result, "
                "with {child} as the subject."
            ),
        )


@register
class OutcomeIsAspiration(OutcomeRule):
    """What it does
    Flags an aspiration ("would like to", "her dream is", "wants to", "one day") written as an
    outcome in section E.

    Why is this bad?
    Aspirations belong in section A, where they shape the plan; an outcome is a step towards
    them that can be achieved and checked within a key stage or so (Code 9.64-9.66).

    Severity
    A warning: a panel would send it back to be rewritten as a step that can be checked by a date;
    the hope itself is welcome, in section A.

    Example
        Tyrese's dream is to play wheelchair basketball for Great Britain.

    Use instead
        Section A: Tyrese's dream is to play wheelchair basketball for Great Britain.
        Section E: By July 2027, Tyrese will train with his local wheelchair basketball club once a week.
    """

    code = "SMART005"
    name = "outcome-is-aspiration"
    severity = Severity.warning

    def check_outcome(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        if reading.aspiration and not reading.provision:
            span = reading.aspiration[0]
            yield context.item_span_finding(
                self,
                letter,
                item,
                span,
                message="'{excerpt}' states an aspiration, which belongs in section A rather than an outcome.",
                suggestion="Keep the aspiration in section A and write here a step towards it that can be checked by a date.",
            )
