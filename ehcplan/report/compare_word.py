"""A Word copy of the amended plan with a comment on each change, as ``annotate`` comments findings.

A Word plan is copied as it is; a plan in another format is first rendered to Word (``render``)
and read back, so its items are found where the renderer put them. A change to an item is a
comment on the item's words; a removed item's comment goes on its section's heading, and the
changes with no place (dates, a section no longer there) go into the summary at the top.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ehcplan.compare import Comparison
from ehcplan.readers import read_word_document
from ehcplan.report.word_comments import Annotated, WordNote, comment_document

if TYPE_CHECKING:
    from ehcplan.readers.docx import WordRead
    from ehcplan.session import Session


def amended_word_copy(comparison: Comparison, new: Path, session: Session) -> Annotated:
    """The amended plan (the file ``new``) as Word, with the comparison's changes as comments."""
    if new.suffix.lower() == ".docx":
        return _commented(read_word_document(new, session), comparison, session)
    from ehcplan.render import render_plan

    data = render_plan(comparison.new, "docx", branding=session.config.branding)
    with tempfile.TemporaryDirectory(prefix="ehcplan-compare-") as folder:
        rendered = Path(folder) / "amended.docx"
        rendered.write_bytes(data)
        return _commented(read_word_document(rendered, session), comparison, session)


def _commented(read: WordRead, comparison: Comparison, session: Session) -> Annotated:
    words = session.words
    items = {item.id: item for _letter, item in read.plan.items()}
    notes = []
    for change in comparison.changes:
        label = words(f"compare.ratings.{change.rating.value}")
        text = f"{label}: {change.message}"
        item = items.get(change.new_id) if change.new_id else None
        if item is not None:
            notes.append(WordNote(item.source, item.text, 0, len(item.text), text))
        else:  # on the section's heading where it has one; else in the summary at the top
            heading = read.plan.source_of(change.section) if change.section != "details" else None
            notes.append(WordNote(heading, "", 0, 0, text))
    return comment_document(read, notes, lambda unplaced: _summary(comparison, unplaced, session))


def _summary(comparison: Comparison, unplaced: list[WordNote], session: Session) -> str:
    words = session.words
    reduced = len(comparison.reduced)
    lines = [
        words("compare.word_summary", changes=len(comparison.changes)),
        words("compare.reduced_summary", count=reduced) if reduced else words("compare.not_reduced_summary"),
    ]
    lines.extend(note.text for note in unplaced)
    return "\n".join(lines)
