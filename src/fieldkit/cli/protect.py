"""`fieldkit encrypt | decrypt`: protect the mission file with a passphrase, or remove it.

The file, its backups and the temporary files of its saves are all rewritten, so that no copy
of the mission is left behind in the other form.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import typer

from fieldkit.cli.common import DbOption, open_store
from fieldkit.cli.errors import fail
from fieldkit.i18n import _, ngettext
from fieldkit.storage import backups
from fieldkit.storage.atomic import atomic_write
from fieldkit.storage.codec import Codec, PlainCodec
from fieldkit.storage.errors import PassphraseNeeded
from fieldkit.storage.mission_file import ENCRYPTED_MAGIC, MissionFile

MIN_LENGTH = 8


def new_passphrase(path: Path) -> str:
    """A passphrase for a file being encrypted: `FIELDKIT_PASSPHRASE`, else asked twice."""
    env = os.environ.get("FIELDKIT_PASSPHRASE")
    if env is not None:
        phrase = env
    elif sys.stdin.isatty():
        phrase = str(
            typer.prompt(
                _("New passphrase for {name}").format(name=path.name),
                hide_input=True,
                confirmation_prompt=_("Repeat for confirmation"),
            )
        )
    else:
        fail(_("set FIELDKIT_PASSPHRASE or run in a terminal to encrypt {path}").format(path=path))
    if len(phrase) < MIN_LENGTH:
        fail(
            _("the passphrase must have at least {count} characters; nothing was written").format(
                count=MIN_LENGTH
            )
        )
    return phrase


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


def convert_backups(mission: MissionFile, codec: Codec, only_other_form: bool = False) -> int:
    """Rewrite the backups with `codec` (only those in the other form, if asked).

    When encrypting, a plain backup that cannot be read is removed: it may still hold names.
    """
    to_encrypted = not isinstance(codec, PlainCodec)
    count = 0
    for backup in backups.list_backups(mission.path):
        try:
            data = backup.read_bytes()
        except OSError:
            continue
        sealed = data.startswith(ENCRYPTED_MAGIC)
        if only_other_form and sealed == to_encrypted:
            continue
        try:
            tree = mission.codec_for(data).decode(data)
        except Exception:  # unreadable
            if to_encrypted and not sealed:
                with contextlib.suppress(OSError):
                    backup.unlink()
            continue
        atomic_write(backup, codec.encode(tree))
        count += 1
    return count


def remove_orphans(path: Path) -> None:
    """Temporary files left by a save that was killed mid-write (only called under the lock)."""
    for folder in (path.parent, backups.backup_folder(path)):
        for orphan in folder.glob(f".{path.name}*.tmp"):
            with contextlib.suppress(OSError):
                orphan.unlink()


def finish_interrupted(mission: MissionFile, encrypted: bool) -> None:
    """Convert what an interrupted `encrypt` or `decrypt` left in the other form."""
    current = mission.codec_for(mission.path.read_bytes())
    with mission.lock.held():
        count = convert_backups(mission, current, only_other_form=True)
        remove_orphans(mission.path)
    if not count and encrypted:
        fail(_("{path} is already encrypted; nothing was changed").format(path=mission.path))
    if not count:
        fail(_("{path} is not encrypted; nothing was changed").format(path=mission.path))
    done = (
        ngettext(
            "{path} was already encrypted; converted {count} backup left over",
            "{path} was already encrypted; converted {count} backups left over",
            count,
        )
        if encrypted
        else ngettext(
            "{path} was not encrypted; converted {count} backup left over",
            "{path} was not encrypted; converted {count} backups left over",
            count,
        )
    )
    typer.echo(done.format(path=mission.path, count=count), err=True)
    typer.echo(str(mission.path))


def convert(db: Path | None, to_encrypted: bool) -> None:
    store = open_store(db)
    mission = store.file
    mission.tree()
    if mission.encrypted == to_encrypted:
        finish_interrupted(mission, to_encrypted)
        return
    codec: Codec = new_codec(mission.path) if to_encrypted else PlainCodec()
    with mission.lock.held():
        mission.replace_codec(codec)
        count = convert_backups(mission, codec)
        remove_orphans(mission.path)
    done = (
        ngettext(
            "encrypted {path} and {count} backup", "encrypted {path} and {count} backups", count
        )
        if to_encrypted
        else ngettext(
            "decrypted {path} and {count} backup", "decrypted {path} and {count} backups", count
        )
    )
    typer.echo(done.format(path=mission.path, count=count), err=True)
    if to_encrypted:
        typer.echo(
            _("keep the passphrase safe: without it nobody, you included, can open the mission"),
            err=True,
        )
    typer.echo(str(mission.path))


def register(app: typer.Typer) -> None:
    @app.command()
    def encrypt(db: DbOption = None) -> None:
        """Protect the mission file and its backups with a passphrase."""
        convert(db, to_encrypted=True)

    @app.command()
    def decrypt(db: DbOption = None) -> None:
        """Remove the passphrase: the file and its backups are written as plain JSON."""
        convert(db, to_encrypted=False)
