"""Which files an audit reads: the files named, and the plan files in the folders named."""

from __future__ import annotations

import os
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ehcplan.readers import SUFFIXES

# Old binary Word files are listed too, so the panel is told to convert them rather than
# never hearing of them.
AUDITED_SUFFIXES = frozenset((*SUFFIXES, ".doc"))


@dataclass(frozen=True)
class Sample:
    """A random sample drawn as panels draw one: how many, from how many, with which seed."""

    size: int
    population: int
    seed: int


def collect_plans(paths: Iterable[Path], skip: Iterable[Path] = ()) -> list[Path]:
    """Every file named, and every plan file under each folder named (recursively), sorted.

    A named path that does not exist is kept, so the report can say it could not be read.
    Hidden files and folders, Word's lock files (``~$plan.docx``) and the files in ``skip`` (this
    run's own outputs) are left out.
    """
    skipped = {_resolved(path) for path in skip}
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(file for file in _plans_under(path) if _resolved(file) not in skipped)
        elif _resolved(path) not in skipped:
            found.add(path)
    return sorted(found, key=lambda path: path.as_posix())


def _plans_under(folder: Path) -> Iterable[Path]:
    for root, folders, files in os.walk(folder):  # symbolic links to folders are not followed
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in files:
            if name.startswith((".", "~$")):
                continue
            if Path(name).suffix.lower() in AUDITED_SUFFIXES:
                yield Path(root) / name


def draw_sample(files: list[Path], size: int, seed: int) -> tuple[list[Path], Sample]:
    """``size`` files chosen at random (all of them if there are fewer), in sorted order.

    The same files and seed always give the same sample, so a panel can repeat it.
    """
    chosen = files if size >= len(files) else random.Random(seed).sample(files, size)
    return sorted(chosen, key=lambda path: path.as_posix()), Sample(len(chosen), len(files), seed)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of links (Python 3.11)
        return path.absolute()
