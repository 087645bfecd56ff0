"""Read Word (.docx) plans: paragraphs, lists and tables in any common layout, into blocks.

Sections are found from headings, bold labels ("**Section F:** ...") and table header cells.
Tables are read in three ways:

- a header row of sections ("Section B – Needs | Section F – Provision | Section E – Outcomes",
  as in the DfE draft template's table per area of need): each cell below belongs to its
  column's section;
- a header row of fields ("What support | Who provides it | How often ..."): one item per row,
  with the fields filled in;
- anything else: each paragraph of each cell is a block of the current section, and a row
  whose first cell is a section label ("Section C | Not applicable") starts that section.

Every block remembers its paragraph, or its table, row and cell (numbered as a reader counts
them: tables and non-empty paragraphs from the start of the document, rows from the top of the
table, cells by column). ``walk`` is shared with the annotator, so a finding's location leads
back to the same paragraphs.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ehcplan.errors import PlanFileError
from ehcplan.model import Plan, SourceLocation
from ehcplan.readers.loose import Block, build_plan, section_of_heading

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
_OFF = ("0", "false", "off")


# --- the document as paragraphs with locations -------------------------------------------------


@dataclass
class Cell:
    """A table cell: its column (counting merged columns), how many columns it spans, its paragraphs."""

    column: int
    span: int
    paragraphs: list[Any]

    @property
    def texts(self) -> list[str]:
        return [text for text in (paragraph_text(p).strip() for p in self.paragraphs) if text]

    @property
    def text(self) -> str:
        return " ".join(self.texts)


@dataclass
class Table:
    """A top-level table: its number and its rows of cells (merged continuation cells left out)."""

    number: int
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)


@dataclass
class Paragraph:
    """A non-empty paragraph outside tables, with its number."""

    number: int
    element: Any


def walk(document: Any) -> list[Paragraph | Table]:
    """The body in reading order: non-empty paragraphs and tables, numbered as a reader counts them."""
    parts: list[Paragraph | Table] = []
    counts = {"paragraph": 0, "table": 0}

    def visit(parent: Any) -> None:
        for child in parent:
            if child.tag == f"{W}p":
                if paragraph_text(child).strip():
                    counts["paragraph"] += 1
                    parts.append(Paragraph(counts["paragraph"], child))
            elif child.tag == f"{W}tbl":
                counts["table"] += 1
                parts.append(Table(counts["table"], list(_rows(child))))
            elif child.tag in (f"{W}sdt", f"{W}customXml"):
                content = child.find(f"{W}sdtContent")
                visit(content if content is not None else child)

    visit(document.element.body)
    return parts


def _rows(table: Any) -> Iterator[tuple[int, list[Cell]]]:
    for number, row in enumerate(_children(table, "tr"), start=1):
        column = 1
        before = row.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            column += int(before.get(f"{W}val", "0") or 0)
        cells: list[Cell] = []
        for cell in _children(row, "tc"):
            span_element = cell.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_element.get(f"{W}val", "1")) if span_element is not None else 1
            merge = cell.find(f"{W}tcPr/{W}vMerge")
            continued = merge is not None and merge.get(f"{W}val", "continue") == "continue"
            if not continued:
                cells.append(Cell(column, span, list(cell.iter(f"{W}p"))))
            column += span
        yield number, cells


def _children(parent: Any, name: str) -> Iterator[Any]:
    """Children with this tag, looking through content controls that wrap rows or cells."""
    for child in parent:
        if child.tag == f"{W}{name}":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent")
            yield from _children(content if content is not None else child, name)


def paragraph_runs(paragraph: Any) -> list[Any]:
    """The runs of a paragraph in order, including those in hyperlinks, fields and content controls."""
    return [run for run in paragraph.iter(f"{W}r") if _owner(run) is paragraph]


def _owner(run: Any) -> Any:
    parent = run.getparent()
    while parent is not None and parent.tag != f"{W}p":
        parent = parent.getparent()
    return parent


def run_text(run: Any) -> str:
    """The visible text of a run: text, tabs and line breaks (deleted text and field codes left out)."""
    parts = []
    for child in run:
        if child.tag == f"{W}t":
            parts.append(child.text or "")
        elif child.tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[child.tag])
    return "".join(parts)


def paragraph_text(paragraph: Any) -> str:
    return "".join(run_text(run) for run in paragraph_runs(paragraph))


def _run_bold(run: Any) -> bool | None:
    bold = run.find(f"{W}rPr/{W}b")
    if bold is not None:
        return bold.get(f"{W}val", "true") not in _OFF
    style = run.find(f"{W}rPr/{W}rStyle")
    if style is not None and style.get(f"{W}val", "").lower() in ("strong", "bold"):
        return True
    return None


# --- from paragraphs to blocks -------------------------------------------------------------------


class _Styles:
    """What a paragraph's style says: is it a heading, is it bold (following based-on styles)."""

    def __init__(self, document: Any) -> None:
        self._styles: dict[str, Any] = {}
        for style in document.styles:
            style_id = getattr(style, "style_id", None)
            if style_id:
                self._styles[style_id] = style
        self._cache: dict[str, tuple[bool, bool]] = {}

    def of(self, paragraph: Any) -> tuple[bool, bool]:
        """(is a heading style, is bold by style) for a paragraph."""
        element = paragraph.find(f"{W}pPr/{W}pStyle")
        style_id = element.get(f"{W}val") if element is not None else ""
        if style_id not in self._cache:
            self._cache[style_id] = self._look_up(style_id)
        return self._cache[style_id]

    def _look_up(self, style_id: str) -> tuple[bool, bool]:
        style = self._styles.get(style_id)
        heading, bold = False, False
        seen = 0
        while style is not None and seen < 10:
            name = (style.name or "").lower()
            heading = heading or name.startswith("heading") or name in ("title", "subtitle")
            font = getattr(style, "font", None)
            if font is not None and font.bold is not None and not bold:
                bold = bool(font.bold)
            style = style.base_style
            seen += 1
        return heading, bold


def _looks_like_heading(paragraph: Any, styles: _Styles) -> bool:
    heading, style_bold = styles.of(paragraph)
    if heading or paragraph.find(f"{W}pPr/{W}outlineLvl") is not None:
        return True
    runs = [run for run in paragraph_runs(paragraph) if run_text(run).strip()]
    if not runs or len(paragraph_text(paragraph)) > 150:
        return False
    return all(bold if (bold := _run_bold(run)) is not None else style_bold for run in runs)


def _bold_label(paragraph: Any, styles: _Styles) -> tuple[str, str] | None:
    """A paragraph that starts with a bold section label and goes on in plain text: (label, rest)."""
    _heading, style_bold = styles.of(paragraph)
    runs = paragraph_runs(paragraph)
    label: list[str] = []
    for index, run in enumerate(runs):
        text = run_text(run)
        bold = _run_bold(run)
        if (bold if bold is not None else style_bold) or not text.strip():
            label.append(text)
            continue
        rest = "".join(run_text(other) for other in runs[index:]).strip()
        head = "".join(label).strip()
        if head and rest and section_of_heading(head, is_heading=True):
            return head, rest
        return None
    return None


_ID_ONLY = re.compile(r"^\(?(?:H[12]\.?[0-9]{1,2}|[B-G][0-9]{1,2}|[0-9]{1,2})[.:)]?$")

# Column headings of tables with one item per row: normalised heading -> field, per kind of item.
_COMMON_FIELDS = {
    "no": "id",
    "number": "id",
    "id": "id",
    "ref": "id",
    "reference": "id",
}
FIELD_HEADINGS: dict[str, dict[str, str]] = {
    "need": {
        **_COMMON_FIELDS,
        "need": "text",
        "needs": "text",
        "description": "text",
        "special educational need": "text",
        "special educational needs": "text",
        "health need": "text",
        "health needs": "text",
        "social care need": "text",
        "social care needs": "text",
        "area of need": "area",
        "area": "area",
        "broad area of need": "area",
        "strengths": "strengths",
        "what i can do": "strengths",
        "what they can do": "strengths",
    },
    "outcome": {
        **_COMMON_FIELDS,
        "outcome": "text",
        "outcomes": "text",
        "outcome sought": "text",
        "by when": "timescale",
        "timescale": "timescale",
        "when": "timescale",
        "target date": "timescale",
        "area of need": "area",
        "preparing for adulthood": "pfa_area",
        "preparing for adulthood area": "pfa_area",
        "needs": "needs",
        "linked needs": "needs",
        "meets needs": "needs",
    },
    "provision": {
        **_COMMON_FIELDS,
        "what support": "text",
        "what": "text",
        "provision": "text",
        "support": "text",
        "special educational provision": "text",
        "health provision": "text",
        "social care provision": "text",
        "description": "text",
        "intervention": "text",
        "who provides it": "who",
        "who": "who",
        "provided by": "who",
        "delivered by": "who",
        "by whom": "who",
        "staff": "who",
        "group size": "group_size",
        "group size or ratio": "group_size",
        "ratio": "group_size",
        "staffing ratio": "group_size",
        "staff ratio": "group_size",
        "how often": "how_often",
        "frequency": "how_often",
        "how long": "how_long",
        "duration": "how_long",
        "session length": "how_long",
        "length of session": "how_long",
        "where": "where",
        "start": "start",
        "start date": "start",
        "review": "review",
        "review date": "review",
        "needs": "needs",
        "meets needs": "needs",
        "linked needs": "needs",
        "outcomes": "outcomes",
        "towards outcomes": "outcomes",
        "linked outcomes": "outcomes",
    },
}
_KIND = {"B": "need", "C": "need", "D": "need", "E": "outcome", "F": "provision", "G": "provision"}
_KIND |= {"H1": "provision", "H2": "provision"}


def _heading_key(text: str) -> str:
    return re.sub(r"[^a-z ]+", "", text.lower().replace("'", "")).strip()


class _Reader:
    """Turns the walked document into blocks, following which section is current."""

    def __init__(self, document: Any) -> None:
        self.styles = _Styles(document)
        self.blocks: list[Block] = []
        self.current: str | None = None

    def add(self, block: Block) -> None:
        letter = section_of_heading(block.text, is_heading=block.heading) if not block.fields else None
        if letter is not None:
            self.current = letter
        self.blocks.append(block)

    def paragraph(self, part: Paragraph) -> None:
        source = SourceLocation(paragraph=part.number)
        labelled = _bold_label(part.element, self.styles)
        if labelled is not None:
            self.add(Block(labelled[0], source, heading=True))
            self.add(Block(labelled[1], source))
            return
        text = paragraph_text(part.element).strip()
        self.add(Block(text, source, heading=_looks_like_heading(part.element, self.styles)))

    def table(self, table: Table) -> None:
        columns: dict[int, tuple[int, str]] = {}  # first column -> (span, section)
        fields: dict[int, str] = {}
        for row, cells in table.rows:
            filled = [cell for cell in cells if cell.text]
            if not filled:
                continue
            where = {"table": table.number, "row": row}
            letters = [self._letter(cell) for cell in filled]
            named = [(cell, letter) for cell, letter in zip(filled, letters, strict=True) if letter]
            if len({letter for _cell, letter in named}) >= 2:
                columns = {cell.column: (cell.span, letter) for cell, letter in named}
                fields = {}
                for cell, _letter in named:
                    self.add(Block(cell.text, SourceLocation(**where, cell=cell.column), heading=True))
                continue
            if letters[0] is not None:
                columns, fields = {}, {}
                first = filled[0]
                self.add(Block(first.text, SourceLocation(**where, cell=first.column), heading=True))
                for cell in filled[1:]:
                    self._cell_blocks(cell, where)
                continue
            header = self._field_header(filled)
            if header:
                fields, columns = header, {}
                continue
            if columns:
                self._column_row(filled, columns, where)
            elif fields:
                self._field_row(filled, fields, where)
            else:
                self._plain_row(filled, where)

    def _letter(self, cell: Cell) -> str | None:
        if len(cell.texts) != 1:
            return None
        heading = any(
            _looks_like_heading(p, self.styles) for p in cell.paragraphs if paragraph_text(p).strip()
        )
        return section_of_heading(cell.text, is_heading=heading)

    def _field_header(self, cells: list[Cell]) -> dict[int, str]:
        kind = _KIND.get(self.current or "")
        if kind is None:
            return {}
        names = FIELD_HEADINGS[kind]
        found = {
            cell.column: names[_heading_key(cell.text)] for cell in cells if _heading_key(cell.text) in names
        }
        if len(found) >= 2 and "text" in found.values():
            return found
        return {}

    def _cell_blocks(self, cell: Cell, where: dict[str, int], section: str | None = None) -> None:
        number = 0
        for paragraph in cell.paragraphs:
            text = paragraph_text(paragraph).strip()
            if not text:
                continue
            number += 1
            source = SourceLocation(**where, cell=cell.column, paragraph=number)
            heading = _looks_like_heading(paragraph, self.styles)
            self.add(Block(text, source, heading=heading, section=section))

    def _column_row(
        self, cells: list[Cell], columns: dict[int, tuple[int, str]], where: dict[str, int]
    ) -> None:
        for cell in cells:
            letter = next(
                (
                    letter
                    for start, (span, letter) in columns.items()
                    if start <= cell.column and cell.column + cell.span <= start + span
                ),
                None,
            )
            if letter is not None:
                self._cell_blocks(cell, where, section=letter)
            elif len(cell.text) <= 80 and not cell.text.endswith("."):
                # An area of need across the columns, or a label beside them.
                self.add(Block(cell.text, SourceLocation(**where, cell=cell.column), heading=True))
            else:
                self._cell_blocks(cell, where)

    def _field_row(self, cells: list[Cell], fields: dict[int, str], where: dict[str, int]) -> None:
        values: dict[str, str] = {}
        main: Cell | None = None
        others: list[Cell] = []
        for cell in cells:
            name = fields.get(cell.column)
            if name == "text":
                main = cell
            elif name is not None:
                values[name] = cell.text
            else:
                others.append(cell)
        if main is None:
            for cell in cells:
                self._cell_blocks(cell, where)
            return
        self.add(Block(main.text, SourceLocation(**where, cell=main.column), fields=values))
        for cell in others:
            self._cell_blocks(cell, where)

    def _plain_row(self, cells: list[Cell], where: dict[str, int]) -> None:
        if self.current is None and len(cells) == 2 and len(cells[0].text) <= 40:
            # Before the first section, a two-column row is a detail: "Date of birth | 2016-03-14".
            label, value = cells
            self.add(Block(f"{label.text}: {value.text}", SourceLocation(**where, cell=value.column)))
            return
        numbering = [cell for cell in cells if _ID_ONLY.match(cell.text)]
        rest = [cell for cell in cells if cell not in numbering]
        if len(numbering) == 1 and len(rest) == 1 and len(rest[0].texts) == 1:
            given = numbering[0].text.strip("().:")
            fields = {"id": given} if not given.isdigit() else {}
            cell = rest[0]
            self.add(Block(cell.text, SourceLocation(**where, cell=cell.column), fields=fields))
            return
        for cell in cells:
            self._cell_blocks(cell, where)


def docx_blocks(document: Any) -> list[Block]:
    """The blocks of a Word document, in reading order."""
    reader = _Reader(document)
    for part in walk(document):
        if isinstance(part, Paragraph):
            reader.paragraph(part)
        else:
            reader.table(part)
    return reader.blocks


def open_docx(path: Path) -> Any:
    """Open a Word document with python-docx, or raise PlanFileError with one plain line."""
    name = str(path)
    if path.suffix.lower() == ".doc":
        raise PlanFileError(name, "is an old-style Word file (.doc); open it in Word and save it as .docx")
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as error:
        raise PlanFileError(name, f"cannot read the file: {error.strerror or error}") from None
    if not is_zip:
        raise PlanFileError(name, "is not a Word document (.docx files are zip packages); is it damaged?")
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise PlanFileError(name, f"the Word document is damaged: {error}") from None
    if "word/document.xml" not in names:
        raise PlanFileError(name, "is a zip file but not a Word document (it has no word/document.xml)")
    import docx

    try:
        return docx.Document(name)
    except Exception as error:  # python-docx raises many kinds on a damaged package
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise PlanFileError(name, f"the Word document cannot be read: {reason}") from None


def read_docx_plan(path: Path) -> Plan:
    """Read a .docx plan."""
    return build_plan(docx_blocks(open_docx(path)))
