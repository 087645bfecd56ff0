"""The editor's HTTP side through Starlette's TestClient: the JSON check, saving, and every guard.

Real data throughout: sample plans copied into a temporary folder, the real checker.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from testkit import HOSTILE_NAME, SAMPLES, full_plan

from ehcplan.serve.app import create_app
from ehcplan.serve.security import Keys, addresses

LEO = "primary-year5-leo.yaml"
BASE = "http://127.0.0.1:8765"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(SAMPLES / LEO, plans / LEO)
    return plans


@pytest.fixture
def keys() -> Keys:
    return Keys(hosts=addresses("127.0.0.1", 8765), max_body=200_000)


@pytest.fixture
def client(folder: Path, keys: Keys) -> TestClient:
    """A client that has opened the printed address (so it holds the cookie)."""
    client = TestClient(create_app(folder, keys), base_url=BASE)
    opened = client.get(f"/?token={keys.token}", follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/"
    return client


def editor_fields(client: TestClient, keys: Keys, name: str = LEO) -> dict[str, str]:
    """The editor's form as a browser would post it (every field with its value)."""
    from lxml import html

    page = html.fromstring(client.get(f"/plans/{name}").text)
    form = page.get_element_by_id("plan-form")
    return {key: value or "" for key, value in form.form_values()}


def save_headers(keys: Keys, folder: Path, name: str = LEO) -> dict[str, str]:
    """The headers of a JSON save: the CSRF token and the version of the file as it is now."""
    from ehcplan.serve.storage import version_of

    path = folder / name
    current = (
        version_of(path.read_text(encoding="utf-8")) if path.is_file() and not path.is_symlink() else "none"
    )
    return {"X-CSRF-Token": keys.csrf, "If-Match": current}


# --- the JSON check ------------------------------------------------------------------------


def test_check_takes_a_plan_and_returns_the_json_report(client: TestClient, keys: Keys) -> None:
    plan = full_plan()
    plan["sections"]["E"][0]["text"] = "Maya will get better at reading."
    answer = client.post("/api/check", json=plan, headers={"X-CSRF-Token": keys.csrf})
    assert answer.status_code == 200
    report = answer.json()
    assert report["version"] == 1 and report["summary"]["files"] == 1
    codes = {(f["rule"], f["item"]) for f in report["files"][0]["findings"]}
    assert ("SMART001", "E1") in codes
    assert report["files"][0]["grades"]["overall"] in (
        "Outstanding",
        "Good",
        "Requires improvement",
        "Inadequate",
    )
    assert "reading_age" in report["files"][0]["readability"]["plan"]


def test_check_with_a_bearer_key_needs_no_cookie_or_csrf_token(folder: Path, keys: Keys) -> None:
    other = TestClient(create_app(folder, keys), base_url=BASE)
    answer = other.post("/api/check", json=full_plan(), headers={"Authorization": f"Bearer {keys.token}"})
    assert answer.status_code == 200
    wrong = other.post("/api/check", json=full_plan(), headers={"Authorization": "Bearer not-the-key"})
    assert wrong.status_code == 403


def test_an_invalid_plan_gets_one_line_per_problem(client: TestClient, keys: Keys) -> None:
    plan = full_plan()
    plan["sections"]["F"][0]["needs"] = ["B9"]
    answer = client.post("/api/check", json=plan, headers={"X-CSRF-Token": keys.csrf})
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert "links to 'B9', but no item has that id" in error["message"]
    not_a_plan = client.post(
        "/api/check",
        content=b"[1, 2]",
        headers={"X-CSRF-Token": keys.csrf, "content-type": "application/json"},
    )
    assert not_a_plan.status_code == 400


def test_the_editor_form_is_checked_with_the_rest_of_the_file(client: TestClient, keys: Keys) -> None:
    fields = editor_fields(client, keys)
    fields["sections.E.0.text"] = "Leo will get better at talking."
    answer = client.post("/api/check", data=fields, headers={"X-CSRF-Token": keys.csrf})
    assert answer.status_code == 200
    findings = answer.json()["files"][0]["findings"]
    assert "SMART002" in {f["rule"] for f in findings if f["item"] == "E1"}, (
        "vague, though its timescale is set"
    )


# --- saving ----------------------------------------------------------------------------------


def test_save_writes_the_change_and_keeps_the_writers_comments(
    client: TestClient, keys: Keys, folder: Path
) -> None:
    path = folder / LEO
    path.write_text(path.read_text(encoding="utf-8").replace("  B:\n", "  B:  # checked with the SENCO\n", 1))
    fields = editor_fields(client, keys)
    fields["sections.E.0.text"] = "By July 2027, Leo will start a game with a classmate twice a week."
    saved = client.post(f"/plans/{LEO}", data={**fields, "action": "save"}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == f"/plans/{LEO}?saved=1"
    text = path.read_text(encoding="utf-8")
    assert "start a game with a classmate twice a week" in text
    assert "# Sample plan: a final EHC plan for a Year 5 boy" in text
    assert "B:  # checked with the SENCO" in text
    assert "Saved." in client.get(saved.headers["location"]).text


def test_a_failed_save_writes_nothing_and_shows_what_was_typed(
    client: TestClient, keys: Keys, folder: Path
) -> None:
    before = (folder / LEO).read_bytes()
    fields = editor_fields(client, keys)
    fields["details.child.date_of_birth"] = "2017-02-31"
    fields["sections.E.0.text"] = "Words I typed & must keep <b>"
    answer = client.post(f"/plans/{LEO}", data={**fields, "action": "save"})
    assert answer.status_code == 422
    assert "There is a problem" in answer.text and "is not a real date" in answer.text
    assert 'href="#f-details-child-date_of_birth"' in answer.text
    assert "Words I typed &amp; must keep &lt;b&gt;" in answer.text
    assert (folder / LEO).read_bytes() == before


def test_a_file_changed_since_it_was_opened_is_not_overwritten_until_saved_again(
    client: TestClient, keys: Keys, folder: Path
) -> None:
    fields = editor_fields(client, keys)
    path = folder / LEO
    path.write_text(path.read_text(encoding="utf-8") + "# changed by someone else\n", encoding="utf-8")
    fields["sections.E.0.text"] = "By July 2027, Leo will ask a friend to play once a day."
    first = client.post(f"/plans/{LEO}", data={**fields, "action": "save"})
    assert first.status_code == 422 and "changed outside the editor" in first.text
    assert "ask a friend to play" not in path.read_text(encoding="utf-8")
    assert "ask a friend to play" in first.text
    from lxml import html

    again = {
        key: value or ""
        for key, value in html.fromstring(first.text).get_element_by_id("plan-form").form_values()
    }
    second = client.post(f"/plans/{LEO}", data={**again, "action": "save"}, follow_redirects=False)
    assert second.status_code == 303
    assert "ask a friend to play" in path.read_text(encoding="utf-8")


def test_add_move_and_remove_items_without_a_script(client: TestClient, keys: Keys, folder: Path) -> None:
    fields = editor_fields(client, keys)
    added = client.post(f"/plans/{LEO}", data={**fields, "action": "add:sections.F"})
    assert "F5 provision" in added.text or "provision" in added.text
    fields = editor_fields(client, keys)
    moved = client.post(f"/plans/{LEO}", data={**fields, "action": "up:sections.E:1"})
    from lxml import html

    rows = html.fromstring(moved.text).xpath('//div[@data-list="sections.E"]/div[@data-item]/@data-item')
    assert rows[:2] == ["E2", "E1"]
    assert (folder / LEO).read_text(encoding="utf-8").index("id: E1") < (folder / LEO).read_text(
        encoding="utf-8"
    ).index("id: E2"), "moving is not saving"


def test_json_save_replaces_the_plan_and_refuses_an_invalid_one(
    client: TestClient, keys: Keys, folder: Path
) -> None:
    plan = full_plan()
    saved = client.put(f"/api/plans/{LEO}", json=plan, headers=save_headers(keys, folder))
    assert saved.status_code == 200 and saved.json()["saved"] == LEO
    assert "Maya will read 50 common words" in (folder / LEO).read_text(encoding="utf-8")
    plan["details"]["status"] = "half done"
    refused = client.put(f"/api/plans/{LEO}", json=plan, headers=save_headers(keys, folder))
    assert refused.status_code == 422
    assert "is not one of the allowed values" in refused.json()["errors"][0]["message"]


def test_export_to_word_and_html_through_render(client: TestClient) -> None:
    word = client.get(f"/plans/{LEO}/export.docx")
    assert word.status_code == 200 and word.content.startswith(b"PK")
    assert 'filename="primary-year5-leo.docx"' in word.headers["content-disposition"]
    page = client.get(f"/plans/{LEO}/export.html")
    assert page.status_code == 200 and b"Leo Matthew Fairbairn" in page.content


def test_plan_values_are_escaped_on_every_page(client: TestClient, keys: Keys, folder: Path) -> None:
    plan = full_plan()
    plan["details"]["child"]["name"] = HOSTILE_NAME
    assert client.put(f"/api/plans/{LEO}", json=plan, headers=save_headers(keys, folder)).status_code == 200
    for url in ("/", f"/plans/{LEO}"):
        text = client.get(url).text
        assert "<script>alert" not in text
        assert "&lt;script&gt;alert" in text


# --- the guards ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../outside.yaml",
        "..%2Foutside.yaml",
        "%2Fetc%2Fpasswd",
        "sub/plan.yaml",
        "%2E%2E",
        "a%00.yaml",
        ".hidden.yaml",
    ],
)
def test_no_name_reaches_outside_the_folder(client: TestClient, keys: Keys, folder: Path, name: str) -> None:
    (folder.parent / "outside.yaml").write_text("details: {}\n", encoding="utf-8")
    for answer in (
        client.get(f"/plans/{name}"),
        client.get(f"/plans/{name}/export.html"),
        client.put(
            f"/api/plans/{name}", json=full_plan(), headers={"X-CSRF-Token": keys.csrf, "If-Match": "x"}
        ),
    ):
        assert answer.status_code == 404, (name, answer.status_code)
    created = client.post("/new", data={"csrf": keys.csrf, "name": name.replace("%2F", "/")})
    assert created.status_code == 422
    assert (folder.parent / "outside.yaml").read_text(encoding="utf-8") == "details: {}\n"
    assert sorted(path.name for path in folder.iterdir()) == [LEO]


def test_a_link_inside_the_folder_is_not_followed(client: TestClient, keys: Keys, folder: Path) -> None:
    secret = folder.parent / "secret.yaml"
    shutil.copy(SAMPLES / LEO, secret)
    os.symlink(secret, folder / "link.yaml")
    assert "link.yaml" not in client.get("/").text
    assert client.get("/plans/link.yaml").status_code == 404
    saved = client.put(
        "/api/plans/link.yaml", json=full_plan(), headers={"X-CSRF-Token": keys.csrf, "If-Match": "x"}
    )
    assert saved.status_code == 404
    assert secret.read_bytes() == (SAMPLES / LEO).read_bytes()


def test_without_the_key_nothing_is_served(folder: Path, keys: Keys) -> None:
    stranger = TestClient(create_app(folder, keys), base_url=BASE)
    for answer in (stranger.get("/"), stranger.get(f"/plans/{LEO}"), stranger.get("/assets/editor.js")):
        assert answer.status_code == 403
        assert "Leo" not in answer.text
    assert "the key in it" in stranger.get("/").text
    stranger.cookies.set(keys.cookie, "guessed")
    assert stranger.get("/").status_code == 403


@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1:9999", "localhost.evil.example:8765"])
def test_a_wrong_host_is_refused(client: TestClient, host: str) -> None:
    answer = client.get("/", headers={"host": host})
    assert answer.status_code == 421
    assert "Leo" not in answer.text


def test_a_request_from_another_site_is_refused(client: TestClient, keys: Keys, folder: Path) -> None:
    before = (folder / LEO).read_bytes()
    for headers in ({"origin": "http://evil.example"}, {"origin": "null"}, {"sec-fetch-site": "cross-site"}):
        answer = client.put(
            f"/api/plans/{LEO}", json=full_plan(), headers={**headers, "X-CSRF-Token": keys.csrf}
        )
        assert answer.status_code == 403, headers
    assert client.get("/", headers={"origin": "http://evil.example"}).status_code == 403
    assert client.get("/", headers={"origin": BASE}).status_code == 200
    assert (folder / LEO).read_bytes() == before


def test_every_change_needs_the_csrf_token(client: TestClient, keys: Keys, folder: Path) -> None:
    before = (folder / LEO).read_bytes()
    fields = editor_fields(client, keys)
    without = {key: value for key, value in fields.items() if key != "csrf"}
    assert client.post(f"/plans/{LEO}", data={**without, "action": "save"}).status_code == 403
    assert client.post(f"/plans/{LEO}", data={**fields, "csrf": "wrong", "action": "save"}).status_code == 403
    assert client.post("/new", data={"name": "new.yaml"}).status_code == 403
    assert client.put(f"/api/plans/{LEO}", json=full_plan()).status_code == 403
    assert client.post("/api/check", json=full_plan()).status_code == 403
    assert (
        client.put(f"/api/plans/{LEO}", json=full_plan(), headers={"X-CSRF-Token": "wrong"}).status_code
        == 403
    )
    assert (folder / LEO).read_bytes() == before
    assert not (folder / "new.yaml").exists()


def test_oversized_bodies_are_refused(client: TestClient, keys: Keys) -> None:
    big = b'{"details": {}, "padding": "' + b"x" * 300_000 + b'"}'
    stated = client.post(
        "/api/check", content=big, headers={"X-CSRF-Token": keys.csrf, "content-type": "application/json"}
    )
    assert stated.status_code == 413 and "too large" in stated.text

    def chunks():
        for _ in range(40):
            yield b"x" * 10_000

    streamed = client.post(
        "/api/check",
        content=chunks(),
        headers={"X-CSRF-Token": keys.csrf, "content-type": "application/json"},
    )
    assert streamed.status_code == 413


def test_every_response_has_the_strict_policy(client: TestClient) -> None:
    for url in ("/", f"/plans/{LEO}", "/assets/style.css", "/assets/editor.js", "/nowhere"):
        policy = client.get(url).headers["content-security-policy"]
        assert (
            "default-src 'none'" in policy
            and "script-src 'self'" in policy
            and "frame-ancestors 'none'" in policy
        )
    page = client.get(f"/plans/{LEO}").text
    assert "<style" not in page and ' style="' not in page, "no inline styles"
    assert '<script src="/assets/editor.js"' in page


def test_nothing_logged_contains_plan_text(
    client: TestClient, keys: Keys, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fields = editor_fields(client, keys)
    fields["sections.E.0.text"] = "A secret sentence about Leo."
    client.post("/api/check", data=fields, headers={"X-CSRF-Token": keys.csrf})
    client.post(f"/plans/{LEO}", data={**fields, "details.child.date_of_birth": "nonsense", "action": "save"})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "secret sentence" not in logged and "Fairbairn" not in logged


def test_a_plan_that_is_not_valid_is_listed_with_the_reason_and_not_opened(
    client: TestClient, folder: Path
) -> None:
    (folder / "broken.yaml").write_text("details:\n  status: half done\n", encoding="utf-8")
    listing = client.get("/").text
    assert (
        "broken.yaml" in listing
        and "Cannot be opened" in listing
        and "not one of the allowed values" in listing
    )
    opened = client.get("/plans/broken.yaml")
    assert opened.status_code == 422 and "broken.yaml:2: details.status" in opened.text


def test_no_page_asks_for_anything_from_another_site(client: TestClient) -> None:
    from lxml import html

    for url in ("/", "/new", f"/plans/{LEO}"):
        page = html.fromstring(client.get(url).text)
        addresses = page.xpath("//@src | //@href | //@action")
        assert addresses and all(address.startswith(("/", "#")) for address in addresses), url


def test_a_new_plan_with_a_space_in_its_name_opens_in_the_editor(
    client: TestClient, keys: Keys, folder: Path
) -> None:
    created = client.post(
        "/new", data={"csrf": keys.csrf, "name": "maya patel", "child": "Maya Patel"}, follow_redirects=False
    )
    assert created.status_code == 303 and created.headers["location"] == "/plans/maya%20patel.yaml"
    assert "Editing Maya Patel" in client.get(created.headers["location"]).text
    assert (folder / "maya patel.yaml").is_file()


# --- hostile and unlucky requests (issue 19) ------------------------------------------------


def test_a_json_save_needs_the_version_it_changed(client: TestClient, keys: Keys, folder: Path) -> None:
    before = (folder / LEO).read_bytes()
    blind = client.put(f"/api/plans/{LEO}", json=full_plan(), headers={"X-CSRF-Token": keys.csrf})
    assert blind.status_code == 428 and "If-Match" in blind.json()["errors"][0]["message"]
    stale = client.put(
        f"/api/plans/{LEO}", json=full_plan(), headers={"X-CSRF-Token": keys.csrf, "If-Match": "0" * 32}
    )
    assert stale.status_code == 409
    assert (folder / LEO).read_bytes() == before


def test_a_json_change_needs_the_csrf_header_whatever_its_type(
    client: TestClient, keys: Keys, folder: Path
) -> None:
    import json

    before = (folder / LEO).read_bytes()
    body = json.dumps(full_plan())
    headers = {**save_headers(keys, folder), "content-type": "application/x-www-form-urlencoded"}
    del headers["X-CSRF-Token"]
    assert client.put(f"/api/plans/{LEO}", content=body, headers=headers).status_code == 403
    assert (folder / LEO).read_bytes() == before


def test_odd_requests_get_a_plain_answer_not_a_500(client: TestClient, keys: Keys) -> None:
    assert client.get(f"/plans/{LEO}/export.exe").status_code == 404
    nested = "[" * 100_000 + "]" * 100_000
    checked = client.post(
        "/api/check", content=nested, headers={"X-CSRF-Token": keys.csrf, "content-type": "application/json"}
    )
    assert checked.status_code == 400


def test_a_plan_over_the_word_limit_is_neither_checked_nor_saved(
    folder: Path, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ehcplan.readers import limits

    monkeypatch.setattr(limits, "MAX_WORDS", 200)
    client = TestClient(create_app(folder, keys), base_url=BASE)
    client.get(f"/?token={keys.token}")
    before = (folder / LEO).read_bytes()
    plan = full_plan()
    plan["sections"]["A"] = {"text": "word " * 300}
    saved = client.put(f"/api/plans/{LEO}", json=plan, headers=save_headers(keys, folder))
    assert saved.status_code == 413 and "up to 200 words" in saved.json()["errors"][0]["message"]
    checked = client.post("/api/check", json=plan, headers={"X-CSRF-Token": keys.csrf})
    assert checked.status_code == 413
    assert (folder / LEO).read_bytes() == before


def test_a_bad_plan_in_the_folder_is_listed_with_its_reason(client: TestClient, folder: Path) -> None:
    (folder / "broken.yaml").write_text("details: [\n", encoding="utf-8")
    listing = client.get("/")
    assert listing.status_code == 200
    assert "broken.yaml" in listing.text and "not valid YAML" in listing.text
    assert "Leo" in listing.text


def test_a_save_keeps_the_files_links_and_mode(client: TestClient, keys: Keys, folder: Path) -> None:
    (folder / LEO).chmod(0o640)
    os.link(folder / LEO, folder.parent / "linked.yaml")
    saved = client.put(f"/api/plans/{LEO}", json=full_plan(), headers=save_headers(keys, folder))
    assert saved.status_code == 200
    assert (folder / LEO).stat().st_mode & 0o777 == 0o640
    assert (folder.parent / "linked.yaml").read_bytes() == (folder / LEO).read_bytes()
    assert sorted(path.name for path in folder.iterdir()) == [LEO]


# --- accepting a finding on purpose --------------------------------------------------------


def _accept_targets(page_text: str) -> list[str]:
    """The findings the page offers to accept: 'sections.E:2:SMART003:7' for each (row, rule, number)."""
    from lxml import html

    names = html.fromstring(page_text).xpath("//textarea/@name")
    return [name.removeprefix("reason:") for name in names if name.startswith("reason:")]


def _weak_client(folder: Path, keys: Keys) -> TestClient:
    shutil.copy(SAMPLES / "weak-plan-example.yaml", folder / "weak.yaml")
    client = TestClient(create_app(folder, keys), base_url=BASE)
    client.get(f"/?token={keys.token}", follow_redirects=False)
    return client


def test_a_finding_is_accepted_with_a_reason_and_saved_to_the_items_accept(folder: Path, keys: Keys) -> None:
    from ruamel.yaml import YAML

    client = _weak_client(folder, keys)
    opened = client.get("/plans/weak.yaml").text
    targets = [target for target in _accept_targets(opened) if target.startswith("sections.F:")]
    assert targets, "the weak plan's provision has findings to accept"
    target = targets[0]
    list_name, index, rule, _number = target.split(":")
    fields = editor_fields(client, keys, "weak.yaml")
    reason = "The family asked for this wording; the hours are set out in the school's timetable."
    accepted = client.post(
        "/plans/weak.yaml", data={**fields, f"reason:{target}": reason, "action": f"accept:{target}"}
    )
    assert accepted.status_code == 200
    assert "The finding is accepted on purpose" in accepted.text
    offered = [target.rsplit(":", 1)[0] for target in _accept_targets(accepted.text)]
    assert target.rsplit(":", 1)[0] not in offered, "an accepted finding is no longer offered"
    from lxml import html

    assert reason in html.fromstring(accepted.text).text_content()
    assert YAML(typ="safe").load((folder / "weak.yaml").read_text(encoding="utf-8")) == YAML(typ="safe").load(
        (SAMPLES / "weak-plan-example.yaml").read_text(encoding="utf-8")
    ), "accepting is not saving"
    form = html.fromstring(accepted.text).get_element_by_id("plan-form")
    posted = {key: value or "" for key, value in form.form_values()}
    saved = client.post("/plans/weak.yaml", data={**posted, "action": "save"}, follow_redirects=False)
    assert saved.status_code == 303
    plan = YAML(typ="safe").load((folder / "weak.yaml").read_text(encoding="utf-8"))
    item = plan["sections"][list_name.removeprefix("sections.")][int(index)]
    assert {"rule": rule, "reason": reason} in item["accept"]
    reopened = [target.rsplit(":", 1)[0] for target in _accept_targets(client.get("/plans/weak.yaml").text)]
    assert f"{list_name}:{index}:{rule}" not in reopened


def test_accepting_without_a_reason_changes_nothing_and_says_why(folder: Path, keys: Keys) -> None:
    client = _weak_client(folder, keys)
    target = _accept_targets(client.get("/plans/weak.yaml").text)[0]
    fields = editor_fields(client, keys, "weak.yaml")
    refused = client.post(
        "/plans/weak.yaml", data={**fields, f"reason:{target}": "   ", "action": f"accept:{target}"}
    )
    assert refused.status_code == 422
    assert "Nothing was accepted" in refused.text
    assert target in _accept_targets(refused.text) or "data-unsaved" in refused.text


def test_an_acceptance_can_be_taken_back(folder: Path, keys: Keys) -> None:
    from lxml import html

    client = _weak_client(folder, keys)
    target = _accept_targets(client.get("/plans/weak.yaml").text)[0]
    list_name, index, _rule, _number = target.split(":")
    fields = editor_fields(client, keys, "weak.yaml")
    accepted = client.post(
        "/plans/weak.yaml",
        data={**fields, f"reason:{target}": "Agreed at the meeting.", "action": f"accept:{target}"},
    )
    undo = html.fromstring(accepted.text).xpath(
        f'//button[starts-with(@value, "unaccept:{list_name}:{index}:")]/@value'
    )
    assert undo, "an acceptance has a button to take it back"
    form = html.fromstring(accepted.text).get_element_by_id("plan-form")
    posted = {key: value or "" for key, value in form.form_values()}
    taken_back = client.post("/plans/weak.yaml", data={**posted, "action": undo[0]})
    assert "no longer accepted" in taken_back.text
    offered = [target.rsplit(":", 1)[0] for target in _accept_targets(taken_back.text)]
    assert target.rsplit(":", 1)[0] in offered, "the finding is offered again"


@pytest.mark.parametrize(
    "action",
    [
        "accept:sections.Z:0:SMART001",
        "accept:sections.E:99:SMART001",
        "accept:sections.E:0:not a code",
        "unaccept:sections.E:x:0",
    ],
)
def test_a_malformed_accept_changes_nothing(folder: Path, keys: Keys, action: str) -> None:
    client = _weak_client(folder, keys)
    fields = editor_fields(client, keys, "weak.yaml")
    target = action.partition(":")[2]
    answer = client.post(
        "/plans/weak.yaml", data={**fields, f"reason:{target}": "A reason.", "action": action}
    )
    assert answer.status_code == 200
    assert "accepted on purpose, because" not in answer.text
