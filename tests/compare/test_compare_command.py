"""`ehcplan compare OLD NEW`: exit codes, the JSON shape, the side-by-side page and the commented Word copy."""

from __future__ import annotations

import html
import json
import zipfile
from pathlib import Path

import pytest
from browser import axe_failures
from html_checks import assert_accessible_structure, assert_self_contained, parse

from ehcplan.cli import main

FRESH = Path(__file__).resolve().parents[1] / "data" / "compare_fresh"
CUT = (FRESH / "pair08" / "old.yaml", FRESH / "pair08" / "new.yaml")
NO_CHANGE = (FRESH / "pair07" / "old.yaml", FRESH / "pair07" / "new.yaml")


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_1_when_help_was_cut_and_0_when_not(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", *CUT)
    assert code == 1
    assert out.index("Less help") < out.index("More help")
    assert 'from "qualified teacher of the visually impaired" to "staff"' in out
    code, out, _ = run(capsys, "compare", *NO_CHANGE)
    assert code == 0
    assert "No changes were found" in out


def test_the_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", *CUT, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert set(report) == {"version", "old", "new", "reduced", "summary", "changes"}
    assert report["version"] == 1 and report["reduced"] is True
    assert report["summary"]["changes"] == len(report["changes"])
    assert report["summary"]["reduced"] == sum(change["rating"] == "reduced" for change in report["changes"])
    keys = {"kind", "rating", "section", "old_section", "old_id", "new_id", "old", "new", "message"}
    assert all(set(change) == keys for change in report["changes"])


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["compare", "missing.yaml", CUT[1]], "missing.yaml: no such file"),
        (["compare", *CUT, "--format", "html"], "give its name with -o"),
        (["compare", *CUT, "--word", "copy.txt"], "ending in .docx"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[object], says: str
) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert says in err and len(err.strip().splitlines()) == 1


def test_outputs_never_overwrite_an_input_or_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = (tmp_path / "old.yaml"), (tmp_path / "new.yaml")
    old.write_bytes(CUT[0].read_bytes())
    new.write_bytes(CUT[1].read_bytes())
    code, _out, err = run(capsys, "compare", old, new, "-o", new, "--format", "json", "--force")
    assert code == 2 and new.read_bytes() == CUT[1].read_bytes()
    assert "new.yaml" in err
    (tmp_path / "report.json").write_text("kept", encoding="utf-8")
    code, _out, _err = run(capsys, "compare", old, new, "-o", tmp_path / "report.json", "--format", "json")
    assert code == 2 and (tmp_path / "report.json").read_text(encoding="utf-8") == "kept"


def test_the_side_by_side_page_is_accessible_on_a_desktop_and_a_phone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "changes.html"
    code, _out, _err = run(capsys, "compare", *CUT, "-o", page)
    assert code == 1
    html = page.read_text(encoding="utf-8")
    assert_accessible_structure(html)
    doc = parse(html)
    assert_self_contained(doc)
    headers = [th.text_content() for th in doc.iter("th") if th.get("scope") == "col"]
    assert headers[:4] == ["Item", "Earlier plan", "Amended plan", "What changed"]
    assert doc.xpath("//h2[starts-with(., 'Less help')]")
    assert axe_failures({"compare": page}) == []


def test_the_word_copy_has_a_comment_on_each_changed_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "amended.docx"
    code, out, err = run(capsys, "compare", *CUT, "--format", "json", "--word", copy)
    report = json.loads(out)
    assert code == 1 and "Wrote" in err
    with zipfile.ZipFile(copy) as package:
        comments = package.read("word/comments.xml").decode("utf-8")
    # A comment on each change with a place in the plan, and the summary at the top with the rest.
    placed = [change for change in report["changes"] if change["section"] != "details"]
    assert 0 < len(placed) < len(report["changes"])
    assert comments.count("<w:comment ") == len(placed) + 1
    from docx import Document

    document = Document(str(copy))
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Samuel" in body  # the amended plan itself, rendered from its YAML
    text = html.unescape(comments)
    assert all(change["message"] in text for change in report["changes"])


def test_a_word_amended_plan_is_copied_with_the_comments_on_its_own_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docx import Document

    from ehcplan.readers import read_plan
    from ehcplan.render import render_plan

    amended = tmp_path / "amended.docx"
    amended.write_bytes(render_plan(read_plan(CUT[1]), "docx"))
    before = amended.read_bytes()
    copy = tmp_path / "commented.docx"
    code, out, _err = run(capsys, "compare", CUT[0], amended, "--format", "json", "--word", copy)
    assert code == 1 and amended.read_bytes() == before
    original = [paragraph.text for paragraph in Document(str(amended)).paragraphs]
    assert [paragraph.text for paragraph in Document(str(copy)).paragraphs] == original
    with zipfile.ZipFile(copy) as package:
        comments = html.unescape(package.read("word/comments.xml").decode("utf-8"))
    assert all(change["message"] in comments for change in json.loads(out)["changes"])
