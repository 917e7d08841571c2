"""`fieldkit encrypt | decrypt`: protect the mission file with a passphrase, or remove it.

The file, its backups and the temporary files of its saves are all rewritten, so that no copy
of the mission is left behind in the other form (see `fieldkit.storage.conversion`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from fieldkit import settings
from fieldkit.cli.common import DbOption, open_store
from fieldkit.cli.errors import fail
from fieldkit.storage import conversion
from fieldkit.storage.codec import ENCRYPTED_MAGIC, Codec, is_sealed
from fieldkit.storage.conversion import Converted
from fieldkit.storage.errors import PassphraseNeeded

MIN_LENGTH = 8


def new_passphrase(path: Path) -> str:
    """A passphrase for a file being encrypted: `FIELDKIT_PASSPHRASE`, else asked twice."""
    env = os.environ.get("FIELDKIT_PASSPHRASE")
    if env is not None:
        phrase = env
    elif sys.stdin.isatty():
        phrase = str(
            typer.prompt(
                f"New passphrase for {path.name}", hide_input=True, confirmation_prompt=True
            )
        )
    else:
        fail(f"set FIELDKIT_PASSPHRASE or run in a terminal to encrypt {path}")
    if len(phrase) < MIN_LENGTH:
        fail(f"the passphrase must have at least {MIN_LENGTH} characters; nothing was written")
    return phrase


def bundle_passphrase(path: Path) -> str:
    """The passphrase of an encrypted bundle: its own, never the mission's."""
    from fieldkit.storage.bundle import PASSPHRASE_ENV

    env = os.environ.get(PASSPHRASE_ENV)
    if env is not None:
        phrase = env
    elif sys.stdin.isatty():
        phrase = str(
            typer.prompt(
                f"Passphrase for the bundle {path.name}", hide_input=True, confirmation_prompt=True
            )
        )
    else:
        fail(f"set {PASSPHRASE_ENV} or run in a terminal to encrypt the bundle")
    if len(phrase) < MIN_LENGTH:
        fail(f"the passphrase must have at least {MIN_LENGTH} characters; nothing was written")
    return phrase


def parts(names: str) -> set[str]:
    """The parts named in `--without people,notes`, each checked."""
    from fieldkit.storage.bundle import LISTS

    chosen = {n.strip().lower() for n in names.split(",") if n.strip()}
    unknown = sorted(chosen - set(LISTS))
    if unknown:
        fail(f"--without: no part named {', '.join(unknown)}; choose among {', '.join(LISTS)}")
    return chosen


def passphrase_without_prompt(path: Path) -> Callable[[], str]:
    """The passphrase source once the app has the screen: a prompt there would freeze it.

    The key of the file the app opened is kept, so this is only asked for when another
    fieldkit encrypted the file, or gave it a new passphrase, while the app was open.
    """

    def ask() -> str:
        env = os.environ.get("FIELDKIT_PASSPHRASE")
        if env is not None:
            return env
        raise PassphraseNeeded(
            f"{path} was encrypted by another fieldkit while the app was open: "
            "quit and open it again to give its passphrase"
        )

    return ask


def new_codec(path: Path) -> Codec:
    """The codec of a newly encrypted file (used by `init --encrypt` and `demo --encrypt`)."""
    from fieldkit.storage.crypto import SealedCodec  # loaded only when encryption is used

    return SealedCodec.create(new_passphrase(path))


def _peek_sealed(path: Path) -> bool:
    """Whether the file looks encrypted now; decided again under the lock."""
    try:
        with path.open("rb") as handle:
            return is_sealed(handle.read(len(ENCRYPTED_MAGIC)))
    except OSError:
        return False


def _tell(path: Path, done: Converted, verb: str, state: str) -> None:
    if done.removed:
        typer.echo(f"removed {len(done.removed)} copy(ies) that could not be read", err=True)
    if done.left:
        left = ", ".join(done.left[:3])
        typer.echo(f"{len(done.left)} backup(s) stay encrypted with another key: {left}", err=True)
    if done.file:
        typer.echo(f"{verb} {path} and {done.copies} backup(s)", err=True)
    elif done.copies or done.removed:
        typer.echo(f"{path} was {state}; converted {done.copies} backup(s) left over", err=True)
    else:
        fail(f"{path} is {state}; nothing was changed")
    typer.echo(str(path))


def encrypt_command(db: Path | None) -> None:
    store = open_store(db)
    mission = store.file
    codec = None if _peek_sealed(mission.path) else new_codec(mission.path)
    done = conversion.encrypt(mission, codec)
    _tell(mission.path, done, "encrypted", "already encrypted")
    if done.file:
        typer.echo(
            "keep the passphrase safe: without it nobody, you included, can open the mission",
            err=True,
        )


def decrypt_command(db: Path | None) -> None:
    store = open_store(db)
    store.file.tree()  # the passphrase is asked for before the lock is taken
    _tell(store.file.path, conversion.decrypt(store.file), "decrypted", "not encrypted")


MIN_PIN = 4


def _new_pin() -> str:
    env = os.environ.get("FIELDKIT_PIN")
    if env is not None:
        pin = env
    elif sys.stdin.isatty():
        pin = str(typer.prompt("New PIN", hide_input=True, confirmation_prompt=True))
    else:
        fail("set FIELDKIT_PIN or run in a terminal to set the PIN")
    if len(pin.strip()) < MIN_PIN:
        fail(f"the PIN must have at least {MIN_PIN} characters; nothing was written")
    return pin.strip()


def pin_command(lock_after: int | None, off: bool) -> None:
    from fieldkit.storage.crypto import hash_pin

    if lock_after is not None and not 0 <= lock_after <= 24 * 60:
        fail("--lock-after takes minutes, from 0 (never) to 1440")
    fields: dict[str, str | None] = {}
    if off:
        fields["pin"] = None
    elif lock_after is None or "FIELDKIT_PIN" in os.environ:
        fields["pin"] = hash_pin(_new_pin())
    if lock_after is not None:
        fields["lock_after"] = str(lock_after) if lock_after else None
    where = settings.update_profile(**fields)
    said = "PIN removed" if off else "PIN set" if fields.get("pin") else "PIN unchanged"
    idle = f"; the app locks after {lock_after} idle minute(s)" if lock_after else ""
    typer.echo(f"{said}{idle} ({where})")


def register(app: typer.Typer) -> None:
    @app.command("pin")
    def pin(
        lock_after: Annotated[
            int | None,
            typer.Option("--lock-after", help="Lock the app after N idle minutes (0: never)."),
        ] = None,
        off: Annotated[bool, typer.Option("--off", help="Remove the PIN.")] = False,
    ) -> None:
        """Set the PIN that unlocks the app (ctrl+l locks it) when the mission is not encrypted."""
        pin_command(lock_after, off)

    @app.command()
    def encrypt(db: DbOption = None) -> None:
        """Protect the mission file and its backups with a passphrase."""
        encrypt_command(db)

    @app.command()
    def decrypt(db: DbOption = None) -> None:
        """Remove the passphrase: the file and its backups are written as plain JSON."""
        decrypt_command(db)
