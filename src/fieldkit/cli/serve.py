"""`fieldkit serve`: the same app in a browser on this machine, behind a token.

textual-serve runs `fieldkit` for each browser tab and relays its screen over a websocket.
Here it listens on 127.0.0.1 only; every request must carry the token (in the URL printed
once, then in a cookie the page sets for its own assets and websocket), else HTTP 403 with
nothing of the page; and the page template is fieldkit's own copy, whose web font comes from
textual-serve's static folder instead of the internet.
"""

from __future__ import annotations

import hmac
import os
import secrets
import shlex
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from fieldkit.cli.common import DbOption, open_store
from fieldkit.cli.errors import fail
from fieldkit.i18n import _

HOST = "127.0.0.1"
COOKIE = "fieldkit_token"
TEMPLATES = Path(__file__).parent / "web"

Handler = Callable[[Any], Awaitable[Any]]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def token_guard(token: str, port: int) -> Any:
    """aiohttp middleware: 403 for any request without the token or for another host name."""
    from aiohttp import web

    hosts = {f"{HOST}:{port}", f"localhost:{port}"}

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> Any:
        given = request.query.get("token") or request.cookies.get(COOKIE) or ""
        if request.host not in hosts or not hmac.compare_digest(given, token):
            return web.Response(status=403, text="403: forbidden\n")
        response = await handler(request)
        if request.query.get("token") and isinstance(response, web.Response):
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
        if isinstance(response, web.StreamResponse):
            response.headers["Cache-Control"] = "no-store"
            response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return guard


def make_server(command: str, port: int, token: str) -> Any:
    from textual_serve.server import Server

    class LocalServer(Server):
        async def _make_app(self) -> Any:
            app = await super()._make_app()
            app.middlewares.append(token_guard(token, port))
            return app

        async def on_startup(self, app: Any) -> None:
            typer.echo(f"http://{HOST}:{port}/?token={token}")
            typer.echo(_("this machine only; Ctrl+C stops it"), err=True)

    return LocalServer(
        command,
        host=HOST,
        port=port,
        title="fieldkit",
        templates_path=TEMPLATES,
    )


def _looks_sealed(path: Path) -> bool:
    from fieldkit.storage.codec import ENCRYPTED_MAGIC, is_sealed

    with path.open("rb") as handle:
        return is_sealed(handle.read(len(ENCRYPTED_MAGIC)))


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        port: Annotated[
            int, typer.Option("--port", help="Port on 127.0.0.1 (default: a free one).")
        ] = 0,
        db: DbOption = None,
    ) -> None:
        """Run the app in a browser on this machine only (the URL carries a token)."""
        if not 0 <= port <= 65535:
            fail(_("--port takes a number from 1 to 65535"))
        store = open_store(db)
        if _looks_sealed(store.path) and "FIELDKIT_PASSPHRASE" not in os.environ:
            if not sys.stdin.isatty():
                fail(
                    _("{path} is encrypted: set FIELDKIT_PASSPHRASE or run in a terminal").format(
                        path=store.path
                    )
                )
            # Kept in this process's memory for the app it starts per tab; never written.
            phrase = typer.prompt(
                _("Passphrase for {name}").format(name=store.path.name), hide_input=True
            )
            os.environ["FIELDKIT_PASSPHRASE"] = str(phrase)
        store.data()  # a damaged file, or a wrong passphrase, is said here
        port = port or free_port()
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((HOST, port))
            except OSError as exc:
                fail(
                    _("cannot listen on {address}: {reason}").format(
                        address=f"{HOST}:{port}", reason=exc.strerror
                    )
                )
        path = store.path.resolve()
        command = shlex.join([sys.executable, "-m", "fieldkit", "--db", str(path)])
        make_server(command, port, secrets.token_urlsafe(24)).serve()
