"""Helpers shared by the tests (imported as ``testkit``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


def sample_paths() -> list[Path]:
    """The bundled sample plans."""
    return sorted(SAMPLES.glob("*.yaml"))


# --- measuring heuristic rules against labelled statements ----------------------------------

DATA = REPO / "tests" / "data"
# Examples from public guidance (councils, charities), with their sources; a copy of the team's
# ../shared/domain/labelled_examples.tsv kept here so the tests run in any clone.
PUBLIC_EXAMPLES = REPO / "tests" / "data" / "public_guidance_examples.tsv"


@dataclass
class Score:
    """Precision and recall of 'poor' predictions against labels."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        poor = self.true_positive + self.false_negative
        return self.true_positive / poor if poor else 1.0

    def count(self, predicted: bool, actual: bool, *, flagged: str, missed: str) -> None:
        """Tally one prediction; a wrong one is kept with its message (``flagged`` or ``missed``)."""
        if predicted and actual:
            self.true_positive += 1
        elif predicted:
            self.false_positive += 1
            self.misses.append(flagged)
        elif actual:
            self.false_negative += 1
            self.misses.append(missed)
        else:
            self.true_negative += 1

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.2f}, recall {self.recall:.2f} "
            f"(tp {self.true_positive}, fp {self.false_positive}, fn {self.false_negative}, tn {self.true_negative})"
        )


def labelled_rows(path: Path, kind: str | None = None) -> list[dict[str, str]]:
    """Rows of a labelled TSV file (optionally only those of one kind)."""
    with path.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [row for row in rows if kind is None or row.get("kind") == kind]


def flagged_items(letter: str, texts: list[str], rules: list[str], details: dict | None = None) -> list[bool]:
    """Check ``texts`` as the items of one section; for each, whether the rules gave it a warning
    or an error (notes do not count)."""
    from ehcplan.check.checker import check_plan
    from ehcplan.model import Plan

    plan = Plan.model_validate({"details": details or {}, "sections": {letter: texts}})
    result = check_plan(plan, "labelled", select=rules)
    flagged = {f.item for f in result.findings if f.severity.value in ("error", "warning")}
    return [item.id in flagged for _letter, item in plan.items(letter)]


def score_statements(rows: list[dict[str, str]], section: str, prefixes: tuple[str, ...]) -> Score:
    """Check each statement as an item of its own section (the row's ``section``, else ``section``)
    and score 'poor' = a warning or an error."""
    by_section: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_section.setdefault(row.get("section") or section, []).append(row)
    score = Score()
    for letter, group in by_section.items():
        predictions = flagged_items(letter, [row["text"] for row in group], list(prefixes))
        for predicted, row in zip(predictions, group, strict=True):
            score.count(
                predicted,
                row["label"] == "poor",
                flagged=f"flagged but labelled good ({letter}): {row['text']}",
                missed=f"missed, labelled poor ({letter}): {row['text']}",
            )
    return score


def findings_for(section: str, *texts: str, rules: tuple[str, ...] = ("SMART", "PROV")) -> list:
    """Check a plan holding ``texts`` as items of ``section``; the findings of some rules."""
    from ehcplan.check.checker import check_plan
    from ehcplan.model import Plan

    plan = Plan.model_validate(
        {"details": {"child": {"name": "Maya Patel"}}, "sections": {section: list(texts)}}
    )
    return check_plan(plan, "test.yaml", select=list(rules)).findings


def codes_for(section: str, text: str, rules: tuple[str, ...] = ("SMART", "PROV")) -> set[str]:
    """The rule codes that fire on one item."""
    return {finding.rule for finding in findings_for(section, text, rules=rules)}


LANGUAGE_COLUMNS = {"jargon": ("LANG001",), "acronym": ("LANG002", "LANG003")}


@dataclass
class LanguageScore:
    """Sentences with jargon or unexplained acronyms found, and plain sentences wrongly flagged."""

    score: Score
    plain_flagged: int
    plain_total: int

    @property
    def plain_flag_rate(self) -> float:
        return self.plain_flagged / self.plain_total if self.plain_total else 0.0

    def __str__(self) -> str:
        return f"jargon or acronyms: {self.score}; plain sentences flagged {self.plain_flagged}/{self.plain_total}"


def score_language(rows: list[dict[str, str]]) -> LanguageScore:
    """Check each sentence on its own; a sentence is flagged by a jargon or acronym warning."""
    from ehcplan.check.checker import check_plan
    from ehcplan.model import Plan

    codes = {code for group in LANGUAGE_COLUMNS.values() for code in group}
    score, plain_flagged, plain_total = Score(), 0, 0
    for row in rows:
        plan = Plan.model_validate({"sections": {"B": [row["text"]]}})
        findings = check_plan(plan, "labelled", select=sorted(codes)).findings
        predicted = any(f.severity.value != "info" for f in findings)
        actual = any(row[column] == "y" for column in LANGUAGE_COLUMNS)
        score.count(
            predicted,
            actual,
            flagged=f"flagged: {row['text']}",
            missed=f"missed ({row['terms']}): {row['text']}",
        )
        if all(row[column] == "n" for column in ("jargon", "acronym", "deficit", "plain_words")):
            plain_total += 1
            plain_flagged += predicted
    return LanguageScore(score, plain_flagged, plain_total)


def plan_codes(data: dict, *rules: str) -> list[str]:
    """The codes of the findings on a plan given as data, for some rules."""
    from ehcplan.check.checker import check_plan
    from ehcplan.model import Plan

    return [
        finding.rule
        for finding in check_plan(Plan.model_validate(data), "plan.yaml", select=list(rules)).findings
    ]


def full_plan(**changes: object) -> dict:
    """A complete, coherent plan as data; keyword arguments replace parts ('details__status')."""
    data: dict = {
        "details": {
            "child": {"name": "Maya Patel", "date_of_birth": "2016-03-14", "year_group": 5},
            "status": "final",
            "issue_date": "2026-06-01",
            "next_review": "2027-05-31",
            "timeline": {
                "request_received": "2026-01-05",
                "decision_to_assess": "2026-02-09",
                "draft_issued": "2026-04-20",
                "comments_deadline": "2026-05-05",
                "final_issued": "2026-05-18",
            },
        },
        "sections": {
            "A": {
                "history": "Maya loves horses and drawing.",
                "child_views": {"text": "I like drawing.", "whose_words": "Maya, with her teacher"},
                "aspirations": ["Maya wants to work with animals."],
                "strengths": ["Maya is kind and funny."],
            },
            "B": [
                {
                    "id": "B1",
                    "text": "Maya finds reading hard.",
                    "strengths": "She knows all her letter sounds.",
                }
            ],
            "C": "Maya has no health needs related to her special educational needs.",
            "D": "Maya has no social care needs.",
            "E": [
                {"text": "By July 2027, Maya will read 50 common words.", "needs": ["B1"]},
                {"text": "By July 2027, Maya will write three sentences unaided.", "needs": ["B1"]},
                {"text": "By July 2027, Maya will read a Book Band 5 book aloud.", "needs": ["B1"]},
            ],
            "F": [
                {
                    "text": "A teaching assistant will teach Maya phonics 1:1 for 20 minutes daily.",
                    "needs": ["B1"],
                    "outcomes": ["E1", "E2", "E3"],
                }
            ],
            "G": "Not applicable.",
            "H1": "Not applicable.",
            "H2": "Not applicable.",
            "I": {"name": "Oakfield Primary School", "type": "mainstream primary academy"},
            "J": "No personal budget has been requested.",
            "K": [
                {"kind": kind, "author": "A. Person", "role": "adviser", "date": "2026-03-01"}
                for kind in ("family", "educational", "medical", "psychological", "social care")
            ],
        },
    }
    for key, value in changes.items():
        node = data
        parts = key.split("__")
        for part in parts[:-1]:
            node = node[part]
        if value is None:
            node.pop(parts[-1], None)
        else:
            node[parts[-1]] = value
    return data


# --- rendering ----------------------------------------------------------------------------------

# Plan text a template engine or a browser might run: it must show as typed.
HOSTILE_NAME = "<script>alert('x')</script> Maya"
HOSTILE_TEXT = "By July 2027, Maya will read {{ 7*7 }} common words & write <b>three</b> sentences."


def hostile_plan() -> dict:
    """A complete plan whose name and text look like markup and template code."""
    data = full_plan(details__status="draft")
    data["details"]["child"]["name"] = HOSTILE_NAME
    data["sections"]["E"][0]["text"] = HOSTILE_TEXT
    return data


def tiny_png(rgb: tuple[int, int, int] = (29, 112, 184), size: int = 4) -> bytes:
    """A small solid PNG, made here so the tests need no image files or libraries."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * size))
        + chunk(b"IEND", b"")
    )


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ``lines`` of text in Helvetica, written by hand (no converter needed)."""

    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = "\n".join(
        f"BT /F1 11 Tf 56 {800 - 16 * number} Td ({escaped(line)}) Tj ET" for number, line in enumerate(lines)
    ).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(shown) + shown + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return pdf_from_objects(objects)


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF file of the numbered ``objects`` (the first is the catalogue), with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return bytes(out)


# --- a folder of plans as a quality panel receives them ----------------------------------------

LOOSE_PDF_LINES = [
    "Education, Health and Care plan",
    "Name: Sam Okoro",
    "Date of birth: 14 March 2016",
    "Section B: Special educational needs",
    "1. Sam finds it hard to read words of more than one syllable.",
    "Section E: Outcomes",
    "1. Sam will improve his reading.",
    "Section F: Special educational provision",
    "1. Sam will have access to reading support from Mrs Adaeze Obi as required.",
]


def mixed_plan_folder(folder: Path) -> dict[str, Path]:
    """YAML, JSON, Word and PDF plans and one damaged Word file, some in a subfolder."""
    import json

    from ehcplan.readers import read_plan
    from ehcplan.render import render_plan

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "year10").mkdir(exist_ok=True)
    files = {
        "yaml": folder / "primary-year5-leo.yaml",
        "json": folder / "year10" / "zainab.json",
        "docx": folder / "jade-looked-after.docx",
        "pdf": folder / "sam.pdf",
        "weak": folder / "weak-plan-example.yaml",
        "broken": folder / "broken.docx",
    }
    files["yaml"].write_bytes((SAMPLES / "primary-year5-leo.yaml").read_bytes())
    files["weak"].write_bytes((SAMPLES / "weak-plan-example.yaml").read_bytes())
    zainab = read_plan(SAMPLES / "secondary-year10-zainab.yaml")
    files["json"].write_text(
        zainab.model_dump_json(exclude_none=True, exclude_defaults=True), encoding="utf-8"
    )
    json.loads(files["json"].read_text(encoding="utf-8"))
    files["docx"].write_bytes(render_plan(read_plan(SAMPLES / "looked-after-jade.yaml"), "docx"))
    files["pdf"].write_bytes(text_pdf(LOOSE_PDF_LINES))
    files["broken"].write_bytes(b"PK\x03\x04 this Word file was cut short in an email")
    return files


def people_in_samples() -> set[str]:
    """Every part of every child's and parent's name in the bundled samples, and in the PDF above."""
    from ehcplan.audit.redact import name_parts
    from ehcplan.readers import read_plan

    names = {"Sam", "Okoro", "Adaeze", "Obi"}
    for path in sample_paths():
        details = read_plan(path).details
        for name in (details.child.name, details.child.preferred_name, *(p.name for p in details.parents)):
            names.update(name_parts(str(name or "")))
    return names


def score_deficit(rows: list[dict[str, str]]) -> Score:
    """Sentences labelled as deficit language, against LANG005 warnings (notes do not count)."""
    child = {"child": {"name": "Maya Patel"}}
    predictions = flagged_items("B", [row["text"] for row in rows], ["LANG005"], child)
    score = Score()
    for predicted, row in zip(predictions, rows, strict=True):
        score.count(
            predicted,
            row["deficit"] == "y",
            flagged=f"flagged: {row['text']}",
            missed=f"missed ({row['terms']}): {row['text']}",
        )
    return score
