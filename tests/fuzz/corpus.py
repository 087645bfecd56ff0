"""A mutation corpus of damaged and odd plan files, made from the bundled samples and layouts.

Each case is one kind of input a hostile or unlucky user could hand the tool: byte flips and
truncation of every format, deleted and corrupted Word parts, XML entity tricks, YAML alias bombs,
deep nesting, NUL bytes and other encodings, PDF garbage and compression bombs, and files that are
not files (pipes, devices, loops of links). The corpus is the same on every run (seeded).
"""

from __future__ import annotations

import io
import json
import os
import random
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from testkit import pdf_from_objects, text_pdf

from ehcplan.model import Plan
from ehcplan.render import render_plan
from ehcplan.yaml_load import load_data as load_yaml

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
LAYOUTS = ROOT / "tests" / "data" / "layouts"
SEED = 20261203


@dataclass(frozen=True)
class Case:
    """One input: what kind of damage it has, and where it lies."""

    kind: str
    path: Path

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()


class CorpusWriter:
    """Writes cases into a folder under unique names, keeping their suffixes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cases: list[Case] = []

    def add(self, kind: str, suffix: str, data: bytes) -> None:
        path = self.folder / f"{len(self.cases):03d}-{_slug(kind)}{suffix}"
        path.write_bytes(data)
        self.cases.append(Case(kind, path))

    def add_path(self, kind: str, path: Path) -> None:
        self.cases.append(Case(kind, path))


def _slug(kind: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in kind.lower())[:40]


# --- byte-level damage, for any format -----------------------------------------------------------


def flips(data: bytes, rng: random.Random, count: int) -> bytes:
    """``count`` random bytes replaced by random values."""
    damaged = bytearray(data)
    for _ in range(count):
        damaged[rng.randrange(len(damaged))] = rng.randrange(256)
    return bytes(damaged)


def byte_damage(writer: CorpusWriter, name: str, suffix: str, data: bytes, rng: random.Random) -> None:
    """Flips, truncation, NUL bytes and junk, the damage a bad copy or download does."""
    for count in (1, 4, 32, 256):
        for round_ in range(3):
            writer.add(f"{name} {count} bytes flipped ({round_})", suffix, flips(data, rng, count))
    for fraction in (0.0, 0.01, 0.1, 0.33, 0.5, 0.9, 0.999):
        writer.add(f"{name} cut at {fraction:.0%}", suffix, data[: int(len(data) * fraction)])
    middle = len(data) // 2
    writer.add(f"{name} NUL bytes inserted", suffix, data[:middle] + b"\x00" * 64 + data[middle:])
    writer.add(f"{name} every byte NUL", suffix, b"\x00" * len(data))
    writer.add(f"{name} random junk", suffix, rng.randbytes(len(data)))
    writer.add(f"{name} doubled", suffix, data + data)
    writer.add(f"{name} block shuffled", suffix, _shuffle_blocks(data, rng))


def _shuffle_blocks(data: bytes, rng: random.Random) -> bytes:
    blocks = [data[start : start + 512] for start in range(0, len(data), 512)]
    rng.shuffle(blocks)
    return b"".join(blocks)


# --- text formats: YAML, JSON, Markdown, plain text ---------------------------------------------


def encodings(writer: CorpusWriter, name: str, suffix: str, text: str) -> None:
    """The same text in the encodings a council's systems export."""
    writer.add(f"{name} UTF-16 with BOM", suffix, text.encode("utf-16"))
    writer.add(f"{name} UTF-16-BE without BOM", suffix, text.encode("utf-16-be"))
    writer.add(f"{name} UTF-32", suffix, text.encode("utf-32"))
    writer.add(f"{name} UTF-8 with BOM", suffix, b"\xef\xbb\xbf" + text.encode("utf-8"))
    writer.add(f"{name} Windows-1252 quotes", suffix, text.replace("'", "\u2019").encode("cp1252", "replace"))
    writer.add(f"{name} Latin-1 with accents", suffix, (text + "\nZoë, Siân\n").encode("latin-1", "replace"))
    writer.add(f"{name} CRLF line ends", suffix, text.replace("\n", "\r\n").encode())
    writer.add(f"{name} CR line ends", suffix, text.replace("\n", "\r").encode())
    writer.add(f"{name} lone surrogate bytes", suffix, text.encode() + b"\xed\xa0\x80")
    writer.add(f"{name} control characters", suffix, text.replace(" ", " \x07\x1b[31m", 20).encode())


def yaml_cases(writer: CorpusWriter, rng: random.Random) -> None:
    for sample in SAMPLES[:3]:
        text = sample.read_text(encoding="utf-8")
        byte_damage(writer, f"YAML {sample.stem}", ".yaml", text.encode(), rng)
        encodings(writer, f"YAML {sample.stem}", ".yaml", text)
    base = SAMPLES[0].read_text(encoding="utf-8")
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + level)}: &{chr(98 + level)} [{', '.join([f'*{chr(97 + level)}'] * 9)}]\n"
        for level in range(9)
    )
    specials = {
        "YAML billion laughs": laughs,
        "YAML alias to itself": "&a [*a]\n",
        "YAML recursive mapping": "&a {x: *a}\n",
        "YAML nested 10,000 lists": "[" * 10_000 + "]" * 10_000,
        "YAML nested 100,000 lists": "[" * 100_000,
        "YAML nested 3,000 mappings": "".join(f"{' ' * level}k:\n" for level in range(3000)),
        "YAML python object tag": "!!python/object/apply:os.system ['echo hi']\n",
        "YAML binary tag": "details: !!binary aGVsbG8=\n",
        "YAML set tag": "details: !!set {a, b}\n",
        "YAML merge keys": "base: &b {name: x}\ndetails:\n  <<: *b\n",
        "YAML duplicate keys": base + "\ndetails: {}\n",
        "YAML tabs for indentation": base.replace("  ", "\t"),
        "YAML a list at the top": "- 1\n- 2\n",
        "YAML a number at the top": "42\n",
        "YAML null at the top": "~\n",
        "YAML two documents": base + "\n---\n" + base,
        "YAML a million-character line": "details: " + "x" * 1_000_000 + "\n",
        "YAML a 5 MB scalar": "details:\n  child:\n    name: " + "Sam " * 1_300_000 + "\n",
        "YAML 50,000 keys": "".join(f"k{number}: {number}\n" for number in range(50_000)),
        "YAML huge integer": "details: " + "9" * 5000 + "\n",
        "YAML date 30 February": base.replace("20", "2027-02-30 ", 1),
        "YAML only a BOM": "\ufeff",
        "YAML only comments": "# nothing\n" * 100,
        "YAML empty": "",
        "YAML unclosed quote": base + '\nx: "open\n',
        "YAML anchors everywhere": "".join(f"k{n}: &a{n} [1]\n" for n in range(2000)),
        "YAML sections as a string": "details: {}\nsections: E\n",
        "YAML 100,000 outcomes": "sections:\n  E:\n" + "    - {id: E1, text: x}\n" * 100_000,
    }
    for kind, text in specials.items():
        writer.add(kind, ".yaml", text.encode("utf-8", "surrogatepass"))
    data = load_yaml(base)
    writer.add("YAML with NUL in a value", ".yaml", base.replace("name:", "name: \x00", 1).encode())
    writer.add(
        "YAML with a 2 MB word", ".yaml", base.replace("name:", "name: " + "w" * 2_000_000, 1).encode()
    )
    writer.add("YAML sentence of 99,000 words", ".yaml", _with_first_text(data, "word " * 99_000))


def _with_first_text(data: dict, text: str) -> bytes:
    """The plan with its first section's first item's text replaced."""
    from ehcplan.model import Plan

    plan = Plan.model_validate(data)
    for _letter, item in plan.items():
        item.text = text
        break
    return json.dumps(plan.model_dump(mode="json")).encode()


def json_cases(writer: CorpusWriter, rng: random.Random) -> None:
    data = load_yaml(SAMPLES[1].read_text(encoding="utf-8"))
    text = json.dumps(data, default=str, indent=1)
    byte_damage(writer, "JSON", ".json", text.encode(), rng)
    specials = {
        "JSON nested 100,000 arrays": "[" * 100_000 + "]" * 100_000,
        "JSON nested 900 objects": '{"a":' * 900 + "1" + "}" * 900,
        "JSON NaN and Infinity": '{"details": NaN, "sections": Infinity}',
        "JSON huge number": '{"details": ' + "9" * 10_000 + "}",
        "JSON a string at the top": '"plan"',
        "JSON a list at the top": "[1, 2]",
        "JSON escaped NUL": json.dumps({**data, "x": "\x00"}, default=str),
        "JSON lone surrogate escape": '{"details": "\\ud800"}',
        "JSON trailing comma": text[:-1] + ",}",
        "JSON empty": "",
    }
    for kind, body in specials.items():
        writer.add(kind, ".json", body.encode())


def text_cases(writer: CorpusWriter, rng: random.Random) -> None:
    for source in sorted(LAYOUTS.glob("*.md"))[:2] + sorted(LAYOUTS.glob("*.txt"))[:1]:
        text = source.read_text(encoding="utf-8")
        byte_damage(writer, f"text {source.stem[:12]}", source.suffix, text.encode(), rng)
        encodings(writer, f"text {source.stem[:12]}", source.suffix, text)
    heading = "# Section E: Outcomes\n\n"
    specials = {
        "Markdown sentence of 99,000 words": heading + "Sam will " + "read " * 99_000 + "\n",
        "Markdown a 2 MB word": heading + "w" * 2_000_000 + "\n",
        "Markdown 5,000 headings": "".join(
            f"# Section {'ABCDEFGHIJK'[n % 11]}\n\ntext {n}\n" for n in range(5000)
        ),
        "Markdown list nested 5,000 deep": "".join("  " * n + "- x\n" for n in range(5000)),
        "Markdown table of 20,000 cells": heading + "|" + " x |" * 20_000 + "\n|" + "---|" * 20_000 + "\n",
        "Markdown 30,000 table rows": heading + "| a | b |\n|---|---|\n" + "| x | y |\n" * 30_000,
        "Markdown only pipes": "|" * 100_000,
        "Markdown only tabs": "\t" * 100_000,
        "Markdown one line of 3 MB": "x " * 1_500_000,
        "text NUL everywhere": "\x00".join("Section E Outcomes Sam will read"),
        "text form feeds": "Section E\f" * 1000,
        "text right-to-left marks": heading + "\u202eSam will read\u202c\n" * 100,
        "text zero-width joiners": heading + "S\u200bam wi\u200dll read\n" * 1000,
        "text combining marks": heading + "a" + "\u0301" * 50_000 + "\n",
        "text empty": "",
    }
    for kind, body in specials.items():
        suffix = ".md" if kind.startswith("Markdown") else ".txt"
        writer.add(kind, suffix, body.encode("utf-8"))


# --- Word documents ------------------------------------------------------------------------------


def _zip(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as package:
        for name, body in parts.items():
            package.writestr(name, body)
    return buffer.getvalue()


def _parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: package.read(name) for name in package.namelist()}


def _with_document(parts: dict[str, bytes], body: bytes) -> bytes:
    return _zip({**parts, "word/document.xml": body})


ENTITY_DOCTYPE = b'<!DOCTYPE w:document [<!ENTITY a "Sam will read. Sam will read. Sam will read.">]>'


def docx_cases(writer: CorpusWriter, rng: random.Random) -> None:
    sources = {
        "Word sample": render_plan(_sample_plan(0), "docx"),
        "Word layout": (LAYOUTS / "01-dfe-draft-template-maya.docx").read_bytes(),
    }
    for name, docx in sources.items():
        byte_damage(writer, name, ".docx", docx, rng)
        parts = _parts(docx)
        for part in parts:
            writer.add(f"{name} without {part}", ".docx", _zip({k: v for k, v in parts.items() if k != part}))
        for part in (
            "word/document.xml",
            "[Content_Types].xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
        ):
            body = parts.get(part, b"")
            writer.add(f"{name} {part} cut short", ".docx", _zip({**parts, part: body[: len(body) // 2]}))
            writer.add(f"{name} {part} flipped", ".docx", _zip({**parts, part: flips(body or b"x", rng, 16)}))
        writer.add(f"{name} stored, not compressed", ".docx", _zip(parts, zipfile.ZIP_STORED))
    parts = _parts(sources["Word sample"])
    document = parts["word/document.xml"]
    start = document.index(b"<w:document")
    declaration, rest = document[:start], document[start:]
    entity_docs = {
        "Word entity declared": declaration + ENTITY_DOCTYPE + rest.replace(b"</w:body>", b"</w:body>", 1),
        "Word entity after 5 KB of padding": declaration
        + b"<!--"
        + b" " * 5000
        + b"-->"
        + ENTITY_DOCTYPE
        + rest,
        "Word entity after 5 KB of whitespace": b'<?xml version="1.0" encoding="UTF-8"?>'
        + b"\n" * 5000
        + ENTITY_DOCTYPE
        + rest,
        "Word entity in a UTF-16 part": (
            '<?xml version="1.0" encoding="UTF-16"?>' + ENTITY_DOCTYPE.decode() + rest.decode()
        ).encode("utf-16"),
        "Word billion laughs": declaration
        + b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + n]), b"&%s;" % bytes([97 + n]) * 10) for n in range(8))
        + b"]>"
        + rest.replace(b"<w:t>", b"<w:t>&i;", 1),
        "Word external entity": declaration
        + b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + rest.replace(b"<w:t>", b"<w:t>&x;", 1),
        "Word processing instruction flood": declaration + b"<?pi x?>" * 50_000 + rest,
        "Word comment flood": declaration + b"<!-- x -->" * 100_000 + rest,
        "Word UTF-16 part without entities": (
            '<?xml version="1.0" encoding="UTF-16"?>' + rest.decode()
        ).encode("utf-16"),
        "Word 20,000 cells in one row": _table_document(declaration, rest, cells=20_000),
        "Word tables nested 300 deep": _nested_tables(declaration, rest, depth=300),
        "Word 200,000 empty paragraphs": rest.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 200_000, 1),
        "Word 1 MB attribute": rest.replace(b"<w:p>", b'<w:p w:x="' + b"a" * 1_000_000 + b'">', 1),
        "Word elements nested 100,000 deep": rest.replace(b"<w:body>", b"<w:body>" + b"<w:r>" * 100_000, 1),
    }
    for kind, body in entity_docs.items():
        writer.add(kind, ".docx", _with_document(parts, body))
    rels = parts["word/_rels/document.xml.rels"]
    writer.add(
        "Word entity in the relationships",
        ".docx",
        _zip({**parts, "word/_rels/document.xml.rels": ENTITY_DOCTYPE.replace(b"w:document", b"R") + rels}),
    )
    bomb = zlib.compress(b"\x00" * 300_000_000, 9)
    writer.add(
        "Word zip bomb in document.xml",
        ".docx",
        _raw_member_zip(parts, "word/document.xml", bomb, 300_000_000),
    )
    writer.add(
        "Word zip bomb that lies about its size",
        ".docx",
        _raw_member_zip(parts, "word/document.xml", zlib.compress(b"<" * 60_000_000, 9), 1000),
    )
    writer.add(
        "Word 60,000 zip members", ".docx", _zip({**parts, **{f"x/{n}.xml": b"" for n in range(60_000)}})
    )
    writer.add(
        "Word 40 MB document part",
        ".docx",
        _with_document(parts, rest.replace(b"</w:body>", b" " * 40_000_000 + b"</w:body>")),
    )
    writer.add("Word member names with ..", ".docx", _zip({**parts, "../../evil.xml": b"<x/>"}))
    writer.add("Word encrypted flag set", ".docx", _encrypted_flag(_zip(parts)))
    writer.add("Word OLE container", ".docx", bytes.fromhex("d0cf11e0a1b11ae1") + rng.randbytes(4000))
    writer.add("Word a zip of nothing", ".docx", _zip({}))
    writer.add("Word document.xml is a folder", ".docx", _zip({**parts, "word/document.xml/": b""}))
    writer.add(
        "Word control characters in text",
        ".docx",
        _with_document(parts, rest.replace(b"<w:t>", b"<w:t>\x01\x02", 1)),
    )


def _sample_plan(index: int) -> Plan:

    return Plan.model_validate(load_yaml(SAMPLES[index].read_text(encoding="utf-8")))


def _table_document(declaration: bytes, rest: bytes, cells: int) -> bytes:
    row = b"<w:tbl><w:tr>" + b"<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>" * cells + b"</w:tr></w:tbl>"
    return declaration + rest.replace(b"<w:body>", b"<w:body>" + row, 1)


def _nested_tables(declaration: bytes, rest: bytes, depth: int) -> bytes:
    opening = b"<w:tbl><w:tr><w:tc>" * depth
    closing = b"<w:p/></w:tc></w:tr></w:tbl>" * depth
    return declaration + rest.replace(b"<w:body>", b"<w:body>" + opening + closing, 1)


def _raw_member_zip(parts: dict[str, bytes], name: str, deflated: bytes, claimed: int) -> bytes:
    """A zip whose member ``name`` is ``deflated`` (a zlib stream) with ``claimed`` as its recorded size."""
    others = {key: value for key, value in parts.items() if key != name}
    return _hand_zip(others, name, deflated[2:-4], claimed)  # zlib's header and checksum off: raw deflate


def _hand_zip(parts: dict[str, bytes], name: str, raw: bytes, claimed: int) -> bytes:
    """Build a zip by hand, so a member's recorded size and CRC can be anything."""
    import struct

    out = bytearray()
    central = bytearray()
    entries = [
        (key, zlib.compress(value)[2:-4], len(value), zlib.crc32(value)) for key, value in parts.items()
    ]
    entries.append((name, raw, claimed, 0))
    for key, body, size, crc in entries:
        encoded = key.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(body), size, len(encoded), 0)
        out += encoded + body
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(body),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


def _encrypted_flag(data: bytes) -> bytes:
    """Set the 'encrypted' bit on every member, as a password-protected zip has."""
    damaged = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = damaged.find(signature)
        while position != -1:
            damaged[position + offset] |= 1
            position = damaged.find(signature, position + 4)
    return bytes(damaged)


# --- PDF -----------------------------------------------------------------------------------------


def pdf_cases(writer: CorpusWriter, rng: random.Random) -> None:
    lines = (LAYOUTS / "04-contents-page-ethan.md").read_text(encoding="utf-8").splitlines()[:45]
    # Helvetica's WinAnsi encoding has no dashes or curly quotes; the text matters, not the glyphs.
    shown = [line.replace("#", "").strip().encode("latin-1", "replace").decode("latin-1") for line in lines]
    pdf = text_pdf([line for line in shown if line])
    byte_damage(writer, "PDF", ".pdf", pdf, rng)
    bomb = zlib.compress(b"BT /F1 11 Tf 56 800 Td (x) Tj ET\n" * 20_000_000, 9)
    writer.add("PDF content stream bomb", ".pdf", _pdf_with_stream(bomb, b"/Filter /FlateDecode"))
    writer.add("PDF garbage stream", ".pdf", _pdf_with_stream(rng.randbytes(200_000), b""))
    writer.add(
        "PDF garbage deflate stream",
        ".pdf",
        _pdf_with_stream(rng.randbytes(200_000), b"/Filter /FlateDecode"),
    )
    text = b"BT /F1 11 Tf 56 800 Td (" + b"x" * 5_000_000 + b") Tj ET"
    writer.add("PDF one 5 MB string", ".pdf", _pdf_with_stream(text, b""))
    many = b"".join(b"BT /F1 1 Tf %d %d Td (w) Tj ET\n" % (n % 500, n % 800) for n in range(300_000))
    writer.add("PDF 300,000 words on a page", ".pdf", _pdf_with_stream(many, b""))
    writer.add("PDF 2,000 pages", ".pdf", _pdf_pages(2000))
    writer.add("PDF 300 pages", ".pdf", _pdf_pages(300))
    writer.add("PDF header only", ".pdf", b"%PDF-1.4\n")
    writer.add(
        "PDF with an encryption dictionary",
        ".pdf",
        pdf.replace(
            b"/Root 1 0 R", b"/Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>"
        ),
    )
    writer.add("PDF header after 900 bytes of junk", ".pdf", rng.randbytes(900) + pdf)
    writer.add("PDF pages tree loop", ".pdf", pdf.replace(b"/Kids [3 0 R]", b"/Kids [2 0 R 3 0 R]"))


def _pdf_with_stream(stream: bytes, filters: bytes) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d %s >>\nstream\n" % (len(stream), filters) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_from_objects(objects)


def _pdf_pages(count: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (4 + n) for n in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        b"<< /Length 36 >>\nstream\nBT /F1 11 Tf 56 800 Td (Sam) Tj ET\nendstream",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 "
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"
    ] * count
    return pdf_from_objects(objects)


# --- things that are not plain files ------------------------------------------------------------


def odd_files(writer: CorpusWriter) -> None:
    folder = writer.folder
    (folder / "a-folder.yaml").mkdir()
    writer.add_path("a folder named like a plan", folder / "a-folder.yaml")
    os.mkfifo(folder / "a-pipe.yaml")
    writer.add_path("a named pipe", folder / "a-pipe.yaml")
    (folder / "zero.docx").symlink_to("/dev/zero")
    writer.add_path("a link to /dev/zero", folder / "zero.docx")
    (folder / "urandom.md").symlink_to("/dev/urandom")
    writer.add_path("a link to /dev/urandom", folder / "urandom.md")
    (folder / "null.yaml").symlink_to("/dev/null")
    writer.add_path("a link to /dev/null", folder / "null.yaml")
    (folder / "loop-a.yaml").symlink_to(folder / "loop-b.yaml")
    (folder / "loop-b.yaml").symlink_to(folder / "loop-a.yaml")
    writer.add_path("a loop of links", folder / "loop-a.yaml")
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    writer.add_path("a dangling link", folder / "dangling.yaml")
    writer.add_path("a missing file", folder / "missing.yaml")
    writer.add("a plan with no suffix", "", SAMPLES[0].read_bytes())
    writer.add("a plan with an unknown suffix", ".exe", SAMPLES[0].read_bytes())
    writer.add("a YAML plan named .docx", ".docx", SAMPLES[0].read_bytes())
    writer.add("a Word plan named .yaml", ".yaml", render_plan(_sample_plan(1), "docx"))
    writer.add("a PDF named .md", ".md", text_pdf(["Section E: Outcomes", "Sam will read."]))


BUILDERS: tuple[Callable[[CorpusWriter, random.Random], None], ...] = (
    yaml_cases,
    json_cases,
    text_cases,
    docx_cases,
    pdf_cases,
)


def build_corpus(folder: Path) -> list[Case]:
    """Every case, written into ``folder``; the same cases on every run."""
    rng = random.Random(SEED)
    writer = CorpusWriter(folder)
    for builder in BUILDERS:
        builder(writer, rng)
    odd_files(writer)
    return writer.cases


def commands_for(case: Case) -> Iterator[list[str]]:
    """The commands a user might run on this input (each reads it in its own way)."""
    yield ["check", "--exit-zero", "--format", "json", str(case.path)]
    if case.suffix in (".yaml", ".yml", ".json", ""):
        yield ["render", "--to", "docx", "-o", str(case.path) + ".out.docx", "--force", str(case.path)]
    else:
        yield ["import", "-o", str(case.path) + ".out.yaml", "--force", str(case.path)]
    if case.suffix == ".docx":
        yield ["annotate", "-o", str(case.path) + ".out.docx", "--force", str(case.path)]
