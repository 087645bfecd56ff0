"""A new plan named from the child's name when its file name is left blank, never over another file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import html
from starlette.testclient import TestClient

from ehcplan.readers import read_plan
from ehcplan.serve.app import create_app
from ehcplan.serve.security import Keys, addresses
from ehcplan.serve.storage import STEM_LIMIT, PlanFolder, name_from_child
from ehcplan.words import load_words

BASE = "http://127.0.0.1:8765"
WORDS = load_words()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    return plans


@pytest.fixture
def keys() -> Keys:
    return Keys(hosts=addresses("127.0.0.1", 8765))


@pytest.fixture
def client(folder: Path, keys: Keys) -> TestClient:
    """A client that has opened the printed address (so it holds the cookie)."""
    client = TestClient(create_app(folder, keys), base_url=BASE)
    assert client.get(f"/?token={keys.token}", follow_redirects=False).status_code == 303
    return client


def start(client: TestClient, keys: Keys, child: str = "", name: str = "") -> object:
    return client.post("/new", data={"csrf": keys.csrf, "name": name, "child": child}, follow_redirects=False)


# --- the name made -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("child", "stem"),
    [
        ("Leo Fairbairn", "leo-fairbairn"),
        ("  Zoë  O'Brien-Ødegård ", "zoe-o-brien-odegard"),
        ("Siân Çelik", "sian-celik"),
        ("Straße_Æsa", "strasse-aesa"),
        ("Anne-Marie (Annie) Smith 2nd", "anne-marie-annie-smith-2nd"),
        ("!!!", None),
    ],
)
def test_a_file_name_is_made_from_the_childs_name(child: str, stem: str | None) -> None:
    assert name_from_child(child) == stem


def test_a_made_name_is_at_most_60_characters_and_ends_cleanly() -> None:
    stem = name_from_child("Maximilian " * 10)
    assert stem is not None and len(stem) <= STEM_LIMIT == 60
    assert not stem.endswith("-") and stem.startswith("maximilian-maximilian")


def test_a_blank_file_name_is_made_from_the_childs_name(client: TestClient, keys: Keys, folder: Path) -> None:
    created = start(client, keys, child="Leo Fairbairn")
    assert created.status_code == 303 and created.headers["location"] == "/plans/leo-fairbairn.yaml"
    assert read_plan(folder / "leo-fairbairn.yaml").details.child.name == "Leo Fairbairn"
    assert "Editing Leo Fairbairn" in client.get(created.headers["location"]).text


def test_a_name_in_use_is_numbered_and_nothing_is_overwritten(
    client: TestClient, keys: Keys, folder: Path
) -> None:
    (folder / "leo-fairbairn.yaml").write_text("# someone else's plan\n", encoding="utf-8")
    (folder / "leo-fairbairn-2.yaml").symlink_to(folder.parent / "nowhere.yaml")  # a link is not replaced
    assert start(client, keys, child="Leo Fairbairn").headers["location"] == "/plans/leo-fairbairn-3.yaml"
    assert start(client, keys, child="LEO FAIRBAIRN").headers["location"] == "/plans/leo-fairbairn-4.yaml"
    assert (folder / "leo-fairbairn.yaml").read_text(encoding="utf-8") == "# someone else's plan\n"
    assert os.readlink(folder / "leo-fairbairn-2.yaml") == str(folder.parent / "nowhere.yaml")
    assert not (folder.parent / "nowhere.yaml").exists()


def test_a_long_name_numbered_stays_within_the_limit(folder: Path) -> None:
    plans = PlanFolder(folder)
    child = "Bartholomew Maximilian Fitzwilliam-Montgomery Featherstonehaugh"
    first, second = plans.create_for_child(child), plans.create_for_child(child)
    assert first is not None and second is not None
    assert len(Path(first).stem) <= 60 and len(Path(second).stem) <= 60
    assert second.endswith("-2.yaml") and first != second


def test_a_file_name_given_is_used_as_before(client: TestClient, keys: Keys, folder: Path) -> None:
    created = start(client, keys, child="Leo Fairbairn", name="year5-leo")
    assert created.headers["location"] == "/plans/year5-leo.yaml"
    assert not (folder / "leo-fairbairn.yaml").exists()


def test_without_the_csrf_token_nothing_is_made(client: TestClient, folder: Path) -> None:
    assert client.post("/new", data={"child": "Leo Fairbairn"}).status_code == 403
    assert list(folder.iterdir()) == []


# --- what the page says --------------------------------------------------------------------------


def error_of(page: html.HtmlElement, field: str) -> str:
    control = page.get_element_by_id(field)
    assert control.get("aria-invalid") == "true"
    assert f"{field}-error" in control.get("aria-describedby", "").split()
    return page.get_element_by_id(f"{field}-error").text_content()


def test_with_both_blank_the_page_says_what_to_fill_in(client: TestClient, keys: Keys, folder: Path) -> None:
    answer = start(client, keys)
    assert answer.status_code == 422
    page = html.fromstring(answer.text)
    links = page.xpath("//*[@id='error-summary']//a")
    assert [link.get("href") for link in links] == ["#f-child"]
    message = WORDS("editor.new.name_missing")
    assert message in links[0].text_content() and message in error_of(page, "f-child")
    assert page.xpath("//*[@id='f-name-error']") == []
    assert list(folder.iterdir()) == []


def test_a_childs_name_with_no_letters_asks_for_a_file_name(
    client: TestClient, keys: Keys, folder: Path
) -> None:
    answer = start(client, keys, child="???")
    assert answer.status_code == 422
    page = html.fromstring(answer.text)
    assert [link.get("href") for link in page.xpath("//*[@id='error-summary']//a")] == ["#f-name"]
    assert WORDS("editor.new.name_not_made") in error_of(page, "f-name")
    assert page.get_element_by_id("f-child").get("value") == "???", "what was typed is kept"
    assert list(folder.iterdir()) == []


def test_a_file_name_in_use_is_shown_on_the_file_name(client: TestClient, keys: Keys, folder: Path) -> None:
    (folder / "maya.yaml").write_text("# kept\n", encoding="utf-8")
    page = html.fromstring(start(client, keys, child="Maya Patel", name="maya.yaml").text)
    assert "already exists" in error_of(page, "f-name")


def test_each_field_has_a_label_and_the_hint_says_the_file_name_may_be_blank(client: TestClient) -> None:
    page = html.fromstring(client.get("/new").text)
    for field, words in (("f-child", "editor.new.child"), ("f-name", "editor.new.name_label")):
        labels = page.xpath(f"//label[@for='{field}']")
        assert [label.text_content() for label in labels] == [WORDS(words)]
    assert "(optional)" in WORDS("editor.new.name_label")
    hint = page.get_element_by_id("f-name-hint")
    assert "leave this blank" in hint.text_content()
    assert "f-name-hint" in page.get_element_by_id("f-name").get("aria-describedby", "")
    assert page.get_element_by_id("f-child").get("autofocus") is not None
