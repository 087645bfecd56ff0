"""PDFs made from the Word layouts by LibreOffice, when it is installed (tests skip without it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx_layouts as layouts
import pytest

from ehcplan.checker import check_plan
from ehcplan.errors import PlanFileError
from ehcplan.readers import read_plan

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def finding_keys(plan) -> list[tuple]:
    return sorted(
        (f.rule, f.section, f.item, f.text, f.start, f.end, f.message) for f in check_plan(plan, "p").findings
    )


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed, so no PDFs can be made from the Word layouts")
    folder = tmp_path_factory.mktemp("pdf")
    sources = [str(layouts.write_layout(name, folder)) for name in layouts.LAYOUTS]
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *sources,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: folder / f"{name}.pdf" for name in layouts.LAYOUTS}


@pytest.mark.parametrize("layout", sorted(layouts.LAYOUTS))
def test_pdf_of_each_layout_reads_as_the_word_file(layout: str, pdfs: dict[str, Path]) -> None:
    from_pdf = read_plan(pdfs[layout])
    from_word = read_plan(pdfs[layout].with_suffix(".docx"))
    assert from_pdf.sections.present() == from_word.sections.present()
    for letter in ("B", "E", "F", "H2"):
        assert [item.text for item in from_pdf.sections.item_section(letter).items] == layouts.items(letter)
    assert from_pdf.details == from_word.details
    assert finding_keys(from_pdf) == finding_keys(from_word)


def test_pdf_items_say_page_and_paragraph(pdfs: dict[str, Path], capsys) -> None:
    from ehcplan.cli import main

    plan = read_plan(pdfs["headings"])
    assert re.fullmatch(r"page [0-9]+, paragraph [0-9]+", plan.sections.F.items[0].source.describe())
    main(["check", str(pdfs["dfe"])])
    assert f"{pdfs['dfe']}: SMART001 " in capsys.readouterr().out


def test_not_a_pdf_gives_one_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_text("Section F: not really a PDF")
    with pytest.raises(PlanFileError) as caught:
        read_plan(path)
    assert caught.value.lines() == [
        f"{path}: is not a PDF file; is it damaged, or another kind of file renamed?"
    ]


def test_a_pdf_without_text_is_reported(tmp_path: Path) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    path = tmp_path / "scan.pdf"
    document.save(str(path))
    with pytest.raises(PlanFileError, match="no text to read; it may be a scanned image"):
        read_plan(path)
