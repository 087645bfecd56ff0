"""The audit report as HTML: the same accessible, self-contained page as a rendered plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from html_checks import assert_accessible_structure, parse, text_of

from ehcplan.audit.entry import AuditEntry
from ehcplan.audit.redact import Redactor
from ehcplan.audit.summary import summarise
from ehcplan.check.grades import Grades, load_policy
from ehcplan.check.readability_scores import PlanReadability, Readability
from ehcplan.config import Branding
from ehcplan.model.findings import Finding, Severity
from ehcplan.report.audit_html import AuditView, render_audit_html
from ehcplan.words import load_words


def entry(path: str, overall: str, findings: list[Finding], sections: dict[str, str]) -> AuditEntry:
    return AuditEntry(
        path=path,
        sections=list(sections),
        findings=findings,
        readability=PlanReadability(Readability(words=900, sentences=60, syllables=1300), {}, None),
        grades=Grades(overall=overall, sections=sections, score=3.0),
    )


def finding(rule: str, severity: str, text: str = "Maya will have access to support.") -> Finding:
    return Finding(
        rule=rule, name="provision-hedged", category="provision", severity=Severity(severity),
        section="F", item="F1", text=text, start=15, end=24, line=3, location=None,
        message="Say what Maya will get.", suggestion="Write how often.",
    )  # fmt: skip


@pytest.fixture
def entries() -> list[AuditEntry]:
    return [
        entry("plans/maya.yaml", "Good", [finding("PROV004", "warning"), finding("PROV004", "error")], {"E": "Good", "F": "Requires improvement"}),
        entry("plans/sam.yaml", "Inadequate", [finding("PROV004", "warning")], {"E": "Inadequate", "F": "Inadequate"}),
        AuditEntry.unreadable("plans/broken.docx", "is not a Word document"),
    ]  # fmt: skip


def value(cell) -> str:
    """A table cell's text without the column name shown on phones."""
    for label in cell.xpath(".//span[contains(@class, 'ehc-table__label')]"):
        label.drop_tree()
    return text_of(cell)


def page(entries: list[AuditEntry], **options) -> str:
    summary = summarise(entries, load_policy())
    view = AuditView(
        entries, summary, load_words(), Branding(name="Northshire"), today=dt.date(2026, 12, 2), **options
    )
    return render_audit_html(view)


def test_the_report_has_an_accessible_self_contained_structure(entries) -> None:
    assert_accessible_structure(page(entries))


def test_grades_sections_and_rules_are_counted_in_tables_beside_their_charts(entries) -> None:
    doc = parse(page(entries))
    grades = doc.get_element_by_id("grades")
    rows = {text_of(tr.xpath("th")[0]): value(tr.xpath("td")[0]) for tr in grades.xpath(".//tbody/tr")}
    assert rows == {
        "Outstanding": "0 (0%)",
        "Good": "1 (50%)",
        "Requires improvement": "0 (0%)",
        "Inadequate": "1 (50%)",
    }
    [chart] = grades.xpath(".//svg[@role='img']")
    name = text_of(doc.get_element_by_id(chart.get("aria-labelledby")))
    assert "Good 1 (50%)" in name and "Inadequate 1 (50%)" in name
    sections = doc.get_element_by_id("sections")
    averages = {
        text_of(tr.xpath("th")[0]): [value(td) for td in tr.xpath("td")]
        for tr in sections.xpath(".//tbody/tr")
    }
    assert averages["Section E"] == ["2", "2.00", "Requires improvement"]
    assert averages["Section F"] == ["2", "1.50", "Inadequate"]  # the overall grade's cut-offs: 1.75 for RI
    assert averages["Section A"] == ["0", "not graded", "not graded"]
    [rule] = doc.get_element_by_id("rules").xpath(".//tbody/tr")
    cells = [value(td) for td in rule.xpath("td")]
    assert cells[2:] == ["Error", "3", "2"]  # the most severe, times found, plans with it
    assert "What it does" in text_of(doc.get_element_by_id("rule-prov004"))


def test_each_readable_plan_has_its_own_part_and_the_broken_one_says_why(entries) -> None:
    doc = parse(page(entries))
    plans = doc.xpath("//section[contains(@class, 'ehc-section--plan')]")
    assert [text_of(section.xpath("h2")[0]) for section in plans] == ["plans/maya.yaml", "plans/sam.yaml"]
    assert len(plans[0].xpath(".//li[contains(@class, 'ehc-finding')]")) == 2
    assert "Words at fault: “access to”" in text_of(plans[0])
    listing = text_of(doc.get_element_by_id("plans"))
    assert "plans/broken.docx" in listing and "Could not be read: is not a Word document" in listing


def test_plan_text_in_the_report_is_escaped(entries) -> None:
    entries[0].findings[0] = replace(
        entries[0].findings[0], text="<script>alert(1)</script> {{ 7*7 }}", start=0, end=8
    )
    html = page(entries)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert_accessible_structure(html)


def test_a_redacted_report_says_so_and_names_nobody_even_in_rule_examples(entries) -> None:
    redactor = Redactor([("Maya Patel", "Maya"), ("Leo Fairbairn", "Leo"), ("Ali Khan", "Ali")])
    html = page(entries, redactor=redactor)
    assert "Names have been taken out of this report" in html
    assert "Ali" not in text_of(parse(html).get_element_by_id("rule-prov004"))
