from __future__ import annotations

from pathlib import Path

from docx import Document

from ehcplan.cli import main
from ehcplan.model import ALL_SECTIONS
from ehcplan.readers import read_plan


def test_new_docx_has_every_section_and_reads_back_empty(tmp_path: Path, capsys) -> None:
    target = tmp_path / "plan.docx"
    assert main(["new", str(target)]) == 0
    plan = read_plan(target)
    assert plan.sections.present() == list(ALL_SECTIONS)
    assert plan.items() == []  # the prompts are not read as plan content
    assert plan.details.status.value == "draft"
    headers = [[cell.text for cell in table.rows[0].cells] for table in Document(str(target)).tables]
    assert ["What support", "Who provides it", "Group size", "How often", "How long"] in headers
    assert main(["new", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_a_filled_in_starter_reads_back_exactly(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    main(["new", str(target)])
    document = Document(str(target))
    details = document.tables[0]
    details.rows[0].cells[1].text = "Maya Patel"
    details.rows[2].cells[1].text = "14/03/2016"
    needs, provision = document.tables[1], document.tables[5]
    for cell, text in zip(
        needs.rows[1].cells,
        [
            "B1",
            "Maya finds it hard to follow instructions.",
            "Communication and interaction",
            "She listens well to stories.",
        ],
        strict=True,
    ):
        cell.text = text
    row = ["Speech and language therapy", "speech and language therapist", "1:1", "once a week", "30 minutes"]
    for cell, text in zip(provision.rows[1].cells, row, strict=True):
        cell.text = text
    document.save(str(target))
    plan = read_plan(target)
    assert plan.details.child.name == "Maya Patel"
    assert plan.details.child.date_of_birth.isoformat() == "2016-03-14"
    need = plan.sections.B.items[0]
    assert (need.id, need.text, need.area.value, need.strengths) == (
        "B1",
        "Maya finds it hard to follow instructions.",
        "communication and interaction",
        "She listens well to stories.",
    )
    item = plan.sections.F.items[0]
    assert (item.text, item.who.role, item.group_size, item.how_often, item.how_long) == tuple(row)
