"""The editor's form: which fields it shows, and turning a plan into fields and fields back into plan data.

A field's name is its place in the plan, dotted: ``details.child.name``, ``sections.A.history``,
and for a row of a list ``sections.E.2.needs`` (the third outcome's needs). What the form
holds is always text, exactly as typed, so a form that does not validate can be shown again
with nothing lost; ``plan_data`` turns it into plan values (dates, lists of ids, yes or no)
for saving or checking.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ehcplan.model import ITEM_SECTIONS, Plan
from ehcplan.model.plan import item_id


@dataclass(frozen=True)
class FieldSpec:
    """One field of the form: its name inside its row or section, the wording key of its label, its kind.

    Kinds: ``text`` (one line), ``long`` (a text box), ``date`` (YYYY-MM-DD), ``ids`` (item ids
    separated by commas), ``lines`` (one entry a line), ``yesno``, ``year`` and ``choice`` (from
    the words group ``choices``).
    """

    name: str
    label: str
    kind: str = "text"
    choices: str | None = None
    required: bool = False


T = FieldSpec
NEED = (
    T("text", "editor.item_text", "long"),
    T("area", "editor.area", "choice", "areas"),
    T("strengths", "needs.strengths", "long"),
)
OUTCOME = (
    T("text", "editor.item_text", "long"),
    T("timescale", "outcomes.timescale"),
    T("area", "editor.area", "choice", "areas"),
    T("pfa_area", "editor.pfa_area", "choice", "pfa_areas"),
    T("needs", "outcomes.needs", "ids"),
)
PROVISION = (
    T("text", "editor.item_text", "long"),
    T("what", "editor.what"),
    T("who.role", "provision.who"),
    T("who.qualification", "provision.training"),
    T("group_size", "provision.group_size"),
    T("how_often", "provision.how_often"),
    T("how_long", "provision.how_long"),
    T("where", "provision.where"),
    T("start", "provision.start", "date"),
    T("review", "provision.review", "date"),
    T("needs", "provision.needs", "ids"),
    T("outcomes", "provision.outcomes", "ids"),
)
ADVICE = (
    T("kind", "advice.kind", "choice", "advice_kinds"),
    T("author", "advice.author"),
    T("role", "advice.role"),
    T("date", "advice.date", "date"),
    T("title", "advice.title"),
)
PARENT = (T("name", "editor.parent_name"), T("relationship", "editor.relationship"))
ASPIRATION = (T("text", "editor.aspiration"), T("pfa_area", "editor.pfa_area", "choice", "pfa_areas"))

DETAILS = (
    T("details.child.name", "details.name"),
    T("details.child.preferred_name", "details.preferred_name"),
    T("details.child.pronouns", "details.pronouns", "choice", "pronouns"),
    T("details.child.date_of_birth", "details.date_of_birth", "date"),
    T("details.child.year_group", "details.year_group", "year"),
    T("details.child.home_language", "details.home_language"),
    T("details.child.communication", "details.communication", "long"),
    T("details.local_authority", "details.local_authority"),
    T("details.status", "details.status", "choice", "statuses", required=True),
    T("details.issue_date", "details.issue_date", "date"),
    T("details.next_review", "details.next_review", "date"),
    T("details.looked_after", "details.looked_after", "yesno"),
    T("details.child_in_need", "details.child_in_need", "yesno"),
)
SECTION_A = (
    T("sections.A.history", "section_a.history", "long"),
    T("sections.A.child_views.text", "section_a.child_views", "long"),
    T("sections.A.child_views.whose_words", "editor.whose_words"),
    T("sections.A.parent_views.text", "section_a.parent_views", "long"),
    T("sections.A.parent_views.whose_words", "editor.whose_words"),
    T("sections.A.interests", "section_a.interests", "lines"),
    T("sections.A.strengths", "section_a.strengths", "lines"),
    T("sections.A.communication", "section_a.communication", "long"),
)
SECTION_I = (
    T("sections.I.name", "placement.name"),
    T("sections.I.type", "placement.type"),
    T("sections.I.statement", "editor.statement", "long"),
)
SECTION_J = (
    T("sections.J.statement", "editor.statement", "long"),
    T("sections.J.amount", "budget.amount"),
    T("sections.J.funds", "budget.funds", "long"),
    T("sections.J.direct_payments", "budget.direct_payments", "yesno"),
    T("sections.J.outcomes", "budget.outcomes", "ids"),
    T("sections.J.needs", "budget.needs", "ids"),
)

# Each list of rows: its name, the fields of a row, and the noun of a row in labels ("E3 outcome").
ROW_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "details.parents": PARENT,
    "sections.A.aspirations": ASPIRATION,
    **{f"sections.{letter}": NEED for letter in ("B", "C", "D")},
    "sections.E": OUTCOME,
    **{f"sections.{letter}": PROVISION for letter in ("F", "G", "H1", "H2")},
    "sections.K": ADVICE,
}
ROW_NOUNS = {"B": "need", "C": "need", "D": "need", "E": "outcome", "K": "advice"} | {
    letter: "provision" for letter in ("F", "G", "H1", "H2")
}
SCALARS: tuple[FieldSpec, ...] = (
    *DETAILS,
    *SECTION_A,
    *(T(f"sections.{letter}.statement", "editor.statement", "long") for letter in ITEM_SECTIONS),
    *SECTION_I,
    *SECTION_J,
)
_SCALAR_KINDS = {spec.name: spec for spec in SCALARS}
# The list is the shortest name before a number: 'sections.F.0.accept.0.rule' is row 0 of sections.F.
_ROW = re.compile(r"^(?P<list>.+?)\.(?P<index>\d+)\.(?P<field>[a-z_.0-9]+)$")
_RULE_CODE = re.compile(r"^[A-Z]+[0-9]+$")  # as the plan's Acceptance.rule
# Groups of fields whose first field is required: all blank means the group is not there.
_GROUPS = ("who", "child_views", "parent_views")


def row_list(letter: str) -> str:
    """The name of the list of rows of a section: 'sections.E'."""
    return f"sections.{letter}"


@dataclass
class EditorForm:
    """The editor's form as typed: scalar fields by name, and the rows of each list in order."""

    fields: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def value(self, name: str) -> str:
        """A scalar field's text ('' when blank)."""
        return self.fields.get(name, "")

    def rows_of(self, name: str) -> list[dict[str, str]]:
        """The rows of a list, each its fields by name within the row."""
        return self.rows.get(name, [])

    @classmethod
    def from_fields(cls, posted: Iterable[tuple[str, str]]) -> EditorForm:
        """The form from posted name and value pairs; names the form does not have are ignored."""
        form = cls()
        numbered: dict[str, dict[int, dict[str, str]]] = {}
        for name, value in posted:
            text = _clean(value)
            match = _ROW.match(name)
            if match and match["list"] in ROW_FIELDS:
                row = numbered.setdefault(match["list"], {}).setdefault(int(match["index"]), {})
                before = row.get(match["field"])
                # Links are ticked in a group of boxes, each sending one id: they are joined.
                if before and text and _kind_in_row(match["list"], match["field"]) == "ids":
                    text = f"{before}, {text}"
                elif before and not text:
                    text = before
                row[match["field"]] = text
            elif name in _SCALAR_KINDS:
                form.fields[name] = text
        for name, rows in numbered.items():
            form.rows[name] = [rows[index] for index in sorted(rows)]
        return form

    @classmethod
    def from_plan(cls, plan: Plan) -> EditorForm:
        """The form filled in from a plan."""
        data = plan.model_dump(mode="json")
        form = cls()
        for spec in SCALARS:
            form.fields[spec.name] = _shown(_get(data, spec.name), spec.kind)
        for name, specs in ROW_FIELDS.items():
            found = _get(data, name)
            if isinstance(found, dict):  # a section of items
                found = found.get("items")
            rows = []
            for entry in found or []:
                row = {spec.name: _shown(_get(entry, spec.name), spec.kind) for spec in specs}
                if entry.get("id"):
                    row["id"] = entry["id"]
                for number, accepted in enumerate(entry.get("accept") or []):
                    row[f"accept.{number}.rule"] = accepted["rule"]
                    row[f"accept.{number}.reason"] = accepted["reason"]
                rows.append(row)
            form.rows[name] = rows
        return form

    # --- adding, removing and moving rows ---------------------------------------------------

    def apply(self, action: str) -> str | None:
        """Add, remove or move a row ('add:sections.E', 'up:sections.E:2'); the id of the control to focus.

        An action the form does not know is ignored.
        """
        verb, _, rest = action.partition(":")
        name, _, position = rest.partition(":")
        if name not in ROW_FIELDS:
            return None
        rows = self.rows.setdefault(name, [])
        if verb == "add":
            row = {spec.name: "" for spec in ROW_FIELDS[name]}
            letter = name.removeprefix("sections.")
            if letter in ITEM_SECTIONS:
                row["id"] = next_id(letter, [existing.get("id", "") for existing in rows])
            rows.append(row)
            return field_id(f"{name}.{len(rows) - 1}.{ROW_FIELDS[name][0].name}")
        if not position.isdigit() or int(position) >= len(rows):
            return None
        index = int(position)
        if verb == "remove":
            del rows[index]
            return field_id(f"add-{name}")
        target = index - 1 if verb == "up" else index + 1 if verb == "down" else None
        if target is None:
            return None
        target = min(max(target, 0), len(rows) - 1)
        rows[index], rows[target] = rows[target], rows[index]
        return field_id(f"{verb}-{name}.{target}")

    # --- findings accepted on purpose --------------------------------------------------------

    def accept(self, target: str, reason: str) -> str | None:
        """Accept a rule's finding on a row ('sections.E:2:SMART003', or with the finding's number after
        it, 'sections.E:2:SMART003:7') with the writer's reason.

        The control to focus afterwards; None when the target is not a row of the form or the
        rule is already accepted there (nothing changes).
        """
        name, index, rule = _row_target(target)
        rule = rule.partition(":")[0]
        rows = self.rows.get(name or "", [])
        if index is None or index >= len(rows) or not _RULE_CODE.match(rule):
            return None
        row = rows[index]
        taken = _accept_numbers(row)
        if any(row.get(f"accept.{number}.rule") == rule for number in taken):
            return None
        number = max(taken, default=-1) + 1
        row[f"accept.{number}.rule"] = rule
        row[f"accept.{number}.reason"] = _clean(reason)
        return field_id(f"unaccept-{name}.{index}.{number}")

    def unaccept(self, target: str) -> str | None:
        """Take back an acceptance ('sections.E:2:0': the row's first); the item's text box to focus."""
        name, index, number = _row_target(target)
        rows = self.rows.get(name or "", [])
        if index is None or index >= len(rows) or not number.isdigit():
            return None
        row = rows[index]
        for key in (f"accept.{number}.rule", f"accept.{number}.reason"):
            row.pop(key, None)
        return field_id(f"{name}.{index}.{ROW_FIELDS[name][0].name}")

    def drop_blank_rows(self) -> None:
        """Leave out rows with nothing typed in them (an item added and never filled in)."""
        for name, rows in self.rows.items():
            self.rows[name] = [row for row in rows if _has_words(row, ROW_FIELDS[name])]

    # --- into plan data ------------------------------------------------------------------------

    def plan_data(self) -> dict[str, Any]:
        """The form as plan data: typed values, None where a field is blank.

        Only the fields the form has are in it, so saving leaves everything else in the file alone.
        """
        data: dict[str, Any] = {}
        for spec in SCALARS:
            _put(data, spec.name, typed(self.value(spec.name), spec.kind))
        for name, specs in ROW_FIELDS.items():
            rows = [_row_data(row, specs) for row in self.rows_of(name)]
            letter = name.removeprefix("sections.")
            if letter in ITEM_SECTIONS:
                # The form carries every acceptance: none left means none taken back, not "as the file had".
                for row in rows:
                    row.setdefault("accept", [])
            _put(data, f"{name}.items" if letter in ITEM_SECTIONS else name, rows)
        return _prune(data)


def _row_target(target: str) -> tuple[str | None, int | None, str]:
    """'sections.E:2:SMART003' -> ('sections.E', 2, 'SMART003'); (None, None, '') when malformed."""
    name, _, rest = target.partition(":")
    position, _, last = rest.partition(":")
    if name not in ROW_FIELDS or not position.isdigit():
        return None, None, ""
    return name, int(position), last


def _accept_numbers(row: Mapping[str, str]) -> list[int]:
    """The numbers of a row's acceptances ('accept.0.rule' -> 0), in order."""
    return sorted(
        {int(key.split(".")[1]) for key in row if key.startswith("accept.") and key.split(".")[1].isdigit()}
    )


def is_field(name: str) -> bool:
    """True when the form has a field of this name."""
    match = _ROW.match(name)
    if match and match["list"] in ROW_FIELDS:
        return any(spec.name == match["field"] for spec in ROW_FIELDS[match["list"]])
    return name in _SCALAR_KINDS


def spec_of(name: str) -> FieldSpec | None:
    """The spec of a form field (a scalar or a field of a row)."""
    match = _ROW.match(name)
    if match and match["list"] in ROW_FIELDS:
        return next((spec for spec in ROW_FIELDS[match["list"]] if spec.name == match["field"]), None)
    return _SCALAR_KINDS.get(name)


def _kind_in_row(list_name: str, field_name: str) -> str | None:
    return next((spec.kind for spec in ROW_FIELDS[list_name] if spec.name == field_name), None)


# Which section's items a list of links points to.
LINK_TARGETS = {"needs": "B", "outcomes": "E", "sections.J.needs": "B", "sections.J.outcomes": "E"}


def link_choices(form: EditorForm, field_name: str, value: str) -> list[tuple[str, str, bool]]:
    """The items a link field can point to, as (id, short text, ticked): the plan's own needs or
    outcomes, then any id the field names that the plan does not have (kept, so nothing is lost)."""
    target = LINK_TARGETS.get(field_name) or LINK_TARGETS.get(field_name.rsplit(".", 1)[-1])
    chosen = [part for part in re.split(r"[\s,;]+", value) if part]
    choices = []
    for row in form.rows_of(row_list(target)) if target else []:
        item = row.get("id", "")
        if item:
            text = " ".join(row.get("text", "").split())
            choices.append((item, text[:80] + ("…" if len(text) > 80 else ""), item in chosen))
    known = {item for item, _text, _ticked in choices}
    choices += [(item, "", True) for item in chosen if item not in known]
    return choices


def row_label(words: Any, list_name: str, row: Mapping[str, str], index: int) -> str:
    """What a row is called: 'E3 outcome', 'F2 provision', 'Parent or carer 1'."""
    letter = list_name.removeprefix("sections.")
    if letter in ROW_NOUNS and row.get("id"):
        return words(f"editor.nouns.{ROW_NOUNS[letter]}", id=row["id"])
    return words(f"editor.rows.{list_name.rsplit('.', 1)[-1]}", number=index + 1)


def options(spec: FieldSpec, words: Any) -> list[tuple[str, str]]:
    """The (value, shown) choices of a list field."""
    if spec.kind == "yesno":
        return [("yes", words("editor.answer_yes")), ("no", words("editor.answer_no"))]
    if spec.kind == "year":
        names = words.raw("year_group_names")
        return [
            (str(number), names.get(number) or words("year_group", number=number)) for number in range(-2, 15)
        ]
    return [(str(value), str(shown)) for value, shown in words.raw(spec.choices).items()]


def next_id(letter: str, taken: Iterable[str]) -> str:
    """The next free id in a section: after E1, E2 comes E3 (H1.3 in H1)."""
    used = set(taken)
    number = len(used) + 1
    while item_id(letter, number) in used:
        number += 1
    return item_id(letter, number)


def field_id(name: str) -> str:
    """The HTML id of a field: 'sections.E.2.needs' -> 'f-sections-E-2-needs'."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


def typed(text: str, kind: str) -> Any:
    """A field's text as a plan value; text that does not fit its kind is kept, for the validator to name."""
    if not text:
        return [] if kind in ("ids", "lines") else None
    if kind == "ids":
        return [part for part in re.split(r"[\s,;]+", text) if part]
    if kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if kind == "yesno":
        return {"yes": True, "no": False}.get(text, text)
    if kind == "year":
        return int(text) if re.fullmatch(r"-?\d+", text) else text
    return text


def is_iso_date(text: str) -> bool:
    """True for a real date written YYYY-MM-DD, which a date picker can show."""
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)) and dt.date.fromisoformat(text) is not None
    except ValueError:
        return False


def _shown(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind in ("ids", "lines"):
        return (", " if kind == "ids" else "\n").join(str(part) for part in value)
    if kind == "yesno":
        return "yes" if value else "no"
    return str(value)


def _clean(value: str) -> str:
    """Browsers send line breaks as CR LF; plans keep LF, with no space at either end."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _get(data: Any, name: str) -> Any:
    for part in name.split("."):
        if not isinstance(data, Mapping):
            return None
        data = data.get(part)
    return data


def _put(data: dict[str, Any], name: str, value: Any) -> None:
    *parents, last = name.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _has_words(row: Mapping[str, str], specs: tuple[FieldSpec, ...]) -> bool:
    return any(row.get(spec.name) for spec in specs)


def _row_data(row: Mapping[str, str], specs: tuple[FieldSpec, ...]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if row.get("id"):
        data["id"] = row["id"]
    for spec in specs:
        _put(data, spec.name, typed(row.get(spec.name, ""), spec.kind))
    accepted = _accept_numbers(row)
    if accepted:
        data["accept"] = [
            {"rule": row.get(f"accept.{n}.rule", ""), "reason": row.get(f"accept.{n}.reason", "")}
            for n in accepted
        ]
    return data


def _prune(value: Any, key: str = "") -> Any:
    """A group that cannot stand half-filled ('who', 'child_views') becomes None when all of it is blank."""
    if isinstance(value, dict):
        pruned = {name: _prune(item, name) for name, item in value.items()}
        if key in _GROUPS and all(item is None for item in pruned.values()):
            return None
        return pruned
    if isinstance(value, list):
        return [_prune(item) for item in value]
    return value
