"""The comparison for a terminal: the changes that reduce help first, then the rest, a line each."""

from __future__ import annotations

from ehcplan.compare import Comparison, Rating
from ehcplan.errors import printable
from ehcplan.words import Words

# The order changes are listed in: what a family must challenge first.
RATING_ORDER = (Rating.reduced, Rating.check, Rating.more, Rating.same)


def comparison_text(comparison: Comparison, old: str, new: str, words: Words) -> str:
    """The changes, grouped by rating, each as 'Section F, F3: message'."""
    lines = [words("compare.versions", old=printable(old), new=printable(new))]
    if not comparison.changes:
        lines.append(words("compare.none"))
        return "\n".join(lines) + "\n"
    for rating in RATING_ORDER:
        changes = [change for change in comparison.changes if change.rating is rating]
        if not changes:
            continue
        lines.append("")
        lines.append(f"{words(f'compare.ratings.{rating.value}')} ({len(changes)}):")
        for change in changes:
            where = (
                words("compare.section_details")
                if change.section == "details"
                else words("compare.section", letter=change.section)
            )
            lines.append(f"  {where}: {change.message}")
    lines.append("")
    reduced = len(comparison.reduced)
    lines.append(
        words("compare.reduced_summary", count=reduced) if reduced else words("compare.not_reduced_summary")
    )
    return "\n".join(lines) + "\n"
