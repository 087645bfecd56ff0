"""The coherence corpus (tests/data/coherence): plans with one planted defect each, and their good
originals, written by someone who had not read the rules, with the golden thread only in words or
layout. A defect is found when a coherence or structure warning or error is reported in the
section a reviewer would name (on the item, where one is named)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ehcplan.check.checker import check_plan
from ehcplan.model import ITEM_SECTIONS
from ehcplan.readers import read_plan

CORPUS = Path(__file__).resolve().parent / "data" / "coherence"
KINDS = ("coherence", "structure")


@dataclass
class CoherenceScore:
    defects: int = 0
    found: int = 0
    good_files: int = 0
    good_files_clean: int = 0
    misses: list[str] = field(default_factory=list)


def pairs() -> list[dict]:
    return yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))["pairs"]


def _serious(path: Path) -> tuple[list, dict[str, str]]:
    plan = read_plan(path)
    ordinal = {}
    for letter in ITEM_SECTIONS:
        section = plan.sections.item_section(letter)
        for index, item in enumerate(section.items if section else [], start=1):
            ordinal[item.id] = f"{letter}.{index}" if letter in ("H1", "H2") else f"{letter}{index}"
    findings = [
        f
        for f in check_plan(plan, path.name).findings
        if f.category in KINDS and f.severity.value in ("error", "warning")
    ]
    return findings, ordinal


def score_corpus() -> CoherenceScore:
    score = CoherenceScore()
    for pair in pairs():
        findings, ordinal = _serious(CORPUS / f"{pair['name']}.defect.md")
        score.defects += 1
        hit = [
            f
            for f in findings
            if f.section == pair["section"] and (pair["item"] is None or ordinal.get(f.item) == pair["item"])
        ]
        if hit:
            score.found += 1
        else:
            seen = (
                "; ".join(f"{f.rule} {f.section} {ordinal.get(f.item, f.item)}" for f in findings)
                or "nothing"
            )
            score.misses.append(f"{pair['name']}: {pair['section']} {pair['item']} not found (found {seen})")
        good, _ = _serious(CORPUS / f"{pair['name']}.good.md")
        score.good_files += 1
        if not good:
            score.good_files_clean += 1
        else:
            said = "; ".join(f"{f.rule} {f.section} {f.item}: {f.message[:60]}" for f in good[:4])
            score.misses.append(f"{pair['name']}.good: {said}")
    return score
