"""What can go wrong with a mission file, each with the one line a user should read."""

from __future__ import annotations

from pathlib import Path

from fieldkit.i18n import _


class StorageError(Exception):
    """A mission file problem with a message fit to show as it is."""


class MissingFile(StorageError):
    def __init__(self, path: Path) -> None:
        if path.parent.is_dir():
            message = _(
                "no mission file at {path}: create one with `fieldkit init` or `fieldkit demo`"
            ).format(path=path)
        else:
            message = _(
                "the folder of {path} is not there any more (a USB stick taken out?): "
                "put it back and try again"
            ).format(path=path)
        super().__init__(message)
        self.path = path


class CorruptFile(StorageError):
    """The file cannot be read as a mission; names the newest good backup."""

    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        self.path = path
        self.reason = reason
        self.backup = backup
        if backup is None:
            advice = _("no good backup was found beside it")
        else:
            advice = _("the newest good backup is {name}; restore it with:")
            advice = advice.format(name=backup.name)
        damaged = _("mission file {path} is damaged ({reason}); {advice}")
        super().__init__(damaged.format(path=path, reason=reason, advice=advice))

    @property
    def restore_command(self) -> str | None:
        if self.backup is None:
            return None
        return f"fieldkit restore --db {_quote(self.path)} --from {_quote(self.backup)}"


class NewerSchema(StorageError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            _(
                "mission file {path} has schema version {found}, newer than this fieldkit "
                "understands ({supported}): upgrade fieldkit to open it"
            ).format(path=path, found=found, supported=supported)
        )


class LockTimeout(StorageError):
    def __init__(self, path: Path, seconds: float) -> None:
        super().__init__(
            _(
                "mission file {path} stayed locked by another fieldkit for {seconds} s; try again"
            ).format(path=path, seconds=f"{seconds:.0f}")
        )


class WriteFailed(StorageError):
    def __init__(self, path: Path, reason: str) -> None:
        message = _("could not save {path}: {reason}; nothing was changed")
        super().__init__(message.format(path=path, reason=reason))
        self.reason = reason


class PassphraseNeeded(StorageError):
    """The file is encrypted and no passphrase was given."""


class WrongPassphrase(StorageError):
    """A passphrase that does not open the file `about` (None: the file open in the app)."""

    def __init__(self, message: str | None = None, *, about: object = None) -> None:
        self.about = about
        super().__init__(message if message is not None else self.said(about))

    @staticmethod
    def said(about: object, then: str | None = None) -> str:
        """The one line: the wrong passphrase, then what followed (by default, nothing)."""
        then = _("nothing was changed") if then is None else then
        if about is None:
            return _("wrong passphrase; {then}").format(then=then)
        return _("wrong passphrase for {path}; {then}").format(path=about, then=then)


class Shredded(WrongPassphrase):
    """The last wrong passphrase the wipe allowed (`fieldkit wipe-after`): the mission and its
    backups are gone."""


def _quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
