"""The reader learns the renderer's labels from words.yaml, so changed wording is read back too."""

from __future__ import annotations

from pathlib import Path

from ehcplan.readers.vocabulary import rendered_wording
from ehcplan.readers.wording import wording_from
from ehcplan.words import load_words

OVERRIDE = """\
provision:
  how_often: Frequency
  training: Qualified as
needs:
  heading: "Need {id} ({area})"
  strengths: What they can already do
section_a:
  child_views: In my own words
  pfa_area: "PfA: {area}"
pfa_areas:
  community inclusion: Friends and community
details:
  next_review: Review due
"""


def test_changed_wording_is_read_with_the_new_labels(tmp_path: Path) -> None:
    (tmp_path / "words.yaml").write_text(OVERRIDE, encoding="utf-8")
    wording = wording_from(load_words(tmp_path))
    assert wording.line_field("Frequency: twice a week") == ("how_often", "twice a week")
    assert wording.line_field("Qualified as: HCPC registered") == ("qualification", "HCPC registered")
    assert wording.line_field("How often: twice a week") is None
    assert wording.need_heading("Need B2 (Cognition and learning)") == ("B2", "cognition and learning")
    assert wording.need_heading("B2: Cognition and learning") is None
    assert wording.strengths == "what they can already do"
    assert wording.a_parts["in my own words"] == "child_views"
    assert wording.pfa_line.match("PfA: Friends and community").group("area") == "Friends and community"
    assert wording.choice("pfa_area", "Friends and community") == "community inclusion"
    assert wording.details["review due"] == "next_review"


def test_built_in_wording_maps_the_rendered_labels() -> None:
    wording = rendered_wording()
    assert wording.provision_columns["how often and for how long"] == "labelled"
    assert wording.outcome_columns["needs it meets"] == "needs"
    assert wording.line_field("Needs: B1, B2") == ("needs", "B1, B2")
    assert wording.line_field("Preparing for adulthood: Employment") == ("pfa_area", "Employment")
    assert wording.line_field("Teaching assistant: Mrs Kaur") is None
    assert wording.need_heading("C1") == ("C1", None)
    assert wording.need_heading("B1: A heading of our own") is None
    assert wording.is_not_stated("Not stated")
    assert wording.labelled("Paid as direct payments: Yes", wording.budget) == ("direct_payments", "Yes")
