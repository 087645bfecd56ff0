"""The editor's pages and its JSON API, as a Starlette app over a folder of plans.

Pages are Jinja templates in ``templates/serve/`` built from the HTML renderer's macros and
stylesheet. Every page works as a plain form; ``editor.js`` adds live checking on top. Routes:

- ``GET /``: the plans in the folder, with status, review date and grade
- ``GET /new``, ``POST /new``: start a plan from the starter
- ``GET /plans/{name}``, ``POST /plans/{name}``: the editor (save, check, add, remove, move)
- ``GET /plans/{name}/export.docx`` and ``export.html``: the plan through ``render``
- ``POST /api/check``: a plan (JSON) or the editor's fields in, the JSON report out
- ``PUT /api/plans/{name}``: save a plan given as JSON
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from jinja2 import Environment
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ehcplan.config import Config
from ehcplan.errors import EhcplanError, PlanFileError
from ehcplan.model import ALL_SECTIONS, ITEM_SECTIONS, Plan
from ehcplan.paths import data_dir
from ehcplan.readers.limits import refuse_oversized_plan
from ehcplan.render.html import StyleOptions, environment
from ehcplan.render.review import Flag
from ehcplan.serve import forms
from ehcplan.serve.security import CSRF_FIELD, BodyTooLarge, Guard, Keys, check_form_csrf
from ehcplan.serve.storage import PlanFolder, PlanMissing, Problem, SaveRefused, UnsafeName
from ehcplan.session import Session, built_in_session
from ehcplan.words import Words, check_templates_folder, house_layout

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckResult
    from ehcplan.model.findings import Finding

ASSETS = {
    "editor.js": "application/javascript",
    "drafts.js": "application/javascript",
    "layout.js": "application/javascript",
    "editor.css": "text/css",
}
EXPORTS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}
_CHECKING = threading.Lock()
LOG = logging.getLogger("ehcplan.serve")


@dataclass
class Editor:
    """What every request needs: the folder, the config, the run's keys, the templates."""

    folder: PlanFolder
    session: Session
    keys: Keys
    words: Words
    env: Environment
    _grades: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        """A page from templates/serve/, with the CSRF token and the wording."""
        body = self.env.get_template(f"serve/{template}").render(
            csrf=self.keys.csrf, style=StyleOptions(accent=self.config.branding.accent_colour), **context
        )
        return HTMLResponse(body, status_code=status)

    @property
    def config(self) -> Config:
        """The config of the folder's session."""
        return self.session.config

    def check_result(self, plan: Plan, path: str) -> CheckResult:
        """The checker's findings, readability and grades for one plan.

        Requests are served from a thread pool; the language pipeline is shared by them all and
        is not made for use by two threads at once, so checks take turns.
        """
        from ehcplan.check.checker import check_plan

        with _CHECKING:
            return check_plan(plan, path, self.session)

    def check(self, plan: Plan, path: str) -> dict[str, Any]:
        """The JSON report (version 1) for one plan."""
        return _json_report(self.check_result(plan, path))

    def summary(self, name: str) -> dict[str, Any]:
        """A plan's line in the list: its child, status, review date and grade, or why it cannot be read."""
        try:
            stored = self.folder.read(name)
        except EhcplanError as error:
            return {"name": name, "problem": error.lines()[0]}
        key = (name, stored.version)
        if key not in self._grades:
            try:
                report = self.check(stored.plan, name)
            except Exception as error:  # one plan the checker fails on must not hide the others
                LOG.error("ehcplan serve: %s while checking a plan for the list", type(error).__name__)
                return {"name": name, "problem": f"{name}: could not be checked; open it to see why"}
            self._grades[key] = report["files"][0]["grades"]
        details = stored.plan.details
        return {
            "name": name,
            "child": details.child.name,
            "status": details.status.value,
            "next_review": details.next_review,
            "grade": self._grades[key]["overall"],
        }


def create_app(folder: Path, keys: Keys, session: Session | None = None) -> Guard:
    """The editor over ``folder``, behind the security layer, checking plans in ``session``."""
    session = session or built_in_session()
    templates = session.config.branding.templates
    check_templates_folder(templates)  # the editor draws its pages from it, so it must be there
    words = session.words
    env = environment(words, templates)
    env.globals["field_id"] = forms.field_id
    env.globals["row_label"] = forms.row_label
    env.globals["link_choices"] = forms.link_choices
    env.globals["house_layout"] = house_layout
    env.tests["iso_date"] = forms.is_iso_date
    env.globals["options"] = lambda spec: forms.options(spec, words)
    env.globals["long_date"] = words.date
    editor = Editor(PlanFolder(folder), session, keys, words, env)

    async def plan_list(request: Request) -> Response:
        plans = await run_in_threadpool(lambda: [editor.summary(name) for name in editor.folder.names()])
        return editor.page("list.html.j2", plans=plans, folder=editor.folder.root.name)

    async def new_plan(request: Request) -> Response:
        if request.method == "GET":
            return editor.page("new.html.j2", values={}, problems=[])
        posted = await _form(request, editor)
        name = posted.get("name", "").strip()
        if name and not name.lower().endswith((".yaml", ".yml")):
            name += ".yaml"
        child = posted.get("child", "").strip()
        try:
            if not (name or child):
                raise SaveRefused([Problem("child", words("editor.new.name_missing"))])
            if name:
                editor.folder.create(name, child or None)
            else:  # the file name is made from the child's name, numbered so no file is replaced
                name = editor.folder.create_for_child(child) or ""
                if not name:
                    raise SaveRefused([Problem("name", words("editor.new.name_not_made"))])
        except (UnsafeName, SaveRefused) as error:
            field = error.problems[0].field if isinstance(error, SaveRefused) else None
            at = "child" if field == "child" else "name"
            problem = {"field": f"f-{at}", "label": words(f"editor.new.{at}"), "message": str(error)}
            return editor.page("new.html.j2", 422, values=posted, problems=[problem])
        return RedirectResponse(f"/plans/{quote(name)}", status_code=303)

    async def edit_plan(request: Request) -> Response:
        posted = await _form(request, editor) if request.method == "POST" else None
        return await run_in_threadpool(_edit_plan, request, posted)

    def _edit_plan(request: Request, posted: FormData | None) -> Response:
        name = request.path_params["name"]
        try:
            stored = editor.folder.read(name)
        except (UnsafeName, PlanMissing) as error:
            return editor.page("problem.html.j2", 404, message=str(error))
        except PlanFileError as error:
            return editor.page("problem.html.j2", 422, message=None, lines=error.lines(), name=name)
        if posted is None:
            form = forms.EditorForm.from_plan(stored.plan)
            notice = "saved" if request.query_params.get("saved") else None
            return _editor_page(editor, name, form, stored.version, stored.plan, notice=notice)
        form = forms.EditorForm.from_fields(posted.multi_items())
        version = posted.get("version") or None
        action = posted.get("action", "save")
        verb, _, target = action.partition(":")
        if verb in ("accept", "unaccept"):
            return _accept_page(editor, name, form, version, verb, target, posted)
        if action not in ("save", "check"):
            focus = form.apply(action)  # add, move, remove; 'restore' (a draft put back) changes nothing
            return _editor_page(editor, name, form, version, None, focus=focus, unsaved=True)
        form.drop_blank_rows()
        try:
            if action == "check":
                plan = editor.folder.checked(name, form.plan_data())
                return _editor_page(editor, name, form, version, plan, notice="checked", unsaved=True)
            editor.folder.save(name, form.plan_data(), version)
        except SaveRefused as error:
            return _editor_page(
                editor,
                name,
                form,
                error.version or version,
                None,
                problems=error.problems,
                status=422,
                unsaved=True,
            )
        except EhcplanError as error:
            problems = [Problem(None, line) for line in error.lines()]
            return _editor_page(
                editor, name, form, version, None, problems=problems, status=422, unsaved=True
            )
        return RedirectResponse(f"/plans/{quote(name)}?saved=1", status_code=303)

    async def export(request: Request) -> Response:
        return await run_in_threadpool(_export, request)

    def _export(request: Request) -> Response:
        from ehcplan.render import render_plan

        name, to = request.path_params["name"], request.path_params["to"]
        if to not in EXPORTS:
            return PlainTextResponse(
                f"The editor exports plans as {' or '.join(EXPORTS)}.\n", status_code=404
            )
        try:
            stored = editor.folder.read(name)
        except (UnsafeName, PlanMissing) as error:
            return PlainTextResponse(str(error) + "\n", status_code=404)
        except PlanFileError as error:
            return PlainTextResponse("\n".join(error.lines()) + "\n", status_code=422)
        data = render_plan(stored.plan, to, branding=editor.config.branding)
        filename = Path(name).stem + "." + to
        return Response(
            data,
            media_type=EXPORTS[to],
            headers={"content-disposition": f'attachment; filename="{filename}"'},
        )

    async def compare(request: Request) -> Response:
        return await run_in_threadpool(_compare, request)

    def _compare(request: Request) -> Response:
        """The open plan as last saved against an earlier version in the folder (``?with=NAME``)."""
        from ehcplan.compare import compare_plans
        from ehcplan.report.compare_html import CompareView

        name = request.path_params["name"]
        chosen = request.query_params.get("with")
        try:
            stored = editor.folder.read(name)
            earlier = editor.folder.read_version(chosen, editor.session) if chosen else None
        except (UnsafeName, PlanMissing) as error:
            return PlainTextResponse(str(error) + "\n", status_code=404)
        except PlanFileError as error:
            return PlainTextResponse("\n".join(error.lines()) + "\n", status_code=422)
        others = [other for other in editor.folder.versions() if other != name]
        view = None
        if earlier is not None and chosen:
            comparison = compare_plans(earlier, stored.plan, editor.session)
            view = CompareView(comparison, chosen, stored.name, words, editor.config.branding)
        return editor.page("compare.html.j2", view=view, name=name, others=others, chosen=chosen)

    async def api_check(request: Request) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type == "application/json":
            _require_csrf_header(request, editor)
            data = await _json(request)
            return await run_in_threadpool(_api_check_json, data)
        posted = await _form(request, editor)
        return await run_in_threadpool(_api_check_form, posted)

    def _api_check_json(data: Any) -> Response:
        if not isinstance(data, dict):
            return _api_error(
                400, [Problem(None, "send a plan: a JSON object with 'details' and 'sections'")]
            )
        try:
            refuse_oversized_plan("plan", data)
            plan = Plan.model_validate(data)
        except ValidationError as error:
            return _api_error(422, [_api_problem(detail) for detail in error.errors()])
        except PlanFileError as error:
            return _api_error(413, [Problem(None, error.lines()[0])])
        return JSONResponse(editor.check(plan, "plan"))

    def _api_check_form(posted: FormData) -> Response:
        form = forms.EditorForm.from_fields(posted.multi_items())
        form.drop_blank_rows()
        name = posted.get("plan") or None
        try:
            plan = editor.folder.checked(name, form.plan_data())
        except SaveRefused as error:
            return _api_error(422, error.problems)
        except (UnsafeName, PlanFileError) as error:
            return _api_error(400, [Problem(None, error.lines()[0])])
        return JSONResponse(editor.check(plan, name or "plan"))

    async def api_save(request: Request) -> Response:
        _require_csrf_header(request, editor)
        version = request.headers.get("if-match", "").strip().strip('"') or None
        if version is None:
            # Without the version the client read, a save would silently replace another's change.
            return _api_error(
                428,
                [Problem(None, "say which version of the plan you changed: send its version as If-Match")],
            )
        data = await _json(request)
        return await run_in_threadpool(_api_save, request.path_params["name"], data, version)

    def _api_save(name: str, data: Any, version: str) -> Response:
        if not isinstance(data, dict):
            return _api_error(
                400, [Problem(None, "send a plan: a JSON object with 'details' and 'sections'")]
            )
        try:
            refuse_oversized_plan(name, data)
            full = Plan.model_validate(data).model_dump()
            saved = editor.folder.save(name, full, version)
        except ValidationError as error:
            return _api_error(422, [_api_problem(detail) for detail in error.errors()])
        except SaveRefused as error:
            return _api_error(409 if error.version else 422, error.problems)
        except (UnsafeName, PlanMissing) as error:
            return _api_error(404, [Problem(None, str(error))])
        except PlanFileError as error:
            return _api_error(413, [Problem(None, error.lines()[0])])
        except EhcplanError as error:  # the file could not be written: a full disk, no permission
            return _api_error(507, [Problem(None, error.lines()[0])])
        return JSONResponse({"saved": name, "version": saved})

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name == "style.css":
            style = StyleOptions(accent=editor.config.branding.accent_colour)
            css = env.get_template("html/style.css.j2").render(style=style)
            css += (data_dir("templates") / "serve" / "editor.css").read_text(encoding="utf-8")
            return Response(css, media_type="text/css")
        if name not in ASSETS:
            return PlainTextResponse("Not found\n", status_code=404)
        return Response((data_dir("templates") / "serve" / name).read_bytes(), media_type=ASSETS[name])

    routes = [
        Route("/", plan_list),
        Route("/new", new_plan, methods=["GET", "POST"]),
        Route("/plans/{name}", edit_plan, methods=["GET", "POST"]),
        Route("/plans/{name}/export.{to:str}", export),
        Route("/plans/{name}/compare", compare),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/plans/{name}", api_save, methods=["PUT"]),
        Route("/assets/{name}", asset),
    ]

    async def refused(request: Request, _error: Exception) -> Response:
        return PlainTextResponse(
            "The change was refused: the form's CSRF token is missing or out of date. "
            "Go back, reload the page and try again.\n",
            status_code=403,
        )

    async def too_large(request: Request, _error: Exception) -> Response:
        return PlainTextResponse(
            f"The request is too large: the editor takes up to {keys.max_body:,} bytes.\n", status_code=413
        )

    app = Starlette(routes=routes, exception_handlers={CsrfRefused: refused, BodyTooLarge: too_large})
    return Guard(app, keys)


def _editor_page(
    editor: Editor,
    name: str,
    form: forms.EditorForm,
    version: str | None,
    plan: Plan | None,
    *,
    problems: list[Problem] | None = None,
    notice: str | None = None,
    focus: str | None = None,
    status: int = 200,
    unsaved: bool = False,
) -> HTMLResponse:
    """The editor, with findings when there is a valid plan to check (there is none after a failed save).

    ``unsaved``: the page shows what was posted, not the file (after add, move, remove, a check or a
    refused save), so the page knows from the start that it holds changes not yet saved.
    """
    result = editor.check_result(plan, name) if plan is not None else None
    report = _json_report(result) if result is not None else None
    shown = [_shown_problem(editor, form, problem) for problem in problems or []]
    return editor.page(
        "editor.html.j2",
        status,
        name=name,
        form=form,
        version=version or "",
        report=report["files"][0] if report else None,
        review=Placed(plan, result.findings) if plan is not None and result is not None else None,
        problems=shown,
        errors={problem["field"]: problem["message"] for problem in shown if problem["field"]},
        notice=notice,
        focus=focus,
        unsaved=unsaved,
        f=forms,
        letters=ALL_SECTIONS,
        item_sections=ITEM_SECTIONS,
    )


def _accept_page(
    editor: Editor,
    name: str,
    form: forms.EditorForm,
    version: str | None,
    verb: str,
    target: str,
    posted: FormData,
) -> HTMLResponse:
    """The editor after a finding was accepted with a reason (or an acceptance taken back), checked again.

    Nothing is saved: the acceptance is written to the plan's ``accept:`` with the next Save.
    """
    if verb == "accept":
        reason = str(posted.get(f"reason:{target}") or "").strip()
        if not reason:
            problem = Problem(None, editor.words("editor.accept.no_reason"))
            return _editor_page(
                editor, name, form, version, None, problems=[problem], status=422, unsaved=True
            )
        focus = form.accept(target, reason)
    else:
        focus = form.unaccept(target)
    form.drop_blank_rows()
    try:
        plan = editor.folder.checked(name, form.plan_data())
    except SaveRefused as error:
        return _editor_page(
            editor, name, form, version, None, problems=error.problems, status=422, unsaved=True
        )
    notice = "accept_done" if verb == "accept" else "accept_undone"
    return _editor_page(editor, name, form, version, plan, notice=notice, focus=focus, unsaved=True)


class Placed:
    """Findings numbered in the report's order and placed by section and item, as editor.js places them."""

    def __init__(self, plan: Plan, findings: list[Finding]) -> None:
        self.flags = [Flag(number, finding) for number, finding in enumerate(findings, start=1)]
        self._items = {(letter, item.id) for letter, item in plan.items()}

    def at(self, section: str | None, item: str | None) -> list[Flag]:
        """The findings on an item; with ``item`` None, on a section (with both None, on the plan).

        A finding on something without a box of its own (advice K2) goes in its section's box.
        """
        return [flag for flag in self.flags if self._place(flag.finding) == (section, item)]

    def _place(self, finding: Finding) -> tuple[str | None, str | None]:
        if (finding.section, finding.item) in self._items:
            return finding.section, finding.item
        return finding.section, None


def _shown_problem(editor: Editor, form: forms.EditorForm, problem: Problem) -> dict[str, str | None]:
    """A problem as the editor shows it: the field's label, the message, and the field to go to."""
    label = None
    if problem.field:
        spec = forms.spec_of(problem.field)
        label = editor.words(spec.label) if spec else None
        parts = problem.field.split(".")
        for list_name in forms.ROW_FIELDS:
            prefix = list_name.split(".")
            if parts[: len(prefix)] == prefix and len(parts) > len(prefix) and parts[len(prefix)].isdigit():
                index = int(parts[len(prefix)])
                rows = form.rows_of(list_name)
                row = rows[index] if index < len(rows) else {}
                row_name = forms.row_label(editor.words, list_name, row, index)
                label = row_name if spec and spec.name == "text" else f"{row_name}, {label}"
    return {
        "field": forms.field_id(problem.field) if problem.field else None,
        "label": label,
        "message": problem.message,
    }


def _json_report(result: CheckResult) -> dict[str, Any]:
    from ehcplan.report.json_report import json_report

    return json_report([result])


async def _form(request: Request, editor: Editor) -> FormData:
    """The posted form, refused (403) unless its CSRF token is right."""
    posted = await request.form(max_files=0, max_fields=5000)
    if not check_form_csrf(request.scope, str(posted.get(CSRF_FIELD) or ""), editor.keys):
        raise CsrfRefused
    return posted


async def _json(request: Request) -> Any:
    """The body as JSON; None when it is not JSON, or nests too deeply to be a plan."""
    try:
        return json.loads(await request.body())
    except (ValueError, RecursionError):
        return None


def _require_csrf_header(request: Request, editor: Editor) -> None:
    """A JSON change needs the CSRF header (or the bearer key): its body has no form field to carry one."""
    if not check_form_csrf(request.scope, None, editor.keys):
        raise CsrfRefused


class CsrfRefused(Exception):
    """A form posted without the page's CSRF token."""


def _api_problem(detail: Any) -> Problem:
    from ehcplan.readers.structured import explain_error

    loc, message = explain_error(detail)
    return Problem(".".join(str(part) for part in loc) or None, message)


def _api_error(status: int, problems: list[Problem]) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"field": problem.field, "message": problem.message} for problem in problems]},
        status_code=status,
    )
