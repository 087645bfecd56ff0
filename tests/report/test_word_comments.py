from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import docx_layouts as layouts
from docx import Document
from lxml import etree

from ehcplan.cli import main

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def comments(path: Path) -> list[tuple[str, str, str, str]]:
    """(words covered, author, comment text, paragraph text) for each comment, in document order."""
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        notes = etree.fromstring(package.read("word/comments.xml"))
    text = {
        note.get(f"{W}id"): (
            note.get(f"{W}author"),
            "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in note.iter(f"{W}p")),
        )
        for note in notes.iter(f"{W}comment")
    }
    found = []
    for start in body.iter(f"{W}commentRangeStart"):
        number = start.get(f"{W}id")
        words, paragraph = [], start.getparent()
        node = start
        while True:
            node = node.getnext() if node.getnext() is not None else None
            if node is None or (node.tag == f"{W}commentRangeEnd" and node.get(f"{W}id") == number):
                break
            words.extend(t.text or "" for t in node.iter(f"{W}t"))
        whole = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        found.append(("".join(words), *text[number], whole))
    return found


def test_comments_sit_on_the_words_at_fault(tmp_path: Path, capsys) -> None:
    source = layouts.write_layout("headings", tmp_path)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    assert main(["annotate", str(source)]) == 0
    assert "comments on the words at fault" in capsys.readouterr().out
    output = tmp_path / "headings.reviewed.docx"
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    found = comments(output)
    assert all(author == "ehcplan" for _words, author, _text, _para in found)
    summary = found[0]
    assert summary[0] == "Education, Health and Care plan"
    assert "Overall:" in summary[2] and "Sections:" in summary[2]
    by_words = {(words, text.split(" ", 1)[0]): para for words, _a, text, para in found}
    assert by_words[("Access to", "PROV004")] == "Access to speech and language therapy as required."
    assert by_words[("as required", "PROV004")] == "Access to speech and language therapy as required."
    assert by_words[("improve", "SMART002")] == "Sam will improve his communication skills."
    assert by_words[("Regular", "PROV004")] == "Regular reading support."
    # The message and the suggestion are both in the comment.
    hedge = next(text for words, _a, text, _p in found if words == "as required")
    assert "What to do:" in hedge


def test_splitting_a_run_keeps_its_formatting(tmp_path: Path) -> None:
    document = Document()
    document.add_heading("Section F: Special educational provision", 1)
    paragraph = document.add_paragraph()
    run = paragraph.add_run("Access to speech and language therapy as required.")
    run.bold, run.italic = True, True
    source = tmp_path / "plan.docx"
    document.save(str(source))
    assert main(["annotate", str(source), "-o", str(tmp_path / "out.docx")]) == 0
    runs = [r for r in Document(str(tmp_path / "out.docx")).paragraphs[1].runs if r.text]
    assert [r.text for r in runs][:3] == ["Access to", " speech and language therapy ", "as required"]
    assert all(r.bold and r.italic for r in runs)


def test_annotate_refuses_to_overwrite_and_non_docx(tmp_path: Path, capsys) -> None:
    source = layouts.write_layout("numbered", tmp_path)
    target = tmp_path / "out.docx"
    target.write_bytes(b"keep")
    assert main(["annotate", str(source), "-o", str(target)]) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert target.read_bytes() == b"keep"
    assert main(["annotate", str(source), "-o", str(target), "--force"]) == 0
    assert main(["annotate", str(source), "-o", str(source), "--force"]) == 2
    assert "refusing to write over the input file" in capsys.readouterr().err
    text = tmp_path / "plan.md"
    text.write_text(layouts.markdown())
    assert main(["annotate", str(text)]) == 2
    assert "needs a .docx file" in capsys.readouterr().err
