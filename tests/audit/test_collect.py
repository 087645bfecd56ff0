"""Which files an audit reads, and how a sample is drawn."""

from __future__ import annotations

from pathlib import Path

from ehcplan.audit.collect import collect_plans, draw_sample


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")
    return path


def test_folders_are_searched_for_plan_files_only(tmp_path: Path) -> None:
    wanted = [
        touch(tmp_path / "a.yaml"),
        touch(tmp_path / "sub" / "b.docx"),
        touch(tmp_path / "sub" / "deeper" / "c.PDF"),
        touch(tmp_path / "d.md"),
        touch(tmp_path / "e.txt"),
        touch(tmp_path / "f.json"),
        touch(tmp_path / "old.doc"),  # listed, so the panel is told to convert it
    ]
    touch(tmp_path / "notes.xlsx")
    touch(tmp_path / "~$b.docx")  # Word's lock file
    touch(tmp_path / ".hidden" / "g.yaml")
    touch(tmp_path / ".h.yaml")
    assert collect_plans([tmp_path]) == sorted(wanted, key=lambda p: p.as_posix())


def test_files_named_are_kept_even_when_missing_and_outputs_are_skipped(tmp_path: Path) -> None:
    plan = touch(tmp_path / "plans" / "a.yaml")
    report = touch(tmp_path / "plans" / "report.json")
    missing = tmp_path / "gone.yaml"
    assert collect_plans([tmp_path / "plans", missing, plan], skip=[report]) == [missing, plan]


def test_a_sample_is_repeatable_sorted_and_never_larger_than_the_population() -> None:
    files = [Path(f"plan-{number:03}.yaml") for number in range(200)]
    first, sample = draw_sample(files, 20, seed=7)
    again, _ = draw_sample(files, 20, seed=7)
    other, _ = draw_sample(files, 20, seed=8)
    assert first == again and first != other
    assert len(first) == 20 == len(set(first)) and first == sorted(first)
    assert (sample.size, sample.population, sample.seed) == (20, 200, 7)
    everything, whole = draw_sample(files[:5], 20, seed=1)
    assert everything == files[:5] and whole.size == 5
