"""Real layouts read right: the corpus of plans in councils' layouts, against what a reader expects.

The corpus was written by someone who had not read the readers, after studying public plans
(tests/data/layouts/*.expected.yaml say what each holds). The floors are the figures reached, so
a reader that gets worse fails; `pytest -s` prints the table. Issue 17, before any change:
sections 0.85, item counts 0.42, links 0.00, text that is no item read as one 0.25.
"""

from __future__ import annotations

import layout_corpus as corpus
import pytest

FLOORS = {"sections": 0.99, "counts": 0.96, "links": 0.85}
CEILINGS = {"not_items_as_items": 0.02}


@pytest.fixture(scope="module")
def scores() -> list[corpus.LayoutScore]:
    return [corpus.score_layout(path) for path in corpus.layouts()]


def test_the_corpus_has_the_layouts_councils_use(scores) -> None:
    assert len(scores) >= 12
    assert sum(score.name.endswith(".docx") for score in scores) >= 3
    assert not [score.name for score in scores if score.unreadable]


def test_what_is_read_keeps_its_floors(scores) -> None:
    print("\n" + corpus.table(scores))
    totals = corpus.totals(scores)
    for measure, floor in FLOORS.items():
        assert totals[measure] >= floor, f"{measure}: {totals[measure]:.2f} < {floor}"
    for measure, ceiling in CEILINGS.items():
        assert totals[measure] <= ceiling, f"{measure}: {totals[measure]:.2f} > {ceiling}"
