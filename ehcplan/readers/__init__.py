"""Readers turn a file into a Plan. One module per format; ``read_plan`` picks by file suffix."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

from ehcplan.errors import PlanFileError
from ehcplan.model import Plan

if TYPE_CHECKING:
    from ehcplan.readers.docx import WordRead
    from ehcplan.session import Session

STRUCTURED_SUFFIXES = (".yaml", ".yml", ".json")
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
WORD_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
SUFFIXES = (*STRUCTURED_SUFFIXES, *TEXT_SUFFIXES, *WORD_SUFFIXES, *PDF_SUFFIXES)
LOOSE_SUFFIXES = (*TEXT_SUFFIXES, *WORD_SUFFIXES, *PDF_SUFFIXES)


def read_plan(path: Path | str, session: Session | None = None) -> Plan:
    """Read any supported plan file into a Plan, or raise PlanFileError with a one-line reason.

    Loose documents are read in ``session``'s wording and layout lexicon (the built-in ones for None).
    """
    from ehcplan.readers.vocabulary import reading_with

    with reading_with(session):
        return _read_by_format(Path(path))


def read_word_document(path: Path, session: Session | None = None) -> WordRead:
    """A Word plan read once, with the opened document kept, so ``annotate`` can write on it."""
    from ehcplan.readers.docx import read_docx
    from ehcplan.readers.vocabulary import reading_with

    with reading_with(session):
        return read_docx(path)


def _read_by_format(path: Path) -> Plan:
    try:
        mode = path.stat().st_mode  # follows links: a link to /dev/zero is a device
    except FileNotFoundError:
        raise PlanFileError(str(path), "no such file") from None
    except OSError as error:  # a loop of links, a file it has no right to see
        raise PlanFileError(str(path), f"cannot open it: {error.strerror or error}") from None
    if stat.S_ISDIR(mode):
        raise PlanFileError(str(path), "is a folder, not a plan file")
    if not stat.S_ISREG(mode):
        # A pipe would wait for ever and a device never ends: only ordinary files are read.
        raise PlanFileError(
            str(path), "is not an ordinary file (a pipe, device or socket); give a saved plan file"
        )
    suffix = path.suffix.lower()
    if suffix in STRUCTURED_SUFFIXES:
        from ehcplan.readers.structured import read_structured_plan

        return read_structured_plan(path)
    if suffix in TEXT_SUFFIXES:
        from ehcplan.readers.text import read_text_plan

        return read_text_plan(path)
    if suffix in WORD_SUFFIXES or suffix == ".doc":
        from ehcplan.readers.docx import read_docx_plan

        return read_docx_plan(path)
    if suffix in PDF_SUFFIXES:
        from ehcplan.readers.pdf import read_pdf_plan

        return read_pdf_plan(path)
    raise PlanFileError(
        str(path), f"cannot read '{suffix or 'no suffix'}' files; ehcplan reads {', '.join(SUFFIXES)}"
    )
