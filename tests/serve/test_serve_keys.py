"""The editor's key and CSRF token, kept per folder so that a tab left open still saves after a restart.

Every test keeps its keys in a state folder of its own ($EHCPLAN_STATE_DIR), never the user's.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import uvicorn
from starlette.testclient import TestClient
from testkit import SAMPLES

from ehcplan.cli import main
from ehcplan.serve.app import create_app
from ehcplan.serve.security import Keys, addresses, kept_keys, key_file, state_folder

LEO = "primary-year5-leo.yaml"
HOSTS = addresses("127.0.0.1", 8765)


@pytest.fixture(autouse=True)
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("EHCPLAN_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / LEO).write_bytes((SAMPLES / LEO).read_bytes())
    return folder


def load(folder: Path, hosts: tuple[str, ...] = HOSTS, *, renew: bool = False) -> Keys:
    keys, notes = kept_keys(folder, hosts, renew=renew)
    assert notes == []
    return keys


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- kept and found again ---------------------------------------------------------------------


def test_a_second_start_on_the_same_folder_has_the_same_secrets(plans: Path) -> None:
    first = load(plans)
    again = load(plans / ".." / plans.name)  # the same folder, however it is written
    assert (again.token, again.csrf) == (first.token, first.csrf)
    assert first.token != first.csrf


def test_another_folder_gets_secrets_of_its_own(plans: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    first, second = load(plans), load(other)
    assert first.token != second.token and first.csrf != second.csrf
    assert key_file(plans) != key_file(other)


def test_the_key_file_is_readable_by_the_user_only_and_does_not_name_the_folder(
    plans: Path, state: Path
) -> None:
    keys = load(plans)
    path = key_file(plans)
    assert path.parent == state / "serve-keys"
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    assert plans.name not in path.name and str(plans.resolve()) not in path.read_text(encoding="utf-8")
    assert keys.token in path.read_text(encoding="utf-8")
    assert [entry.name for entry in path.parent.iterdir()] == [path.name], "no temporary file is left"


def test_a_key_folder_made_with_wider_permissions_is_made_private(plans: Path, state: Path) -> None:
    (state / "serve-keys").mkdir(parents=True, mode=0o755)
    os.chmod(state / "serve-keys", 0o755)
    load(plans)
    assert mode(state / "serve-keys") == 0o700


def test_renewing_replaces_the_kept_secrets(plans: Path) -> None:
    old = load(plans)
    new = load(plans, renew=True)
    assert new.token != old.token and new.csrf != old.csrf
    again = load(plans)
    assert (again.token, again.csrf) == (new.token, new.csrf)
    assert mode(key_file(plans)) == 0o600


# --- kept secrets that are not trusted ---------------------------------------------------------


def test_a_key_file_others_can_read_is_not_trusted(plans: Path) -> None:
    old = load(plans)
    os.chmod(key_file(plans), 0o644)
    keys, notes = kept_keys(plans, HOSTS)
    assert keys.token != old.token and keys.csrf != old.csrf
    assert len(notes) == 1 and "could be read by other people" in notes[0]
    assert old.token not in notes[0], "a note never holds a secret"
    assert mode(key_file(plans)) == 0o600 and keys.token in key_file(plans).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        b'{"token": "short", "csrf": "short"}',
        b"[" * 3000,
        b"x" * 9000,
    ],
)
def test_a_damaged_key_file_gives_new_secrets(plans: Path, damage: bytes) -> None:
    load(plans)
    path = key_file(plans)
    path.write_bytes(damage)
    keys, notes = kept_keys(plans, HOSTS)
    assert notes == [
        "The key kept for this folder was damaged, so a new key has been made: open the new address below."
    ]
    assert load(plans).token == keys.token, "the new secrets are kept in place of the damaged ones"


def test_a_link_in_place_of_the_key_file_is_not_followed(plans: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps({"token": "a" * 43, "csrf": "b" * 43}), encoding="utf-8")
    os.chmod(elsewhere, 0o600)
    load(plans)
    key_file(plans).unlink()
    key_file(plans).symlink_to(elsewhere)
    keys, notes = kept_keys(plans, HOSTS)
    assert keys.token != "a" * 43 and "is a link" in notes[0]
    assert elsewhere.read_text(encoding="utf-8").count("a" * 43) == 1, "the link's target is not written"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_a_key_file_of_another_user_is_not_trusted(plans: Path) -> None:
    old = load(plans)
    os.chown(key_file(plans), 65534, 65534)
    keys, notes = kept_keys(plans, HOSTS)
    assert keys.token != old.token and "belongs to another user" in notes[0]


def test_secrets_that_cannot_be_kept_still_serve_and_say_why(plans: Path, state: Path) -> None:
    state.write_text("a file where the state folder should be", encoding="utf-8")
    keys, notes = kept_keys(plans, HOSTS)
    assert keys.token and len(notes) == 1
    assert notes[0].startswith(f"The key could not be kept in {state / 'serve-keys'} for next time (")


def test_the_state_folder_follows_the_xdg_rules(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("EHCPLAN_STATE_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert state_folder() == tmp_path / "xdg" / "ehcplan"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/path")  # ignored, as the XDG rules say
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert state_folder() == tmp_path / "home" / ".local" / "state" / "ehcplan"
    monkeypatch.delenv("XDG_STATE_HOME")
    assert state_folder() == tmp_path / "home" / ".local" / "state" / "ehcplan"


# --- a restart, as the browser sees it ---------------------------------------------------------


def opened(keys: Keys, folder: Path, port: int = 8765) -> TestClient:
    client = TestClient(create_app(folder, keys), base_url=f"http://127.0.0.1:{port}")
    assert client.get(f"/?token={keys.token}", follow_redirects=False).status_code == 303
    return client


def test_a_tab_left_open_still_saves_after_a_restart_on_the_same_port(plans: Path) -> None:
    before = opened(load(plans), plans)
    page_csrf = load(plans).csrf  # what the open tab's page holds
    restarted = TestClient(create_app(plans, load(plans)), base_url="http://127.0.0.1:8765")
    restarted.cookies = before.cookies  # the browser keeps its cookie across the restart
    assert restarted.get("/").status_code == 200
    saved = restarted.post("/new", data={"csrf": page_csrf, "child": "Amara Nwosu"}, follow_redirects=False)
    assert saved.status_code == 303 and (plans / "amara-nwosu.yaml").is_file()


def test_a_restart_on_another_port_works_once_the_address_is_opened_again(plans: Path) -> None:
    keys = load(plans)
    moved = kept_keys(plans, addresses("127.0.0.1", 8766))[0]
    assert (moved.token, moved.csrf) == (keys.token, keys.csrf)
    client = opened(moved, plans, port=8766)
    assert client.get("/").status_code == 200
    answer = client.post("/new", data={"csrf": keys.csrf, "child": "Maya Patel"}, follow_redirects=False)
    assert answer.status_code == 303


def test_another_folders_key_does_not_open_this_one(plans: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    client = TestClient(create_app(plans, load(plans)), base_url="http://127.0.0.1:8765")
    assert client.get(f"/?token={load(other).token}").status_code == 403


# --- through the command ---------------------------------------------------------------------


def serve_once(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """`ehcplan serve ARGS --no-browser` that stops at once instead of serving."""
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)
    return main(["serve", *args, "--port", "0", "--no-browser"])


def test_serve_prints_the_same_address_after_a_restart_and_a_new_one_with_new_key(
    plans: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert serve_once(monkeypatch, str(plans)) == 0
    first = load(plans).token
    assert serve_once(monkeypatch, str(plans)) == 0
    assert capsys.readouterr().out.count(f"?token={first}") == 2
    assert serve_once(monkeypatch, str(plans), "--new-key") == 0
    out = capsys.readouterr().out
    renewed = load(plans).token
    assert renewed != first and f"?token={renewed}" in out and first not in out
    assert "A new key has been made: addresses printed before no longer open the editor." in out


def test_serve_with_a_damaged_key_file_says_so_in_one_line_without_a_traceback(
    plans: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    load(plans)
    key_file(plans).write_text('{"token": "' + "x" * 43, encoding="utf-8")
    assert serve_once(monkeypatch, str(plans)) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        "The key kept for this folder was damaged, so a new key has been made: open the new address below.\n"
    )
    assert "Traceback" not in captured.out + captured.err
    assert f"?token={load(plans).token}" in captured.out
