"""A plan as an accessible Word document, built with python-docx from the plan's view.

What a reader and Word's accessibility checker look for: A4 pages, real Heading styles (so
the navigation pane and screen readers can move by section), tables with a repeating header
row and a title, en-GB as the language, a readable font of at least 11 pt, the document's
properties, page numbers and a footer on every page, DRAFT on every page of a draft, alt text
on the logo, and spacing from styles rather than blank paragraphs. Every word shown comes from
the view (``templates/words.yaml``).
"""

from __future__ import annotations

import datetime as dt
import io
import string
from collections.abc import Callable, Sequence
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import _Cell

from ehcplan.model import PROVISION_SECTIONS
from ehcplan.render import ooxml
from ehcplan.render.review import Flag, Paragraph
from ehcplan.render.view import PlanView

FONT = "Arial"
BODY_PT = 12
SMALL_PT = 11  # tables, footers and findings: never below 11 pt
TEXT = RGBColor(0x0B, 0x0C, 0x0C)
SECONDARY = RGBColor(0x50, 0x5A, 0x5F)  # 7:1 on white
HEADER_FILL = "F3F2F1"
BORDER = "B1B4B6"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(20)

# Styles added to python-docx's template (names a writer sees in Word's style list).
TABLE_TEXT, TABLE_HEADING, FINDING, NOTICE, SECONDARY_TEXT = (
    "Table Text",
    "Table Heading",
    "Finding",
    "Notice",
    "Secondary Text",
)

# Column widths in millimetres; each set adds up to the text width (A4 less two 20 mm margins).
# Narrow columns still fit their longest word at 11 pt ("Communication", "practitioner", "Outcomes:"),
# so no word is broken in the middle.
OUTCOME_COLUMNS = (12, 80, 28, 32, 18)
PROVISION_COLUMNS = (12, 50, 32, 24, 27, 25)
ADVICE_COLUMNS = (38, 35, 70, 27)
ADVICE_COLUMNS_TITLED = (32, 30, 45, 25, 38)

Container = Any  # the document body or a table cell: both have add_paragraph()


def render_docx(view: PlanView) -> bytes:
    """The plan as the bytes of a .docx file."""
    return WordPlan(view).build()


class WordPlan:
    """Builds one Word document from a plan's view, top to bottom."""

    def __init__(self, view: PlanView) -> None:
        self.view = view
        self.words = view.words
        self.review = view.review
        self.document = docx.Document()

    def build(self) -> bytes:
        self._page_setup()
        self._styles()
        self._properties()
        self._header_and_footer()
        self._title()
        if self.review.active:
            self._review_summary()
        self._details()
        for letter, _id, section in self.view.sections():
            self._section(letter, section)
        stream = io.BytesIO()
        self.document.save(stream)
        return stream.getvalue()

    # --- the document's frame --------------------------------------------------------------

    def _page_setup(self) -> None:
        # python-docx's template is US Letter with 1-inch margins.
        for section in self.document.sections:
            section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
            section.left_margin = section.right_margin = MARGIN
            section.top_margin = section.bottom_margin = MARGIN
            section.header_distance = section.footer_distance = Mm(10)

    def _styles(self) -> None:
        document = self.document
        ooxml.set_language(document, self.words("document.language"))
        ooxml.set_font(ooxml.default_run_properties(document), FONT)
        styles = document.styles
        normal = styles["Normal"]
        normal.font.size = Pt(BODY_PT)
        normal.font.color.rgb = TEXT
        normal.paragraph_format.space_after = Pt(8)
        normal.paragraph_format.line_spacing = 1.15
        accent = RGBColor.from_string(self.view.accent.lstrip("#").upper())
        for level, size, colour, before in (
            (1, 24, TEXT, 0),
            (2, 18, accent, 24),
            (3, 14, TEXT, 16),
            (4, 12, TEXT, 10),
        ):
            heading = styles[f"Heading {level}"]
            ooxml.set_font(heading.element, FONT)
            heading.font.size = Pt(size)
            heading.font.bold = True
            heading.font.italic = False
            heading.font.color.rgb = colour
            heading.paragraph_format.space_before = Pt(before)
            heading.paragraph_format.space_after = Pt(8)
            heading.paragraph_format.keep_with_next = True
        for name in ("Header", "Footer", "List Bullet", "Quote", "Caption"):
            ooxml.set_font(styles[name].element, FONT)
        styles["Footer"].font.size = Pt(SMALL_PT)
        styles["Header"].font.size = Pt(SMALL_PT)
        quote = styles["Quote"]
        quote.font.italic = False  # italics are harder to read, dyslexia style guides advise against
        quote.font.color.rgb = TEXT
        quote.font.size = Pt(BODY_PT)
        quote.paragraph_format.left_indent = Cm(0.6)
        ooxml.add_border(quote, ("left",), 24, BORDER, space=8)
        caption = styles["Caption"]
        caption.font.size = Pt(BODY_PT)
        caption.font.bold = True
        caption.font.color.rgb = TEXT
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_before = Pt(6)
        self._add_style(TABLE_TEXT, size=SMALL_PT, after=3)
        self._add_style(TABLE_HEADING, size=SMALL_PT, after=0, bold=True)
        self._add_style(SECONDARY_TEXT, colour=SECONDARY)
        finding = self._add_style(FINDING, size=SMALL_PT, after=2)
        finding.paragraph_format.left_indent = Cm(0.4)
        ooxml.add_border(finding, ("left",), 18, "505A5F", space=6)
        notice = self._add_style(NOTICE, size=BODY_PT, after=12)
        ooxml.add_border(notice, ("top", "left", "bottom", "right"), 18, "0B0C0C", space=6)

    def _add_style(
        self, name: str, *, size: int = BODY_PT, after: int = 8, bold: bool = False, colour: RGBColor = TEXT
    ) -> Any:
        style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.document.styles["Normal"]
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.color.rgb = colour
        style.paragraph_format.space_after = Pt(after)
        return style

    def _properties(self) -> None:
        view = self.view
        properties = self.document.core_properties
        properties.title = view.title
        properties.subject = view.subject
        properties.author = view.authority or ""
        properties.last_modified_by = view.authority or ""
        properties.language = self.words("document.language")
        properties.keywords = self.words("document.keywords")
        properties.comments = ""
        properties.revision = 1
        now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        properties.created = properties.modified = now

    def _header_and_footer(self) -> None:
        view = self.view
        section = self.document.sections[0]
        header = section.header.paragraphs[0]
        if view.logo is not None:
            picture = header.add_run().add_picture(io.BytesIO(view.logo.data), height=Cm(1.5))
            ooxml.set_alt_text(picture, view.logo.alt)
            # The name sits just after the logo, not at the template's centre tab.
            header.paragraph_format.tab_stops.add_tab_stop(picture.width + Cm(0.4))
        if view.authority:
            if header.runs:
                header.add_run().add_tab()
            header.add_run(view.authority).bold = True
        if view.is_draft:
            marking = header if not header.runs else section.header.add_paragraph()
            marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = marking.add_run(self.words("document.draft_marking"))
            run.bold = True
            run.font.size = Pt(20)
        footer = section.footer.paragraphs[0]
        footer.add_run(view.footer)
        pages = section.footer.add_paragraph()
        pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for literal, field in _fields(self.words("document.page_numbers")):
            if literal:
                pages.add_run(literal)
            if field:
                ooxml.add_field(pages, {"page": "PAGE", "pages": "NUMPAGES"}[field])

    # --- the start of the plan -------------------------------------------------------------

    def _title(self) -> None:
        view = self.view
        self.document.add_paragraph(view.title, style="Heading 1")
        self.document.add_paragraph(view.caption, style=SECONDARY_TEXT)
        if view.is_draft:
            notice = self.document.add_paragraph(style=NOTICE)
            notice.add_run(self.words("document.draft_marking")).bold = True
            notice.add_run(" " + self.words("document.draft_notice"))

    def _review_summary(self) -> None:
        review = self.review
        self.document.add_paragraph(self.words("review.heading"), style="Heading 2")
        self.document.add_paragraph(self.words("review.intro"))
        if review.flags:
            counts = {severity: review.count(severity) for severity in ("error", "warning", "info")}
            self.document.add_paragraph(self.words("review.counts", **counts))
        else:
            self.document.add_paragraph(self.words("review.nothing"))
        self._findings(self.document, review.for_section(None), self.words("review.plan_findings"))

    def _details(self) -> None:
        self.document.add_paragraph(self.words("details.heading"), style="Heading 2")
        for label, values in self.view.detail_rows():
            self._label_value(self.document, label, self.view.joined(values))

    # --- sections ------------------------------------------------------------------------------

    def _section(self, letter: str, section: Any) -> None:
        self.document.add_paragraph(self.view.heading(letter), style="Heading 2")
        self._findings(self.document, self.review.for_section(letter), self.words("review.section_findings"))
        if self.view.is_empty(section):
            self.document.add_paragraph(self.words("document.nothing_written"), style=SECONDARY_TEXT)
            return
        builders: dict[str, Callable[[Any], None]] = {
            "A": self._section_a,
            "I": self._placement,
            "J": self._budget,
            "K": self._advice,
        }
        if letter in builders:
            builders[letter](section)
            return
        self._statement(letter, section)
        if not section.items:
            return
        if letter == "E":
            self._outcome_table(letter, section.items)
        elif letter in PROVISION_SECTIONS:
            self._provision_table(letter, section.items)
        else:
            for need in section.items:
                self._need(letter, need)

    def _statement(self, letter: str, section: Any) -> None:
        if section.statement:
            self._text_field(self.document, letter, section.statement)

    def _section_a(self, a: Any) -> None:
        body = self.document
        for field in ("history", "communication"):
            if getattr(a, field):
                self._subheading(f"section_a.{field}")
                for paragraph in self.view.paragraphs(getattr(a, field)):
                    self._text_field(body, "A", paragraph)
        for field in ("child_views", "parent_views"):
            views = getattr(a, field)
            if views is not None:
                self._subheading(f"section_a.{field}")
                self._text_field(body, "A", views.text, style="Quote")
                if views.whose_words:
                    body.add_paragraph(
                        self.words("section_a.whose_words", who=views.whose_words), style=SECONDARY_TEXT
                    )
        for field in ("interests", "strengths"):
            if getattr(a, field):
                self._subheading(f"section_a.{field}")
                for text in getattr(a, field):
                    self._text_field(body, "A", text, style="List Bullet")
        if a.aspirations:
            self._subheading("section_a.aspirations")
            for aspiration in a.aspirations:
                paragraph = self._passage(body, "A", None, aspiration.text, style="List Bullet")[-1]
                area = self.view.aspiration_area(aspiration)
                if area:
                    paragraph.add_run().add_break()
                    paragraph.add_run(area).font.color.rgb = SECONDARY
                self._passage_findings(body, "A", aspiration.text)

    def _need(self, letter: str, need: Any) -> None:
        body = self.document
        body.add_paragraph(self.view.need_heading(need), style="Heading 3")
        self._passage(body, letter, need.id, need.text)
        if need.strengths:
            body.add_paragraph(self.words("needs.strengths"), style="Heading 4")
            self._passage(body, letter, need.id, need.strengths)
        self._item_findings(body, letter, need.id)

    def _outcome_table(self, letter: str, items: Sequence[Any]) -> None:
        keys = ("item", "outcome", "timescale", "area", "needs")
        table = self._table(
            self.words("outcomes.caption", letter=letter),
            [self.words(f"outcomes.{key}") for key in keys],
            OUTCOME_COLUMNS,
        )
        for item in items:
            cells = table.add_row().cells
            self._lines(cells[0], [item.id], bold=True)
            self._passage(cells[1], letter, item.id, item.text, style=TABLE_TEXT)
            self._item_findings(cells[1], letter, item.id)
            self._lines(cells[2], [item.timescale or self.view.not_stated])
            self._lines(cells[3], self.view.outcome_area(item))
            self._lines(cells[4], [self.view.joined(item.needs) or self.view.not_stated])

    def _provision_table(self, letter: str, items: Sequence[Any]) -> None:
        keys = ("item", "provision", "who", "group_size", "how_often_long", "links")
        table = self._table(
            self.words("provision.caption", letter=letter),
            [self.words(f"provision.{key}") for key in keys],
            PROVISION_COLUMNS,
        )
        view = self.view
        for item in items:
            cells = table.add_row().cells
            self._lines(cells[0], [item.id], bold=True)
            if item.what:
                for paragraph in self._passage(cells[1], letter, item.id, item.what, style=TABLE_TEXT):
                    for run in paragraph.runs:
                        run.bold = True
            self._passage(cells[1], letter, item.id, item.text, style=TABLE_TEXT)
            self._lines(cells[1], view.provision_facts(item))
            self._item_findings(cells[1], letter, item.id)
            self._lines(cells[2], view.who(item))
            self._lines(cells[3], [item.group_size or view.not_stated])
            self._lines(cells[4], view.how_often_long(item))
            self._lines(cells[5], view.links(item))

    def _placement(self, placement: Any) -> None:
        self._statement("I", placement)
        for field in ("name", "type"):
            text = getattr(placement, field)
            if text:
                self._label_value(self.document, self.words(f"placement.{field}"), text, section="I")

    def _budget(self, budget: Any) -> None:
        self._statement("J", budget)
        for label, value in self.view.budget_rows(budget):
            self._label_value(self.document, label, value)
        if budget.funds:
            self._label_value(self.document, self.words("budget.funds"), budget.funds, section="J")

    def _advice(self, advice: list[Any]) -> None:
        titled = any(entry.title for entry in advice)
        keys = ["kind", "author", "role", "date"] + (["title"] if titled else [])
        table = self._table(
            self.words("advice.caption"),
            [self.words(f"advice.{key}") for key in keys],
            ADVICE_COLUMNS_TITLED if titled else ADVICE_COLUMNS,
        )
        view = self.view
        for number, entry in enumerate(advice, start=1):
            cells = table.add_row().cells
            self._lines(cells[0], [view.advice_kind(entry)], bold=True)
            self._lines(cells[1], [entry.author or view.not_stated])
            self._lines(cells[2], [entry.role or view.not_stated])
            self._lines(cells[3], [view.date(entry.date) or view.not_stated])
            if titled and entry.title:
                ref = f"K{number}"
                self._passage(cells[4], "K", ref, entry.title, style=TABLE_TEXT)
                self._item_findings(cells[4], "K", ref)
            elif titled:
                self._lines(cells[4], [view.not_stated])

    # --- building blocks -----------------------------------------------------------------------

    def _subheading(self, key: str) -> None:
        self.document.add_paragraph(self.words(key), style="Heading 3")

    def _table(self, caption: str, columns: list[str], widths_mm: Sequence[int]) -> Any:
        """A table with a visible caption, a title for screen readers and a repeating header row."""
        self.document.add_paragraph(caption, style="Caption")
        table = self.document.add_table(rows=1, cols=len(columns))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        ooxml.set_table_caption(table, caption)
        header = table.rows[0]
        ooxml.repeat_header_row(header)
        for cell, column in zip(header.cells, columns, strict=True):
            self._paragraph(cell, TABLE_HEADING).add_run(column)
            ooxml.shade(cell, HEADER_FILL)
        return _SizedTable(table, [Mm(width) for width in widths_mm])

    def _paragraph(self, container: Container, style: str | None = None) -> Any:
        """A new paragraph; in a table cell, the cell's own empty first paragraph is used first."""
        if isinstance(container, _Cell):
            first = container.paragraphs[0]
            if len(container.paragraphs) == 1 and not first.runs:
                if style:
                    first.style = self.document.styles[style]
                return first
        return container.add_paragraph(style=style)

    def _lines(self, cell: Any, lines: list[str], *, bold: bool = False) -> None:
        for line in lines:
            self._paragraph(cell, TABLE_TEXT).add_run(line).bold = bold

    def _label_value(
        self, container: Container, label: str, value: str, *, section: str | None = None
    ) -> None:
        """'Label: value' with the label in bold; a value from the plan can carry review marks."""
        paragraph = self._paragraph(container)
        for literal, field in _fields(self.words.raw("document.label_value")):
            if literal:
                paragraph.add_run(literal)
            if field == "label":
                paragraph.add_run(label).bold = True
            elif field == "value":
                if section is None:
                    paragraph.add_run(value)
                else:
                    for number, pieces in enumerate(self.review.paragraphs(section, None, value)):
                        if number:
                            paragraph.add_run().add_break()
                        self._add_pieces(paragraph, pieces)
        if section is not None:
            self._passage_findings(container, section, value)

    def _text_field(self, container: Container, letter: str, text: str, style: str | None = None) -> None:
        """A passage outside any item, followed by the findings on it."""
        self._passage(container, letter, None, text, style=style)
        self._passage_findings(container, letter, text)

    def _passage(
        self, container: Container, letter: str, item: str | None, text: str, style: str | None = None
    ) -> list[Any]:
        """Plan text, a paragraph per line, flagged words marked; returns the paragraphs."""
        paragraphs = []
        for pieces in self.review.paragraphs(letter, item, text):
            paragraph = self._paragraph(container, style)
            self._add_pieces(paragraph, pieces)
            paragraphs.append(paragraph)
        return paragraphs

    def _add_pieces(self, paragraph: Any, pieces: Paragraph) -> None:
        for piece in pieces:
            if piece.ref is not None:
                # A space keeps the reference apart from the word it follows, as in HTML.
                run = paragraph.add_run(" " + self.words("review.ref", number=piece.ref))
                run.bold = True
            else:
                run = paragraph.add_run(piece.text)
                if piece.marked:
                    # Highlight and underline, so it shows in black-and-white print too; the
                    # finding's number after it says the same in words.
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                    run.underline = True

    def _item_findings(self, container: Container, letter: str, item: str) -> None:
        self._findings(
            container, self.review.for_item(letter, item), self.words("review.item_findings", item=item)
        )

    def _passage_findings(self, container: Container, letter: str, text: str) -> None:
        self._findings(
            container, self.review.for_passage(letter, text), self.words("review.passage_findings")
        )

    def _findings(self, container: Container, flags: list[Flag], title: str) -> None:
        """The findings on a passage, item, section or the plan, as short indented paragraphs."""
        if not flags:
            return
        heading = self._paragraph(container, FINDING)
        heading.add_run(title).bold = True
        heading.paragraph_format.keep_with_next = True
        for flag in flags:
            finding = flag.finding
            line = self._paragraph(container, FINDING)
            line.paragraph_format.keep_with_next = True
            values = {
                "label": self.words("review.label", number=flag.number),
                "severity": self.words(f"review.severities.{flag.severity}"),
                "rule": self.words("review.rule", code=finding.rule, name=finding.name),
            }
            for literal, field in _fields(self.words.raw("review.heading_line")):
                line.add_run(literal)
                if field:
                    line.add_run(values[field]).bold = field == "label"
            lines = [finding.message]
            if flag.words:
                lines.insert(0, self.words("review.flagged", words=flag.words))
            if finding.suggestion:
                lines.append(self.words("review.suggestion", suggestion=finding.suggestion))
            for text in lines:
                self._paragraph(container, FINDING).add_run(text)


class _SizedTable:
    """A table whose rows all get the column widths.

    Word reads the width of each cell and LibreOffice the grid's column widths, so both are set.
    """

    def __init__(self, table: Any, widths: list[Any]) -> None:
        self._table = table
        self._widths = widths
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        self._size(table.rows[0])

    def add_row(self) -> Any:
        row = self._table.add_row()
        self._size(row)
        return row

    def _size(self, row: Any) -> None:
        for cell, width in zip(row.cells, self._widths, strict=True):
            cell.width = width


def _fields(wording: str) -> list[tuple[str, str | None]]:
    """(literal text, placeholder name) pairs of a wording such as 'Page {page} of {pages}'."""
    return [(literal, field) for literal, field, _spec, _conversion in string.Formatter().parse(wording)]
