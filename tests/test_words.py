"""The wording of rendered plans: complete, and safely changed by a local authority's own file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ehcplan.errors import EhcplanError
from ehcplan.model import SECTION_TITLES
from ehcplan.model.vocab import AdviceKind, AreaOfNeed, PfaArea, PlanStatus
from ehcplan.words import load_words


def test_every_value_of_the_plan_has_a_name() -> None:
    words = load_words()
    for group, values in (
        ("areas", AreaOfNeed),
        ("pfa_areas", PfaArea),
        ("advice_kinds", AdviceKind),
        ("statuses", PlanStatus),
    ):
        assert set(words.raw(group)) == {value.value for value in values}, group


def test_section_titles_are_the_statutory_ones() -> None:
    words = load_words()
    assert dict(SECTION_TITLES) == words.raw("sections")
    assert SECTION_TITLES["H1"].endswith("Chronically Sick and Disabled Persons Act 1970")
    assert words("section_heading", letter="F", title=words("sections.F")) == (
        "Section F: Special educational provision"
    )


def test_a_local_authority_changes_only_what_it_names(tmp_path: Path) -> None:
    (tmp_path / "words.yaml").write_text(
        "sections:\n  A: All about me\nprovision:\n  who: Who will help\n", encoding="utf-8"
    )
    words = load_words(tmp_path)
    assert words("sections.A") == "All about me"
    assert words("provision.who") == "Who will help"
    assert words("provision.how_long") == "How long"
    assert words("sections.B") == "Special educational needs"
    assert load_words()("sections.A").startswith("The views"), "the built-in wording is unchanged"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("provision:\n  whom: Who\n", "'provision.whom' is not an entry ehcplan knows"),
        (
            "document:\n  footer: '{name} {age}'\n",
            "'document.footer' uses {age}, which ehcplan does not fill in",
        ),
        ("document:\n  footer: '{name'\n", "'document.footer' has an unmatched '{'"),
        ("provision: Who\n", "'provision' should hold entries"),
        ("months: [Jan, Feb]\n", "'months' should be a list of 12 entries"),
        ("sections: [\n", "cannot read the wording"),
    ],
)
def test_mistakes_in_a_local_authority_file_name_the_file_and_entry(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "words.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(EhcplanError) as caught:
        load_words(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'words.yaml'}: ")
    assert message in str(caught.value)


def test_a_templates_folder_that_is_not_there_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EhcplanError, match="the templates folder in the config does not exist"):
        load_words(tmp_path / "missing")


def test_a_section_title_changed_in_one_place_is_used_by_renderer_reader_and_checker(tmp_path: Path) -> None:
    from testkit import full_plan

    from ehcplan.check.checker import check_plan
    from ehcplan.config import Branding, Config
    from ehcplan.model import Plan
    from ehcplan.readers import read_plan
    from ehcplan.render import render_plan
    from ehcplan.session import Session

    (tmp_path / "words.yaml").write_text("sections:\n  F: Help at school\n  G: Help from health services\n")
    session = Session.from_config(Config(branding=Branding(templates=tmp_path)))
    plan = Plan.model_validate(full_plan())
    page = render_plan(plan, "html", branding=session.config.branding).decode()
    assert "Help at school" in page and "Special educational provision" not in page
    without_g = Plan.model_validate({**full_plan(), "sections": {**full_plan()["sections"], "G": None}})
    [missing] = check_plan(without_g, "p.yaml", session, select=["STRUCT001"]).findings
    assert "(help from health services)" in missing.message
    # A plan written under the council's headings is read back by them ("Help at school" is F).
    text = tmp_path / "plan.md"
    text.write_text(
        "# Help at school\n\n- Maya has a reading session with her teacher daily for 20 minutes.\n"
    )
    assert [item.text for item in read_plan(text, session).sections.F.items] == [
        "Maya has a reading session with her teacher daily for 20 minutes."
    ]
