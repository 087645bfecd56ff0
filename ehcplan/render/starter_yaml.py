"""`ehcplan new`: a commented starter plan that explains each section in plain words."""

from __future__ import annotations

from pathlib import Path

from ehcplan.errors import EhcplanError
from ehcplan.files import write_atomic
from ehcplan.paths import data_dir


def write_starter(target: Path) -> None:
    """Write the starter plan to ``target``; refuses if the file exists."""
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise EhcplanError(
            f"{target}: a new plan is written as YAML or Word; give a name ending in .yaml or .docx"
        )
    if target.exists():
        raise EhcplanError(f"{target}: already exists; ehcplan new never overwrites a plan")
    write_atomic(target, (data_dir("templates") / "starter.yaml").read_text(encoding="utf-8"))
