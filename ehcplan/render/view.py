"""What both renderers show, worked out once: a Plan in the words of ``templates/words.yaml``.

The HTML templates and the Word builder lay the same view out in their own way, so a label,
a date or a line such as "Training: ..." reads the same in both.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ehcplan.config import Branding
from ehcplan.errors import EhcplanError
from ehcplan.model import ALL_SECTIONS, Plan
from ehcplan.model.plan import Timeline
from ehcplan.model.vocab import PlanStatus
from ehcplan.render.review import Review
from ehcplan.words import Words

# Logo formats both Word and browsers show, told apart by their first bytes.
_IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


@dataclass(frozen=True)
class Logo:
    """The local authority's logo: its bytes, type and alt text."""

    data: bytes
    mime: str
    alt: str

    @property
    def data_uri(self) -> str:
        """The logo inside the page, so the page makes no request."""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


def read_logo(path: Path, alt: str) -> Logo:
    """Read a PNG or JPEG logo, or say plainly why it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise EhcplanError(f"{path}: cannot read the logo named in the config: {error.strerror}") from None
    for magic, mime in _IMAGE_TYPES.items():
        if data.startswith(magic):
            return Logo(data, mime, alt)
    raise EhcplanError(f"{path}: the logo should be a PNG or JPEG file")


class PlanView:
    """A plan with its display values: names, dates, labels and the lines of each table cell."""

    def __init__(self, plan: Plan, words: Words, branding: Branding, review: Review) -> None:
        self.plan = plan
        self.words = words
        self.branding = branding
        self.review = review

    # --- the plan as a whole -------------------------------------------------------------

    @property
    def name(self) -> str:
        """The child's full name, or a plain stand-in."""
        return self.plan.details.child.name or self.words("document.no_name")

    @property
    def title(self) -> str:
        name = self.plan.details.child.name
        return self.words("document.title_for", name=name) if name else self.words("document.title")

    @property
    def status(self) -> str:
        return self.words.choice("statuses", self.plan.details.status)

    @property
    def is_draft(self) -> bool:
        return self.plan.details.status == PlanStatus.draft

    @property
    def subject(self) -> str:
        return self.words("document.subject", status=self.status)

    @property
    def authority(self) -> str | None:
        """Whose plan this is: the branding's name, else the local authority in the plan."""
        return self.branding.name or self.plan.details.local_authority

    @property
    def plan_date(self) -> dt.date | None:
        """The date on the plan: its issue date, else the date a draft went out."""
        details = self.plan.details
        return details.issue_date or details.timeline.draft_issued

    @property
    def footer(self) -> str:
        """'Leo Matthew Fairbairn · Final plan · 30 September 2026', on every page."""
        return self.words("document.footer", name=self.name, status=self.status, date=self._dated)

    @property
    def caption(self) -> str:
        """'Final plan · 30 September 2026', under the title."""
        return self.words("document.caption", status=self.status, date=self._dated)

    @property
    def _dated(self) -> str:
        when = self.plan_date
        return self.date(when) if when else self.words("document.no_date")

    @property
    def accent(self) -> str:
        return self.branding.accent_colour

    @cached_property
    def logo(self) -> Logo | None:
        if self.branding.logo is None:
            return None
        alt = self.words("document.logo_alt", authority=self.authority or "")
        return read_logo(self.branding.logo, alt.strip())

    def sections(self) -> list[tuple[str, str, Any]]:
        """(letter, html id, section) for every statutory section, in order; absent ones as None."""
        return [
            (letter, f"section-{letter.lower()}", getattr(self.plan.sections, letter))
            for letter in ALL_SECTIONS
        ]

    def heading(self, letter: str) -> str:
        """'Section F: Special educational provision'."""
        return self.words("section_heading", letter=letter, title=self.words(f"sections.{letter}"))

    @staticmethod
    def is_empty(section: Any) -> bool:
        """True when nothing has been written in a section."""
        if section is None:
            return True
        if isinstance(section, list):
            return not section
        if hasattr(section, "is_blank"):
            return section.is_blank
        return not any(section.model_dump(exclude_defaults=True).values())

    # --- small values --------------------------------------------------------------------

    def date(self, value: dt.date | None) -> str:
        """'30 September 2026'."""
        return self.words.date(value)

    def year_group(self, number: int) -> str:
        names = self.words.raw("year_group_names")
        return names.get(number) or self.words("year_group", number=number)

    def labelled(self, label_key: str, value: str) -> str:
        """'Training: HCPC registered'."""
        return self.words("document.label_value", label=self.words(label_key), value=value)

    def joined(self, values: list[str]) -> str:
        return self.words("document.list_separator").join(values)

    def answer(self, value: bool) -> str:
        return self.words("details.answer_yes" if value else "details.answer_no")

    @property
    def not_stated(self) -> str:
        return self.words("document.not_stated")

    # --- personal details ----------------------------------------------------------------

    def detail_rows(self) -> list[tuple[str, list[str]]]:
        """(label, values) for the personal details, leaving out what the plan does not say."""
        details = self.plan.details
        child = details.child
        parents = [
            self.words("details.parent", name=parent.name, relationship=parent.relationship)
            if parent.relationship
            else parent.name
            for parent in details.parents
        ]
        rows: list[tuple[str, Any]] = [
            ("name", child.name),
            ("preferred_name", child.preferred_name),
            ("date_of_birth", self.date(child.date_of_birth)),
            ("year_group", None if child.year_group is None else self.year_group(child.year_group)),
            ("home_language", child.home_language),
            ("communication", child.communication),
            ("parents", parents),
            ("local_authority", details.local_authority),
            ("status", self.status),
            ("issue_date", self.date(details.issue_date)),
            ("next_review", self.date(details.next_review)),
            ("looked_after", self.answer(True) if details.looked_after else None),
            ("child_in_need", self.answer(True) if details.child_in_need else None),
            # The assessment's dates, so the timescales can be checked from the Word copy too.
            *((name, self.date(getattr(details.timeline, name))) for name in Timeline.model_fields),
        ]
        return [
            (self.words(f"details.{key}"), value if isinstance(value, list) else [value])
            for key, value in rows
            if value
        ]

    # --- section A, needs, outcomes ------------------------------------------------------

    @staticmethod
    def paragraphs(text: str | None) -> list[str]:
        """A long field split at blank lines, as the checker reads it."""
        return [part.strip() for part in (text or "").split("\n\n") if part.strip()]

    def aspiration_area(self, aspiration: Any) -> str | None:
        if aspiration.pfa_area is None:
            return None
        return self.words("section_a.pfa_area", area=self.words.choice("pfa_areas", aspiration.pfa_area))

    def need_heading(self, need: Any) -> str:
        if need.area is None:
            return self.words("needs.heading_without_area", id=need.id)
        return self.words("needs.heading", id=need.id, area=self.words.choice("areas", need.area))

    def outcome_area(self, outcome: Any) -> list[str]:
        """The area of need and the Preparing for Adulthood area, as lines."""
        lines = []
        if outcome.area is not None:
            lines.append(self.words.choice("areas", outcome.area))
        if outcome.pfa_area is not None:
            lines.append(
                self.words("section_a.pfa_area", area=self.words.choice("pfa_areas", outcome.pfa_area))
            )
        return lines or [self.not_stated]

    # --- provision -----------------------------------------------------------------------

    def provision_facts(self, item: Any) -> list[str]:
        """Where and when, shown under the provision's own words."""
        facts = [
            (key, value)
            for key, value in (
                ("provision.where", item.where),
                ("provision.start", self.date(item.start)),
                ("provision.review", self.date(item.review)),
            )
            if value
        ]
        return [self.labelled(key, value) for key, value in facts]

    def who(self, item: Any) -> list[str]:
        if item.who is None:
            return [self.not_stated]
        lines = [item.who.role]
        if item.who.qualification:
            lines.append(self.labelled("provision.training", item.who.qualification))
        return lines

    def how_often_long(self, item: Any) -> list[str]:
        lines = [
            self.labelled(key, value)
            for key, value in (("provision.how_often", item.how_often), ("provision.how_long", item.how_long))
            if value
        ]
        return lines or [self.not_stated]

    def links(self, item: Any) -> list[str]:
        """'Needs: B1, B2' and 'Outcomes: E1', for provision and budgets."""
        lines = [
            self.labelled(key, self.joined(ids))
            for key, ids in (("provision.needs", item.needs), ("provision.outcomes", item.outcomes))
            if ids
        ]
        return lines or [self.not_stated]

    # --- placement, budget, advice -------------------------------------------------------

    def budget_rows(self, budget: Any) -> list[tuple[str, str]]:
        """(label, value) for the parts of a personal budget that are stated."""
        rows = [
            ("budget.amount", budget.amount),
            (
                "budget.direct_payments",
                None if budget.direct_payments is None else self.answer(budget.direct_payments),
            ),
            ("budget.outcomes", self.joined(budget.outcomes)),
            ("budget.needs", self.joined(budget.needs)),
        ]
        return [(self.words(key), value) for key, value in rows if value]

    def advice_kind(self, advice: Any) -> str:
        return self.words.choice("advice_kinds", advice.kind)
