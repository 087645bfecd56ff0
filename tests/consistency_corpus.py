"""The consistency corpus: the good sample plans with slips planted in them, as when a plan is
started from another child's: the other child's name, the opposite pronoun, a wrong year group or
age, a review before the issue date or advice after it, and another school's name.

Each plant records the rule that should find it and where (section, item, and the words the
finding should quote), so a test can measure recall (every plant found) and false alarms
(consistency findings that match no plant) on the same plans.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ehcplan.check.checker import check_plan
from ehcplan.model import Plan
from ehcplan.model.findings import Finding

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CATEGORY = "consistency"


@dataclass(frozen=True)
class Plant:
    """One slip planted in a plan, and where its finding should be."""

    kind: str  # name, pronoun, year-or-age, dates, school
    rule: str
    section: str | None
    item: str | None
    words: str  # the words the finding should quote ('' for a whole-plan date)

    def found_by(self, finding: Finding) -> bool:
        return (
            finding.rule == self.rule
            and finding.section == self.section
            and (self.item is None or finding.item == self.item)
            and self.words in finding.excerpt
        )


@dataclass
class PlantedPlan:
    name: str
    plan: Plan
    plants: list[Plant] = field(default_factory=list)


@dataclass
class CorpusScore:
    plants: int = 0
    found: int = 0
    found_by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [found, planted]
    false_alarms: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def good_samples() -> dict[str, dict[str, Any]]:
    """The good sample plans (all but the weak example), as their YAML data, by file stem."""
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(SAMPLES.glob("*.yaml"))
        if path.name != "weak-plan-example.yaml"
    }


def sample_plans() -> dict[str, Plan]:
    """All six samples as they are (the weak example too): none should have a consistency finding."""
    return {
        path.stem: Plan.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in sorted(SAMPLES.glob("*.yaml"))
    }


def _name(data: dict[str, Any]) -> str:
    child = data["details"]["child"]
    return child.get("preferred_name") or child["name"].split()[0]


def _items(data: dict[str, Any], letter: str) -> list[dict[str, Any]]:
    value = data["sections"].get(letter)
    return value if isinstance(value, list) else []


def _replace_once(text: str, old: str, new: str, occurrence: int = 0) -> str | None:
    matches = list(re.finditer(rf"\b{re.escape(old)}\b", text))
    if len(matches) <= occurrence:
        return None
    match = matches[occurrence]
    return text[: match.start()] + new + text[match.end() :]


def _plant_name(data: dict[str, Any], donor: str, letter: str) -> Plant | None:
    """The other child's name left in one item, in place of this child's."""
    child = _name(data)
    for item in _items(data, letter)[1:]:
        changed = _replace_once(item["text"], child, donor)
        if changed is not None:
            item["text"] = changed
            return Plant("name", "CONS001", letter, item["id"], donor)
    return None


def _plant_pronoun(data: dict[str, Any], letter: str) -> Plant | None:
    """A sentence about the child, after one that names them, starting with the other pronoun."""
    child = _name(data)
    swap = {"He": "She", "She": "He"}
    for item in _items(data, letter):
        sentences = re.split(r"(?<=[.!?])\s+", item["text"])
        for index in range(1, len(sentences)):
            first = sentences[index].split(" ", 1)[0]
            if sentences[index - 1].startswith(child) and first in swap:
                sentences[index] = swap[first] + sentences[index][len(first) :]
                item["text"] = " ".join(sentences)
                return Plant("pronoun", "CONS002", letter, item["id"], swap[first])
    return None


def _plant_fact(data: dict[str, Any], fact: tuple[str, str], letter: str) -> Plant:
    """A sentence stating a wrong year group or age, copied into the history or a need."""
    sentence, words = fact
    if letter == "A":
        history = data["sections"]["A"]["history"]
        first, _, rest = history.partition("\n\n")
        data["sections"]["A"]["history"] = f"{first.rstrip()} {sentence}\n\n{rest}"
        return Plant("year-or-age", "CONS003", "A", None, words)
    item = _items(data, letter)[0]
    item["text"] = f"{item['text'].rstrip()} {sentence}"
    return Plant("year-or-age", "CONS003", letter, item["id"], words)


def _plant_dates(data: dict[str, Any], review_first: bool) -> Plant:
    details = data["details"]
    issued = details["issue_date"]
    if review_first:
        details["next_review"] = issued - dt.timedelta(days=120)
        return Plant("dates", "CONS004", None, None, "next review")
    advice = data["sections"]["K"][2]
    advice["date"] = issued + dt.timedelta(days=21)
    return Plant("dates", "CONS004", "K", None, advice.get("author") or advice.get("role"))


def _plant_schools(data: dict[str, Any], school: str, other_school: str) -> list[Plant]:
    """Other schools' names in two items of F: in the words, and as where the help happens."""
    plants = []
    items = _items(data, "F")
    first = items[1]
    first["text"] = f"{first['text'].rstrip()} The sessions take place at {school} each week."
    plants.append(Plant("school", "CONS005", "F", first["id"], school))
    second = items[2]
    second["where"] = other_school
    plants.append(Plant("school", "CONS005", "F", second["id"], other_school))
    return plants


# The wrong year or age each plan is given, in a sentence copied from another plan: one said in
# section A's history, one in the first need of B.
FACTS = {
    "college-19-tom": (("Tom is now 16 years old.", "16"), ("Tom is in Year 11.", "Year 11")),
    "early-years-amara": (("Amara is in Reception.", "Reception"), ("Amara is now seven.", "seven")),
    "looked-after-jade": (("Jade is in Year 6.", "Year 6"), ("Jade is 11 years old.", "11")),
    "primary-year5-leo": (("Leo is now twelve.", "twelve"), ("Leo is in Year 7.", "Year 7")),
    "secondary-year10-zainab": (("Zainab is a Year 8 student.", "Year 8"), ("Zainab is now aged 12.", "12")),
}
OTHER_SCHOOLS = ["Brookside School", "Bramblewick Primary School", "St Anne's Church of England Academy"]


def planted_plans() -> list[PlantedPlan]:
    """Each good sample with slips from the next sample planted in it."""
    samples = good_samples()
    names = list(samples)
    planted = []
    for index, stem in enumerate(names):
        data = copy.deepcopy(samples[stem])
        donor = _donor_name(samples, names, index)
        plants = [plant for plant in (_plant_name(data, donor, "B"), _plant_name(data, donor, "F")) if plant]
        plants += [plant for plant in (_plant_pronoun(data, "C"), _plant_pronoun(data, "B")) if plant]
        in_history, in_need = FACTS[stem]
        plants += [_plant_fact(data, in_history, "A"), _plant_fact(data, in_need, "B")]
        plants.append(_plant_dates(data, review_first=index % 2 == 0))
        placement = data["sections"].get("I") or {}
        if placement.get("name"):
            schools = (
                OTHER_SCHOOLS[index % len(OTHER_SCHOOLS)],
                OTHER_SCHOOLS[(index + 1) % len(OTHER_SCHOOLS)],
            )
            plants += _plant_schools(data, *schools)
        planted.append(PlantedPlan(stem, Plan.model_validate(data), plants))
    return planted


def _donor_name(samples: dict[str, dict[str, Any]], names: list[str], index: int) -> str:
    """The next sample's child whose name this plan does not use for anyone."""
    text = yaml.safe_dump(samples[names[index]])
    for step in range(1, len(names)):
        donor = _name(samples[names[(index + step) % len(names)]])
        if not re.search(rf"\b{donor}\b", text):
            return donor
    raise AssertionError("every other child's name is used in this plan")


def consistency_findings(plan: Plan, name: str) -> list[Finding]:
    return [f for f in check_plan(plan, f"{name}.yaml").findings if f.category == CATEGORY]


def score(planted: list[PlantedPlan]) -> CorpusScore:
    """How many plants were found, by kind, and which consistency findings matched none."""
    result = CorpusScore()
    for case in planted:
        findings = consistency_findings(case.plan, case.name)
        for plant in case.plants:
            counts = result.found_by_kind.setdefault(plant.kind, [0, 0])
            counts[1] += 1
            result.plants += 1
            if any(plant.found_by(finding) for finding in findings):
                counts[0] += 1
                result.found += 1
            else:
                result.misses.append(f"{case.name}: {plant}")
        for finding in findings:
            if not any(plant.found_by(finding) for plant in case.plants):
                result.false_alarms.append(
                    f"{case.name}: {finding.rule} {finding.section} {finding.item} '{finding.excerpt}'"
                )
    return result
