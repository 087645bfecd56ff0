"""Odd files and failing writes end in one plain line and exit 2, never a hang or a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from testkit import SAMPLES

from ehcplan.cli import main


def run(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ehcplan", *argv], capture_output=True, text=True, timeout=timeout
    )


def test_a_pipe_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    result = run("check", str(fifo), timeout=30)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"{fifo}: is not an ordinary file (a pipe, device or socket); give a saved plan file"
    ]


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "plan.md"
    link.symlink_to("/dev/zero")
    result = run("check", str(link), timeout=30)
    assert result.returncode == 2 and "not an ordinary file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_loop_of_links_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    result = run("validate", str(tmp_path / "a.yaml"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot open it" in result.stderr


def test_a_full_disk_is_one_line_and_leaves_nothing_behind(tmp_path: Path, monkeypatch, capsys) -> None:
    import ehcplan.files as files

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    target = tmp_path / "leo.html"
    code = main(["render", str(SAMPLES / "primary-year5-leo.yaml"), "--to", "html", "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == f"{target}: cannot write the file: No space left on device"
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_an_internal_error_is_one_line_and_exit_2(monkeypatch, capsys) -> None:
    import ehcplan.check.batch as batch

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("something the checker did not expect")

    monkeypatch.setattr(batch, "check_plan", broken)
    code = main(["check", str(SAMPLES / "primary-year5-leo.yaml")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "internal error (ValueError: something the checker did not expect)" in err
    assert "Traceback" not in err
    assert main(["--verbose", "check", str(SAMPLES / "primary-year5-leo.yaml")]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_a_missing_file_says_so_once_and_claims_nothing(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path / "gone.yaml")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == f"{tmp_path / 'gone.yaml'}: no such file"


def test_control_characters_in_a_file_name_are_not_printed_raw(tmp_path: Path, capsys) -> None:
    name = tmp_path / "plan\x1b[31mred.yaml"
    assert main(["check", str(name)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "plan?[31mred.yaml: no such file" in err


def test_a_formula_after_a_european_separator_is_escaped() -> None:
    from ehcplan.audit.entry import AuditEntry
    from ehcplan.report.audit_csv import render_audit_csv

    text = render_audit_csv([AuditEntry.unreadable("x;=1+1;.yaml", "could not be read")])
    assert ";'=1+1;" in text and '"x;' in text  # every cell quoted, the formula shown as text


def test_control_characters_pasted_from_a_pdf_render_to_word(tmp_path: Path) -> None:
    import io

    import docx
    import yaml

    data = yaml.safe_load((SAMPLES / "primary-year5-leo.yaml").read_text(encoding="utf-8"))
    data["sections"]["B"][0]["text"] += " pasted\x0bfrom\x07a PDF\x1b"
    source = tmp_path / "leo.yaml"
    source.write_text(yaml.safe_dump(data), encoding="utf-8")
    target = tmp_path / "leo.docx"
    assert main(["render", str(source), "--to", "docx", "-o", str(target)]) == 0
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs)
    text += "\n".join(
        cell.text for table in docx.Document(str(target)).tables for row in table.rows for cell in row.cells
    )
    assert "pasted from a PDF" in text


@pytest.mark.parametrize(
    ("name", "body", "reason"),
    [
        ("huge-word.md", "## Section B\n\nB1. " + "x" * 2_000_000 + "\n", "a 'word' of 2,000,000 characters"),
        ("one-sentence.txt", "Section B\n" + "word " * 20_000 + "\n", "one paragraph has 20,000 words"),
        ("huge-word.yaml", "sections:\n  B:\n    - " + "y" * 5_000 + "\n", "a 'word' of 5,000 characters"),
    ],
)
def test_outsized_text_is_refused_before_any_parsing(
    tmp_path: Path, name: str, body: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    result = run("check", str(path), timeout=60)
    assert result.returncode == 2
    assert reason in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_deeply_nested_yaml_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("sections:\n  B: " + "[" * 5_000 + "]" * 5_000 + "\n", encoding="utf-8")
    result = run("validate", str(path), timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) >= 1


def test_a_table_row_wider_than_word_allows_is_refused_at_once(tmp_path: Path) -> None:
    import copy
    import time

    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    row = table.rows[0]._tr
    first = row[-1]
    for number in range(200):
        cell = copy.deepcopy(first)
        cell[-1].append(copy.deepcopy(document.add_paragraph(f"cell {number} {number * 7919}")._p))
        row.append(cell)
    path = tmp_path / "wide.docx"
    document.save(str(path))
    started = time.monotonic()
    result = run("check", str(path))
    assert result.returncode == 2 and "has 201 cells; Word tables have at most 63 columns" in result.stderr
    assert time.monotonic() - started < 30


def test_a_killed_write_leaves_no_plan_text_behind_for_long(tmp_path: Path) -> None:
    import time

    from ehcplan.files import STALE_SECONDS, write_atomic

    leftover = tmp_path / ".leo.html.abc123.part"
    leftover.write_text("Leo's plan, half written", encoding="utf-8")
    old = time.time() - STALE_SECONDS - 60
    os.utime(leftover, (old, old))
    fresh = tmp_path / ".leo.html.def456.part"  # another write may be under way: left alone
    fresh.write_text("in progress", encoding="utf-8")
    write_atomic(tmp_path / "leo.html", "<p>done</p>")
    assert not leftover.exists() and fresh.exists()
    assert (tmp_path / "leo.html").read_text(encoding="utf-8") == "<p>done</p>"
