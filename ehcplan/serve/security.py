"""Keeping a local editor of special-category data safe: one ASGI layer in front of every request.

In order, for each request: the Host must be the server's own address (so a web page cannot
reach the editor through DNS rebinding) and so must any Origin (no cross-site requests); the
request must carry the run's random key, from the address printed at start-up (which sets a
cookie), a cookie, or an ``Authorization: Bearer`` header for other programs; a body may not
exceed ``max_body`` bytes; and a change (any method but GET and HEAD) must carry the CSRF token,
in the ``X-CSRF-Token`` header or, for a form, its ``csrf`` field (checked by ``check_form_csrf``).
Every response gets a strict Content Security Policy. An error is answered with a plain line
and logged by its kind only, never with its message, which could hold plan text.

The key and CSRF token are kept for each folder of plans (``kept_keys``), so a tab left open
still saves after the editor is started again on the same folder: in the user's state folder,
one file per folder named by a hash of its path, readable by the user only.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ehcplan.user_cache import write_private

LOG = logging.getLogger("ehcplan.serve")
SAFE_METHODS = ("GET", "HEAD")
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# Scripts and styles only from the editor itself; no frames, no plug-ins, no other site.
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": POLICY,
    "x-content-type-options": "nosniff",
    # Not 'no-referrer': with it, browsers send 'Origin: null' on a form post, and the origin check needs it.
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
# A kept secret as secrets.token_urlsafe writes it; anything else in a key file means it is damaged.
SECRET = re.compile(r"[A-Za-z0-9_-]{32,128}")
KEY_FILE_LIMIT = 4096


@dataclass(frozen=True)
class Keys:
    """A folder's secrets (kept between runs: see ``kept_keys``) and the addresses the server answers to."""

    hosts: tuple[str, ...]  # "127.0.0.1:8000", "localhost:8000"
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    max_body: int = 2_000_000

    @property
    def cookie(self) -> str:
        """The cookie's name; cookies are shared between ports, so it names this server's port."""
        port = self.hosts[0].rsplit(":", 1)[-1]
        return f"ehcplan_{port}"

    @property
    def origins(self) -> tuple[str, ...]:
        return tuple(f"http://{host}" for host in self.hosts)

    def is_token(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode(), self.token.encode())

    def is_csrf(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode(), self.csrf.encode())


def state_folder() -> Path:
    """``$EHCPLAN_STATE_DIR``, else ``$XDG_STATE_HOME/ehcplan``, else ``~/.local/state/ehcplan``."""
    chosen = os.environ.get("EHCPLAN_STATE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(base):  # the XDG rules say a relative path is to be ignored
        base = str(Path.home() / ".local" / "state")
    return Path(base) / "ehcplan"


def key_file(folder: Path) -> Path:
    """The file keeping the secrets for a folder of plans, named by a hash so its path is not shown."""
    digest = hashlib.sha256(os.fsencode(folder.resolve())).hexdigest()[:32]
    return state_folder() / "serve-keys" / f"{digest}.json"


class KeyNotTrusted(Exception):
    """A kept key that is not used: readable by others, someone else's, not a plain file, or damaged."""


def kept_keys(folder: Path, hosts: tuple[str, ...], *, renew: bool = False) -> tuple[Keys, list[str]]:
    """The secrets kept for ``folder`` (so an open tab still saves after a restart), else new ones, kept.

    ``renew`` makes new ones and replaces those kept. The notes say, one line each and without a
    secret, why a kept key was not used or why the new one could not be kept.
    """
    path = key_file(folder)
    notes = []
    if not renew:
        try:
            token, csrf = read_secrets(path)
            return Keys(hosts=hosts, token=token, csrf=csrf), []
        except (FileNotFoundError, NotADirectoryError):
            pass  # nothing kept yet
        except KeyNotTrusted as reason:
            notes.append(f"{reason}, so a new key has been made: open the new address below.")
    keys = Keys(hosts=hosts)
    try:
        keep_secrets(path, keys)
    except OSError as error:
        notes.append(
            f"The key could not be kept in {path.parent} for next time ({error.strerror or error}): "
            "after a restart, open the new address it prints."
        )
    return keys, notes


def read_secrets(path: Path) -> tuple[str, str]:
    """The token and CSRF token in a key file; FileNotFoundError when there is none, else KeyNotTrusted."""
    # No link is followed, and O_NONBLOCK keeps a named pipe put there from holding the start-up.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise KeyNotTrusted("The key kept for this folder is a link") from None
        reason = error.strerror or str(error)
        raise KeyNotTrusted(f"The key kept for this folder could not be read ({reason})") from None
    with os.fdopen(handle, "rb") as stream:
        _check_private(os.fstat(stream.fileno()))
        raw = stream.read(KEY_FILE_LIMIT + 1)
    return _secrets_in(raw)


def _check_private(info: os.stat_result) -> None:
    """KeyNotTrusted unless the key file is a plain file of this user's that no one else can read."""
    if not stat.S_ISREG(info.st_mode):
        raise KeyNotTrusted("The key kept for this folder is not a plain file")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise KeyNotTrusted("The key kept for this folder belongs to another user")
    if os.name == "posix" and info.st_mode & 0o077:
        raise KeyNotTrusted("The key kept for this folder could be read by other people on this computer")


def _secrets_in(raw: bytes) -> tuple[str, str]:
    damaged = KeyNotTrusted("The key kept for this folder was damaged")
    if len(raw) > KEY_FILE_LIMIT:
        raise damaged
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise damaged from None
    values = [data.get(name) if isinstance(data, dict) else None for name in ("token", "csrf")]
    if not all(isinstance(value, str) and SECRET.fullmatch(value) for value in values):
        raise damaged
    return values[0], values[1]


def keep_secrets(path: Path, keys: Keys) -> None:
    """Write a folder's secrets, whole or not at all, in a folder and a file for their owner only."""
    path.parent.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.parent.mkdir(exist_ok=True, mode=0o700)
    os.chmod(path.parent, 0o700)  # made before, perhaps by hand, with wider permissions
    write_private(path, json.dumps({"token": keys.token, "csrf": keys.csrf}) + "\n")


def addresses(host: str, port: int) -> tuple[str, ...]:
    """The Host values the server answers to: its own address, and 'localhost' for a loopback one."""
    shown = f"[{host}]" if ":" in host else host
    names = [f"{shown}:{port}"]
    if host in ("127.0.0.1", "::1"):
        names.append(f"localhost:{port}")
    return tuple(names)


class BodyTooLarge(Exception):
    """A request body longer than the limit."""


class Guard:
    """The ASGI layer that checks every request before the app sees it (see the module's docstring)."""

    def __init__(self, app: ASGIApp, keys: Keys) -> None:
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await _secured(refusal)(scope, receive, send)
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query and scope["method"] in SAFE_METHODS:
            # The key in the printed address becomes a cookie, and leaves the address bar and history.
            del query["token"]
            target = scope["path"] + (f"?{urlencode(query)}" if query else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(self.keys.cookie, self.keys.token, httponly=True, samesite="strict", path="/")
            await _secured(response)(scope, receive, send)
            return
        await self._answer(scope, _limited(receive, self.keys.max_body), send)

    def _refusal(self, scope: Scope) -> PlainTextResponse | None:
        headers = Headers(scope=scope)
        if headers.get("host") not in self.keys.hosts:
            return _refuse(
                421, "This address is not the editor's own; open the address ehcplan serve printed."
            )
        origin = headers.get("origin")
        if origin is not None and origin not in self.keys.origins:
            return _refuse(403, "Requests from other web sites are refused.")
        if (
            headers.get("sec-fetch-site") in ("cross-site", "same-site")
            and scope["method"] not in SAFE_METHODS
        ):
            return _refuse(403, "Requests from other web sites are refused.")
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.keys.max_body):
            return _refuse(
                413, f"The request is too large: the editor takes up to {self.keys.max_body:,} bytes."
            )
        bearer = headers.get("authorization", "")
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        cookie = _cookie(headers.get("cookie", ""), self.keys.cookie)
        by_header = bearer.startswith("Bearer ") and self.keys.is_token(bearer.removeprefix("Bearer "))
        if not (by_header or self.keys.is_token(cookie) or self.keys.is_token(query.get("token"))):
            return _refuse(
                403, "Open the address that ehcplan serve printed when it started: it has the key in it."
            )
        if scope["method"] in SAFE_METHODS:
            return None
        if by_header:
            # A bearer key is never sent by a browser on its own, so it needs no CSRF token.
            scope.setdefault("state", {})["csrf_checked"] = True
            return None
        if self.keys.is_csrf(headers.get(CSRF_HEADER)):
            scope.setdefault("state", {})["csrf_checked"] = True
            return None
        if headers.get("content-type", "").split(";")[0].strip() in FORM_TYPES:
            scope.setdefault("state", {})["csrf_checked"] = False  # the form's own field is checked
            return None
        return _refuse(
            403, "The change was refused: the CSRF token is missing. Reload the page and try again."
        )

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = _with_headers(message)
            await send(message)

        try:
            await self.app(scope, receive, send_secured)
        except BodyTooLarge:
            if not started:
                limit = f"{self.keys.max_body:,}"
                await _secured(
                    _refuse(413, f"The request is too large: the editor takes up to {limit} bytes.")
                )(scope, receive, send)
        except Exception as error:  # the last line of defence: never a traceback in the log
            LOG.error("ehcplan serve: %s on %s %s", type(error).__name__, scope["method"], scope["path"])
            if not started:
                message = "Something went wrong in the editor. Nothing was saved; go back and try again."
                await _secured(_refuse(500, message))(scope, receive, send)


def check_form_csrf(scope: Scope, value: str | None, keys: Keys) -> bool:
    """True when a change is allowed: the CSRF header was right, or the form's own field is."""
    state = scope.get("state", {})
    if scope["method"] in SAFE_METHODS or state.get("csrf_checked") is True:
        return True
    return keys.is_csrf(value)


def _refuse(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


def _secured(response: Any) -> Any:
    for name, value in HEADERS.items():
        response.headers[name] = value
    return response


def _with_headers(message: Message) -> Message:
    headers = [(name, value) for name, value in message.get("headers", []) if name.decode() not in HEADERS]
    headers.extend((name.encode(), value.encode()) for name, value in HEADERS.items())
    return {**message, "headers": headers}


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def _limited(receive: Receive, limit: int) -> Receive:
    """``receive`` that stops a body (sent in chunks, without a length) at ``limit`` bytes."""
    total = 0

    async def limited() -> Message:
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > limit:
                raise BodyTooLarge
        return message

    return limited
