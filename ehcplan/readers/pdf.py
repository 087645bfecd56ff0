"""Read PDF plans with text in them (not scans: ehcplan does no OCR), into blocks.

pypdfium2 (PDFium, as in Chrome) gives each line of text with where it sits on the page, in
the order the PDF draws it, which for plans exported from Word or LibreOffice is reading
order, cell by cell in tables. From positions we rebuild what the Word reader sees directly:

- lines join into paragraphs: a paragraph ends at a wider gap, a list marker, a change of
  bold, or a sentence that ends where the next line starts with a capital;
- paragraphs at the same left edge, running down the page, form a cell; cells that start at
  the same height form a table row, handed to ``LayoutReader`` like a Word table's row;
- running headers and footers (the same words on most pages) and page numbers are left out.

Each block remembers its page and its paragraph on that page.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from ehcplan.errors import PlanFileError
from ehcplan.model import Plan, SourceLocation
from ehcplan.readers.isolated import run_isolated
from ehcplan.readers.layout import Cell, LayoutReader
from ehcplan.readers.limits import MAX_PAGE_CHARACTERS, MAX_PAGES, refuse_outsized, refuse_overlong
from ehcplan.readers.loose import Block, build_plan, section_of_heading

_MARKER = re.compile(r"^\s*(?:[-*+•●▪◦‣–]|\(?[0-9]{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s")
_SENTENCE_END = re.compile(r"[.!?:;\"”)]$")
_STARTS_NEW = re.compile(r"^[\"“(A-Z0-9•●▪–-]")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[0-9]{1,3}(?:\s*(?:of|/)\s*[0-9]{1,3})?$|^[-–]\s*[0-9]{1,3}\s*[-–]$", re.I
)
# PDFium marks a hyphen at a line break as \x02; Word's Symbol-font bullets come out in the private use area.
_CLEAN = str.maketrans(
    {"\x02": "-", "\xad": "", "\x00": "", "\r": " ", "\n": " ", "\ufffe": ""}
    | {chr(code): "•" for code in (0xF0B7, 0xF0A7, 0xF0D8, 0xF076, 0xF0FC, 0xF06E, 0xF071)}
)
TOLERANCE = 4.0  # points: lefts and tops closer than this are the same


@dataclass
class Line:
    """A line of text on a page (or a piece of one, where a table cell ends it)."""

    left: float
    bottom: float
    right: float
    top: float
    text: str
    bold: bool
    size: float
    bold_prefix: str = ""


@dataclass
class _Paragraph:
    lines: list[Line]
    number: int = 0

    @property
    def text(self) -> str:
        return _join(line.text for line in self.lines)

    @property
    def left(self) -> float:
        return self.lines[0].left

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def right(self) -> float:
        return max(line.right for line in self.lines)


@dataclass
class _Cell:
    paragraphs: list[_Paragraph] = field(default_factory=list)

    @property
    def left(self) -> float:
        return self.paragraphs[0].left

    @property
    def top(self) -> float:
        return self.paragraphs[0].top

    @property
    def right(self) -> float:
        return max(paragraph.right for paragraph in self.paragraphs)


def _join(parts: Any) -> str:
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        text = f"{text}{part}" if text.endswith("-") and not text.endswith(" -") else f"{text} {part}".strip()
    return text


def open_pdf(path: Path) -> Any:
    """Open a PDF with pypdfium2, or raise PlanFileError with one plain line."""
    name = str(path)
    try:
        with path.open("rb") as stream:
            head = stream.read(1024)
    except OSError as error:
        raise PlanFileError(name, f"cannot read the file: {error.strerror or error}") from None
    if b"%PDF-" not in head:
        raise PlanFileError(name, "is not a PDF file; is it damaged, or another kind of file renamed?")
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(name)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise PlanFileError(name, "the PDF is protected by a password; save a copy without one") from None
        raise PlanFileError(name, f"the PDF cannot be read: {str(error).splitlines()[0]}") from None


def _font(textpage: Any, index: int) -> tuple[bool, float]:
    """(bold, size) of the character at ``index``."""
    import pypdfium2.raw as pdfium_c

    flags = ctypes.c_int()
    length = pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, None, 0, ctypes.byref(flags))
    name = ""
    if length:
        buffer = ctypes.create_string_buffer(length)
        pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, length, ctypes.byref(flags))
        name = buffer.value.decode("utf-8", "replace").lower()
    weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, index)
    bold = any(word in name for word in ("bold", "black", "heavy", "semibold")) or weight >= 600
    return bold, float(pdfium_c.FPDFText_GetFontSize(textpage.raw, index))


def page_lines(page: Any) -> list[Line]:
    """The lines of a page in the order the PDF draws them, pieces on one line joined."""
    textpage = page.get_textpage()
    lines: list[Line] = []
    try:
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            text = textpage.get_text_bounded(left, bottom, right, top).translate(_CLEAN)
            if not text.strip():
                continue
            char = textpage.get_index(left + 0.5, (top + bottom) / 2, 2, 2)
            bold, size = _font(textpage, char) if char is not None and char >= 0 else (False, top - bottom)
            size = size or (top - bottom)
            last = lines[-1] if lines else None
            if (
                last is not None
                and abs(last.bottom - bottom) < 0.4 * size
                and -1 <= left - last.right < 1.2 * size
            ):
                if last.bold and not bold and last.bold_prefix == "":
                    last.bold_prefix = last.text
                last.text += text if last.text.endswith(" ") else f" {text}"
                last.right = right
                last.bold = last.bold and bold
                continue
            lines.append(Line(left, bottom, right, top, text, bold, size))
    finally:
        textpage.close()
    return lines


def _running_heads(pages: list[list[Line]], heights: list[float]) -> set[str]:
    """Words at the top or bottom of most pages: running headers and footers."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        edge = {
            re.sub(r"[0-9]+", "#", line.text.strip().lower())
            for line in lines
            if line.top > height * 0.92 or line.bottom < height * 0.08
        }
        seen.update(edge)
    return {text for text, count in seen.items() if count >= max(2, len(pages) // 2 + 1)}


def _paragraphs(lines: list[Line], body_size: float) -> list[_Cell]:
    """Lines grouped into paragraphs, and paragraphs into cells (runs down the page at one left edge)."""
    cells: list[_Cell] = []
    previous: Line | None = None
    for line in lines:
        new_cell = (
            previous is None
            or (abs(line.left - previous.left) > TOLERANCE and not _continues_hanging(line, cells))
            or line.top > previous.bottom + TOLERANCE
        )
        if new_cell:
            cells.append(_Cell([_Paragraph([line])]))
        elif previous is not None and _new_paragraph(previous, line):
            cells[-1].paragraphs.append(_Paragraph([line]))
        else:
            cells[-1].paragraphs[-1].lines.append(line)
        previous = line
    return _split_at_rows(cells)


def _split_at_rows(cells: list[_Cell]) -> list[_Cell]:
    """Start a new cell where a table row starts: the line level with the top of the next cell to its right.

    The first cell of a row sits at the same left edge as the text above the table, so until the
    next cell shows where the row begins, it reads as more of that text.
    """
    result: list[_Cell] = []
    for index, cell in enumerate(cells):
        following = cells[index + 1] if index + 1 < len(cells) else None
        if following is None or following.left <= cell.left + TOLERANCE:
            result.append(cell)
            continue
        lines = [
            (number, line) for number, paragraph in enumerate(cell.paragraphs) for line in paragraph.lines
        ]
        split = next(
            (
                position
                for position, (_number, line) in enumerate(lines)
                if position and abs(line.top - following.top) <= TOLERANCE
            ),
            None,
        )
        if split is None:
            result.append(cell)
            continue
        for part in (lines[:split], lines[split:]):
            paragraphs: list[_Paragraph] = []
            last = None
            for number, line in part:
                if number != last or not paragraphs:
                    paragraphs.append(_Paragraph([line]))
                else:
                    paragraphs[-1].lines.append(line)
                last = number
            result.append(_Cell(paragraphs))
    return result


def _continues_hanging(line: Line, cells: list[_Cell]) -> bool:
    """A list item's second line, indented past its marker."""
    if not cells:
        return False
    paragraph = cells[-1].paragraphs[-1]
    first = paragraph.lines[0]
    return (
        len(paragraph.lines) == 1
        and bool(_MARKER.match(first.text))
        and first.left < line.left <= first.left + 40
        and first.top - line.top < 1.6 * line.size
    )


def _new_paragraph(previous: Line, line: Line) -> bool:
    pitch = previous.top - line.top
    if pitch > 1.45 * max(line.size, previous.size) or previous.bold != line.bold:
        return True
    if _MARKER.match(line.text):
        return True
    return bool(_SENTENCE_END.search(previous.text.strip()) and _STARTS_NEW.match(line.text.strip()))


def _rows(cells: list[_Cell]) -> list[list[_Cell]]:
    """Cells that start at the same height, left to right, form a row."""
    rows: list[list[_Cell]] = []
    for cell in cells:
        if rows and abs(rows[-1][0].top - cell.top) <= TOLERANCE and cell.left > rows[-1][-1].left:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return rows


class _Reader(LayoutReader):
    """Reads rows of cells, keeping the columns of the table being read."""

    def __init__(self, body_size: float) -> None:
        super().__init__()
        self.body_size = body_size
        self.lefts: list[float] = []
        self.page_width = 600.0

    def _column(self, left: float) -> int:
        for known in self.lefts:
            if abs(known - left) <= TOLERANCE * 1.5:
                return round(known)
        self.lefts.append(left)
        return round(left)

    def _heading(self, paragraph: _Paragraph) -> bool:
        text = paragraph.text
        if text.endswith((".", "!", "?")) and not section_of_heading(text):
            return False  # a whole sentence in bold is emphasis, not a heading
        return all(line.bold for line in paragraph.lines) or paragraph.lines[0].size > self.body_size * 1.15

    def _cell(self, cell: _Cell, page: int, span_to: float | None = None) -> Cell:
        column = self._column(cell.left)
        span = round((span_to if span_to is not None else cell.right) - column) or 1
        sources = [SourceLocation(page=page, paragraph=paragraph.number) for paragraph in cell.paragraphs]
        return Cell(
            column=column,
            span=max(span, 1),
            texts=[paragraph.text for paragraph in cell.paragraphs],
            headings=[self._heading(paragraph) for paragraph in cell.paragraphs],
            sources=sources,
            source=sources[0],
        )

    def in_table(self) -> bool:
        return bool(self.columns or self.fields)

    def continues(self, cells: list[_Cell]) -> bool:
        """A table row that goes on from the previous page: it starts mid-sentence."""
        text = cells[0].paragraphs[0].text
        return self.in_table() and bool(text) and (text[0].islower() or text[0].isdigit())

    def continue_row(self, cells: list[_Cell]) -> None:
        """Add the rest of a row broken by a page to the blocks it began."""
        for cell in cells:
            column = self._column(cell.left)
            text = _join(paragraph.text for paragraph in cell.paragraphs)
            name = self.fields.get(column)
            letter = next((value for start, (_span, value) in self.columns.items() if start == column), None)
            for block in reversed(self.blocks):
                if self.fields and block.fields is not None and (name == "text" or name in block.fields):
                    if name == "text":
                        block.text = _join([block.text, text])
                    else:
                        block.fields[name] = _join([block.fields[name], text])
                    break
                if letter is not None and block.section == letter:
                    block.text = _join([block.text, text])
                    break

    def table_row(self, cells: list[_Cell], page: int) -> None:
        if not self.in_table():
            self.lefts = []
        built: list[Cell] = []
        for index, cell in enumerate(cells):
            following = cells[index + 1].left if index + 1 < len(cells) else self.page_width
            built.append(self._cell(cell, page, span_to=following - 1))
        if self._is_header(built):
            # A header cell reaches to the next one, so cells beneath it sit within its span.
            self.row(built)
            return
        for cell in built:
            cell.span = 1
        self.row(built)

    def _is_header(self, cells: list[Cell]) -> bool:
        letters = {
            section_of_heading(cell.text, is_heading=True, titles=False)
            for cell in cells
            if len(cell.texts) == 1
        }
        return len(letters - {None}) >= 2 or bool(self._field_header(cells))

    def lone_cell(self, cell: _Cell, page: int) -> None:
        """A cell alone at its height: a table cell whose neighbours are empty, or the body text."""
        near = [known for known in self.lefts if abs(known - cell.left) <= TOLERANCE * 1.5]
        first = min(self.lefts) if self.lefts else None
        bold = all(self._heading(paragraph) for paragraph in cell.paragraphs)
        fits = False
        if near:
            following = min(
                (left for left in self.lefts if left > near[0] + TOLERANCE), default=self.page_width
            )
            fits = cell.right <= following + TOLERANCE and not any(
                section_of_heading(paragraph.text, is_heading=True, titles=False)
                for paragraph in cell.paragraphs
            )
        if self.in_table() and near and fits and (near[0] != first or not bold):
            built = self._cell(cell, page)
            built.span = 1
            if self.columns and self.column_of(built) is None:
                self.end_table()
            else:
                self.row([built])
                return
        self.end_table()
        for paragraph in cell.paragraphs:
            self.body(paragraph, page)

    def body(self, paragraph: _Paragraph, page: int) -> None:
        source = SourceLocation(page=page, paragraph=paragraph.number)
        first = paragraph.lines[0]
        prefix = first.bold_prefix.strip()
        if prefix and section_of_heading(prefix, is_heading=True):
            rest = _join([first.text[len(first.bold_prefix) :], *(line.text for line in paragraph.lines[1:])])
            if rest:
                self.add(Block(prefix, source, heading=True))
                self.add(Block(rest, source))
                return
        self.add(Block(paragraph.text, source, heading=self._heading(paragraph)))


def pdf_blocks(document: Any) -> list[Block]:
    """The blocks of a PDF, in reading order."""
    pages = [page_lines(page) for page in document]
    heights = [document[index].get_height() for index in range(len(document))]
    width = document[0].get_width() if len(document) else 600.0
    if not any(pages):
        return []
    running = _running_heads(pages, heights)
    sizes = [line.size for lines in pages for line in lines]
    reader = _Reader(median(sizes) if sizes else 11.0)
    reader.page_width = width
    for number, lines in enumerate(pages, start=1):
        kept = [
            line
            for line in lines
            if not _PAGE_NUMBER.match(line.text.strip())
            and re.sub(r"[0-9]+", "#", line.text.strip().lower()) not in running
        ]
        cells = _paragraphs(kept, reader.body_size)
        count = 0
        for cell in cells:
            for paragraph in cell.paragraphs:
                count += 1
                paragraph.number = count
        for position, row in enumerate(_rows(cells)):
            if position == 0 and reader.continues(row):
                reader.continue_row(row)
            elif len(row) >= 2:
                reader.table_row(row, number)
            else:
                reader.lone_cell(row[0], number)
    return reader.blocks


def _pdf_file_blocks(path: Path) -> list[Block]:
    """The blocks of the PDF at ``path``, its pages and characters counted before any is read."""
    name = str(path)
    document = open_pdf(path)
    try:
        if len(document) > MAX_PAGES:
            raise PlanFileError(
                name, f"the PDF has {len(document):,} pages; ehcplan reads plans of up to {MAX_PAGES} pages"
            )
        _refuse_crowded_pages(name, document)
        return pdf_blocks(document)
    finally:
        document.close()


def _refuse_crowded_pages(name: str, document: Any) -> None:
    """Refuse a page of more characters than any printed page holds, before its lines are read
    (reading a page of 300,000 words line by line takes minutes)."""
    for number in range(len(document)):
        textpage = document[number].get_textpage()
        try:
            characters = textpage.count_chars()
        finally:
            textpage.close()
        if characters > MAX_PAGE_CHARACTERS:
            raise PlanFileError(
                name,
                f"page {number + 1} of the PDF holds {characters:,} characters (a full printed page holds "
                f"about 5,000); ehcplan reads pages of up to {MAX_PAGE_CHARACTERS:,}",
            )


def read_pdf_plan(path: Path) -> Plan:
    """Read a .pdf plan; PDFium runs in a child process with a memory and time limit."""
    blocks = run_isolated(str(path), "PDF", lambda: _pdf_file_blocks(path))
    if not blocks:
        raise PlanFileError(
            str(path), "the PDF has no text to read; it may be a scanned image, and ehcplan does no OCR"
        )
    refuse_overlong(str(path), (block.text for block in blocks))
    refuse_outsized(str(path), (block.text for block in blocks))
    return build_plan(blocks)
