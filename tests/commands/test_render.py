"""`ehcplan render`: where it writes, what it refuses, and its one-line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from testkit import sample_paths, tiny_png

from ehcplan.cli import main

LEO = next(path for path in sample_paths() if "leo" in path.stem)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of a sample in a folder of its own."""
    target = tmp_path / "leo.yaml"
    shutil.copy(LEO, target)
    return target


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("to", "magic"), [("docx", b"PK"), ("html", b"<!doctype html>")])
def test_default_output_is_next_to_the_plan_with_the_new_suffix(
    plan: Path, capsys, to: str, magic: bytes
) -> None:
    code, out, err = run(capsys, "render", str(plan), "--to", to)
    target = plan.with_suffix(f".{to}")
    assert (code, err) == (0, "")
    assert out == f"Wrote {target}\n"
    assert target.read_bytes().startswith(magic)
    assert [path.name for path in plan.parent.iterdir() if path.name.startswith(".")] == [], "no stray files"


def test_format_from_the_output_suffix(plan: Path, capsys) -> None:
    out = plan.parent / "out" / "plan.htm"
    out.parent.mkdir()
    assert run(capsys, "render", str(plan), "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    code, _, err = run(capsys, "render", str(plan))
    assert code == 2 and err == "say which format to write with --to docx or --to html\n"


def test_refuses_to_overwrite_without_force(plan: Path, capsys) -> None:
    target = plan.with_suffix(".html")
    target.write_text("my own notes", encoding="utf-8")
    code, _, err = run(capsys, "render", str(plan), "--to", "html")
    assert code == 2
    assert err == f"{target}: already exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "my own notes"
    assert run(capsys, "render", str(plan), "--to", "html", "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_refuses_to_write_over_the_plan(plan: Path, capsys) -> None:
    before = plan.read_bytes()
    code, _, err = run(capsys, "render", str(plan), "--to", "html", "-o", str(plan), "--force")
    assert code == 2
    assert err == f"{plan}: refusing to write over the input file; choose another output with -o\n"
    assert plan.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        ("details: [unclosed\n", ""),
        ("details:\n  status: finished\n", "details.status"),
    ],
)
def test_unreadable_plan_exits_2_with_one_line(
    tmp_path: Path, capsys, content: str | None, expected: str
) -> None:
    path = tmp_path / "plan.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "render", str(path), "--to", "docx")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith(str(path)) and expected in err
    assert "Traceback" not in err
    assert not path.with_suffix(".docx").exists()


def test_branding_comes_from_the_config(plan: Path, capsys) -> None:
    (plan.parent / "logo.png").write_bytes(tiny_png())
    (plan.parent / ".ehcplan.toml").write_text(
        '[branding]\nname = "Riverton City Council"\nlogo = "logo.png"\naccent-colour = "#00703C"\n',
        encoding="utf-8",
    )
    assert run(capsys, "render", str(plan), "--to", "html")[0] == 0
    page = plan.with_suffix(".html").read_text(encoding="utf-8")
    assert 'alt="Riverton City Council logo"' in page and "--ehc-accent: #00703c;" in page


def test_a_pale_accent_colour_is_refused_in_one_line(plan: Path, capsys) -> None:
    config = plan.parent / ".ehcplan.toml"
    config.write_text('[branding]\naccent-colour = "#ffcc00"\n', encoding="utf-8")
    code, _, err = run(capsys, "render", str(plan), "--to", "html")
    assert code == 2
    assert err == (
        f"{config}: config branding.accent-colour: '#ffcc00' has a contrast of 1.5:1 with white, so text in "
        "it would be hard to read; choose a darker colour with at least 4.5:1, such as '#1d70b8'\n"
    )
    assert not plan.with_suffix(".html").exists()


def test_with_findings_makes_a_review_copy(tmp_path: Path, capsys) -> None:
    weak = tmp_path / "weak.yaml"
    shutil.copy(next(path for path in sample_paths() if "weak" in path.stem), weak)
    assert run(capsys, "render", str(weak), "--to", "html", "--with-findings")[0] == 0
    page = weak.with_suffix(".html").read_text(encoding="utf-8")
    assert "<mark" in page and 'id="finding-1"' in page
    assert run(capsys, "render", str(weak), "--to", "docx", "--with-findings")[0] == 0
