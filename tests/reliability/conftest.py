"""Fixtures for failure tests: a small mission, a cheap key derivation, real file systems."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.domain.meetings import Meeting, Note
from fieldkit.domain.mission import Mission
from fieldkit.storage import crypto
from fieldkit.storage.repository import Store


def new_mission(path: Path, codec: crypto.SealedCodec | None = None) -> tuple[Store, Meeting]:
    """A mission with one meeting, at `path`."""
    store = Store(path, (lambda: "test passphrase") if codec else None)
    meeting = Meeting(title="Ombudsman", starts_at="2017-04-11T09:30")
    store.create(Mission(name="Astana follow-up", country="Kazakhstan"), [meeting], codec)
    return store, meeting


def note_texts(path: Path, passphrase: str | None = None) -> set[str]:
    store = Store(path, (lambda: passphrase) if passphrase else None)
    return {n.text for n in store.data().notes.values()}


def add_note(store: Store, meeting: Meeting, text: str) -> Note:
    note = Note(meeting_id=meeting.id, text=text, author="Test Delegate")
    store.save(note)
    return note


@pytest.fixture
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A low scrypt cost for tests that only exercise the format (recorded in the header)."""
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    crypto.forget_keys()
    yield
    crypto.forget_keys()


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A small RAM file system at `folder`; skips the test where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)):
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextlib.contextmanager
def own_mount(folder: Path) -> Iterator[Path]:
    """`folder` on its own tmpfs when running as root (so it can be remounted), else as it is."""
    if os.geteuid() != 0:
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
        return
    with tmpfs(folder, "16m"):
        yield folder


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make `folder` read-only for this process (a read-only remount when running as root)."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(0o700)
        return
    if not _mount("-o", "remount,ro", str(folder)):
        pytest.skip("cannot remount read-only")
    try:
        yield
    finally:
        _mount("-o", "remount,rw", str(folder))
