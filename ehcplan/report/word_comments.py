"""Word comments on the source: a copy of a .docx plan with each finding as a comment on the words at fault.

A comment covers whole runs, so where a finding starts or ends inside a run the run is split in
two, each keeping the run's formatting (its ``w:rPr`` is copied). The findings are found again in
the document from where their item came from (paragraph, or table, row and cell); a finding with
no place in the document (a section that could not be found) goes into the summary comment at
the top, with the grades.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ehcplan.counting import counted, severity_counts
from ehcplan.model.findings import Severity
from ehcplan.readers.docx import (
    Paragraph,
    Table,
    W,
    WordRead,
    paragraph_runs,
    paragraph_text,
    run_text,
)

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckResult
    from ehcplan.model import SourceLocation
    from ehcplan.model.findings import Finding

AUTHOR = "ehcplan"
INITIALS = "EP"
# Run children that only hold text; a run with anything else (a picture, a field) is never split.
_TEXT_ONLY = {
    f"{W}{name}"
    for name in (
        "rPr",
        "t",
        "tab",
        "br",
        "cr",
        "noBreakHyphen",
        "softHyphen",
        "ptab",
        "lastRenderedPageBreak",
    )
}


@dataclass
class Annotated:
    """The annotated document and what went where."""

    data: bytes
    on_words: int
    in_summary: int


class _Index:
    """The document's paragraphs by where the readers said things came from."""

    def __init__(self, parts: list[Paragraph | Table]) -> None:
        self.paragraphs: dict[int, Any] = {}
        self.cells: dict[tuple[int, int, int], list[Any]] = {}
        self.rows: dict[tuple[int, int], list[Any]] = {}
        self.ordered: list[Any] = []
        for part in parts:
            if isinstance(part, Paragraph):
                self.paragraphs[part.number] = part.element
                self.ordered.append(part.element)
                continue
            for row, cells in part.rows:
                for cell in cells:
                    self.cells[(part.number, row, cell.column)] = cell.paragraphs
                    self.rows.setdefault((part.number, row), []).extend(cell.paragraphs)
                    self.ordered.extend(cell.paragraphs)

    def near(self, source: SourceLocation | None) -> list[list[Any]]:
        """Paragraph groups to search, nearest first: the paragraph or cell, then the row."""
        if source is None:
            return []
        if source.table is not None and source.row is not None:
            cell = self.cells.get((source.table, source.row, source.cell or 0), [])
            groups = []
            if source.paragraph is not None and source.paragraph <= len(cell):
                groups.append([cell[source.paragraph - 1]])
            groups.append(cell)
            groups.append(self.rows.get((source.table, source.row), []))
            return [group for group in groups if group]
        if source.paragraph is not None and source.paragraph in self.paragraphs:
            return [[self.paragraphs[source.paragraph]]]
        return []


def _segments(paragraphs: list[Any]) -> tuple[str, list[tuple[int, int, Any]]]:
    """The text of paragraphs joined by spaces (as the readers join them), and each run's span in it."""
    text = ""
    spans: list[tuple[int, int, Any]] = []
    for paragraph in paragraphs:
        if text:
            text += " "
        for run in paragraph_runs(paragraph):
            piece = run_text(run)
            if piece:
                spans.append((len(text), len(text) + len(piece), run))
                text += piece
    return text, spans


def _find(groups: list[list[Any]], words: str) -> tuple[list[Any], int] | None:
    for group in groups:
        text, _spans = _segments(group)
        position = text.find(words)
        if position >= 0:
            return group, position
    return None


def _split(run: Any, at: int) -> Any:
    """Split a run at a character offset; returns the new run holding the text from there on."""
    text = run_text(run)
    after = copy.deepcopy(run)
    run.text = text[:at]
    after.text = text[at:]
    run.addnext(after)
    return after


def _splittable(run: Any) -> bool:
    return all(child.tag in _TEXT_ONLY for child in run)


def _runs_for(paragraphs: list[Any], start: int, end: int) -> list[Any]:
    """The runs covering characters start..end of the paragraphs' text, splitting runs at the edges."""
    _text, spans = _segments(paragraphs)
    covered: list[Any] = []
    for run_start, run_end, run in spans:
        if run_end <= start or run_start >= end:
            continue
        if run_start < start and _splittable(run):
            run = _split(run, start - run_start)
            run_start = start
        if run_end > end and _splittable(run):
            _split(run, end - run_start)
        covered.append(run)
    return covered


def _comment_text(finding: Finding) -> str:
    return f"{finding.rule} ({finding.severity.value}): {finding.message}\nWhat to do: {finding.suggestion}"


def _summary_text(result: CheckResult, unplaced: list[Finding]) -> str:
    graded = result.grades
    lines = ["ehcplan review of this plan."]
    if graded is not None:
        limited = f" (limited because {'; '.join(graded.limited_by)})" if graded.limited_by else ""
        sections = ", ".join(f"{letter} {grade}" for letter, grade in graded.sections.items())
        lines.append(f"Overall: {graded.overall}{limited}.")
        if sections:
            lines.append(f"Sections: {sections}.")
    counts = {level.value: result.count(level) for level in Severity}
    lines.append(
        f"{counted(len(result.findings), 'finding')}: {severity_counts(counts)}"
        + (f"; {len(result.accepted)} accepted on purpose." if result.accepted else ".")
    )
    if unplaced:
        lines.append("Not tied to any words in the document:")
        lines.extend(f"{finding.rule}: {finding.message} {finding.suggestion}" for finding in unplaced)
    return "\n".join(lines)


def _source_of(result: CheckResult, finding: Finding) -> SourceLocation | None:
    if finding.item:
        for _letter, item in result.plan.items():
            if item.id == finding.item:
                return item.source
    return result.plan.source_of(finding.section) if finding.section else None


@dataclass(frozen=True)
class WordNote:
    """A comment to place: on ``words`` (from ``start`` to ``end`` of them) near ``source``, else on the place."""

    source: SourceLocation | None
    words: str
    start: int
    end: int
    text: str


def annotate_docx(read: WordRead, result: CheckResult) -> Annotated:
    """The Word document as ``read``, with a comment for each finding in ``result`` (made from it).

    The document is the one the reader opened and walked, so its paragraphs are found by the
    numbers the plan's source locations give, without reading the file again. It is changed.
    """
    notes = [
        WordNote(
            _source_of(result, finding), finding.text, finding.start, finding.end, _comment_text(finding)
        )
        for finding in result.findings
    ]
    by_note = dict(zip(map(id, notes), result.findings, strict=True))
    return comment_document(
        read, notes, lambda unplaced: _summary_text(result, [by_note[id(note)] for note in unplaced])
    )


def comment_document(
    read: WordRead, notes: list[WordNote], summary: Callable[[list[WordNote]], str]
) -> Annotated:
    """The document as ``read`` with each note as a comment, and ``summary`` of the unplaced ones at the top."""
    from docx.text.paragraph import Paragraph as DocxParagraph
    from docx.text.run import Run

    document = read.document
    index = _Index(read.parts)

    def comment(runs: list[Any], text: str) -> None:
        first, last = runs[0], runs[-1]
        parent = DocxParagraph(first.getparent(), document._body)
        document.add_comment(
            [Run(first, parent), Run(last, parent)], text=text, author=AUTHOR, initials=INITIALS
        )

    unplaced: list[WordNote] = []
    placed = 0
    for note in notes:
        groups = index.near(note.source)
        found = _find(groups, note.words) if note.words else None
        if found is None and note.words:
            found = _find([[paragraph] for paragraph in index.ordered], note.words)
        if found is not None:
            paragraphs, offset = found
            start, end = offset + note.start, offset + max(note.end, note.start + 1)
            runs = _runs_for(paragraphs, start, end)
        elif groups:
            runs = [run for paragraph in groups[0] for run in paragraph_runs(paragraph) if run_text(run)]
        else:
            runs = []
        if runs:
            comment(runs, note.text)
            placed += 1
        else:
            unplaced.append(note)
    first = next((p for p in index.ordered if paragraph_text(p).strip()), None)
    if first is not None:
        runs = [run for run in paragraph_runs(first) if run_text(run)]
        comment(runs, summary(unplaced))
    stream = io.BytesIO()
    document.save(stream)
    return Annotated(stream.getvalue(), on_words=placed, in_summary=len(unplaced))
