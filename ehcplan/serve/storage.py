"""The folder of plans the editor works on: safe names, reading, and saving without losing anything.

Only YAML files directly inside the folder can be named: a name is a plain file name (no
folders, no ``..``, not absolute), and a link is never followed, so nothing outside the folder
is read or written. A save merges the editor's values into the file (keeping comments), checks
that the result is a valid plan, and only then writes it, atomically; a save that would replace
changes made to the file since it was opened is refused until the writer saves again.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ehcplan.errors import EhcplanError, PlanFileError
from ehcplan.files import write_atomic
from ehcplan.model import Plan
from ehcplan.paths import data_dir
from ehcplan.readers.limits import refuse_oversized_plan
from ehcplan.readers.structured import explain_error, load_document, parse_structured_plan, read_text
from ehcplan.serve.yaml_merge import commented, dump_round_trip, load_round_trip, merge_plan
from ehcplan.session import Session

# A plain file name: letters, digits, spaces, dots, dashes, brackets; ending .yaml or .yml.
PLAN_NAME = re.compile(r"^\w[\w .()-]{0,150}\.ya?ml$")
# An earlier version of a plan to compare with: a plan file, or the Word, PDF or text copy a family has.
VERSION_NAME = re.compile(r"^\w[\w .()'-]{0,150}\.(?:ya?ml|json|docx|pdf|md|markdown|txt)$", re.IGNORECASE)
# A file name made from a child's name: at most this long (before .yaml), and at most this many
# numbered tries ("leo-2", "leo-3" ...) before the writer is asked to choose one.
STEM_LIMIT = 60
NUMBERED_TRIES = 1000
# Letters that no accent-folding takes apart, written as plain letters.
_PLAIN_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i"}
)
# List indices under these fields are parts of one form field ('needs: B1, B2'), not rows.
_ONE_FIELD_LISTS = ("needs", "outcomes", "interests", "strengths")


class UnsafeName(EhcplanError):
    """A plan name that is not a plain YAML file name inside the folder."""


class PlanMissing(EhcplanError):
    """A plan name that is safe but names no file."""


@dataclass(frozen=True)
class Problem:
    """Why a save was refused: the form field at fault (if one is), and a plain message."""

    field: str | None
    message: str


class SaveRefused(EhcplanError):
    """The editor's values do not make a valid plan, or the file changed since it was opened."""

    def __init__(self, problems: list[Problem], *, version: str | None = None) -> None:
        self.problems = problems
        self.version = version  # the file's version now, when it changed underneath the writer
        super().__init__(problems[0].message if problems else "the plan could not be saved")


@dataclass(frozen=True)
class StoredPlan:
    """A plan as read from its file, with the version (a hash of the file) the editor started from."""

    name: str
    text: str
    plan: Plan
    version: str


class PlanFolder:
    """The plans in one folder."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve(strict=True)
        # name -> (the file's text, its plain data, the plan it held): what a check merges into.
        self._bases: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {}

    def names(self) -> list[str]:
        """The plan files in the folder, by name (links and other files left out)."""
        return self._files(PLAN_NAME)

    def _files(self, names: re.Pattern[str]) -> list[str]:
        return sorted(
            path.name
            for path in self.root.iterdir()
            if names.fullmatch(path.name) and path.is_file() and not path.is_symlink()
        )

    def path(self, name: str) -> Path:
        """The file for a plan name; refused unless it is a plain name of a file in this folder."""
        if not PLAN_NAME.fullmatch(name):
            raise UnsafeName(f"'{name}' is not a plan name: use a file name ending .yaml, with no folders")
        return self._inside(name)

    def _inside(self, name: str) -> Path:
        """The file ``name`` in this folder, refused when it is a link or leads out of the folder."""
        path = self.root / name
        if path.is_symlink():
            raise UnsafeName(f"{name}: is a link; ehcplan serve opens only plan files in its folder")
        if path.resolve().parent != self.root:
            raise UnsafeName(f"{name}: is not in the folder ehcplan serve was started on")
        return path

    def versions(self) -> list[str]:
        """The files in the folder an earlier version of a plan may be in (plans, Word, PDF, text)."""
        return self._files(VERSION_NAME)

    def read_version(self, name: str, session: Session) -> Plan:
        """An earlier version of a plan, in any format the readers know; refused unless it is a
        plain name of a file in this folder."""
        if not VERSION_NAME.fullmatch(name):
            raise UnsafeName(f"'{name}' is not a plan file in this folder")
        path = self._inside(name)
        if not path.is_file():
            raise PlanMissing(f"{name}: there is no such file in this folder")
        from ehcplan.readers import read_plan

        return read_plan(path, session)

    def read(self, name: str) -> StoredPlan:
        """Read a plan; PlanFileError with one line per problem when it is not valid."""
        path = self.path(name)
        if not path.is_file():
            raise PlanMissing(f"{name}: there is no such plan in this folder")
        text = read_text(path)
        return StoredPlan(name, text, parse_structured_plan(text, name), version_of(text))

    def merged(self, name: str | None, data: dict[str, Any]) -> tuple[str, Plan]:
        """The plan's YAML with the editor's values put in, and the plan it makes; nothing is written.

        ``name`` None starts from an empty plan. SaveRefused lists the problems when the values
        do not make a valid plan.
        """
        # Refused before anything is merged: a plan too long to check is too long to save.
        refuse_oversized_plan(name or "plan", data)
        text = read_text(self.path(name)) if name else ""
        document = load_round_trip(text)
        merge_plan(document, data, _before(text, name or "plan"))
        new_text = dump_round_trip(document)
        raw, _lines = load_document(new_text, name or "plan")
        try:
            plan = Plan.model_validate(raw)
        except ValidationError as error:
            raise SaveRefused([_problem(detail) for detail in error.errors()]) from None
        return new_text, plan

    def checked(self, name: str | None, data: dict[str, Any]) -> Plan:
        """The plan the editor's values make, as ``merged`` gives it, for a check: no YAML is written.

        A check comes at every pause in typing, so the file's parse is kept (by its text) and the
        values are merged into a plain copy of it; comments and layout matter only to a save.
        """
        refuse_oversized_plan(name or "plan", data)
        text = read_text(self.path(name)) if name else ""
        try:
            raw, before = self._basis(text, name or "plan")
        except PlanFileError:
            return self.merged(name, data)[1]  # the slow path says what is wrong with the file
        document = commented(raw)
        merge_plan(document, data, before)
        try:
            return Plan.model_validate(document)
        except ValidationError as error:
            raise SaveRefused([_problem(detail) for detail in error.errors()]) from None

    def _basis(self, text: str, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """The file's plain data and the plan it held (``_before``), kept for the last text of each plan."""
        kept = self._bases.get(name)
        if kept is None or kept[0] != text:
            raw = load_document(text, name)[0] if text.strip() else {}
            kept = (text, raw, _before(text, name))
            self._bases[name] = kept
        return kept[1], kept[2]

    def save(self, name: str, data: dict[str, Any], version: str | None) -> str:
        """Write the editor's values into the plan's file; the file's new version.

        Refused, with nothing written, when the values are not a valid plan or when the file has
        changed since ``version`` was read.
        """
        path = self.path(name)
        if not path.is_file():
            raise PlanMissing(f"{name}: there is no such plan in this folder")
        current = version_of(read_text(path))
        if version != current:
            raise SaveRefused(
                [
                    Problem(
                        None,
                        f"{name} was changed outside the editor since you opened it. Nothing has been "
                        "saved; what you typed is still here. Save again to replace the file with it, "
                        "or open the plan again to see the changes.",
                    )
                ],
                version=current,
            )
        new_text, _plan = self.merged(name, data)
        write_atomic(path, new_text, force=True)  # the plan file itself is the output of a save
        return version_of(new_text)

    def create(self, name: str, child_name: str | None = None) -> None:
        """Write a new plan from the starter (with its notes to the writer); never over a file."""
        path = self.path(name)
        document = load_round_trip((data_dir("templates") / "starter.yaml").read_text(encoding="utf-8"))
        if child_name:
            document["details"]["child"]["name"] = child_name
        if path.exists():
            raise SaveRefused([Problem("name", f"{name} already exists; choose another name")])
        try:
            write_atomic(path, dump_round_trip(document))
        except EhcplanError as error:
            if path.exists():  # made by someone else in the same instant
                raise SaveRefused([Problem("name", f"{name} already exists; choose another name")]) from None
            raise SaveRefused([Problem("name", error.lines()[0])]) from None

    def create_for_child(self, child_name: str) -> str | None:
        """Write a new plan named from the child's name ('leo-fairbairn.yaml', else '-2', '-3' ...).

        The name it was given; None when the child's name has no letter or digit to make one from.
        """
        stem = name_from_child(child_name)
        if stem is None:
            return None
        for number in range(1, NUMBERED_TRIES + 1):
            suffix = f"-{number}" if number > 1 else ""
            name = stem[: STEM_LIMIT - len(suffix)].rstrip("-") + suffix + ".yaml"
            if self._taken(name):
                continue
            try:
                self.create(name, child_name)
            except SaveRefused:
                if self._taken(name):  # made by someone else in the same instant: try the next number
                    continue
                raise
            return name
        message = f"there are already {NUMBERED_TRIES} plans named {stem}; give the plan a file name"
        raise SaveRefused([Problem("name", message)])

    def _taken(self, name: str) -> bool:
        """Whether a plan name is in use, by a file or a link (even one that leads nowhere)."""
        path = self.root / name
        return path.is_symlink() or path.exists()


def name_from_child(child_name: str) -> str | None:
    """A file name (without .yaml) from a child's name: 'Zoë O'Brien' -> 'zoe-o-brien'; None if empty.

    Accents are folded to plain letters and anything but letters and digits becomes one hyphen.
    """
    folded = unicodedata.normalize("NFKD", child_name.casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char)).translate(_PLAIN_LETTERS)
    stem = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", plain)).strip("-")
    stem = stem[:STEM_LIMIT].rstrip("-")
    return stem or None


def version_of(text: str) -> str:
    """The version of a plan file's text: what a save's If-Match must name."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _before(text: str, name: str) -> dict[str, Any]:
    """What the file said, as plan data (with the ids given automatically); empty if it is not a valid plan."""
    if not text.strip():
        return {}
    try:
        return parse_structured_plan(text, name).model_dump()
    except PlanFileError:
        return {}


def _problem(detail: Any) -> Problem:
    loc, message = explain_error(detail)
    return Problem(form_field(loc), message)


def form_field(loc: tuple[Any, ...]) -> str | None:
    """The form field for a place in the plan: ('sections', 'E', 'items', 0, 'needs', 1) -> 'sections.E.0.needs'."""
    from ehcplan.serve.forms import is_field

    parts: list[str] = []
    for part in loc:
        if part == "items":
            continue
        if isinstance(part, int) and parts and parts[-1] in _ONE_FIELD_LISTS:
            continue
        parts.append(str(part))
    name = ".".join(parts)
    return name if is_field(name) else None
