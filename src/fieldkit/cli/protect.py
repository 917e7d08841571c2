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
from fieldkit.i18n import _, ngettext
from fieldkit.storage import conversion
from fieldkit.storage.codec import ENCRYPTED_MAGIC, Codec, is_sealed
from fieldkit.storage.conversion import Converted
from fieldkit.storage.errors import PassphraseNeeded

MIN_LENGTH = 8


def new_passphrase(path: Path) -> str:
    """A passphrase for a file being encrypted: `FIELDKIT_PASSPHRASE`, else asked twice."""
    return _chosen_passphrase(
        "FIELDKIT_PASSPHRASE",
        _("New passphrase for {name}").format(name=path.name),
        _("set FIELDKIT_PASSPHRASE or run in a terminal to encrypt {path}").format(path=path),
    )


def bundle_passphrase(path: Path) -> str:
    """The passphrase of an encrypted bundle: its own, never the mission's."""
    from fieldkit.storage.bundle import PASSPHRASE_ENV

    return _chosen_passphrase(
        PASSPHRASE_ENV,
        _("Passphrase for the bundle {name}").format(name=path.name),
        _("set {variable} or run in a terminal to encrypt the bundle").format(
            variable=PASSPHRASE_ENV
        ),
    )


def _chosen_passphrase(variable: str, prompt: str, no_terminal: str) -> str:
    """A new passphrase from the environment `variable`, else typed twice at the terminal;
    one of at least MIN_LENGTH characters."""
    env = os.environ.get(variable)
    if env is not None:
        phrase = env
    elif sys.stdin.isatty():
        phrase = str(
            typer.prompt(prompt, hide_input=True, confirmation_prompt=_("Repeat for confirmation"))
        )
    else:
        fail(no_terminal)
    if len(phrase) < MIN_LENGTH:
        fail(
            _("the passphrase must have at least {count} characters; nothing was written").format(
                count=MIN_LENGTH
            )
        )
    return phrase


def parts(names: str) -> set[str]:
    """The parts named in `--without people,notes`, each checked."""
    from fieldkit.storage.bundle import LISTS

    chosen = {n.strip().lower() for n in names.split(",") if n.strip()}
    unknown = sorted(chosen - set(LISTS))
    if unknown:
        fail(
            _("--without: no part named {names}; choose among {choices}").format(
                names=", ".join(unknown), choices=", ".join(LISTS)
            )
        )
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
            _(
                "{path} was encrypted by another fieldkit while the app was open: "
                "quit and open it again to give its passphrase"
            ).format(path=path)
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


def _tell(path: Path, done: Converted, encrypting: bool) -> None:
    if done.removed:
        count = len(done.removed)
        said = ngettext(
            "removed {count} copy that could not be read",
            "removed {count} copies that could not be read",
            count,
        )
        typer.echo(said.format(count=count), err=True)
    if done.left:
        count, left = len(done.left), ", ".join(done.left[:3])
        said = ngettext(
            "{count} backup stays encrypted with another key: {names}",
            "{count} backups stay encrypted with another key: {names}",
            count,
        )
        typer.echo(said.format(count=count, names=left), err=True)
    if done.file:
        typer.echo(_converted(path, done.copies, encrypting), err=True)
    elif done.copies or done.removed:
        typer.echo(_finished(path, done.copies, encrypting), err=True)
    elif encrypting:
        fail(_("{path} is already encrypted; nothing was changed").format(path=path))
    else:
        fail(_("{path} is not encrypted; nothing was changed").format(path=path))
    typer.echo(str(path))


def _converted(path: Path, copies: int, encrypting: bool) -> str:
    if encrypting:
        said = ngettext(
            "encrypted {path} and {count} backup", "encrypted {path} and {count} backups", copies
        )
    else:
        said = ngettext(
            "decrypted {path} and {count} backup", "decrypted {path} and {count} backups", copies
        )
    return said.format(path=path, count=copies)


def _finished(path: Path, copies: int, encrypting: bool) -> str:
    if encrypting:
        said = ngettext(
            "{path} was already encrypted; converted {count} backup left over",
            "{path} was already encrypted; converted {count} backups left over",
            copies,
        )
    else:
        said = ngettext(
            "{path} was not encrypted; converted {count} backup left over",
            "{path} was not encrypted; converted {count} backups left over",
            copies,
        )
    return said.format(path=path, count=copies)


def encrypt_command(db: Path | None) -> None:
    store = open_store(db)
    mission = store.file
    codec = None if _peek_sealed(mission.path) else new_codec(mission.path)
    done = conversion.encrypt(mission, codec)
    _tell(mission.path, done, encrypting=True)
    if done.file:
        typer.echo(
            _("keep the passphrase safe: without it nobody, you included, can open the mission"),
            err=True,
        )


def decrypt_command(db: Path | None) -> None:
    store = open_store(db)
    store.file.tree()  # the passphrase is asked for before the lock is taken
    _tell(store.file.path, conversion.decrypt(store.file), encrypting=False)


MIN_PIN = 4


def _new_pin() -> str:
    env = os.environ.get("FIELDKIT_PIN")
    if env is not None:
        pin = env
    elif sys.stdin.isatty():
        pin = str(
            typer.prompt(
                _("New PIN"), hide_input=True, confirmation_prompt=_("Repeat for confirmation")
            )
        )
    else:
        fail(_("set FIELDKIT_PIN or run in a terminal to set the PIN"))
    if len(pin.strip()) < MIN_PIN:
        fail(
            _("the PIN must have at least {count} characters; nothing was written").format(
                count=MIN_PIN
            )
        )
    return pin.strip()


def pin_command(lock_after: int | None, off: bool) -> None:
    from fieldkit.storage.crypto import hash_pin

    if lock_after is not None and not 0 <= lock_after <= 24 * 60:
        fail(_("--lock-after takes minutes, from 0 (never) to 1440"))
    fields: dict[str, str | None] = {}
    if off:
        fields["pin"] = None
    elif lock_after is None or "FIELDKIT_PIN" in os.environ:
        fields["pin"] = hash_pin(_new_pin())
    if lock_after is not None:
        fields["lock_after"] = str(lock_after) if lock_after else None
    where = settings.update_profile(**fields)
    said = _("PIN removed") if off else _("PIN set") if fields.get("pin") else _("PIN unchanged")
    if lock_after:
        idle = ngettext(
            "the app locks after {count} idle minute",
            "the app locks after {count} idle minutes",
            lock_after,
        ).format(count=lock_after)
        said = _("{said}; {idle}").format(said=said, idle=idle)
    typer.echo(_("{said} ({path})").format(said=said, path=where))


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
