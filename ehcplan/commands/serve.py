"""`ehcplan serve [FOLDER]`: the browser editor over a folder of plans, on this computer only."""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path

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
    from ehcplan.serve.security import Keys, addresses
    from ehcplan.session import open_session

    port = listener.getsockname()[1]
    shown_host = "127.0.0.1" if args.host == "localhost" else args.host
    keys = Keys(hosts=addresses(shown_host, port))
    app = create_app(folder, keys, open_session(args.config, folder))
    address = f"http://{keys.hosts[0]}/?token={keys.token}"
    if args.host not in LOOPBACK:
        print(
            f"WARNING: the editor is listening on {args.host}, not only on this computer. There is no "
            "login: anyone on the network who has the address below can read and change these plans.",
            file=sys.stderr,
        )
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
    uvicorn.Server(config).run(sockets=[listener])
    return 0


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
