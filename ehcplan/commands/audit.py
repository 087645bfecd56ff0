"""`ehcplan audit PATH...`: many plans at once, as a quality panel audits them."""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ehcplan.commands.options import add_config_option, add_jobs_option, positive_whole_number
from ehcplan.counting import counted, severity_counts
from ehcplan.errors import EhcplanError

if TYPE_CHECKING:
    from ehcplan.audit.collect import Sample
    from ehcplan.audit.entry import AuditEntry
    from ehcplan.audit.redact import Redactor
    from ehcplan.audit.summary import AuditSummary
    from ehcplan.audit.worker import Audited


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="plan files, or folders to search (.docx .pdf .yaml .json .md .txt)",
    )
    add_jobs_option(parser, "processes to use (default: one per core)")
    parser.add_argument("--csv", metavar="FILE", help="write a spreadsheet with one row per file")
    parser.add_argument("--html", metavar="FILE", help="write an accessible HTML report")
    parser.add_argument("--json", metavar="FILE", help="write the JSON report (the check report, per file)")
    parser.add_argument(
        "--redact",
        action="store_true",
        help="replace people's names with initials and quote only the words at fault",
    )
    parser.add_argument(
        "--sample", type=positive_whole_number, metavar="N", help="audit a random sample of N plans"
    )
    parser.add_argument(
        "--seed", type=int, metavar="S", help="the seed of the sample, to draw the same one again"
    )
    parser.add_argument("--force", action="store_true", help="replace report files that exist")
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    """Audit the plans; 0 when every file was read, 1 when some could not be, 2 for usage errors."""
    from ehcplan.audit.collect import collect_plans, draw_sample
    from ehcplan.audit.worker import WorkerSettings, default_jobs, run_audit
    from ehcplan.session import open_session

    outputs = {kind: Path(name) for kind in ("csv", "html", "json") if (name := getattr(args, kind))}
    if args.seed is not None and args.sample is None:
        raise EhcplanError("--seed chooses a sample: give --sample N as well")
    paths = [Path(name) for name in args.paths]
    _check_outputs(outputs, args.force)
    files = collect_plans(paths, skip=outputs.values())
    if not files:
        raise EhcplanError(f"no plan files found in {', '.join(args.paths)}")
    sample = None
    if args.sample is not None:
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
        files, sample = draw_sample(files, args.sample, seed)
        print(
            f"ehcplan: auditing a random sample of {sample.size} of {sample.population} plans (seed {seed})",
            file=sys.stderr,
        )
    config = open_session(args.config, paths[0]).config  # refuses a bad config before any work
    settings = WorkerSettings(config=config, redact=args.redact)
    with _progress(len(files)) as progress:
        audited = run_audit(files, jobs=args.jobs or default_jobs(), settings=settings, progress=progress)
    entries = [item.entry for item in audited]
    redactor = _redactor(audited) if args.redact else None
    if redactor is not None:
        from ehcplan.audit.redact import redact_entry

        for entry in entries:
            redact_entry(entry, redactor)
    summary = _summary(entries, config, sample)
    _write_outputs(outputs, entries, summary, config, args, sample, redactor)
    sys.stdout.write(_text_summary(entries, summary))
    return 1 if summary.unreadable else 0


def _check_outputs(outputs: dict[str, Path], force: bool) -> None:
    """Refuse, before any work, outputs that would replace a file (without --force) or clash."""
    if len(set(outputs.values())) < len(outputs):
        raise EhcplanError("give each report its own file name")
    for path in outputs.values():
        if path.exists() and not force:
            raise EhcplanError(f"{path}: already exists; use --force to replace it")
        if not path.parent.is_dir():
            raise EhcplanError(f"{path}: the folder {path.parent} does not exist")


def _redactor(audited: list[Audited]) -> Redactor:
    """One redactor for the whole audit: a name found in any plan is taken out of every report."""
    from ehcplan.audit.redact import Redactor

    return Redactor(person for item in audited for person in item.people)


def _summary(entries: list[AuditEntry], config: Any, sample: Sample | None) -> AuditSummary:
    from ehcplan.audit.summary import summarise
    from ehcplan.check.grades import load_policy

    summary = summarise(entries, load_policy(config.grading))
    if sample is not None:
        summary.extra["sample"] = {"size": sample.size, "population": sample.population, "seed": sample.seed}
    return summary


def _write_outputs(
    outputs: dict[str, Path],
    entries: list[AuditEntry],
    summary: AuditSummary,
    config: Any,
    args: argparse.Namespace,
    sample: Sample | None,
    redactor: Redactor | None,
) -> None:
    from ehcplan.files import write_atomic

    inputs = [Path(name) for name in args.paths]
    if "csv" in outputs:
        from ehcplan.report.audit_csv import render_audit_csv

        write_atomic(outputs["csv"], render_audit_csv(entries), force=args.force, inputs=inputs)
    if "json" in outputs:
        import json

        from ehcplan.report.json_report import JSON_VERSION, audit_entry_report

        report = {
            "version": JSON_VERSION,
            "redacted": args.redact,
            "files": [audit_entry_report(entry) for entry in entries],
            "summary": summary.to_json(),
        }
        text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
        write_atomic(outputs["json"], text, force=args.force, inputs=inputs)
    if "html" in outputs:
        from ehcplan.report.audit_html import audit_view, render_audit_html

        view = audit_view(entries, summary, config.branding, redactor=redactor, sample=sample)
        write_atomic(outputs["html"], render_audit_html(view), force=args.force, inputs=inputs)
    for path in outputs.values():
        print(f"Wrote {path}", file=sys.stderr)


def _text_summary(entries: list[AuditEntry], summary: AuditSummary) -> str:
    """What the terminal shows: one line per file, then the grade distribution."""
    from ehcplan.audit.summary import SEVERITIES, count_by

    lines = []
    width = max(len(entry.path) for entry in entries)
    for entry in entries:
        if entry.error is not None or entry.grades is None:
            lines.append(f"{entry.path:<{width}}  could not be read: {entry.error}")
            continue
        counts = count_by(entry.findings, "severity", SEVERITIES)
        lines.append(f"{entry.path:<{width}}  {entry.grades.overall:<20}  {severity_counts(counts)}")
    grades = ", ".join(f"{grade} {count}" for grade, count in summary.grades.items())
    unread = f"; {summary.unreadable} could not be read" if summary.unreadable else ""
    lines.append(f"Audited {summary.readable} of {counted(summary.files, 'file')}{unread}. Grades: {grades}.")
    return "\n".join(lines) + "\n"


class _progress:
    """A progress bar on a terminal; nothing when standard error is a file or a pipe (as ruff does)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Any = None

    def __enter__(self) -> _progress:
        if sys.stderr.isatty():
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("Auditing plans", total=self.total)
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=done)

    def __exit__(self, *_exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
