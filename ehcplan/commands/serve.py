"""`ehcplan serve [FOLDER]`: the browser editor over a folder of plans, on this computer only."""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
import webbrowser
from pathlib import Path
from typing import Any

from ehcplan.commands.options import add_config_option
from ehcplan.errors import EhcplanError

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "folder", nargs="?", default=".", metavar="FOLDER", help="the folder of plans (default: this folder)"
    )
    parser.add_argument(
        "--port", type=int, default=8000, help="the port to listen on (default 8000; 0 picks a free one)"
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1, this computer only); there is no login",
    )
    parser.add_argument(
        "--no-browser",
        action="store_true",
        help="do not open the editor in your web browser; only print its address",
    )
    parser.add_argument(
        "--new-key",
        action="store_true",
        help="make a new key for this folder, if its address may have been seen by others; the old one stops working",
    )
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    """Serve the editor until stopped with Ctrl+C; 2 with one line when the folder or port is a problem."""
    folder = Path(args.folder)
    if not folder.is_dir():
        raise EhcplanError(f"{folder}: no such folder; give the folder that holds your plans")
    if not 0 <= args.port <= 65535:
        raise EhcplanError(f"--port {args.port}: choose a port from 1 to 65535 (or 0 for any free one)")
    if args.host in ("0.0.0.0", "::", ""):
        shown = args.host or "''"
        raise EhcplanError(
            f"--host {shown}: give this computer's own network address (such as 192.168.1.20), "
            "so that requests for any other address can be refused"
        )
    listener = _listen(args.host, args.port)
    import uvicorn

    from ehcplan.serve.app import create_app
    from ehcplan.serve.security import addresses, kept_keys
    from ehcplan.session import open_session

    port = listener.getsockname()[1]
    shown_host = "127.0.0.1" if args.host == "localhost" else args.host
    keys, notes = kept_keys(folder, addresses(shown_host, port), renew=args.new_key)
    app = create_app(folder, keys, open_session(args.config, folder))
    address = f"http://{keys.hosts[0]}/?token={keys.token}"
    if args.host not in LOOPBACK:
        print(
            f"WARNING: the editor is listening on {args.host}, not only on this computer. There is no "
            "login: anyone on the network who has the address below can read and change these plans.",
            file=sys.stderr,
        )
    for note in notes:
        print(note, file=sys.stderr)
    if args.new_key:
        print("A new key has been made: addresses printed before no longer open the editor.")
    print(f"Editing the plans in {folder.resolve()}")
    print(f"Open this address in your browser: {address}")
    print("Keep the address private: it is the key to the editor. Press Ctrl+C to stop.", flush=True)
    # No access log: addresses hold no plan text, but nothing about the plans is logged at all.
    from ehcplan.serve.connections import TimedH11Protocol

    config = uvicorn.Config(
        app,
        http=TimedH11Protocol,
        log_level="warning",
        access_log=False,
        server_header=False,
        lifespan="off",
        timeout_keep_alive=5,
        limit_concurrency=64,
    )
    server = uvicorn.Server(config)
    if not args.no_browser:
        _open_when_started(server, address)
    try:
        server.run(sockets=[listener])
    finally:
        server.should_exit = True  # a browser still waiting for a server that has stopped is not opened
    return 0


def _open_when_started(server: Any, address: str) -> threading.Thread:
    """Open the address in the browser once uvicorn takes requests, from a thread of its own:
    a browser can take seconds to start, and serving must not wait for it."""

    def wait_then_open() -> None:
        while not server.started:
            if server.should_exit:
                return
            time.sleep(0.05)
        open_browser(address)

    thread = threading.Thread(target=wait_then_open, name="ehcplan-open-browser", daemon=True)
    thread.start()
    return thread


def open_browser(address: str) -> bool:
    """Open the editor in the user's default browser; when none can be opened, say so in one line."""
    try:
        opened = webbrowser.open(address)
    except (webbrowser.Error, OSError):
        opened = False
    if not opened:
        print(
            "Your web browser could not be opened: copy the address above into it yourself.",
            file=sys.stderr,
            flush=True,
        )
    return opened


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket, or one line saying why there cannot be one (the port is in use ...)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    # Lets a stopped editor's port be used again at once; a port another program listens on stays refused.
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
        listener.listen(64)
    except OSError as error:
        listener.close()
        if error.errno in (98, 48, 10048):  # in use: Linux, macOS, Windows
            raise EhcplanError(f"port {port} is in use; choose another with --port") from None
        raise EhcplanError(f"cannot listen on {host} port {port}: {error.strerror or error}") from None
    return listener
