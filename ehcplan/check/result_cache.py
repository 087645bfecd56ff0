"""Results of checks kept between runs, as ruff keeps its own: an unchanged plan is never checked twice.

An entry is found by a keyed hash of the plan file's bytes, its name, the session (config,
lexicons, wording), the rules chosen, ehcplan's own code and data, and the versions of spaCy and
its English pipeline; a change to any of them finds no entry, so it is checked afresh. The key of
the hash is a random secret kept in the cache folder, so an entry's name says nothing about a plan.

What an entry holds is what a report needs, without the plan's words: each finding's rule, place
and severity, which piece of the plan its words are (by position in the plan, not the words), and
its message with the words at fault and the child's name taken out; the plan's grades and
readability counts. Read back, the words are taken from the plan as it is read again. Where that
cannot give back exactly the finding that was found, the result is not kept.

The folder is ``$EHCPLAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/ehcplan``, else ``~/.cache/ehcplan``:
never beside the plans; the folder is readable by its owner only (0700), each entry too (0600).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import stat
from collections.abc import Callable
from contextlib import suppress
from dataclasses import asdict, dataclass, replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ehcplan import __version__
from ehcplan.check.grades import Grades
from ehcplan.check.readability_scores import PlanReadability, Readability
from ehcplan.check.text_units import text_units
from ehcplan.model.findings import Finding, Severity
from ehcplan.paths import data_dir
from ehcplan.user_cache import cache_folder, private_folder, write_private

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckResult
    from ehcplan.config import ReadabilityTargets
    from ehcplan.model import Plan
    from ehcplan.session import Session

# Bumped when what an entry holds changes shape.
CACHE_FORMAT = 1
# Entries kept at most; the oldest go first.
MAX_ENTRIES = 5_000
# Stand-ins for the plan's words inside messages (never in any message's own wording).
EXCERPT, CHILD = "\x00excerpt\x00", "\x00child\x00"
_OUR_PLACES = ("The plan",)


def kept_entries(folder: Path | None = None) -> list[Path]:
    """The entries in the cache folder."""
    results = (folder or cache_folder()) / "results"
    return sorted(results.glob("*.json")) if results.is_dir() else []


def clear_cache(folder: Path | None = None) -> int:
    """Remove every entry, kept parse and compiled lexicon (and the secret); how many results there were."""
    folder = folder or cache_folder()
    entries = kept_entries(folder)
    for entry in entries:
        entry.unlink(missing_ok=True)
    for kind in ("parses", "lexicons"):
        if (folder / kind).is_dir():
            for kept in (folder / kind).glob("*.json"):
                kept.unlink(missing_ok=True)
    (folder / "key").unlink(missing_ok=True)
    return len(entries)


@dataclass(frozen=True)
class ResultCache:
    """The results folder of one session and choice of rules."""

    folder: Path
    secret: bytes
    context: bytes
    targets: ReadabilityTargets

    @classmethod
    def open(cls, session: Session, select: list[str] | None, ignore: list[str] | None) -> ResultCache:
        """The cache for this session and these rules (the folder made, owner-only, if need be)."""
        results = private_folder("results")
        folder = results.parent
        context = json.dumps(
            {
                "format": CACHE_FORMAT,
                "ehcplan": __version__,
                "code": _code_fingerprint(),
                "data": _data_fingerprint(session),
                "models": model_versions(session.pipeline),
                "config": session.config.model_dump_json(),
                "select": select,
                "ignore": ignore,
            },
            sort_keys=True,
        ).encode()
        return cls(results, secret_key(folder), context, session.config.readability)

    def key(self, path: str, data: bytes) -> str:
        """The entry's name for a plan file ``path`` holding ``data``."""
        digest = hashlib.blake2b(key=self.secret, digest_size=24)
        for part in (self.context, path.encode("utf-8", "surrogatepass"), data):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        return digest.hexdigest()

    def load(self, key: str, plan: Plan, path: str) -> CheckResult | None:
        """The result kept under ``key``, with the plan's words put back; None when there is none."""
        entry = self.folder / f"{key}.json"
        try:
            stored = json.loads(entry.read_text(encoding="utf-8"))
            result = _result_from(stored, plan, path, self.targets)
            os.utime(entry)  # used: the last to go when the folder is pruned
            return result
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            return None  # no entry, or one damaged or from elsewhere: check afresh

    def store(self, key: str, result: CheckResult) -> bool:
        """Keep ``result`` under ``key`` if it can be kept without the plan's words; True if kept."""
        stored = _stored(result)
        if stored is None or _result_from(stored, result.plan, result.path, self.targets) != result:
            return False
        write_private(self.folder / f"{key}.json", json.dumps(stored, ensure_ascii=False))
        return True

    def prune(self, keep: int = MAX_ENTRIES) -> int:
        """Remove the oldest entries beyond ``keep`` (a kept result read again counts as new); how many went."""
        with os.scandir(self.folder) as listing:
            entries = [entry for entry in listing if entry.name.endswith(".json")]
        if len(entries) <= keep:
            return 0
        entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
        for entry in entries[: len(entries) - keep]:
            Path(entry.path).unlink(missing_ok=True)
        return len(entries) - keep


def open_cache(session: Session, select: list[str] | None, ignore: list[str] | None) -> ResultCache | None:
    """The cache, or None where its folder cannot be made or written (checking goes on without it)."""
    try:
        return ResultCache.open(session, select, ignore)
    except OSError:
        return None


@dataclass
class Lookup:
    """A plan file read, and its kept result if there is one."""

    path: str
    plan: Plan
    key: str | None  # None: nothing may be kept for it (no cache, or the file changed as it was read)
    result: CheckResult | None


def look_up(cache: ResultCache | None, path: str, read: Callable[[], Plan]) -> Lookup:
    """Read the plan at ``path`` and find its kept result.

    The file's bytes are read before and after the plan is: a file that changed in between is
    checked as read, and nothing is kept for it, so no result is ever kept under another text's key.
    """
    if cache is None:
        return Lookup(path, read(), None, None)
    before = _bytes_of(path)
    plan = read()
    if before is None or _bytes_of(path) != before:
        return Lookup(path, plan, None, None)
    key = cache.key(path, before)
    return Lookup(path, plan, key, cache.load(key, plan, path))


def keep(cache: ResultCache | None, lookup: Lookup, result: CheckResult) -> None:
    """Keep a new result for the next run, where it may be kept."""
    if cache is not None and lookup.key is not None:
        with suppress(OSError):  # a full disk or a read-only folder costs the next run time, never this one
            cache.store(lookup.key, result)


def cached_check(
    cache: ResultCache | None,
    path: str,
    read: Callable[[], Plan],
    check: Callable[[Plan], CheckResult],
) -> CheckResult:
    """The kept result of an unchanged plan file, else ``check(read())`` (whose result is then kept)."""
    found = look_up(cache, path, read)
    if found.result is not None:
        return found.result
    result = check(found.plan)
    keep(cache, found, result)
    return result


# Larger files are refused by the readers; they are never read whole here.
MAX_KEYED_BYTES = 50_000_000


def _bytes_of(path: str) -> bytes | None:
    """The file's bytes, or None for anything but an ordinary file of a plan's size (a pipe would
    wait for ever and a device never ends: the readers refuse those with a reason)."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_KEYED_BYTES:
            return None
        return Path(path).read_bytes()
    except OSError:
        return None


# --- what is kept, and how it is read back ---------------------------------------------------


def _pieces(plan: Plan) -> list[str]:
    """The plan's words that a finding can quote, in a fixed order: each piece of writing, then
    every other text the plan holds (a budget's amount, a school's name ...)."""
    found = [unit.text for unit in text_units(plan)]
    stack: list[Any] = [plan.model_dump(mode="json")]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            stack.extend(value[key] for key in sorted(value, reverse=True))
        elif isinstance(value, list):
            stack.extend(reversed(value))
    return found


def _names(plan: Plan) -> list[str]:
    """The child's names, longest first (so 'Leo Fairbairn' goes before 'Leo')."""
    child = plan.details.child
    names = {plan.child_name or "", child.name or "", child.preferred_name or ""}
    return sorted(sorted(name for name in names if len(name) >= 2), key=len, reverse=True)


def _hidden(text: str, excerpt: str, names: list[str]) -> str:
    if len(excerpt) >= 2:
        text = text.replace(excerpt, EXCERPT)
    for index, name in enumerate(names):
        text = text.replace(name, f"{CHILD}{index}\x00")
    return text


def _shown(text: str, excerpt: str, names: list[str]) -> str:
    text = text.replace(EXCERPT, excerpt)
    for index, name in enumerate(names):
        text = text.replace(f"{CHILD}{index}\x00", name)
    return text


def _stored(result: CheckResult) -> dict[str, Any] | None:
    if result.grades is None or result.readability is None:
        return None
    pieces = {text: index for index, text in reversed(list(enumerate(_pieces(result.plan))))}
    names = _names(result.plan)
    findings = []
    for finding in [*result.findings, *result.accepted]:
        data = asdict(finding)
        excerpt = finding.excerpt
        text = data.pop("text")
        if text in pieces:
            data["piece"] = pieces[text]
        elif text in _OUR_PLACES or text.startswith("Section "):
            data["place"] = text  # the checker's own words for a section or the plan
        else:
            return None
        data["severity"] = finding.severity.value
        data["message"] = _hidden(finding.message, excerpt, names)
        data["suggestion"] = _hidden(finding.suggestion, excerpt, names)
        data["accepted"] = finding.accepted is not None  # the reason is the plan's: read again
        findings.append(data)
    grades = asdict(result.grades)
    grades["limited_by"] = [_hidden(reason, "", names) for reason in result.grades.limited_by]
    readability = result.readability
    return {
        "findings": findings[: len(result.findings)],
        "accepted": findings[len(result.findings) :],
        "grades": grades,
        "readability": {
            "plan": asdict(readability.plan),
            "sections": {letter: asdict(counts) for letter, counts in readability.sections.items()},
        },
    }


def _result_from(stored: dict[str, Any], plan: Plan, path: str, targets: ReadabilityTargets) -> CheckResult:
    from ehcplan.check.checker import CheckResult, accepted_reasons

    pieces = _pieces(plan)
    names = _names(plan)
    reasons = accepted_reasons(plan)

    def finding(data: dict[str, Any]) -> Finding:
        data = dict(data)
        text = pieces[data.pop("piece")] if "piece" in data else data.pop("place")
        accepted = data.pop("accepted")
        made = Finding(**{**data, "text": text, "severity": Severity(data["severity"])})
        excerpt = made.excerpt
        made = replace(
            made,
            message=_shown(made.message, excerpt, names),
            suggestion=_shown(made.suggestion, excerpt, names),
        )
        return made.accept(reasons[(made.item, made.rule)]) if accepted else made

    grades = dict(stored["grades"])
    grades["limited_by"] = [_shown(reason, "", names) for reason in grades["limited_by"]]
    counts = stored["readability"]
    return CheckResult(
        path=path,
        plan=plan,
        findings=[finding(data) for data in stored["findings"]],
        accepted=[finding(data) for data in stored["accepted"]],
        grades=Grades(**grades),
        readability=PlanReadability(
            Readability(**counts["plan"]),
            {letter: Readability(**values) for letter, values in counts["sections"].items()},
            targets,
        ),
    )


# --- what the key is made of -------------------------------------------------------------------


@cache
def _code_fingerprint() -> str:
    """ehcplan's own code: a rule changed without a new version number still finds no old entry."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _data_fingerprint(session: Session) -> str:
    """The lexicons (built-in and the council's), rule tables, grading policy and wording."""
    digest = hashlib.blake2b(digest_size=16)
    folders = [data_dir("lexicons"), *session.lexicons.folders, data_dir("policy")]
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
    grading = session.config.grading
    if grading is not None and grading.is_file():
        digest.update(grading.read_bytes())
    digest.update(json.dumps(session.words.data, sort_keys=True, default=str).encode())
    return digest.hexdigest()


@cache
def model_versions(pipeline: str) -> dict[str, str]:
    """spaCy's version and the pipeline package's, read without importing either."""
    found = {}
    for package in ("spacy", pipeline, pipeline.replace("_", "-")):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return found


def secret_key(folder: Path) -> bytes:
    path = folder / "key"
    try:
        secret = path.read_bytes()
        if len(secret) == 32:
            return secret
    except OSError:
        pass
    secret = secrets.token_bytes(32)
    write_private(path, secret)
    return secret
