"""Durable save of one note, in process, against the floor for the same tree.

The floor is what any durable save of this mission must pay: serialise the same tree with
orjson, write it to a temporary file in the same folder, fsync, rename over, fsync the folder.
"""

from __future__ import annotations

import time
from pathlib import Path

import orjson

from bench.process import PASSPHRASE
from bench.stats import Samples, paired
from fieldkit.domain.meetings import Note
from fieldkit.domain.vocab import NoteKind
from fieldkit.storage.atomic import atomic_write
from fieldkit.storage.repository import Store


def note_save(path: Path, runs: int) -> tuple[Samples, Samples]:
    """(fieldkit's `Store.save` of one note, the floor) over `runs` alternating saves."""
    store = Store(path)
    meeting = store.data().meetings_in_order[0]
    floor_path = path.with_name(path.stem + ".floor.json")

    def ours() -> float:
        note = Note(meeting_id=meeting.id, kind=NoteKind.STATEMENT, text="Saved by the bench.")
        start = time.perf_counter()
        store.save(note)
        return time.perf_counter() - start

    def floor() -> float:
        tree = store.file.tree()
        start = time.perf_counter()
        atomic_write(floor_path, orjson.dumps(tree))
        return time.perf_counter() - start

    ours(), floor()  # warm: the first save reads and builds nothing the others will not
    result = paired(runs, ours, floor)
    floor_path.unlink(missing_ok=True)
    return result


def first_meeting(path: Path) -> str:
    return Store(path, lambda: PASSPHRASE).data().meetings_in_order[0].id


def key_derivation(path: Path, runs: int) -> Samples:
    """The scrypt derivation an encrypted file asks for, with the parameters in its header."""
    from fieldkit.storage.crypto import derive, parse_header

    params = parse_header(path.read_bytes()).params
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        derive(PASSPHRASE, params)
        times.append(time.perf_counter() - start)
    return Samples(tuple(times))


def encrypted_note_save(path: Path, runs: int) -> tuple[Samples, Samples]:
    """Note saves on an encrypted file (key already derived) against orjson + AES-GCM + write."""
    import os

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    store = Store(path, lambda: PASSPHRASE)
    meeting = store.data().meetings_in_order[0]
    floor_path = path.with_name(path.stem + ".floor.bin")
    aead = AESGCM(os.urandom(32))

    def ours() -> float:
        note = Note(meeting_id=meeting.id, kind=NoteKind.STATEMENT, text="Saved by the bench.")
        start = time.perf_counter()
        store.save(note)
        return time.perf_counter() - start

    def floor() -> float:
        tree = store.file.tree()
        start = time.perf_counter()
        nonce = os.urandom(12)
        atomic_write(floor_path, nonce + aead.encrypt(nonce, orjson.dumps(tree), b"header"))
        return time.perf_counter() - start

    ours(), floor()
    result = paired(runs, ours, floor)
    floor_path.unlink(missing_ok=True)
    return result
