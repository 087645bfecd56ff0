"""The renderer's own words, read back: labels of ``templates/words.yaml`` mapped to plan fields.

``ehcplan render --to docx`` lays a plan out with the headings, column names and labels of
``words.yaml``. The readers learn that layout from the same file (through ``load_words``), so a
plan rendered to Word or PDF reads back as the plan it was, and a change of wording follows
without a change of code. Nothing here is special to Word: the loose-document builder and the
table reader use it for every format.

What is mapped (the wording key, then the field):

- column names of the outcome, provision and advice tables (``outcomes.*``, ``provision.*``,
  ``advice.*``) to item fields, as a local authority's own column names are;
- the labels of combined cells ("How often: ...", "Needs: B1, B2", "Training: ...") to fields;
- need headings ("B1: Communication and interaction") and the "Strengths" sub-heading under them;
- the sub-headings of section A to its parts, and "In the words of: ..." to whose words they are;
- the personal details, placement and personal budget labels to their fields;
- display names (areas of need, Preparing for Adulthood areas, kinds of advice, statuses, year
  groups) back to the values the plan model holds.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from ehcplan.model.plan import SectionA, Timeline
from ehcplan.words import Words

# A column whose lines each name their own field ("How often: ...", "Needs: B1").
LABELLED = "labelled"
# Wording key -> field, for each table the renderer draws (keys under outcomes., provision., advice.).
_OUTCOME_COLUMNS = {
    "item": "id",
    "outcome": "text",
    "timescale": "timescale",
    "area": "area",
    "needs": "needs",
}
_PROVISION_COLUMNS = {
    "item": "id",
    "provision": "text",
    "who": "who",
    "group_size": "group_size",
    "how_often_long": LABELLED,
    "links": LABELLED,
}
_ADVICE_COLUMNS = {"kind": "kind", "author": "author", "role": "role", "date": "date", "title": "title"}
# Labels of lines inside combined cells: wording key -> field.
_LINE_LABELS = {
    "provision.how_often": "how_often",
    "provision.how_long": "how_long",
    "provision.needs": "needs",
    "provision.outcomes": "outcomes",
    "provision.where": "where",
    "provision.start": "start",
    "provision.review": "review",
    "provision.training": "qualification",
}
# Parts of section A: each has a sub-heading under section_a. of its own name.
_A_PARTS = tuple(SectionA.model_fields)
# Personal details: wording key under details. -> path in Details.
# The assessment and review dates, each a labelled line of the details (words.yaml details.<name>).
TIMELINE_FIELDS = tuple(Timeline.model_fields)
_DETAILS = {
    "name": "child.name",
    "preferred_name": "child.preferred_name",
    "date_of_birth": "child.date_of_birth",
    "year_group": "child.year_group",
    "home_language": "child.home_language",
    "communication": "child.communication",
    "parents": "parents",
    "local_authority": "local_authority",
    "status": "status",
    "issue_date": "issue_date",
    "next_review": "next_review",
    "looked_after": "looked_after",
    "child_in_need": "child_in_need",
    **{name: f"timeline.{name}" for name in TIMELINE_FIELDS},
}
# Labelled lines of sections I and J: wording key -> field.
_PLACEMENT = {"placement.name": "name", "placement.type": "type"}
_BUDGET = {
    "budget.amount": "amount",
    "budget.funds": "funds",
    "budget.direct_payments": "direct_payments",
    "budget.outcomes": "outcomes",
    "budget.needs": "needs",
}
# Groups of display names, by the field that holds their value.
_CHOICES = {"area": "areas", "pfa_area": "pfa_areas", "kind": "advice_kinds", "status": "statuses"}


def normal(text: str) -> str:
    """Text compared as a label: lower case, single spaces, no colon at the end."""
    return " ".join(text.split()).lower().rstrip(":").strip()


def template_pattern(template: str, groups: dict[str, str]) -> re.Pattern[str]:
    """A regular expression for a wording such as '{id}: {area}', each placeholder a named group."""
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal).replace(r"\ ", r"\s+"))
        if name:
            parts.append(f"(?P<{name}>{groups.get(name, '.+?')})")
    return re.compile(r"^\s*" + "".join(parts) + r"\s*$", re.IGNORECASE | re.DOTALL)


@dataclass
class RenderedWording:
    """The renderer's labels, turned round: from what a reader sees to the plan's fields."""

    outcome_columns: dict[str, str]
    provision_columns: dict[str, str]
    advice_columns: dict[str, str]
    not_stated: str
    line_labels: dict[str, str]
    pfa_line: re.Pattern[str]
    label_value: re.Pattern[str]
    need_headings: list[re.Pattern[str]]
    strengths: str
    a_parts: dict[str, str]
    whose_words: re.Pattern[str]
    details: dict[str, str]
    parent: re.Pattern[str]
    list_separator: str
    placement: dict[str, str]
    budget: dict[str, str]
    answers: dict[str, bool]
    year_groups: dict[str, int]
    fillers: frozenset[str]
    choices: dict[str, dict[str, str]] = field(default_factory=dict)

    def labelled(self, text: str, labels: dict[str, str]) -> tuple[str, str] | None:
        """(field, value) for a line 'Label: value' whose label is one of ``labels``; else None."""
        found = self.label_value.match(text)
        if found is None:
            return None
        name = labels.get(normal(found.group("label")))
        return (name, found.group("value").strip()) if name else None

    def line_field(self, text: str) -> tuple[str, str] | None:
        """(field, value) for a line of a combined cell: 'How often: ...', 'Preparing for adulthood: ...'."""
        pfa = self.pfa_line.match(text)
        if pfa is not None:
            return "pfa_area", pfa.group("area").strip()
        return self.labelled(text, self.line_labels)

    def is_not_stated(self, text: str) -> bool:
        return normal(text) == normal(self.not_stated)

    def choice(self, name: str, value: str) -> str:
        """The model's value for a display name ('Friends, relationships and ...' -> 'community inclusion')."""
        return self.choices.get(name, {}).get(normal(value), value)

    def need_heading(self, text: str) -> tuple[str, str | None] | None:
        """(id, area or None) for a need heading such as 'B1: Communication and interaction'."""
        for pattern in self.need_headings:
            found = pattern.match(text)
            if found is not None:
                area = found.groupdict().get("area")
                return found.group("id"), self.choice("area", area) if area else None
        return None


def _columns(words: Words, group: str, mapping: dict[str, str]) -> dict[str, str]:
    return {normal(words(f"{group}.{key}")): name for key, name in mapping.items()}


def _labels(words: Words, mapping: dict[str, str]) -> dict[str, str]:
    return {normal(words(key)): name for key, name in mapping.items()}


def wording_from(words: Words) -> RenderedWording:
    """The reader's view of a set of wording."""
    choices = {
        name: {normal(display): key for key, display in words.raw(group).items()}
        for name, group in _CHOICES.items()
    }
    need_id = {"id": r"(?:[B-D][0-9]{1,2})"}
    areas = "|".join(re.escape(display) for display in words.raw("areas").values())
    year_groups = {normal(display): int(number) for number, display in words.raw("year_group_names").items()}
    return RenderedWording(
        outcome_columns=_columns(words, "outcomes", _OUTCOME_COLUMNS),
        provision_columns=_columns(words, "provision", _PROVISION_COLUMNS),
        advice_columns=_columns(words, "advice", _ADVICE_COLUMNS),
        not_stated=words("document.not_stated"),
        line_labels=_labels(words, _LINE_LABELS),
        pfa_line=template_pattern(words.raw("section_a.pfa_area"), {}),
        label_value=template_pattern(words.raw("document.label_value"), {"label": r"[^:\n]{1,60}?"}),
        need_headings=[
            template_pattern(words.raw("needs.heading"), {**need_id, "area": f"(?:{areas})"}),
            template_pattern(words.raw("needs.heading_without_area"), need_id),
        ],
        strengths=normal(words("needs.strengths")),
        a_parts={normal(words(f"section_a.{part}")): part for part in _A_PARTS},
        whose_words=template_pattern(words.raw("section_a.whose_words"), {}),
        details={normal(words(f"details.{key}")): path for key, path in _DETAILS.items()},
        parent=template_pattern(words.raw("details.parent"), {"name": r"[^()]+?", "relationship": r".+"}),
        list_separator=words("document.list_separator"),
        placement=_labels(words, _PLACEMENT),
        budget=_labels(words, _BUDGET),
        answers={normal(words("details.answer_yes")): True, normal(words("details.answer_no")): False},
        year_groups=year_groups,
        fillers=frozenset({normal(words("document.nothing_written"))}),
        choices=choices,
    )
