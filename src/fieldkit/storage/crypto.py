"""Encryption at rest for the mission file (opt-in)."""

from __future__ import annotations

from pathlib import Path

from fieldkit.storage.codec import Codec
from fieldkit.storage.errors import PassphraseNeeded
from fieldkit.storage.mission_file import PassphraseSource


def codec_for_file(
    data: bytes, path: Path, passphrase: PassphraseSource | None, current: Codec | None
) -> Codec:
    """The codec that opens an encrypted file, asking for the passphrase if needed."""
    raise PassphraseNeeded(f"{path} is encrypted, and this build cannot open encrypted files")
