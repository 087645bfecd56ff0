"""Statutory timescales, worked out from the plan's own dates (details.timeline and reviews)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ehcplan.check.rules.registry import Rule, register
from ehcplan.model import PlanStatus
from ehcplan.model.findings import Category, Finding, Severity

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckContext

DECISION_WEEKS = 6
FINAL_WEEKS = 20
COMMENT_DAYS = 15
REVIEW_MONTHS = 12
UNDER_FIVE_REVIEW_MONTHS = 6
REVIEW_DECISION_WEEKS = 4
AMENDED_PLAN_WEEKS = 8
# Year groups that move to a new phase next September, and the deadline for amending the plan.
TRANSFER_DEADLINES = {-1: (2, 15), 2: (2, 15), 6: (2, 15), 11: (3, 31)}


def weeks(start: dt.date, end: dt.date) -> float:
    return (end - start).days / 7


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return dt.date(year, month, min(day.day, last[month - 1]))


class TimescaleRule(Rule):
    category = Category.timescale

    def late(
        self,
        context: CheckContext,
        field: str,
        message: str,
        suggestion: str,
        severity: Severity | None = None,
    ) -> Finding:
        return context.section_finding(
            self,
            None,
            path=f"details.timeline.{field}",
            message=message,
            suggestion=suggestion,
            severity=severity,
        )


@register
class DecisionToAssessLate(TimescaleRule):
    """What it does
    Flags a decision on whether to carry out an EHC needs assessment made more than 6 weeks
    after the request was received.

    Why is this bad?
    The local authority must decide within 6 weeks of the request (SEND Regulations 2014 reg 5;
    Code 9.14). Delay at the start delays everything after it.

    Severity
    An error: a decision after 6 weeks breaks a statutory time limit, which is wrong in law unless
    an exception in regulation 10 applies.

    Example
        Request received 2026-01-05; decision to assess 2026-03-10 (9.1 weeks).

    Use instead
        A decision by 2026-02-16 (6 weeks).
    """

    code = "TIME001"
    name = "decision-to-assess-late"
    severity = Severity.error

    def check(self, context: CheckContext) -> Iterator[Finding]:
        timeline = context.plan.details.timeline
        if timeline.request_received and timeline.decision_to_assess:
            taken = weeks(timeline.request_received, timeline.decision_to_assess)
            if taken > DECISION_WEEKS:
                yield self.late(
                    context,
                    "decision_to_assess",
                    f"The decision to assess took {taken:.1f} weeks from the request; the limit is "
                    f"{DECISION_WEEKS} weeks, so it was {taken - DECISION_WEEKS:.1f} weeks late.",
                    "Record the reason for the delay; if an exception in regulation 10 applies, say which.",
                )


@register
class FinalPlanLate(TimescaleRule):
    """What it does
    Flags a final plan issued more than 20 weeks after the request for assessment.

    Why is this bad?
    The whole process, from request to final plan, must take no more than 20 weeks (SEND
    Regulations 2014 reg 13; Code 9.40), unless an exception in regulation 10 applies.

    Severity
    An error: a final plan after 20 weeks breaks a statutory time limit, which is wrong in law
    unless an exception in regulation 10 applies.

    Example
        Request received 2026-01-05; final plan issued 2026-07-20 (28.1 weeks).

    Use instead
        A final plan by 2026-05-25 (20 weeks).
    """

    code = "TIME002"
    name = "final-plan-late"
    severity = Severity.error

    def check(self, context: CheckContext) -> Iterator[Finding]:
        timeline = context.plan.details.timeline
        if timeline.request_received and timeline.final_issued:
            taken = weeks(timeline.request_received, timeline.final_issued)
            if taken > FINAL_WEEKS:
                yield self.late(
                    context,
                    "final_issued",
                    f"The final plan was issued {taken:.1f} weeks after the request; the limit is "
                    f"{FINAL_WEEKS} weeks, so it was {taken - FINAL_WEEKS:.1f} weeks late.",
                    "Record the reason for the delay and tell the family; if a regulation 10 exception applies, say which.",
                )


@register
class CommentPeriodShort(TimescaleRule):
    """What it does
    Flags a draft plan that gave the family less than 15 days to comment (from the draft being
    issued to the deadline for comments, or to the final plan if no deadline is recorded).

    Why is this bad?
    Parents and young people must have at least 15 days to comment on the draft and to ask for
    a particular school (SEND Regulations 2014 reg 13; Code 9.77).

    Severity
    An error: fewer than 15 days to comment breaks the family's statutory right to comment and to
    ask for a school, which is wrong in law.

    Example
        Draft issued 2026-04-01; final issued 2026-04-10.

    Use instead
        Comments invited until 2026-04-16 at the earliest.
    """

    code = "TIME003"
    name = "comment-period-short"
    severity = Severity.error

    def check(self, context: CheckContext) -> Iterator[Finding]:
        timeline = context.plan.details.timeline
        if not timeline.draft_issued:
            return
        end = timeline.comments_deadline or timeline.final_issued
        field = "comments_deadline" if timeline.comments_deadline else "final_issued"
        if end and (end - timeline.draft_issued).days < COMMENT_DAYS:
            days = (end - timeline.draft_issued).days
            yield self.late(
                context,
                field,
                f"The family had {days} days to comment on the draft plan; they must have at least {COMMENT_DAYS}.",
                "Give at least 15 days from the draft for comments and for naming a preferred school.",
            )


@register
class ReviewOverdue(TimescaleRule):
    """What it does
    Flags a plan whose next review, or the gap between its reviews, is more than 12 months
    after the plan or the last review. For children under 5 it suggests reviewing every 3 to 6
    months.

    Why is this bad?
    A plan must be reviewed at least every 12 months (Children and Families Act 2014 s.44; Code
    9.166). For under-5s the Code (9.178) says the local authority should consider reviewing
    every 3 to 6 months, because young children change fast.

    Severity
    An error: reviews more than 12 months apart, or a next review set more than 12 months ahead,
    break the statutory limit. For a child under 5 whose next review is more than 6 months away it
    is only a note, because the Code asks the local authority to consider earlier reviews, not to
    hold them.

    Example
        Issued 2026-03-01; next review 2027-09-01.

    Use instead
        Next review by 2027-03-01 (by 2026-09-01 for a child under 5).
    """

    code = "TIME004"
    name = "review-overdue"
    severity = Severity.error

    def check(self, context: CheckContext) -> Iterator[Finding]:
        details = context.plan.details
        dates = sorted(day for day in [details.issue_date, *details.annual_reviews] if day)
        for earlier, later in itertools.pairwise(dates):
            if later > add_months(earlier, REVIEW_MONTHS):
                yield self.late(
                    context,
                    "annual_reviews",
                    f"There were {weeks(earlier, later) / 4.345:.0f} months between reviews on {earlier} and {later}; "
                    f"the limit is {REVIEW_MONTHS} months.",
                    "Hold annual reviews no more than 12 months apart.",
                )
        if not dates or details.next_review is None:
            return
        last = dates[-1]
        if details.next_review > add_months(last, REVIEW_MONTHS):
            yield self.late(
                context,
                "next_review",
                f"The next review ({details.next_review}) is more than {REVIEW_MONTHS} months after {last}.",
                f"Set the review for {add_months(last, REVIEW_MONTHS)} or earlier.",
            )
        elif (context.plan.age() or 99) < 5 and details.next_review > add_months(
            last, UNDER_FIVE_REVIEW_MONTHS
        ):
            yield self.late(
                context,
                "next_review",
                f"{{child}} is under 5, and the next review is more than {UNDER_FIVE_REVIEW_MONTHS} months away.",
                "The Code suggests reviewing plans for children under 5 every 3 to 6 months.",
                severity=Severity.info,
            )


@register
class ReviewStepsLate(TimescaleRule):
    """What it does
    Flags an annual review whose decision came more than 4 weeks after the review meeting, or an
    amended plan issued more than 8 weeks after the notice of proposed amendments.

    Why is this bad?
    After a review meeting the local authority must decide within 4 weeks whether to keep,
    amend or cease the plan, and issue an amended plan within 8 weeks of the amendment notice
    (SEND Regulations 2014 regs 20-22, as amended in 2023; Code 9.176).

    Severity
    An error: a decision after 4 weeks, or an amended plan after 8, breaks a statutory time limit,
    which is wrong in law.

    Example
        Review meeting 2026-03-02; amended plan issued 2026-07-30.

    Use instead
        Decision by 2026-03-30; amended plan within 8 weeks of the amendment notice.
    """

    code = "TIME005"
    name = "review-steps-late"
    severity = Severity.error

    def check(self, context: CheckContext) -> Iterator[Finding]:
        timeline = context.plan.details.timeline
        if timeline.review_meeting and timeline.review_decision:
            taken = weeks(timeline.review_meeting, timeline.review_decision)
            if taken > REVIEW_DECISION_WEEKS:
                yield self.late(
                    context,
                    "review_decision",
                    f"The decision after the review meeting took {taken:.1f} weeks; the limit is {REVIEW_DECISION_WEEKS} weeks.",
                    "Decide within 4 weeks of the review meeting and tell the family.",
                )
        if timeline.amendment_notice and timeline.amended_issued:
            taken = weeks(timeline.amendment_notice, timeline.amended_issued)
            if taken > AMENDED_PLAN_WEEKS:
                yield self.late(
                    context,
                    "amended_issued",
                    f"The amended plan came {taken:.1f} weeks after the amendment notice; the limit is {AMENDED_PLAN_WEEKS} weeks.",
                    "Issue the amended plan within 8 weeks of the notice of proposed amendments.",
                )


@register
class PhaseTransferLate(TimescaleRule):
    """What it does
    For a child moving to a new phase of education next September (nursery to school, infant
    to junior, primary to secondary, secondary to post-16), flags a plan amended for the move
    after the deadline: 15 February, or 31 March for secondary to post-16.

    Why is this bad?
    The plan must be reviewed and amended, naming the new school or college, by these dates
    (SEND Regulations 2014 reg 18; Code 9.179) so the child and the new setting can prepare.

    Severity
    An error: amending the plan after the deadline breaks a statutory time limit and leaves the
    child and the new setting less time to prepare. When the plan does not record when it was
    amended for the move, it is only a note, because the date may simply be missing from the record.

    Example
        Year 6 child; plan amended for secondary school on 2027-03-20.

    Use instead
        Amended by 2027-02-15.
    """

    code = "TIME006"
    name = "phase-transfer-late"
    severity = Severity.error

    def check(self, context: CheckContext) -> Iterator[Finding]:
        plan = context.plan
        year = plan.details.child.year_group
        if year not in TRANSFER_DEADLINES or plan.details.status is PlanStatus.draft:
            return
        amended = plan.details.timeline.transfer_amended
        month, day = TRANSFER_DEADLINES[year]
        if amended is None:
            yield self.late(
                context,
                "transfer_amended",
                "{child} moves to a new phase of education next September; the plan does not record when it was "
                "amended for the move.",
                f"Record the date (details.timeline.transfer_amended); the deadline is {day} {_MONTHS[month]}.",
                severity=Severity.info,
            )
            return
        transfer_year = amended.year if amended.month < 9 else amended.year + 1
        deadline = dt.date(transfer_year, month, day)
        if amended > deadline:
            yield self.late(
                context,
                "transfer_amended",
                f"The plan was amended for the move on {amended}, after the deadline of {deadline} "
                f"({(amended - deadline).days} days late).",
                "Amend the plan, naming the new school or college, by the deadline.",
            )


_MONTHS = {2: "February", 3: "March"}
