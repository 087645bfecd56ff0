"""The few pieces of Word XML that python-docx has no API for.

A repeating table header row (``w:tblHeader``), alt text on a picture, a table's title for
screen readers, page-number fields, borders and shading, the document's language and fonts
that are not overridden by the theme. Each is a small, documented edit of the XML, in the
element order the OOXML schema requires, so Word and LibreOffice open the file cleanly.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Attributes that make a style take its font from the theme, overriding a named font.
_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_ATTRIBUTES = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def set_language(document: Any, language: str) -> None:
    """Make ``language`` (e.g. 'en-GB') the language of all text, for spelling and screen readers.

    python-docx's built-in template says en-US in the document defaults and the settings.
    """
    styles = document.styles.element
    run_defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), language)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)


def set_font(r_pr_owner: Any, name: str) -> None:
    """Use the named font for every script, removing theme fonts that would win over it.

    ``r_pr_owner`` is a style element or the document defaults' run properties.
    """
    r_pr = r_pr_owner if r_pr_owner.tag == qn("w:rPr") else r_pr_owner.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in _THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for attribute in _FONT_ATTRIBUTES:
        fonts.set(qn(attribute), name)


def default_run_properties(document: Any) -> Any:
    """The ``w:rPr`` of the document defaults, where the base font and language live."""
    return document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))


def repeat_header_row(row: Any) -> None:
    """Repeat this row at the top of each page the table runs on to, and never split it."""
    tr_pr = row._tr.get_or_add_trPr()
    # Schema order inside w:trPr: ... cantSplit, trHeight, tblHeader ...
    cant_split = OxmlElement("w:cantSplit")
    header = OxmlElement("w:tblHeader")
    height = tr_pr.find(qn("w:trHeight"))
    if height is not None:
        height.addprevious(cant_split)
        height.addnext(header)
    else:
        tr_pr.append(cant_split)
        tr_pr.append(header)


def set_table_caption(table: Any, caption: str) -> None:
    """The table's title, which Word shows as its alt text and screen readers announce."""
    tbl_pr = table._tbl.tblPr
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption)
    # w:tblCaption comes after w:tblLook and before w:tblDescription, the last two children.
    description = tbl_pr.find(qn("w:tblDescription"))
    if description is not None:
        description.addprevious(element)
    else:
        tbl_pr.append(element)


def set_alt_text(inline_shape: Any, text: str) -> None:
    """Alt text on a picture (``descr`` of its ``wp:docPr``), read out by screen readers."""
    doc_pr = inline_shape._inline.docPr
    doc_pr.set("descr", text)
    doc_pr.set("title", text)


def shade(cell: Any, fill: str) -> None:
    """A background colour for a table cell, as 'RRGGBB'."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    # w:shd comes after w:tcW, w:gridSpan, w:vMerge and w:tcBorders; before w:noWrap, w:vAlign ...
    later = [child for child in tc_pr if child.tag in (qn("w:noWrap"), qn("w:tcMar"), qn("w:vAlign"))]
    if later:
        later[0].addprevious(shading)
    else:
        tc_pr.append(shading)


def add_border(style: Any, sides: tuple[str, ...], size_eighths: int, colour: str, space: int = 4) -> None:
    """Borders around paragraphs of a style (``sides`` from 'top', 'left', 'bottom', 'right')."""
    p_pr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), str(size_eighths))
        edge.set(qn("w:space"), str(space))
        edge.set(qn("w:color"), colour)
        borders.append(edge)
    # w:pBdr comes before w:shd, w:tabs ... and after w:keepNext, w:keepLines, w:pageBreakBefore ...
    following = [
        child
        for child in p_pr
        if child.tag
        in (qn(f"w:{name}") for name in ("shd", "tabs", "suppressAutoHyphens", "spacing", "ind", "jc", "rPr"))
    ]
    if following:
        following[0].addprevious(borders)
    else:
        p_pr.append(borders)


def add_field(paragraph: Any, instruction: str, placeholder: str = "1") -> Any:
    """A field such as PAGE or NUMPAGES; Word and LibreOffice fill it in when they lay out the page."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(begin)
    run._r.append(code)
    run._r.append(separate)
    shown = paragraph.add_run(placeholder)
    end_run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    end_run._r.append(end)
    return shown
