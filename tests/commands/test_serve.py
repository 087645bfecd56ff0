"""`ehcplan serve`: one-line errors for a missing folder or a busy port, and a quick `--help`."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from browser import serving

from ehcplan.cli import main


def test_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["serve", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert code == 2
    assert err == f"{tmp_path / 'nowhere'}: no such folder; give the folder that holds your plans\n"


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code = main(["serve", str(tmp_path), "--port", str(port)])
    err = capsys.readouterr().err
    assert code == 2
    assert err == f"port {port} is in use; choose another with --port\n"


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_an_address_that_cannot_be_checked_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], host: str
) -> None:
    assert main(["serve", str(tmp_path), "--host", host]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "give this computer's own network address" in err


def test_help_does_not_load_the_web_server() -> None:
    script = (
        "import sys; from ehcplan.cli import build_parser; build_parser();"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'ehcplan.serve')))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_serve_prints_a_loopback_address_with_a_key_and_answers_only_with_it(tmp_path: Path) -> None:
    with serving(tmp_path) as address:
        assert address.startswith("http://127.0.0.1:")
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        with browser.open(address, timeout=10) as answer:  # the key in the address becomes a cookie
            assert answer.status == 200
            assert b"Plans in" in answer.read()
        bare = address.split("?")[0]
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(bare, timeout=10)
        assert refused.value.code == 403
