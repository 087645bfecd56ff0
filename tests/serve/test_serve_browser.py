"""`ehcplan serve` opens the editor in the browser once it listens; never a real browser in a test.

``webbrowser.open`` is replaced in every test here, so nothing is ever opened.
"""

from __future__ import annotations

import threading
import urllib.request
import webbrowser
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from ehcplan.cli import main
from ehcplan.commands.serve import open_browser


@pytest.fixture(autouse=True)
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keys kept in a state folder of the test's own, never the user's."""
    folder = tmp_path / "state"
    monkeypatch.setenv("EHCPLAN_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The addresses "opened in the browser"; the test fails rather than open a real one."""
    calls: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda address, *args, **kwargs: calls.append(address) or True)
    return calls


def printed_address(out: str) -> str:
    line = next(line for line in out.splitlines() if line.startswith("Open this address in your browser: "))
    return line.rsplit(" ", 1)[1]


def browser_thread_done() -> None:
    for thread in threading.enumerate():
        if thread.name == "ehcplan-open-browser":
            thread.join(timeout=10)


def test_serve_opens_the_address_once_it_is_listening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    servers: list[uvicorn.Server] = []
    answers: list[tuple[str, int, bytes]] = []
    real_run = uvicorn.Server.run

    def run(self: uvicorn.Server, sockets: Any = None) -> None:
        servers.append(self)
        # Whatever happens, the server stops: a test that fails must not hang.
        timer = threading.Timer(30, lambda: setattr(self, "should_exit", True))
        timer.daemon = True
        timer.start()
        try:
            real_run(self, sockets=sockets)
        finally:
            timer.cancel()

    def fake_open(address: str, *args: Any, **kwargs: Any) -> bool:
        try:  # what a browser does with the address: it must be answered, so the server is listening
            browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
            with browser.open(address, timeout=10) as answer:
                answers.append((address, answer.status, answer.read()))
        finally:
            servers[0].should_exit = True
        return True

    monkeypatch.setattr(uvicorn.Server, "run", run)
    monkeypatch.setattr(webbrowser, "open", fake_open)
    assert main(["serve", str(tmp_path), "--port", "0"]) == 0
    out = capsys.readouterr().out
    address = printed_address(out)
    assert "?token=" in address
    assert len(answers) == 1
    assert answers[0][:2] == (address, 200) and b"Plans in" in answers[0][2]


def test_no_browser_only_prints_the_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], opened: list[str]
) -> None:
    def run(self: uvicorn.Server, sockets: Any = None) -> None:
        self.started = True  # as if serving: a browser waiting for this would open now
        threading.Event().wait(0.3)

    monkeypatch.setattr(uvicorn.Server, "run", run)
    assert main(["serve", str(tmp_path), "--port", "0", "--no-browser"]) == 0
    browser_thread_done()
    assert opened == []
    assert "?token=" in printed_address(capsys.readouterr().out)


def test_the_browser_is_not_opened_when_the_server_never_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[str]
) -> None:
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)
    assert main(["serve", str(tmp_path), "--port", "0"]) == 0
    browser_thread_done()
    assert opened == []


@pytest.mark.parametrize("failure", ["returns False", "raises"])
def test_a_browser_that_cannot_be_opened_is_one_line_and_the_editor_keeps_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], failure: str
) -> None:
    calls: list[str] = []
    still_serving: list[bool] = []

    def cannot_open(address: str, *args: Any, **kwargs: Any) -> bool:
        calls.append(address)
        if failure == "raises":
            raise webbrowser.Error("could not locate runnable browser")
        return False

    def run(self: uvicorn.Server, sockets: Any = None) -> None:
        self.started = True
        browser_thread_done()
        still_serving.append(not self.should_exit)

    monkeypatch.setattr(webbrowser, "open", cannot_open)
    monkeypatch.setattr(uvicorn.Server, "run", run)
    assert main(["serve", str(tmp_path), "--port", "0"]) == 0
    captured = capsys.readouterr()
    assert calls == [printed_address(captured.out)]
    assert still_serving == [True]
    assert captured.err == "Your web browser could not be opened: copy the address above into it yourself.\n"


def test_open_browser_says_whether_it_opened(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], opened: list[str]
) -> None:
    assert open_browser("http://127.0.0.1:8000/?token=abc") is True
    assert opened == ["http://127.0.0.1:8000/?token=abc"]
    assert capsys.readouterr().err == ""
