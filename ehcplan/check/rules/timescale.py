"""Statutory timescales, worked out from the plan's own dates (details.timeline and reviews).

The rules that measure one gap between two dates of the timeline against a limit (TIME001,
TIME002, TIME003 and TIME005) are rows of ``policy/timescales.yaml``, checked by ``DeadlineRule``.
The review cycle (TIME004) and the phase transfer deadline (TIME006) are not one gap between two
fields, so they stay as code, with their limits in the same file.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, PositiveInt, field_validator, model_validator

from ehcplan.check.rules.registry import Rule, register
from ehcplan.check.rules.tables import (
    RuleRow,
    RuleTable,
    Strict,
    TableRule,
    check_template,
    fill,
    load_table,
    mentions,
)
from ehcplan.counting import counted
from ehcplan.model import PlanStatus
from ehcplan.model.findings import Category, Finding, Severity
from ehcplan.model.plan import Timeline

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckContext

TIMELINE_DATES = tuple(Timeline.model_fields)
# The names the table writes months in, for the phase transfer deadlines (English, whatever the locale).
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


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


class Gap(Strict):
    """One limit: the time from the date in ``start`` to the first recorded date of those in ``end``."""

    start: str
    # More than one end date is a fallback: the comment period runs to the deadline for comments,
    # or to the final plan when no deadline is recorded.
    end: list[str] = Field(min_length=1)
    at_most: PositiveInt | None = None
    at_least: PositiveInt | None = None
    unit: Literal["weeks", "days"]
    message: str
    suggestion: str

    @field_validator("end", mode="before")
    @classmethod
    def _one_end_is_a_list(cls, end: object) -> object:
        return [end] if isinstance(end, str) else end

    @field_validator("start")
    @classmethod
    def _start_is_a_timeline_date(cls, name: str) -> str:
        return _timeline_date(name)

    @field_validator("end")
    @classmethod
    def _ends_are_timeline_dates(cls, names: list[str]) -> list[str]:
        return [_timeline_date(name) for name in names]

    @model_validator(mode="after")
    def _one_limit_and_fillable_wording(self) -> Gap:
        if (self.at_most is None) == (self.at_least is None):
            raise ValueError("give the limit as either 'at_most' or 'at_least', not both or neither")
        sample = self.values(self.measure(dt.date(2026, 1, 1), dt.date(2026, 3, 1)))
        check_template(self.message, sample)
        check_template(self.suggestion, sample)
        return self

    @property
    def limit(self) -> int:
        return self.at_most if self.at_most is not None else self.at_least  # type: ignore[return-value]

    def measure(self, start: dt.date, end: dt.date) -> float | int:
        """The gap in this limit's unit: weeks to one decimal place in messages, whole days."""
        return weeks(start, end) if self.unit == "weeks" else (end - start).days

    def missed(self, taken: float) -> bool:
        """True when the gap is over an 'at most' limit or under an 'at least' one."""
        return taken > self.limit if self.at_most is not None else taken < self.limit

    def values(self, taken: float) -> dict[str, float]:
        """What a message may say: the gap, the limit, and how far past the limit the gap is."""
        over = taken - self.limit if self.at_most is not None else self.limit - taken
        return {"taken": taken, "limit": self.limit, "over": over}


class GapRow(RuleRow):
    """A timescale rule: one or more gaps (TIME005 has two steps under one code), and its legal basis."""

    basis: str = Field(min_length=1)
    steps: list[Gap] = Field(min_length=1)

    @model_validator(mode="after")
    def _docs_agree(self) -> GapRow:
        # The documentation is prose, so a changed limit or basis must be changed in it too; say so
        # here rather than let `ehcplan rules` describe a limit the rule no longer checks.
        for step in self.steps:
            limit = counted(step.limit, step.unit.removesuffix("s"))
            if not mentions(self.docs.what_it_does, limit):
                raise ValueError(f"docs.what_it_does should state the limit the rule checks, '{limit}'")
        if not mentions(self.docs.why_is_this_bad, self.basis):
            raise ValueError(f"docs.why_is_this_bad should cite the legal basis, '{self.basis}'")
        return self


class ReviewLimits(Strict):
    """TIME004: how far apart reviews may be, and when a young child's review is worth a note."""

    at_most_months: PositiveInt
    under_five_months: PositiveInt


class TransferDeadline(Strict):
    """TIME006: the date by which the plan of a child in these year groups is amended for the move."""

    year_groups: list[int] = Field(min_length=1)
    day: PositiveInt
    month: str

    @model_validator(mode="after")
    def _a_real_date(self) -> TransferDeadline:
        if self.month not in MONTHS:
            raise ValueError(f"the month '{self.month}' should be written in full, such as 'February'")
        try:
            dt.date(2027, self.month_number, self.day)  # not a leap year: the date must come every year
        except ValueError:
            raise ValueError(f"{self.day} {self.month} is not a date every year") from None
        return self

    @property
    def month_number(self) -> int:
        return MONTHS.index(self.month) + 1


class TimescaleTable(RuleTable[GapRow]):
    """policy/timescales.yaml: the gap rules, and the limits of the timescale rules written as code."""

    reviews: ReviewLimits
    phase_transfer: list[TransferDeadline] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_deadline_per_year_group(self) -> TimescaleTable:
        years = [year for deadline in self.phase_transfer for year in deadline.year_groups]
        repeated = sorted({year for year in years if years.count(year) > 1})
        if repeated:
            raise ValueError(f"phase_transfer gives more than one deadline for year group {repeated[0]}")
        return self

    def transfer_deadline(self, year_group: int | None) -> TransferDeadline | None:
        """The deadline for a child in this year group, or None if they do not change phase."""
        return next(
            (deadline for deadline in self.phase_transfer if year_group in deadline.year_groups), None
        )


def _timeline_date(name: str) -> str:
    if name not in TIMELINE_DATES:
        raise ValueError(
            f"'{name}' is not a date of details.timeline; use one of {', '.join(TIMELINE_DATES)}"
        )
    return name


def load_timescales(path: Path | None = None) -> TimescaleTable:
    """The timescale table in ``path``, or the built-in policy/timescales.yaml."""
    return load_table(TimescaleTable, path, "timescales.yaml")


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
        """A finding on one date of the timeline, located where the plan gives it."""
        return context.section_finding(
            self,
            None,
            path=f"details.timeline.{field}",
            message=message,
            suggestion=suggestion,
            severity=severity,
        )


class DeadlineRule(TimescaleRule, TableRule):
    """The mechanism of the gap rules: each step of the row is measured and reported on its own."""

    row: ClassVar[GapRow]

    def check(self, context: CheckContext) -> Iterator[Finding]:
        timeline = context.plan.details.timeline
        for step in self.row.steps:
            start = getattr(timeline, step.start)
            # The finding points at the end date that was used, so the reader sees which one it was.
            field = next((name for name in step.end if getattr(timeline, name)), None)
            if start is None or field is None:
                continue
            taken = step.measure(start, getattr(timeline, field))
            if step.missed(taken):
                values = step.values(taken)
                yield self.late(context, field, fill(step.message, **values), fill(step.suggestion, **values))


TIMESCALES = load_timescales()
TIMESCALES.register(DeadlineRule)


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
        limits = TIMESCALES.reviews
        for earlier, later in itertools.pairwise(dates):
            if later > add_months(earlier, limits.at_most_months):
                yield self.late(
                    context,
                    "annual_reviews",
                    f"There were {weeks(earlier, later) / 4.345:.0f} months between reviews on {earlier} and {later}; "
                    f"the limit is {limits.at_most_months} months.",
                    f"Hold annual reviews no more than {limits.at_most_months} months apart.",
                )
        if not dates or details.next_review is None:
            return
        last = dates[-1]
        if details.next_review > add_months(last, limits.at_most_months):
            yield self.late(
                context,
                "next_review",
                f"The next review ({details.next_review}) is more than {limits.at_most_months} months after {last}.",
                f"Set the review for {add_months(last, limits.at_most_months)} or earlier.",
            )
        elif (context.plan.age() or 99) < 5 and details.next_review > add_months(
            last, limits.under_five_months
        ):
            yield self.late(
                context,
                "next_review",
                f"{{child}} is under 5, and the next review is more than {limits.under_five_months} months away.",
                "The Code suggests reviewing plans for children under 5 every 3 to 6 months.",
                severity=Severity.info,
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
        limit = TIMESCALES.transfer_deadline(year)
        if limit is None or plan.details.status is PlanStatus.draft:
            return
        amended = plan.details.timeline.transfer_amended
        if amended is None:
            yield self.late(
                context,
                "transfer_amended",
                "{child} moves to a new phase of education next September; the plan does not record when it was "
                "amended for the move.",
                f"Record the date (details.timeline.transfer_amended); the deadline is {limit.day} {limit.month}.",
                severity=Severity.info,
            )
            return
        transfer_year = amended.year if amended.month < 9 else amended.year + 1
        deadline = dt.date(transfer_year, limit.month_number, limit.day)
        if amended > deadline:
            yield self.late(
                context,
                "transfer_amended",
                f"The plan was amended for the move on {amended}, after the deadline of {deadline} "
                f"({(amended - deadline).days} days late).",
                "Amend the plan, naming the new school or college, by the deadline.",
            )
