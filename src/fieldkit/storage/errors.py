"""What can go wrong with a mission file, each with the one line a user should read."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """A mission file problem with a message fit to show as it is."""


class MissingFile(StorageError):
    def __init__(self, path: Path) -> None:
        if path.parent.is_dir():
            message = (
                f"no mission file at {path}: create one with `fieldkit init` or `fieldkit demo`"
            )
        else:
            message = (
                f"the folder of {path} is not there any more (a USB stick taken out?): "
                "put it back and try again"
            )
        super().__init__(message)
        self.path = path


class CorruptFile(StorageError):
    """The file cannot be read as a mission; names the newest good backup."""

    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        self.path = path
        self.reason = reason
        self.backup = backup
        if backup is None:
            advice = "no good backup was found beside it"
        else:
            advice = f"the newest good backup is {backup.name}; restore it with:"
        super().__init__(f"mission file {path} is damaged ({reason}); {advice}")

    @property
    def restore_command(self) -> str | None:
        if self.backup is None:
            return None
        return f"fieldkit restore --db {_quote(self.path)} --from {_quote(self.backup)}"


class NewerSchema(StorageError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"mission file {path} has schema version {found}, newer than this fieldkit "
            f"understands ({supported}): upgrade fieldkit to open it"
        )


class LockTimeout(StorageError):
    def __init__(self, path: Path, seconds: float) -> None:
        super().__init__(
            f"mission file {path} stayed locked by another fieldkit for {seconds:.0f} s; try again"
        )


class WriteFailed(StorageError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"could not save {path}: {reason}; nothing was changed")
        self.reason = reason


class PassphraseNeeded(StorageError):
    """The file is encrypted and no passphrase was given."""


class WrongPassphrase(StorageError):
    pass


def _quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
