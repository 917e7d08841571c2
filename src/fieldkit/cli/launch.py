"""Starting the Textual app from the command line (imported only when the app is wanted)."""

from __future__ import annotations

from pathlib import Path

import typer

from fieldkit.cli.common import open_store
from fieldkit.cli.protect import passphrase_without_prompt


def open_app(db: Path | None) -> None:
    store = open_store(db)
    store.data()  # a damaged or newer file is reported here, before the screen is taken
    store.file.ask_passphrase_with(passphrase_without_prompt(store.path))
    from fieldkit.ui.app import make_app

    app = make_app(store)
    app.run()
    if app.return_code:
        raise typer.Exit(app.return_code)
