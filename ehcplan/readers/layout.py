"""Reading a laid-out document (Word or PDF) into blocks: paragraphs, and tables read the way people lay them out.

Tables are read in three ways:

- a header row of sections ("Section B – Needs | Section F – Provision | Section E – Outcomes",
  as in the DfE draft template's table per area of need): each cell below belongs to its
  column's section;
- a header row of fields ("What support | Who provides it | How often ..."): one item per row,
  with the fields filled in;
- anything else: each paragraph of each cell is a block of the current section; a row whose
  first cell is a section label ("Section C | Not applicable") starts that section; before the
  first section, a two-column row is one of the plan's details ("Date of birth | 2016-03-14").

The Word reader finds tables in the document; the PDF reader finds them from where text sits
on the page. Both hand rows of ``Cell``s to ``LayoutReader.row``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ehcplan.model import SourceLocation
from ehcplan.readers.loose import Block, section_of_heading
from ehcplan.readers.vocabulary import current_vocabulary, rendered_wording
from ehcplan.readers.wording import LABELLED, RenderedWording

if TYPE_CHECKING:
    from ehcplan.lexicons import Lexicon

# A cell that only numbers its row: "F3", "3.", "(c)", or a bullet.
_ID_ONLY = re.compile(
    r"^(?:\(?(?:H[12]\.?[0-9]{1,2}|[B-G][0-9]{1,2}|[0-9]{1,2}|[a-z]|[ivx]{1,4})[.:)]?|[•●▪◦‣·*o§–-])$"
)


@dataclass
class Cell:
    """A table cell: its column (counting merged columns), the columns it spans, and its paragraphs.

    ``texts`` and ``headings`` hold each non-empty paragraph's text and whether it looks like a
    heading; ``sources`` where each came from; ``source`` where the whole cell is; ``strong``
    whether each is in bold throughout (empty when the format cannot tell).
    """

    column: int
    span: int
    texts: list[str]
    headings: list[bool]
    sources: list[SourceLocation]
    source: SourceLocation
    paragraphs: list[Any] = field(default_factory=list)
    strong: list[bool] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.texts)


# Column headings as councils write them are data: lexicons/layout.yaml, "columns-<kind>-<field>".
_COLUMN_KINDS = {"need": ("B", "C", "D"), "outcome": ("E",), "provision": ("F", "G", "H1", "H2")}


def _council_columns(layout: Lexicon) -> dict[str, dict[str, str]]:
    """Normalised heading -> field, by section, from the layout lexicon's column lists."""
    by_kind: dict[str, dict[str, str]] = {kind: {} for kind in ("common", *_COLUMN_KINDS)}
    for name, headings in layout.lists.items():
        parts = name.split("-", 2)
        if parts[0] == "columns" and len(parts) == 3 and parts[1] in by_kind:
            by_kind[parts[1]].update({_heading_key(heading): parts[2] for heading in headings})
    return {
        letter: {**by_kind["common"], **by_kind[kind]}
        for kind, letters in _COLUMN_KINDS.items()
        for letter in letters
    }


def _heading_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z ]+", "", text.lower().replace("'", ""))).strip()


def _rendered_columns(wording: RenderedWording) -> dict[str, dict[str, str]]:
    """The column names of the renderer's own tables (from ``words.yaml``), by section."""
    kinds = (
        (("E",), wording.outcome_columns),
        (("F", "G", "H1", "H2"), wording.provision_columns),
        (("K",), wording.advice_columns),
    )
    return {
        letter: {_heading_key(name): field for name, field in columns.items()}
        for letters, columns in kinds
        for letter in letters
    }


def field_headings() -> dict[str, dict[str, str]]:
    """Column headings of tables with one item per row: normalised heading -> field, by section.

    Common layouts' column names, and those of the renderer's own tables, which follow the wording.
    """
    vocabulary = current_vocabulary()
    rendered = _rendered_columns(vocabulary.wording)
    headings = _council_columns(vocabulary.layout)
    for letter, columns in rendered.items():
        headings[letter] = {**headings.get(letter, {}), **columns}
    return headings


# The field a row cannot do without: the item's words, or for advice its kind.
_MAIN_FIELD = {"K": "kind"}


class LayoutReader:
    """Collects blocks in reading order, following which section is current and what the table's header said."""

    def __init__(self) -> None:
        self.wording = rendered_wording()
        self.headings = field_headings()
        self.blocks: list[Block] = []
        self.current: str | None = None
        self.tables = 0
        self.rows = 0
        self.in_row: tuple[int, int] | None = None
        self.end_table()

    def add(self, block: Block) -> None:
        """Add a block; a section heading makes its section current."""
        letter = section_of_heading(block.text, is_heading=block.heading) if not block.fields else None
        if letter is not None:
            self.current = letter
        if self.in_row is not None and block.row is None:
            block.row = self.in_row
        self.blocks.append(block)

    def end_table(self) -> None:
        """Forget the header of the table just read."""
        self.columns: dict[int, tuple[int, str]] = {}  # first column -> (span, section)
        self.fields: dict[int, str] = {}
        if self.rows:
            self.tables, self.rows = self.tables + 1, 0

    def row(self, cells: list[Cell]) -> None:
        """Read one row of a table; the blocks it gives remember the row."""
        self.rows += 1
        self.in_row = (self.tables, self.rows)
        try:
            self._row(cells)
        finally:
            self.in_row = None

    def _row(self, cells: list[Cell]) -> None:
        filled = [cell for cell in cells if cell.texts]
        if not filled:
            return
        letters = [self._letter(cell) for cell in filled]
        named = [(cell, letter) for cell, letter in zip(filled, letters, strict=True) if letter]
        if len({letter for _cell, letter in named}) >= 2:
            self.end_table()
            self.columns = {cell.column: (cell.span, letter) for cell, letter in named}
            for cell, _letter in named:
                self.add(Block(cell.text, cell.source, heading=True))
            return
        if letters[0] is not None:
            self.end_table()
            self.add(Block(filled[0].text, filled[0].source, heading=True))
            for cell in filled[1:]:
                self.cell_blocks(cell)
            return
        header = self._field_header(filled)
        if header:
            self.end_table()
            self.fields = header
        elif self.columns:
            self._column_row(filled)
        elif self.fields:
            self._field_row(filled)
        else:
            self._plain_row(filled)

    def cell_blocks(self, cell: Cell, section: str | None = None) -> None:
        """Each paragraph of a cell as a block."""
        for text, heading, source in zip(cell.texts, cell.headings, cell.sources, strict=True):
            self.add(Block(text, source, heading=heading, section=section))

    def _letter(self, cell: Cell) -> str | None:
        if len(cell.texts) != 1:
            return None
        return section_of_heading(cell.texts[0], is_heading=cell.headings[0], titles=False)

    def _field_header(self, cells: list[Cell]) -> dict[int, str]:
        names = self.headings.get(self.current or "")
        if names is None:
            return {}
        found = {
            cell.column: names[_heading_key(cell.text)] for cell in cells if _heading_key(cell.text) in names
        }
        if len(found) >= 2 and _MAIN_FIELD.get(self.current or "", "text") in found.values():
            return found
        return {}

    def column_of(self, cell: Cell) -> str | None:
        """The section of the header column that holds this cell, if it sits within one."""
        for start, (span, letter) in self.columns.items():
            if start <= cell.column and cell.column + cell.span <= start + span:
                return letter
        return None

    def _column_row(self, cells: list[Cell]) -> None:
        for cell in cells:
            letter = self.column_of(cell)
            if letter is not None:
                self.cell_blocks(cell, section=letter)
            elif len(cell.text) <= 80 and not cell.text.endswith("."):
                # An area of need across the columns, or a label beside them.
                self.add(Block(cell.text, cell.source, heading=True))
            else:
                self.cell_blocks(cell)

    def _field_row(self, cells: list[Cell]) -> None:
        values: dict[str, str] = {}
        main: Cell | None = None
        others: list[Cell] = []
        for cell in cells:
            name = self.fields.get(cell.column)
            if name == "text":
                main = cell
            elif name is not None:
                self._field_cell(name, cell, values)
            else:
                others.append(cell)
        if main is None and _MAIN_FIELD.get(self.current or "") in values:
            # A row of fields only, such as a piece of advice: its kind, who wrote it, when.
            self.add(
                Block(
                    values.get("title") or values[_MAIN_FIELD[self.current or ""]],
                    cells[0].source,
                    fields=values,
                )
            )
        elif main is None:
            for cell in cells:
                self.cell_blocks(cell)
            return
        else:
            self.add(Block(self._main_text(main, values), main.source, fields=values))
        for cell in others:
            self.cell_blocks(cell)

    def _field_cell(self, name: str, cell: Cell, values: dict[str, str]) -> None:
        """The value of a field's cell; lines that name their own field ("How often: ...") fill that field."""
        plain: list[str] = []
        for text in cell.texts:
            if self.wording.is_not_stated(text):
                continue
            labelled = self.wording.line_field(text)
            if labelled is not None:
                values[labelled[0]] = labelled[1]
            else:
                plain.append(text)
        if plain and name != LABELLED:
            values[name] = " ".join(plain)

    def _main_text(self, cell: Cell, values: dict[str, str]) -> str:
        """The item's words from its main cell; labelled lines ("Where: ...") and a bold title ('what') apart."""
        texts: list[str] = []
        strong: list[bool] = []
        for index, text in enumerate(cell.texts):
            labelled = self.wording.line_field(text)
            if labelled is not None:
                values[labelled[0]] = labelled[1]
            else:
                texts.append(text)
                strong.append(index < len(cell.strong) and cell.strong[index])
        titled = 0
        while titled < len(texts) - 1 and strong[titled]:
            titled += 1
        if titled:
            values["what"] = " ".join(texts[:titled])
        return " ".join(texts[titled:])

    def _plain_row(self, cells: list[Cell]) -> None:
        if self.current is None and len(cells) == 2 and len(cells[0].text) <= 40:
            label, value = cells
            self.add(Block(f"{label.text}: {value.text}", value.source))
            return
        numbering = [cell for cell in cells if _ID_ONLY.match(cell.text)]
        rest = [cell for cell in cells if cell not in numbering]
        if len(numbering) == 1 and len(rest) == 1 and len(rest[0].texts) == 1:
            given = numbering[0].text.strip("().:")
            cell = rest[0]
            is_id = re.fullmatch(r"(?:H[12]\.?|[B-G])[0-9]{1,2}", given)
            self.add(Block(cell.text, cell.source, fields={"id": given} if is_id else {}))
            return
        for cell in cells:
            self.cell_blocks(cell)
