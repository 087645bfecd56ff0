"""The Word document, opened again with python-docx: A4, en-GB, real headings, repeating
header rows, properties, footer and page numbers, readable sizes, and no blank paragraphs."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from system_tools import require_libreoffice
from testkit import HOSTILE_NAME, HOSTILE_TEXT, hostile_plan, sample_paths, tiny_png

from ehcplan.check.checker import check_plan
from ehcplan.config import Branding
from ehcplan.model import ALL_SECTIONS, Plan
from ehcplan.readers import read_plan
from ehcplan.render import render_plan
from ehcplan.words import load_words

SAMPLES = sample_paths()


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    """Every sample rendered once."""
    return {path.stem: render_plan(read_plan(path), "docx") for path in SAMPLES}


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def all_paragraphs(document: docx.document.Document) -> list:
    """Body paragraphs, then the paragraphs of every table cell."""
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(cell.paragraphs)
    return found


def effective_size(paragraph, run) -> float:
    """A run's font size in points, following its style chain up to the document default."""
    if run.font.size is not None:
        return run.font.size.pt
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return 0.0


def footer_text(document: docx.document.Document) -> str:
    return "\n".join(paragraph.text for paragraph in document.sections[0].footer.paragraphs)


def assert_accessible_document(data: bytes) -> docx.document.Document:
    """What every rendered plan must be, whatever the plan."""
    document = open_docx(data)
    section = document.sections[0]
    # Word stores lengths in twentieths of a point, so millimetres come back rounded.
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), "A4"
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 20
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "en-GB"
    assert document.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "en-GB"
    properties = document.core_properties
    assert properties.language == "en-GB"
    assert properties.title.startswith("Education, Health and Care plan")
    assert properties.subject.endswith("Education, Health and Care plan")
    assert properties.author != "python-docx"
    paragraphs = all_paragraphs(document)
    assert all(paragraph.text.strip() for paragraph in paragraphs), "no blank paragraphs for spacing"
    margins = [*section.header.paragraphs, *section.footer.paragraphs]
    for paragraph in paragraphs + margins:
        for run in paragraph.runs:
            assert effective_size(paragraph, run) >= 11, f"{run.text!r} is smaller than 11 pt"
    assert [p.style.name for p in document.paragraphs].count("Heading 1") == 1
    assert document.paragraphs[0].style.name == "Heading 1"
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None, "header row repeats"
        assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None, "a title for screen readers"
        previous = table._tbl.getprevious()
        assert previous.tag == qn("w:p") and "Caption" in previous.xpath("string(.//w:pStyle/@w:val)")
    instructions = "".join(document.sections[0].footer._element.xpath(".//w:instrText/text()"))
    assert "PAGE" in instructions and "NUMPAGES" in instructions
    return document


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_every_sample_makes_an_accessible_word_document(documents: dict[str, bytes], path: Path) -> None:
    document = assert_accessible_document(documents[path.stem])
    plan = read_plan(path)
    words = load_words()
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    for letter in ALL_SECTIONS:
        assert f"Section {letter}: {words(f'sections.{letter}')}" in headings
    assert "Section F: Special educational provision" in headings
    assert plan.details.child.name in document.paragraphs[0].text
    assert document.core_properties.author == plan.details.local_authority
    footer = footer_text(document)
    assert plan.details.child.name in footer
    assert words.choice("statuses", plan.details.status) in footer
    provision = next(t for t in document.tables if t.rows[0].cells[1].text == "Provision")
    assert [row.cells[0].text for row in provision.rows[1:]] == [item.id for item in plan.sections.F.items]
    assert [cell.text for cell in provision.rows[0].cells] == [
        "Item",
        "Provision",
        "Who provides it",
        "Group size",
        "How often and for how long",
        "Needs and outcomes",
    ]


def test_a_draft_is_marked_on_every_page(documents: dict[str, bytes]) -> None:
    statuses = {path.stem: read_plan(path).details.status.value for path in SAMPLES}
    for stem, data in documents.items():
        document = open_docx(data)
        header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
        assert ("DRAFT" in header) == (statuses[stem] == "draft"), stem
        assert ("This is a draft plan" in document.paragraphs[2].text) == (statuses[stem] == "draft")


def test_plan_text_is_written_as_typed() -> None:
    document = assert_accessible_document(render_plan(Plan.model_validate(hostile_plan()), "docx"))
    assert HOSTILE_NAME in document.paragraphs[0].text
    outcomes = next(t for t in document.tables if t.rows[0].cells[1].text == "Outcome")
    assert outcomes.rows[1].cells[1].text == HOSTILE_TEXT


def test_the_logo_has_alt_text(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(tiny_png())
    branding = Branding(name="Riverton City Council", logo=logo, accent_colour="#00703c")
    document = open_docx(render_plan(Plan.model_validate(hostile_plan()), "docx", branding=branding))
    [picture] = document.sections[0].header._element.xpath(".//wp:docPr")
    assert picture.get("descr") == "Riverton City Council logo"
    assert document.core_properties.author == "Riverton City Council"
    assert document.styles["Heading 2"].font.color.rgb == docx.shared.RGBColor(0x00, 0x70, 0x3C)


def test_review_copy_marks_flagged_words_and_lists_the_findings() -> None:
    path = next(path for path in SAMPLES if "weak" in path.stem)
    plan = read_plan(path)
    findings = check_plan(plan, str(path)).findings
    document = assert_accessible_document(render_plan(plan, "docx", findings=findings))
    paragraphs = all_paragraphs(document)
    marked = [run for p in paragraphs for run in p.runs if run.font.highlight_color is not None]
    assert marked and all(run.underline for run in marked), "marked by more than colour"
    assert "Access to" in [run.text for run in marked]
    texts = [p.text for p in paragraphs]
    for number in range(1, len(findings) + 1):
        assert sum(text.startswith(f"Finding {number} · ") for text in texts) == 1, number
    assert any("(finding " in text for text in texts)
    assert "Findings on F1" in texts
    assert any(p.text == "Review copy" and p.style.name == "Heading 2" for p in document.paragraphs)


def test_libreoffice_converts_every_sample_to_pdf(documents: dict[str, bytes], tmp_path: Path) -> None:
    soffice = require_libreoffice()
    names = []
    for stem, data in documents.items():
        (tmp_path / f"{stem}.docx").write_bytes(data)
        names.append(str(tmp_path / f"{stem}.docx"))
    profile = (tmp_path / "profile").as_uri()  # its own profile, so a running LibreOffice does not interfere
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
    result = subprocess.run(
        [*command, "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *names],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    broken = {}
    for stem in documents:
        pdf = (tmp_path / "pdf" / f"{stem}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF") and len(pdf) > 10_000, stem
        if split := words_split_across_lines(
            tmp_path / "pdf" / f"{stem}.pdf", read_plan(SAMPLES_BY_STEM[stem])
        ):
            broken[stem] = split
    # A column too narrow for its longest word breaks it mid-word ("Communicat-ion").
    assert not broken, broken


SAMPLES_BY_STEM = {path.stem: path for path in SAMPLES}


def words_split_across_lines(pdf: Path, plan: Plan) -> list[str]:
    """Words of the plan, or of the document's labels, that the PDF breaks across two lines."""
    import re

    import pypdfium2

    words = load_words()
    labels = str([words.raw(part) for part in ("provision", "outcomes", "areas", "pfa_areas")])
    known = set(re.findall(r"[a-z]+", (plan.model_dump_json() + labels).lower()))
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        text = "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    pairs = re.findall(r"([A-Za-z]+)\r?\n([a-z]+)", text)
    pairs = [(a.lower(), b) for a, b in pairs]
    return sorted({f"{a}|{b}" for a, b in pairs if a + b in known and a not in known and b not in known})
