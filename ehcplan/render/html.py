"""A plan as one self-contained, accessible HTML page, from the Jinja templates in ``templates/html``.

A local authority's templates folder (config ``[branding] templates``) comes first, so any
template there replaces the built-in one of the same name.
"""

from __future__ import annotations

import base64
import hashlib
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup

from ehcplan.errors import EhcplanError
from ehcplan.paths import data_dir
from ehcplan.render.view import PlanView
from ehcplan.words import Words, check_templates_folder

PLAN_TEMPLATE = "html/plan.html.j2"
# CSS counters for the placeholders of the page-number wording.
_PAGE_COUNTERS = {"page": "counter(page)", "pages": "counter(pages)"}


@dataclass(frozen=True)
class StyleOptions:
    """What the stylesheet template needs: the accent colour and the printed page margins."""

    accent: str
    top: Markup | None = None
    bottom_left: Markup | None = None
    bottom_right: Markup | None = None


def environment(words: Words, templates: Path | None = None) -> Environment:
    """A Jinja environment over the local authority's templates (if any), then the built-in ones."""
    check_templates_folder(templates)
    folders = [data_dir("templates")] if templates is None else [templates, data_dir("templates")]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        autoescape=True,  # plan text is always shown as typed, never as markup
        undefined=StrictUndefined,
    )
    env.globals["w"] = words
    env.filters["csp_hash"] = csp_hash
    env.filters["anchor"] = anchor
    return env


def render_html(view: PlanView) -> str:
    """The plan as an HTML page."""
    env = environment(view.words, view.branding.templates)
    style = StyleOptions(
        accent=view.accent,
        top=css_string(view.words("document.draft_marking")) if view.is_draft else None,
        bottom_left=css_string(view.footer),
        bottom_right=css_page_numbers(view.words("document.page_numbers")),
    )
    return render_template(env, PLAN_TEMPLATE, view=view, style=style)


def render_template(env: Environment, name: str, **context: Any) -> str:
    """Render a template; a fault in a local authority's template is a one-line error."""
    try:
        return env.get_template(name).render(**context)
    except TemplateError as error:
        where = f"{error.filename}:{error.lineno}: " if getattr(error, "filename", None) else ""
        raise EhcplanError(f"{where}cannot render the template {name}: {error.message}") from None


def csp_hash(css: str) -> str:
    """The Content Security Policy source that allows exactly this inline stylesheet."""
    digest = hashlib.sha256(str(css).encode("utf-8")).digest()
    return f"sha256-{base64.b64encode(digest).decode('ascii')}"


def anchor(item_id: str) -> str:
    """An item id as a fragment: 'H1.2' -> 'h1-2'."""
    return item_id.lower().replace(".", "-")


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string; every character but letters, digits and spaces is escaped,
    so nothing in it can end the string or the style element."""
    escaped = "".join(
        char if char.isascii() and (char.isalnum() or char == " ") else f"\\{ord(char):x} " for char in text
    )
    return Markup(f'"{escaped}"')


def css_page_numbers(wording: str) -> Markup:
    """'Page {page} of {pages}' as CSS content: "Page " counter(page) " of " counter(pages)."""
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(wording):
        if literal:
            parts.append(css_string(literal))
        if field:
            parts.append(Markup(_PAGE_COUNTERS[field]))
    return Markup(" ").join(parts)
