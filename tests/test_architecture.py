"""The parts keep to the layers ARCHITECTURE.md draws: import-linter's layers contract in pyproject.toml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from testkit import REPO


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on the ``ehcplan`` package found first in ``root``, with the project's contracts."""
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True, no_logo=True))"
    environment = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=environment, capture_output=True, text=True, timeout=120
    )


def _copy_of_the_package(folder: Path) -> Path:
    shutil.copytree(
        REPO / "ehcplan", folder / "ehcplan", ignore=shutil.ignore_patterns("__pycache__", "_data")
    )
    shutil.copy(REPO / "pyproject.toml", folder / "pyproject.toml")
    return folder


def test_every_part_imports_only_the_parts_below_it(tmp_path: Path) -> None:
    done = _lint_imports(_copy_of_the_package(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_a_check_module_reading_files_breaks_the_contract(tmp_path: Path) -> None:
    root = _copy_of_the_package(tmp_path)
    rule = root / "ehcplan" / "check" / "rules" / "language.py"
    # Even an import made late, inside a function, is seen.
    rule.write_text(rule.read_text() + "\n\ndef _late():\n    from ehcplan.readers import read_plan\n")
    done = _lint_imports(root)
    assert done.returncode == 1
    assert "ehcplan.check.rules.language -> ehcplan.readers" in done.stdout


def test_the_library_never_imports_a_face(tmp_path: Path) -> None:
    root = _copy_of_the_package(tmp_path)
    worker = root / "ehcplan" / "audit" / "worker.py"
    worker.write_text(worker.read_text() + "\n\ndef _late():\n    from ehcplan.commands import check\n")
    done = _lint_imports(root)
    assert done.returncode == 1
    assert "ehcplan.audit.worker -> ehcplan.commands" in done.stdout
