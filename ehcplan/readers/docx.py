"""Read Word (.docx) plans: paragraphs, lists and tables in any common layout, into blocks.

Sections are found from heading styles, bold paragraphs, bold labels ("**C:** Not applicable")
and table header cells; tables are read as ``readers/layout.py`` describes. Every block remembers its paragraph, or its table, row and cell (numbered as a reader counts
them: tables and non-empty paragraphs from the start of the document, rows from the top of the
table, cells by column). ``walk`` is shared with the annotator, so a finding's location leads
back to the same paragraphs.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from ehcplan.errors import PlanFileError
from ehcplan.model import Plan, SourceLocation
from ehcplan.readers.layout import Cell, LayoutReader
from ehcplan.readers.limits import TableTooWide, refuse_outsized, refuse_overlong, refuse_wide_row
from ehcplan.readers.loose import Block, build_plan, section_of_heading

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
_OFF = ("0", "false", "off")


# --- the document as paragraphs with locations -------------------------------------------------


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


def walk(document: Any, styles: _Styles | None = None) -> list[Paragraph | Table]:
    """The body in reading order: non-empty paragraphs and tables, numbered as a reader counts them."""
    styles = styles or _Styles(document)
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
                parts.append(Table(counts["table"], list(_rows(child, counts["table"], styles))))
            elif child.tag in (f"{W}sdt", f"{W}customXml"):
                content = child.find(f"{W}sdtContent")
                visit(content if content is not None else child)

    visit(document.element.body)
    return parts


def _rows(table: Any, number: int, styles: _Styles) -> Iterator[tuple[int, list[Cell]]]:
    for row_number, row in enumerate(_children(table, "tr"), start=1):
        cells = sum(1 for _cell in _children(row, "tc"))
        refuse_wide_row(cells, f"table {number}, row {row_number}")
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
                where = SourceLocation(table=number, row=row_number, cell=column)
                cells.append(_cell(cell, column, span, where, styles))
            column += span
        yield row_number, cells


def _cell(element: Any, column: int, span: int, where: SourceLocation, styles: _Styles) -> Cell:
    paragraphs = [p for p in element.iter(f"{W}p") if paragraph_text(p).strip()]
    return Cell(
        column=column,
        span=span,
        texts=[paragraph_text(p).strip() for p in paragraphs],
        headings=[_looks_like_heading(p, styles) for p in paragraphs],
        sources=[where.model_copy(update={"paragraph": n}) for n in range(1, len(paragraphs) + 1)],
        source=where,
        paragraphs=paragraphs,
        strong=[_all_bold(p, styles) for p in paragraphs],
    )


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


def _all_bold(paragraph: Any, styles: _Styles) -> bool:
    """True when every run with text is bold, by its own formatting or its paragraph's style."""
    _heading, style_bold = styles.of(paragraph)
    runs = [run for run in paragraph_runs(paragraph) if run_text(run).strip()]
    return bool(runs) and all(bold if (bold := _run_bold(run)) is not None else style_bold for run in runs)


def _looks_like_heading(paragraph: Any, styles: _Styles) -> bool:
    heading, _style_bold = styles.of(paragraph)
    if heading or paragraph.find(f"{W}pPr/{W}outlineLvl") is not None:
        return True
    text = paragraph_text(paragraph).strip()
    # A whole sentence in bold is emphasis, not a heading.
    if len(text) > 150 or (text.endswith((".", "!", "?")) and not section_of_heading(text)):
        return False
    return _all_bold(paragraph, styles)


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


class _Reader(LayoutReader):
    """Turns the walked document into blocks."""

    def __init__(self, styles: _Styles) -> None:
        super().__init__()
        self.styles = styles

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
        self.end_table()
        for _number, cells in table.rows:
            self.row(cells)
        self.end_table()


def docx_blocks(document: Any, parts: list[Paragraph | Table] | None = None) -> list[Block]:
    """The blocks of a Word document, in reading order (from its walked ``parts``, if given)."""
    styles = _Styles(document)
    reader = _Reader(styles)
    for part in parts if parts is not None else walk(document, styles):
        if isinstance(part, Paragraph):
            reader.paragraph(part)
        else:
            reader.table(part)
    return reader.blocks


# The container of old .doc files and of password-protected .docx files.
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
# A 40-page plan with a few images unpacks to a few MB; these bounds are far beyond any plan.
MAX_UNPACKED_BYTES = 200_000_000
MAX_PART_RATIO = 200
# A plan with a hundred images has a few hundred parts.
MAX_PARTS = 5_000


def _refuse_zip_bomb(name: str, entries: list[zipfile.ZipInfo]) -> None:
    """Check sizes before anything is decompressed: a zip bomb is refused unread."""
    if len(entries) > MAX_PARTS:
        raise PlanFileError(
            name, f"the Word document has {len(entries):,} parts (a plan has a few dozen); it is not a plan"
        )
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNPACKED_BYTES:
        raise PlanFileError(name, f"the Word document would unpack to {total / 1e6:.0f} MB; it is not a plan")
    for entry in entries:
        if entry.file_size > 1_000_000 and entry.file_size > MAX_PART_RATIO * max(entry.compress_size, 1):
            raise PlanFileError(
                name, f"a part of the Word document ({entry.filename}) is compressed suspiciously far"
            )


# Names in the directory of the OLE container, as UTF-16: an encrypted .docx, or an old .doc.
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")
_WORD_97_STREAM = "WordDocument".encode("utf-16-le")
_OLE_SCAN_BYTES = 20_000_000


def _ole_reason(path: Path) -> str:
    """Why a file in the older OLE container is not read: a password, or the old Word format."""
    with path.open("rb") as stream:
        data = stream.read(_OLE_SCAN_BYTES)
    if _ENCRYPTED_STREAM in data:
        return (
            "is protected by a password; open it in Word, remove the password "
            "(File > Info > Protect Document) and save it again"
        )
    if _WORD_97_STREAM in data:
        return "is an old-style Word file (.doc) with a .docx name; open it in Word and save it as .docx"
    # Word keeps password-protected .docx files, and old .doc files, in this container.
    return "is password-protected or in the old Word format; remove the password or save it as .docx"


class _Declares(Exception):
    """An XML part declares a DOCTYPE or entities."""


class _Started(Exception):
    """The part's first element began: no declaration can follow."""


def _declares_entities(stream: IO[bytes]) -> bool:
    """True when the XML part declares a DOCTYPE or entities, found by parsing (expat, entities
    never expanded) up to its first element, so padding, comments or UTF-16 cannot hide one."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def declares(*_args: object) -> None:
        raise _Declares

    def started(*_args: object) -> None:
        raise _Started

    parser.StartDoctypeDeclHandler = declares
    parser.EntityDeclHandler = declares
    parser.StartElementHandler = started
    try:
        while chunk := stream.read(65_536):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Declares:
        return True
    except (_Started, expat.ExpatError):
        return False  # a malformed part is python-docx's to report
    return False


def _refuse_doctype(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    """Refuse XML parts that declare a DOCTYPE: Word never writes one, and entities are how XML
    attacks work. Reading the parts also finds damage (bad checksums, broken compression) early."""
    name = str(path)
    try:
        with zipfile.ZipFile(path) as package:
            for entry in entries:
                if not entry.filename.endswith((".xml", ".rels")):
                    continue
                with package.open(entry) as stream:
                    declares = _declares_entities(stream)
                if declares:
                    raise PlanFileError(
                        name,
                        f"a part of the Word document ({entry.filename}) declares XML entities, which Word "
                        "never writes; ehcplan does not open it (open it in Word and save a new copy)",
                    )
    except RuntimeError:  # zipfile's word for an encrypted member
        raise PlanFileError(
            name, "is protected by a password; open it in Word, remove the password and save it again"
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as error:
        raise PlanFileError(name, f"the Word document is damaged and cannot be read ({error})") from None


def open_docx(path: Path) -> Any:
    """Open a Word document with python-docx, or raise PlanFileError with one plain line."""
    name = str(path)
    if path.suffix.lower() == ".doc":
        raise PlanFileError(name, "is an old-style Word file (.doc); open it in Word and save it as .docx")
    try:
        is_zip = zipfile.is_zipfile(path)
        with path.open("rb") as stream:
            magic = stream.read(8)
    except OSError as error:
        raise PlanFileError(name, f"cannot read the file: {error.strerror or error}") from None
    if magic == OLE_MAGIC:
        raise PlanFileError(name, _ole_reason(path))
    if not is_zip:
        raise PlanFileError(name, "is not a Word document (.docx files are zip packages); is it damaged?")
    try:
        with zipfile.ZipFile(path) as package:
            entries = package.infolist()
            names = {entry.filename for entry in entries}
    except (zipfile.BadZipFile, OSError) as error:
        raise PlanFileError(name, f"the Word document is damaged: {error}") from None
    _refuse_zip_bomb(name, entries)
    if "word/document.xml" not in names:
        raise PlanFileError(name, "is a zip file but not a Word document (it has no word/document.xml)")
    _refuse_doctype(path, entries)
    import docx

    try:
        return docx.Document(name)
    except Exception as error:  # python-docx raises many kinds on a damaged package
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise PlanFileError(name, f"the Word document cannot be read: {reason}") from None


@dataclass
class WordRead:
    """A Word plan as read: the plan, and the opened document with its paragraphs and tables in
    reading order, each numbered as the plan's source locations number them (for ``annotate``)."""

    plan: Plan
    document: Any
    parts: list[Paragraph | Table]


def read_docx(path: Path) -> WordRead:
    """Open and read a .docx plan once, keeping the document for whoever writes on it next."""
    document = open_docx(path)
    try:
        parts = walk(document, _Styles(document))
        blocks = docx_blocks(document, parts)
    except TableTooWide as error:
        raise PlanFileError(str(path), str(error)) from None
    refuse_overlong(str(path), (block.text for block in blocks))
    refuse_outsized(str(path), (block.text for block in blocks))
    return WordRead(build_plan(blocks), document, parts)


def read_docx_plan(path: Path) -> Plan:
    """Read a .docx plan."""
    return read_docx(path).plan
