"""The audit as one self-contained, accessible HTML page, built from ``templates/html/audit.html.j2``.

It shares the plan pages' base template, macros and stylesheet (and so their Content Security
Policy, skip link and landmarks); charts are inline SVG with a text alternative and the same
numbers in a table beside them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ehcplan.audit.collect import Sample
from ehcplan.audit.redact import Redactor
from ehcplan.audit.summary import SEVERITIES, AuditSummary, count_by
from ehcplan.check.rules.registry import get_rule
from ehcplan.config import Branding
from ehcplan.counting import counted
from ehcplan.render.html import StyleOptions, environment, render_template
from ehcplan.words import Words, load_words

if TYPE_CHECKING:
    from ehcplan.audit.entry import AuditEntry
    from ehcplan.model.findings import Finding

AUDIT_TEMPLATE = "html/audit.html.j2"
# The commonest rules listed in the report.
TOP_RULES = 15


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, the value shown beside it, and its length (0-1)."""

    label: str
    shown: str
    length: float


class AuditView:
    """The audit in the words of words.yaml: headings, rows and bars for the template."""

    def __init__(
        self,
        entries: list[AuditEntry],
        summary: AuditSummary,
        words: Words,
        branding: Branding,
        *,
        redactor: Redactor | None = None,
        sample: Sample | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.entries = entries
        self.summary = summary
        self.words = words
        self.branding = branding
        self.redactor = redactor
        self.sample = sample
        self.today = today or dt.date.today()

    @property
    def redacted(self) -> bool:
        return self.redactor is not None

    def _unnamed(self, text: str) -> str:
        # Rule docs give examples with children's names, which may match a child in the audit.
        return self.redactor.text(text) if self.redactor else text

    @property
    def title(self) -> str:
        count = self.summary.files
        return self.words("audit.title_one") if count == 1 else self.words("audit.title", count=count)

    @property
    def caption(self) -> str:
        return self.words("audit.caption", date=self.words.date(self.today))

    @property
    def authority(self) -> str | None:
        return self.branding.name

    def summary_rows(self) -> list[tuple[str, str]]:
        """The summary list at the top of the report."""
        summary, w = self.summary, self.words
        rows = [
            (w("audit.plans_audited"), str(summary.readable)),
            (w("audit.unreadable"), str(summary.unreadable)),
            (
                w("audit.findings"),
                w(
                    "audit.findings_counts",
                    errors=counted(summary.severities["error"], "error"),
                    warnings=counted(summary.severities["warning"], "warning"),
                    # The plain counts too, for an authority's own words.yaml written before plurals.
                    **summary.severities,
                ),
            ),
            (w("audit.accepted"), str(summary.accepted)),
        ]
        if summary.median_words is not None:
            rows.append((w("audit.median_words"), w("audit.words", count=round(summary.median_words))))
        if summary.median_reading_age is not None:
            rows.append(
                (w("audit.median_reading_age"), w("audit.reading_age", age=summary.median_reading_age))
            )
        return rows

    def grade_bars(self) -> list[Bar]:
        """One bar per grade: how many plans were given it."""
        total = sum(self.summary.grades.values())
        top = max(self.summary.grades.values(), default=0) or 1
        return [
            Bar(grade, self._share(count, total), count / top) for grade, count in self.summary.grades.items()
        ]

    def section_bars(self) -> list[Bar]:
        """One bar per section graded in any plan: its average points out of 4."""
        return [
            Bar(
                self.words("audit.section_label", letter=average.letter),
                f"{average.points:.2f}",
                average.points / 4,
            )
            for average in self.summary.sections
            if average.points is not None
        ]

    def chart_summary(self, bars: list[Bar]) -> str:
        """The chart's text alternative: every bar's label and value."""
        return self.words("document.list_separator").join(f"{bar.label} {bar.shown}" for bar in bars)

    def top_rules(self) -> list[Any]:
        return self.summary.rules[:TOP_RULES]

    def rule_summary(self, code: str) -> str:
        rule = get_rule(code)
        return self._unnamed(rule.summary()) if rule else ""

    def rule_documentation(self, code: str) -> list[tuple[str, str]]:
        """The rule's docstring as (heading, text) parts: 'What it does', 'Why is this bad?' ..."""
        rule = get_rule(code)
        parts = []
        for block in (rule.documentation() if rule else "").split("\n\n"):
            heading, _, body = block.strip().partition("\n")
            if body:
                parts.append((heading.strip(), self._unnamed(" ".join(body.split()))))
            elif heading:
                parts.append(("", self._unnamed(heading)))
        return parts

    def plan_anchor(self, index: int) -> str:
        return f"plan-{index + 1}"

    def counts(self, entry: AuditEntry) -> dict[str, int]:
        return count_by(entry.findings, "severity", SEVERITIES)

    def section_grade_rows(self, entry: AuditEntry) -> list[tuple[str, str]]:
        sections = entry.grades.sections if entry.grades else {}
        return [
            (self.words("audit.section_label", letter=letter), grade) for letter, grade in sections.items()
        ]

    def where(self, finding: Finding) -> str:
        """Where a finding is, in words: 'Section F, F2, table 3, row 2'."""
        parts = [
            self.words("audit.section_label", letter=finding.section)
            if finding.section
            else self.words("audit.whole_plan")
        ]
        if finding.item:
            parts.append(finding.item)
        if finding.location:
            parts.append(finding.location)
        return self.words("document.list_separator").join(parts)

    @staticmethod
    def words_at_fault(finding: Finding) -> str:
        return finding.excerpt

    @staticmethod
    def _share(count: int, total: int) -> str:
        return f"{count} ({round(100 * count / total) if total else 0}%)"


def render_audit_html(view: AuditView) -> str:
    """The report's HTML."""
    env = environment(view.words, view.branding.templates)
    return render_template(
        env, AUDIT_TEMPLATE, view=view, style=StyleOptions(accent=view.branding.accent_colour)
    )


def audit_view(
    entries: list[AuditEntry], summary: AuditSummary, branding: Branding, **options: Any
) -> AuditView:
    """The view of an audit, worded by the built-in words.yaml and the local authority's own."""
    return AuditView(entries, summary, load_words(branding.templates), branding, **options)
