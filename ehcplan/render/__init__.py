"""Renderers: a Plan as an accessible Word document or a self-contained HTML page.

Both are views over the same Plan, worded from ``templates/words.yaml`` (and, for HTML, the
Jinja templates in ``templates/html/``); no wording a reader sees is written in Python.
This package imports nothing heavy at the top: python-docx and Jinja load only when used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ehcplan.config import Branding
    from ehcplan.model import Plan
    from ehcplan.model.findings import Finding

FORMATS = ("docx", "html")


def render_plan(
    plan: Plan,
    to: str,
    *,
    branding: Branding | None = None,
    findings: Sequence[Finding] | None = None,
) -> bytes:
    """The plan as a Word document or an HTML page (UTF-8).

    ``findings`` makes a review copy with each flagged passage marked; ``None`` renders the plan
    as it is.
    """
    from ehcplan.config import Branding
    from ehcplan.render.review import Review
    from ehcplan.render.view import PlanView
    from ehcplan.words import load_words

    if to not in FORMATS:
        raise ValueError(f"cannot render to '{to}'; choose one of {', '.join(FORMATS)}")
    branding = branding or Branding()
    if to == "docx":
        from ehcplan.render.safe_text import xml_safe_plan

        plan = xml_safe_plan(plan)
    view = PlanView(plan, load_words(branding.templates), branding, Review(plan, findings))
    if to == "docx":
        from ehcplan.render.docx import render_docx

        return render_docx(view)
    from ehcplan.render.html import render_html

    return render_html(view).encode("utf-8")
