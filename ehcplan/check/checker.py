"""Run the rules on a plan: select and ignore, apply what the writer accepted, and gather findings."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ehcplan.check.pipeline import language_tools
from ehcplan.check.rules.registry import Rule, all_rules
from ehcplan.model import PROVISION_SECTIONS, Plan, Pronouns
from ehcplan.model.findings import Finding, Severity
from ehcplan.session import Session, built_in_session

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ehcplan.check.analysis.acronyms import AcronymUse
    from ehcplan.check.analysis.links import Links
    from ehcplan.check.analysis.outcome import OutcomeReading
    from ehcplan.check.analysis.provision import ProvisionReading
    from ehcplan.check.grades import Grades
    from ehcplan.check.readability_scores import PlanReadability
    from ehcplan.check.text_units import TextUnit
    from ehcplan.config import Config


T = TypeVar("T")


class CheckContext:
    """The plan under check, with readings of its items made once and shared by every rule."""

    def __init__(self, plan: Plan, path: str = "<plan>", session: Session | None = None) -> None:
        self.plan = plan
        self.path = path
        self.session = session or built_in_session()
        self.config = self.session.config
        self.lexicons = self.session.lexicons
        self.tools = language_tools(self.session)

    @property
    def child(self) -> str:
        """How messages name the child: their preferred name, else 'the child'."""
        return self.plan.child_name or "the child"

    @cached_property
    def pronoun_words(self) -> dict[str, str]:
        """The words messages use for the child: from the plan's details, else 'they'."""
        pronouns = self.plan.details.child.pronouns or Pronouns.they
        return {"they": pronouns.subject, "their": pronouns.possessive, "them": pronouns.object_form}

    @cached_property
    def outcome_readings(self) -> dict[str, OutcomeReading]:
        """A reading of every outcome in E, parsed in one batch."""
        from ehcplan.check.analysis.outcome import read_outcome

        items = [item for _letter, item in self.plan.items("E")]
        docs = self.tools.parse([item.text for item in items])
        return {
            item.id: kept_on(
                doc, ("outcome", item.timescale), partial(read_outcome, doc, timescale=item.timescale)
            )
            for item, doc in zip(items, docs, strict=True)
        }

    @cached_property
    def provision_readings(self) -> dict[str, ProvisionReading]:
        """A reading of every item of provision in F, G, H1 and H2 that describes support."""
        from ehcplan.check.analysis.provision import describes_support, read_provision

        items = [
            item for _letter, item in self.plan.items(*PROVISION_SECTIONS) if describes_support(item.text)
        ]
        docs = self.tools.parse([item.text for item in items])
        readings = {}
        for item, doc in zip(items, docs, strict=True):
            fields = _structured_fields(item)
            key = ("provision", repr(sorted(fields.items())))
            readings[item.id] = kept_on(doc, key, partial(read_provision, doc, fields))
        return readings

    @cached_property
    def units(self) -> list[TextUnit]:
        """Every piece of writing in the plan, in reading order."""
        from ehcplan.check.text_units import text_units

        return list(text_units(self.plan))

    @cached_property
    def unit_docs(self) -> list[tuple[TextUnit, Doc]]:
        """Each unit with its tokens (no tagging: word lists need only the words)."""
        return list(zip(self.units, self.tools.tokenize(unit.text for unit in self.units), strict=True))

    @cached_property
    def people_docs(self) -> list[tuple[TextUnit, Doc]]:
        """Each unit with its tokens, and the entity recogniser's labels (people, places) where it
        has a capitalised word the plan does not explain (see ``analysis/consistency.py``)."""
        from ehcplan.check.analysis.consistency import people_docs

        return people_docs(self)

    @cached_property
    def explained_words(self) -> frozenset[str]:
        """Capitalised words the plan itself explains (its people, programmes, words it also writes
        in lower case): read by the consistency rules and by ``people_docs``."""
        from ehcplan.check.analysis.consistency import LEXICON, explained_words

        return explained_words(self, self.tools.lexicon(LEXICON))

    @cached_property
    def child_pronouns(self) -> list[Any]:
        """The pronouns that speak of the child (``analysis/consistency.py``), read once per check."""
        from ehcplan.check.analysis.consistency import LEXICON, child_pronouns

        return child_pronouns(self.people_docs, self.plan, self.tools.lexicon(LEXICON))

    @cached_property
    def acronym_uses(self) -> list[AcronymUse]:
        from ehcplan.check.analysis.acronyms import acronym_uses

        return acronym_uses(self.units, self.tools.lexicon)

    @cached_property
    def readability(self) -> PlanReadability:
        """Readability of the plan and of each section."""
        from ehcplan.check.readability_scores import plan_readability

        return plan_readability(self.units, self.config.readability)

    @cached_property
    def links(self) -> Links:
        """The golden thread: links as written, or inferred for loose documents."""
        from ehcplan.check.analysis.links import plan_links

        return plan_links(self.plan)

    def unit_finding(self, rule: Rule, unit: TextUnit, start: int, end: int, **kwargs: Any) -> Finding:
        """A finding on a unit of text (an item, a field of A, a statement), located where it came from."""
        source = unit.source
        return rule.finding(
            self,
            section=unit.section,
            item_id=unit.item_id,
            text=unit.text,
            start=start,
            end=end,
            line=source.line if source else None,
            location=source.describe() if source else None,
            **kwargs,
        )

    def section_finding(
        self, rule: Rule, letter: str | None, text: str | None = None, **kwargs: Any
    ) -> Finding:
        """A finding about a whole section (or a part, with ``path`` such as 'A.child_views'), or the plan."""
        path = kwargs.pop("path", letter or "details")
        source = self.plan.source_of(path)
        text = text if text is not None else (f"Section {letter}" if letter else "The plan")
        return rule.finding(
            self,
            section=letter,
            item_id=None,
            text=text,
            start=kwargs.pop("start", 0),
            end=kwargs.pop("end", len(text)),
            line=source.line if source else None,
            location=source.describe() if source else None,
            **kwargs,
        )

    def item_span_finding(
        self, rule: Rule, letter: str, item: Any, span: Span | None, **kwargs: Any
    ) -> Finding:
        """A finding on the words of ``span`` in an item, or on the whole item when there is none."""
        return self.item_finding(rule, letter, item, *_span_or_whole(span, item.text), **kwargs)

    def item_finding(
        self, rule: Rule, letter: str, item: Any, start: int, end: int, **kwargs: Any
    ) -> Finding:
        """A finding about one item, located where the item came from."""
        source = item.source
        return rule.finding(
            self,
            section=letter,
            item_id=item.id,
            text=item.text,
            start=start,
            end=end,
            line=source.line if source else None,
            location=source.describe() if source else None,
            **kwargs,
        )


def kept_on(doc: Doc, key: tuple[Any, ...], read: Callable[[], T]) -> T:
    """A reading of ``doc`` made once and kept on it: a doc kept for its words (the same sentence
    in two items, an unchanged item re-checked in the editor) is not read again."""
    stored = doc.user_data.get(("ehcplan.reading", *key))
    if stored is None:
        stored = doc.user_data[("ehcplan.reading", *key)] = read()
    return stored


def _span_or_whole(span: Span | None, text: str) -> tuple[int, int]:
    return (span.start_char, span.end_char) if span is not None else (0, len(text))


def _structured_fields(item: Any) -> dict[str, Any]:
    return {
        name: getattr(item, name, None) for name in ("what", "who", "group_size", "how_often", "how_long")
    }


@dataclass
class CheckResult:
    """The findings for one plan: those to act on, and those the writer accepted on purpose."""

    path: str
    plan: Plan
    findings: list[Finding] = field(default_factory=list)
    accepted: list[Finding] = field(default_factory=list)
    readability: PlanReadability | None = None
    grades: Grades | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    def fails(self, level: Severity) -> bool:
        """True when a finding is at or above ``level``."""
        return any(finding.severity.rank >= level.rank for finding in self.findings)


def matches_selector(rule: type[Rule], selectors: list[str]) -> bool:
    """True when a rule is named by a code, a code prefix ('SMART', 'PROV00') or a category."""
    for selector in selectors:
        wanted = selector.strip()
        if not wanted:
            continue
        if (
            wanted.upper() == "ALL"
            or rule.code.startswith(wanted.upper())
            or wanted.lower() == rule.category.value
        ):
            return True
        if wanted.lower() == rule.name:
            return True
    return False


def chosen_rules(select: list[str] | None = None, ignore: list[str] | None = None) -> list[type[Rule]]:
    """The rules to run, after --select and --ignore."""
    rules = all_rules()
    if select:
        rules = [rule for rule in rules if matches_selector(rule, select)]
    if ignore:
        rules = [rule for rule in rules if not matches_selector(rule, ignore)]
    return rules


def check_plan(
    plan: Plan,
    path: str = "<plan>",
    session: Session | None = None,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> CheckResult:
    """Run the chosen rules on a plan and sort the findings by where they are."""
    context = CheckContext(plan, path, session)
    config = context.config
    select = select if select is not None else config.select
    ignore = [*(ignore or []), *config.ignore, *_file_ignores(path, config)]
    result = CheckResult(path=path, plan=plan)
    accepted = accepted_reasons(plan)
    result.readability = context.readability
    for rule_class in chosen_rules(select, ignore):
        for finding in rule_class().check(context):
            reason = accepted.get((finding.item, finding.rule))
            if reason is not None:
                result.accepted.append(finding.accept(reason))
            else:
                result.findings.append(finding)
    order = {item.id: index for index, (_letter, item) in enumerate(plan.items())}

    def position(finding: Finding) -> tuple[int, int, int, str]:
        return (finding.line or 0, order.get(finding.item or "", -1), finding.start, finding.rule)

    result.findings.sort(key=position)
    result.accepted.sort(key=position)
    result.grades = grade_result(context, result)
    return result


def grade_result(context: CheckContext, result: CheckResult) -> Grades:
    """Grades for a checked plan, by the configured (or built-in) grading policy."""
    from ehcplan.check.grades import grade_plan, load_policy

    policy = load_policy(context.config.grading)
    units: dict[str, int] = {}
    for unit in context.units:
        units[unit.section] = units.get(unit.section, 0) + 1
    return grade_plan(context.plan, result.findings, units, policy)


def accepted_reasons(plan: Plan) -> dict[tuple[str | None, str], str]:
    """(item, rule) -> the writer's reason for accepting that rule's finding on that item."""
    accepted: dict[tuple[str | None, str], str] = {}
    for _letter, item in plan.items():
        for acceptance in item.accept:
            accepted[(item.id, acceptance.rule)] = acceptance.reason
    return accepted


def _file_ignores(path: str, config: Config) -> list[str]:
    name = Path(path).as_posix()
    codes: list[str] = []
    for pattern, ignored in config.per_file_ignores.items():
        if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
            codes.extend(ignored)
    return codes
