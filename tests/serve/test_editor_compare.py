"""The editor's comparison of the open plan with an earlier version saved in the same folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import axe_violations, browser_page, describe, serving
from starlette.testclient import TestClient
from testkit import SAMPLES

from ehcplan.serve.app import create_app
from ehcplan.serve.security import Keys, addresses

FRESH = Path(__file__).resolve().parents[1] / "data" / "compare_fresh" / "pair08"
BASE = "http://127.0.0.1:8765"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "samuel-2025.yaml").write_bytes((FRESH / "old.yaml").read_bytes())
    (tmp_path / "samuel.yaml").write_bytes((FRESH / "new.yaml").read_bytes())
    (tmp_path / "leo.yaml").write_bytes((SAMPLES / "primary-year5-leo.yaml").read_bytes())
    return tmp_path


@pytest.fixture
def client(folder: Path) -> TestClient:
    keys = Keys(hosts=addresses("127.0.0.1", 8765), max_body=200_000)
    client = TestClient(create_app(folder, keys), base_url=BASE)
    assert client.get(f"/?token={keys.token}", follow_redirects=False).status_code == 303
    return client


def test_the_plan_page_links_to_the_comparison_which_offers_the_other_plans(client: TestClient) -> None:
    assert 'href="/plans/samuel.yaml/compare"' in client.get("/plans/samuel.yaml").text
    page = client.get("/plans/samuel.yaml/compare").text
    assert '<option value="samuel-2025.yaml">' in page and '<option value="leo.yaml">' in page
    assert '<option value="samuel.yaml">' not in page
    assert "Less help" not in page


def test_the_comparison_lists_the_cuts_first(client: TestClient) -> None:
    page = client.get("/plans/samuel.yaml/compare", params={"with": "samuel-2025.yaml"}).text
    assert page.index("Less help") < page.index("More help")
    assert "qualified teacher of the visually impaired" in page
    assert '<option value="samuel-2025.yaml" selected>' in page


@pytest.mark.parametrize("other", ["../secret.yaml", "missing.yaml"])
def test_a_version_outside_the_folder_or_missing_is_refused(client: TestClient, other: str) -> None:
    response = client.get("/plans/samuel.yaml/compare", params={"with": other})
    assert response.status_code == 404


def test_the_comparison_works_with_the_keyboard_and_axe_finds_nothing(folder: Path) -> None:
    with serving(folder) as address, browser_page(bypass_csp=True) as page:
        base, token = address.split("?")[0], address.split("token=")[1]
        page.goto(f"{base}plans/samuel.yaml/compare?token={token}")
        failures = []
        if found := axe_violations(page):
            failures.append(f"choosing:\n{describe(found)}")
        page.locator("#f-with").focus()
        page.keyboard.press("Home")  # the first other plan: leo.yaml, then samuel-2025.yaml
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_selector("#rating-reduced")
        if found := axe_violations(page):
            failures.append(f"compared:\n{describe(found)}")
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 844})
            if found := axe_violations(page):
                failures.append(f"at {width} px:\n{describe(found)}")
        assert failures == []


def test_a_word_copy_of_the_earlier_version_is_offered_and_compared(folder: Path, client: TestClient) -> None:
    from ehcplan.readers import read_plan
    from ehcplan.render import render_plan

    (folder / "samuel-2025.docx").write_bytes(render_plan(read_plan(FRESH / "old.yaml"), "docx"))
    page = client.get("/plans/samuel.yaml/compare").text
    assert '<option value="samuel-2025.docx">' in page
    compared = client.get("/plans/samuel.yaml/compare", params={"with": "samuel-2025.docx"}).text
    assert compared.index("Less help") < compared.index("More help")
    assert "qualified teacher of the visually impaired" in compared
