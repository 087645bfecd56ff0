"""The SMART and provision rules measured against labelled statements.

*_dev.tsv were written alongside the rules; *_held.tsv were written separately and kept aside
while the rules were written; *_fresh.tsv were written later, in other words, and measured before
any rule was changed to fit them; *_fresh2.tsv were written after those changes, to check that
they generalise; fresh3 and fresh4 were written by someone who had read only the labelling policy
(../shared/domain/JUDGEMENT.md); the public examples come from public guidance. The floors sit just under the
figures reached, so a change that makes the checker worse fails; the figures go in the issue notes.
"""

from __future__ import annotations

import pytest
from testkit import DATA, PUBLIC_EXAMPLES, labelled_rows, score_deficit, score_language, score_statements

OUTCOME_RULES = ("SMART",)
PROVISION_RULES = ("PROV",)

CASES = [
    # file, kind filter, section, rules, precision floor, recall floor
    ("outcomes_dev.tsv", None, "E", OUTCOME_RULES, 0.98, 0.98),
    ("outcomes_dev2.tsv", None, "E", OUTCOME_RULES, 0.98, 0.98),
    ("outcomes_held.tsv", None, "E", OUTCOME_RULES, 0.97, 0.97),
    ("outcomes_fresh.tsv", None, "E", OUTCOME_RULES, 0.97, 0.97),
    ("outcomes_fresh2.tsv", None, "E", OUTCOME_RULES, 0.97, 0.97),
    # fresh3 and fresh4 were written for issue 18 by someone who had read only JUDGEMENT.md and the
    # domain README: fresh3 before the rules were changed (before: P 0.97, R 0.74), fresh4 after, and
    # measured once (outcomes P 1.00 R 0.93; provision P 0.97 R 1.00) before two more ideas were fixed.
    ("outcomes_fresh3.tsv", None, "E", OUTCOME_RULES, 0.98, 0.97),
    ("outcomes_fresh4.tsv", None, "E", OUTCOME_RULES, 0.98, 0.98),
    # fresh5 measured once after the first fixes (P 0.91, R 0.86), then three ideas it showed were
    # fixed (a therapy by its name, named activities, capacity conditions); fresh6 measured once, untouched.
    ("outcomes_fresh5.tsv", None, "E", OUTCOME_RULES, 0.9, 0.88),
    ("outcomes_fresh6.tsv", None, "E", OUTCOME_RULES, 0.93, 0.93),
    ("provision_dev.tsv", None, "F", PROVISION_RULES, 0.98, 0.98),
    ("provision_dev2.tsv", None, "F", PROVISION_RULES, 0.98, 0.98),
    ("provision_held.tsv", None, "F", PROVISION_RULES, 0.97, 0.97),
    ("provision_fresh.tsv", None, "F", PROVISION_RULES, 0.97, 0.97),
    ("provision_fresh2.tsv", None, "F", PROVISION_RULES, 0.97, 0.97),
    # Each statement is checked in its own section (F, G, H1 or H2); fresh3 before: P 0.89, R 0.99.
    ("provision_fresh3.tsv", None, "F", PROVISION_RULES, 0.98, 0.98),
    ("provision_fresh4.tsv", None, "F", PROVISION_RULES, 0.98, 0.98),
    ("provision_fresh5.tsv", None, "F", PROVISION_RULES, 0.97, 0.97),  # once: P 0.94, R 0.91
    ("provision_fresh6.tsv", None, "F", PROVISION_RULES, 0.96, 0.98),  # once, untouched
]


@pytest.mark.parametrize(
    ("name", "kind", "section", "rules", "precision", "recall"), CASES, ids=[c[0] for c in CASES]
)
def test_rules_keep_their_precision_and_recall(name, kind, section, rules, precision, recall) -> None:
    score = score_statements(labelled_rows(DATA / name, kind), section, rules)
    print(f"{name}: {score}")
    assert score.precision >= precision, "\n".join(score.misses)
    assert score.recall >= recall, "\n".join(score.misses)


@pytest.mark.parametrize(
    ("kind", "section", "rules"), [("outcome", "E", OUTCOME_RULES), ("provision", "F", PROVISION_RULES)]
)
def test_public_guidance_examples(kind: str, section: str, rules: tuple[str, ...]) -> None:
    # Some public "good" examples lack a date or a quantity by the guidance's own admission,
    # so precision is lower here; every statement the guidance calls poor must be caught.
    score = score_statements(labelled_rows(PUBLIC_EXAMPLES, kind), section, rules)
    print(f"{kind}: {score}")
    assert score.recall >= 0.97, "\n".join(score.misses)
    assert score.precision >= 0.82, "\n".join(score.misses)


LANGUAGE_CASES = [
    # file, precision floor, recall floor, largest share of plain sentences flagged
    ("language_dev.tsv", 0.98, 0.98, 0.01),
    ("language_dev2.tsv", 0.98, 0.98, 0.01),
    ("language_held.tsv", 0.98, 0.97, 0.01),
    ("language_fresh.tsv", 0.95, 0.97, 0.04),
    ("language_fresh2.tsv", 0.94, 0.94, 0.05),
]


@pytest.mark.parametrize(
    ("name", "precision", "recall", "plain_rate"), LANGUAGE_CASES, ids=[c[0] for c in LANGUAGE_CASES]
)
def test_jargon_and_acronyms_found_while_plain_sentences_pass(
    name: str, precision: float, recall: float, plain_rate: float
) -> None:
    result = score_language(labelled_rows(DATA / name))
    print(f"{name}: {result}")
    assert result.score.precision >= precision, "\n".join(result.score.misses)
    assert result.score.recall >= recall, "\n".join(result.score.misses)
    assert result.plain_flag_rate <= plain_rate, "\n".join(result.score.misses)


DEFICIT_CASES = [
    # file, precision floor, recall floor (before the grammar of labels, issue 18: recall 0.95, 0.84,
    # 0.79, 0.62, 0.50; the last two sets have few deficit sentences, most of them clinical wording)
    ("language_dev.tsv", 0.98, 0.96),
    ("language_dev2.tsv", 0.98, 0.94),
    ("language_held.tsv", 0.96, 0.89),
    ("language_fresh.tsv", 0.8, 0.6),
    ("language_fresh2.tsv", 0.98, 0.5),
]


@pytest.mark.parametrize(("name", "precision", "recall"), DEFICIT_CASES, ids=[c[0] for c in DEFICIT_CASES])
def test_deficit_labels_are_found_from_words_and_grammar(name: str, precision: float, recall: float) -> None:
    score = score_deficit(labelled_rows(DATA / name))
    print(f"{name}: deficit {score}")
    assert score.precision >= precision, "\n".join(score.misses)
    assert score.recall >= recall, "\n".join(score.misses)
