"""Hostile and broken input: every reader refuses it with one line, quickly, and nothing leaks."""

from __future__ import annotations

import contextlib
import json
import os
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ehcplan.cli import main
from ehcplan.errors import PlanFileError
from ehcplan.model import Plan
from ehcplan.readers import read_plan

YAML_WORDS = st.sampled_from(
    [
        "details",
        "sections",
        "child",
        "name",
        "E",
        "F",
        "B",
        "text",
        "needs",
        "- ",
        ": ",
        "\n",
        "  ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!python/object ",
        "2027-02-30",
        "B1",
        "'",
        '"',
        "#",
        "|",
        ">",
        "1:1",
        "no",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(YAML_WORDS | st.text(string.printable, max_size=8), max_size=40).map("".join))
@example(text="!!python/object :")  # a tag on a key, found by this test
def test_any_yaml_either_loads_or_is_refused_with_our_error(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        plan = read_plan(path)
    except PlanFileError as error:
        assert all("\n" not in line for line in error.lines())
    else:
        assert isinstance(plan, Plan)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".yaml", ".json", ".md", ".txt"]))
def test_random_bytes_never_escape_as_another_error(tmp_path_factory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"plan{suffix}"
    path.write_bytes(data)
    with contextlib.suppress(PlanFileError):
        read_plan(path)


@settings(max_examples=100, deadline=None)
@given(
    sections=st.dictionaries(
        st.sampled_from(["B", "E", "F", "G", "H1"]),
        st.lists(
            st.text(min_size=0, max_size=30) | st.fixed_dictionaries({"text": st.text(max_size=20)}),
            max_size=4,
        ),
        max_size=4,
    )
)
def test_the_model_validates_or_raises_validation_errors(sections: dict) -> None:
    from pydantic import ValidationError

    with contextlib.suppress(ValidationError):
        Plan.model_validate({"sections": sections})


def _alias_bomb() -> str:
    lines = ["b0: &b0 [" + ", ".join(["x"] * 9) + "]"]
    for n in range(1, 9):
        lines.append(f"b{n}: &b{n} [" + ", ".join([f"*b{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


ALIAS_BOMB = _alias_bomb()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.md", b"", "the file is empty"),
        ("blank.txt", b"   \n\n", "the file is empty"),
        ("binary.md", bytes(range(256)) * 4, "not a text file"),
        ("nul.yaml", b"details:\x00\x00\x00", "not a text file"),
        ("latin.md", "Section E: Outcomes\n1. Zoë will read 20 words by July 2027.\n".encode("cp1252"), None),
        ("bomb.yaml", ALIAS_BOMB.encode(), "more than 200,000 values"),
        (
            "tags.yaml",
            b"details: !!python/object/apply:os.system ['touch /tmp/ehcplan-owned']\n",
            "is not allowed",
        ),
    ],
)
def test_bad_files_give_one_clear_line_and_exit_2(
    tmp_path: Path, capsys, name: str, content: bytes, expected
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code = main(["validate", str(path)])
    err = capsys.readouterr().err.strip()
    if expected is None:
        assert code == 0
        return
    assert code == 2
    assert len(err.splitlines()) == 1 and expected in err
    assert not os.path.exists("/tmp/ehcplan-owned")


def test_huge_files_are_refused_before_reading(tmp_path: Path, capsys) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as stream:
        stream.seek(25_000_000)
        stream.write(b"x")
    assert main(["check", str(path)]) == 2
    assert "up to 20 MB" in capsys.readouterr().err


def test_check_uses_no_network(no_network, capsys) -> None:
    from testkit import sample_paths

    paths = [str(path) for path in sample_paths()]
    main(["check", "--format", "json", *paths])
    report = json.loads(capsys.readouterr().out)
    assert len(report["files"]) == len(paths)
    assert all(entry["readability"]["plan"]["words"] > 0 for entry in report["files"])


# --- Word documents ---------------------------------------------------------------------------


def _docx_bytes(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx package around a document.xml."""
    import io
    import zipfile

    content_types = (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        b'Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", content_types)
        package.writestr("_rels/.rels", rels)
        package.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return buffer.getvalue()


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _body(text: bytes, doctype: bytes = b"") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>' + doctype + b"<w:document " + W + b"><w:body>"
        b"<w:p><w:r><w:t>Section E: Outcomes</w:t></w:r></w:p><w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"
        b"</w:body></w:document>"
    )


def _check_docx(tmp_path: Path, capsys, data: bytes) -> tuple[int, str, str]:
    path = tmp_path / "plan.docx"
    path.write_bytes(data)
    code = main(["check", "--select", "SMART", "--format", "json", str(path)])
    out, err = capsys.readouterr()
    return code, out, err.strip()


def test_external_entities_are_never_resolved(tmp_path: Path, capsys) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENTS")
    doctype = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "' + secret.as_uri().encode() + b'">]>'
    code, out, err = _check_docx(
        tmp_path, capsys, _docx_bytes(_body(b"Maya will read &xxe; words.", doctype))
    )
    assert "TOP-SECRET-CONTENTS" not in out + err
    assert code in (0, 1, 2) and (code != 2 or len(err.splitlines()) == 1)


def test_billion_laughs_is_inert(tmp_path: Path, capsys) -> None:
    entities = b'<!ENTITY l0 "lol">' + b"".join(
        b'<!ENTITY l%d "%s">' % (n, b"".join(b"&l%d;" % (n - 1) for _ in range(10))) for n in range(1, 10)
    )
    doctype = b"<!DOCTYPE w:document [" + entities + b"]>"
    code, out, err = _check_docx(tmp_path, capsys, _docx_bytes(_body(b"&l9;", doctype)))
    assert "lollollol" not in out
    assert code in (0, 1, 2) and (code != 2 or len(err.splitlines()) == 1)


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path, capsys) -> None:
    bomb = _docx_bytes(_body(b"Maya reads."), {"word/media/padding.bin": b"\0" * 50_000_000})
    code, _out, err = _check_docx(tmp_path, capsys, bomb)
    assert code == 2 and len(err.splitlines()) == 1 and "compressed suspiciously" in err


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600, "password-protected or in the old Word format"),
        (b"PK\x03\x04" + b"\0" * 20, "not a Word document"),
        (_docx_bytes(_body(b"Maya reads."))[:300], "not a Word document"),
        (b"", "not a Word document"),
    ],
    ids=["encrypted-or-doc", "fake-zip", "truncated", "empty"],
)
def test_broken_word_files_give_one_line(tmp_path: Path, capsys, data: bytes, expected: str) -> None:
    code, _out, err = _check_docx(tmp_path, capsys, data)
    assert code == 2
    assert len(err.splitlines()) == 1 and expected in err


def test_old_doc_files_say_how_to_convert(tmp_path: Path, capsys) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)
    assert main(["check", str(path)]) == 2
    assert "save it as .docx" in capsys.readouterr().err


def test_pdf_without_text_says_it_looks_scanned(tmp_path: Path, capsys) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    path = tmp_path / "scan.pdf"
    document.save(path)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "scan" in err.lower()


def test_render_annotate_and_import_use_no_network(no_network, tmp_path: Path, capsys) -> None:
    from docx_layouts import write_layout
    from testkit import sample_paths

    sample = next(path for path in sample_paths() if "weak" not in path.stem)
    assert (
        main(["render", str(sample), "--to", "html", "-o", str(tmp_path / "plan.html"), "--with-findings"])
        == 0
    )
    assert main(["render", str(sample), "--to", "docx", "-o", str(tmp_path / "plan.docx")]) == 0
    document = write_layout("headings", tmp_path)
    assert main(["annotate", str(document), "-o", str(tmp_path / "reviewed.docx")]) in (0, 1)
    assert main(["import", str(document), "-o", str(tmp_path / "imported.yaml")]) == 0
    capsys.readouterr()
    assert {path.name for path in tmp_path.iterdir()} >= {
        "plan.html",
        "plan.docx",
        "reviewed.docx",
        "imported.yaml",
    }


def test_an_interrupted_write_leaves_no_file_behind(tmp_path: Path, monkeypatch) -> None:
    from ehcplan import files

    target = tmp_path / "out.html"

    def crash(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "link", crash)
    monkeypatch.setattr(files.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(target, "<p>half</p>")
    assert list(tmp_path.iterdir()) == []


def test_outputs_never_replace_inputs_or_existing_files(tmp_path: Path, capsys) -> None:
    from testkit import sample_paths

    sample = next(path for path in sample_paths() if "weak" not in path.stem)
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(sample.read_bytes())
    before = plan.read_bytes()
    assert main(["render", str(plan), "--to", "html", "-o", str(plan)]) == 2
    existing = tmp_path / "plan.html"
    existing.write_text("mine")
    assert main(["render", str(plan), "--to", "html"]) == 2
    assert plan.read_bytes() == before and existing.read_text() == "mine"
    assert "already exists" in capsys.readouterr().err


# --- measured against real files: messages that name the problem --------------------------------


def test_utf16_text_from_notepad_reads_like_utf8(tmp_path: Path) -> None:
    from docx_layouts import markdown

    from ehcplan.check.checker import check_plan

    utf8, utf16 = tmp_path / "plan.md", tmp_path / "unicode.md"
    utf8.write_text(markdown(), encoding="utf-8")
    utf16.write_bytes(markdown().encode("utf-16"))  # with a byte order mark, as Notepad saves "Unicode"
    first, second = read_plan(utf8), read_plan(utf16)
    assert second.model_dump(exclude={"sources"}) == first.model_dump(exclude={"sources"})
    assert len(check_plan(second, "p").findings) == len(check_plan(first, "p").findings)


def test_a_plan_far_longer_than_any_real_one_is_refused_in_seconds(tmp_path: Path, capsys) -> None:
    import time

    from ehcplan.readers.limits import MAX_WORDS

    path = tmp_path / "long.md"
    path.write_text("# Section F: Special educational provision\n\n" + "word " * (MAX_WORDS + 1))
    started = time.monotonic()
    assert main(["check", str(path)]) == 2
    assert time.monotonic() - started < 20
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"up to {MAX_WORDS:,} words" in err


def test_long_word_and_pdf_plans_are_refused_too(tmp_path: Path, monkeypatch, capsys) -> None:
    import pypdfium2
    from docx_layouts import write_layout

    from ehcplan.readers import limits, pdf

    monkeypatch.setattr(limits, "MAX_WORDS", 50)
    assert main(["check", str(write_layout("headings", tmp_path))]) == 2
    assert "up to 50 words" in capsys.readouterr().err
    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    document.new_page(595, 842)
    path = tmp_path / "pages.pdf"
    document.save(path)
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    assert main(["check", str(path)]) == 2
    assert (
        capsys.readouterr().err.strip()
        == f"{path}: the PDF has 2 pages; ehcplan reads plans of up to 1 pages"
    )


@pytest.mark.parametrize(
    ("stream", "expected"),
    [
        ("EncryptionInfo", "is protected by a password; open it in Word, remove the password"),
        ("WordDocument", "is an old-style Word file (.doc) with a .docx name"),
    ],
)
def test_the_older_container_says_which_problem_it_is(
    tmp_path: Path, capsys, stream: str, expected: str
) -> None:
    # The directory of the container names its streams in UTF-16.
    data = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504 + stream.encode("utf-16-le") + b"\0" * 100
    code, _out, err = _check_docx(tmp_path, capsys, data)
    assert code == 2 and len(err.splitlines()) == 1 and expected in err


@pytest.mark.parametrize(
    "declaration", [b'<!DOCTYPE w:document [<!ENTITY a "b">]>', b"<!DOCTYPE w:document>"]
)
def test_xml_with_a_doctype_is_refused_unread(tmp_path: Path, capsys, declaration: bytes) -> None:
    code, out, err = _check_docx(tmp_path, capsys, _docx_bytes(_body(b"Maya reads.", declaration)))
    assert code == 2 and "Maya" not in out
    assert (
        err
        == f"{tmp_path / 'plan.docx'}: a part of the Word document (word/document.xml) declares XML entities, which Word never writes; ehcplan does not open it (open it in Word and save a new copy)"
    )
