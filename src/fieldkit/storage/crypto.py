"""Encryption at rest for the mission file (opt-in).

A protected file is the magic line, a one-line JSON header, a 12-byte nonce and the
AES-256-GCM ciphertext of the mission's JSON. The header records the scrypt parameters and salt,
so a file stays readable if the defaults change, and 16 bytes of the scrypt output beyond the
key: they tell a wrong passphrase from a damaged file without revealing the key. The header is
authenticated as associated data, so altering it fails like altering the ciphertext.

Scrypt is slow on purpose (about half a second and 128 MiB), so each key is derived once per
process and kept by salt: every save re-encrypts with a fresh nonce and the same key, and
re-reading a file another process saved costs nothing.
"""

from __future__ import annotations

import base64
import hmac
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fieldkit.i18n import _
from fieldkit.storage.codec import ENCRYPTED_MAGIC, Codec, PassphraseSource, Tree
from fieldkit.storage.errors import PassphraseNeeded, WrongPassphrase

FORMAT_VERSION = 1
CIPHER = "AES-256-GCM"
KDF = "scrypt"
#: scrypt cost for new files: 2**17 x 8 x 128 bytes = 128 MiB of memory.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
#: Refuse headers asking for more memory than this (a damaged or hostile header).
MAX_MEMORY = 2**30
SALT_BYTES = 16
KEY_BYTES = 32
CHECK_BYTES = 16
NONCE_BYTES = 12
MAX_HEADER = 1024


@dataclass(frozen=True, slots=True)
class KdfParams:
    """How a key was derived: recorded in the header of every file it protects."""

    salt: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(salt=os.urandom(SALT_BYTES), n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)


@dataclass(frozen=True, slots=True)
class Header:
    params: KdfParams
    check: bytes
    raw: bytes  # the bytes before the nonce, authenticated with the ciphertext


#: Keys derived in this process: (salt, n, r, p) -> (key, check).
_KEYS: dict[tuple[bytes, int, int, int], tuple[bytes, bytes]] = {}


def derive(passphrase: str, params: KdfParams) -> tuple[bytes, bytes]:
    """The key and its check value. Slow on purpose, so callers keep the result.

    The passphrase is NFC-normalised: "é" typed on one keyboard or system as one character and
    on another as "e" plus an accent opens the same file.
    """
    if not passphrase:
        raise WrongPassphrase(_("the passphrase must not be empty"))
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    out = Scrypt(
        salt=params.salt, length=KEY_BYTES + CHECK_BYTES, n=params.n, r=params.r, p=params.p
    ).derive(secret)
    return out[:KEY_BYTES], out[KEY_BYTES:]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def header_bytes(params: KdfParams, check: bytes, content: str = "") -> bytes:
    meta: dict[str, object] = {
        "version": FORMAT_VERSION,
        "cipher": CIPHER,
        "kdf": KDF,
        "n": params.n,
        "r": params.r,
        "p": params.p,
        "salt": _b64(params.salt),
        "check": _b64(check),
    }
    if content:
        meta["content"] = content  # what the file holds, when it is not a mission file
    return ENCRYPTED_MAGIC + b"\n" + orjson.dumps(meta, option=orjson.OPT_SORT_KEYS) + b"\n"


def parse_header(data: bytes) -> Header:
    """The header of an encrypted file; ValueError when it is damaged or unknown."""
    start = len(ENCRYPTED_MAGIC)
    if data[start : start + 1] != b"\n":
        raise ValueError(_("the encryption header is damaged"))
    end = data.find(b"\n", start + 1, start + 1 + MAX_HEADER)
    if end < 0:
        raise ValueError(_("the encryption header is damaged or cut short"))
    try:
        meta: Any = orjson.loads(data[start + 1 : end])
    except orjson.JSONDecodeError:
        raise ValueError(_("the encryption header is damaged")) from None
    if not isinstance(meta, dict):
        raise ValueError(_("the encryption header is damaged"))
    if meta.get("version") != FORMAT_VERSION or meta.get("cipher") != CIPHER:
        raise ValueError(
            _(
                "the file is encrypted in a format this fieldkit does not know "
                "(version {version}, cipher {cipher})"
            ).format(version=repr(meta.get("version")), cipher=repr(meta.get("cipher")))
        )
    try:
        n, r, p = int(meta["n"]), int(meta["r"]), int(meta["p"])
        salt = base64.b64decode(meta["salt"], validate=True)
        check = base64.b64decode(meta["check"], validate=True)
    except (KeyError, TypeError, ValueError):
        raise ValueError(_("the encryption header is damaged")) from None
    if meta.get("kdf") != KDF or n < 2 or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16:
        raise ValueError(_("the encryption header has impossible key-derivation parameters"))
    if 128 * n * r > MAX_MEMORY or len(salt) < 8 or len(check) != CHECK_BYTES:
        raise ValueError(_("the encryption header has impossible key-derivation parameters"))
    return Header(KdfParams(salt=salt, n=n, r=r, p=p), check, data[: end + 1])


class SealedCodec:
    """AES-256-GCM with one derived key; a fresh random nonce for every save."""

    def __init__(self, params: KdfParams, key: bytes, check: bytes, content: str = "") -> None:
        self.params = params
        self._check = check
        self._aead = AESGCM(key)
        self._header = header_bytes(params, check, content)

    @classmethod
    def create(
        cls, passphrase: str, params: KdfParams | None = None, content: str = ""
    ) -> SealedCodec:
        """A codec for a file being encrypted now, with a new salt."""
        params = params or KdfParams.fresh()
        key, check = derive(passphrase, params)
        _KEYS[_cache_key(params)] = (key, check)
        return cls(params, key, check, content)

    def matches(self, header: Header) -> bool:
        return header.params == self.params and hmac.compare_digest(header.check, self._check)

    def encode(self, tree: Tree) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, orjson.dumps(tree), self._header)
        return self._header + nonce + sealed

    def decode(self, data: bytes) -> Tree:
        header = parse_header(data)
        if not self.matches(header):
            raise ValueError(_("the file was encrypted with another key than the one in use"))
        body = data[len(header.raw) :]
        if len(body) < NONCE_BYTES + 16:
            raise ValueError(_("the encrypted file is cut short (unexpected end)"))
        try:
            plain = self._aead.decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], header.raw)
        except InvalidTag:
            raise ValueError(
                _("the encrypted JSON fails its integrity check: it was cut short or altered")
            ) from None
        tree = orjson.loads(plain)
        if not isinstance(tree, dict):
            raise ValueError(_("the file does not hold a JSON object"))
        return tree


class DamagedCodec:
    """Stands for a file whose header cannot be read, so that the caller reports it as damaged."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def encode(self, tree: Tree) -> bytes:
        raise ValueError(self.reason)

    def decode(self, data: bytes) -> Tree:
        raise ValueError(self.reason)


def _cache_key(params: KdfParams) -> tuple[bytes, int, int, int]:
    return (params.salt, params.n, params.r, params.p)


def codec_for_file(
    data: bytes, path: Path, passphrase: PassphraseSource | None, current: Codec | None
) -> Codec:
    """The codec that opens an encrypted file, asking for the passphrase only when needed.

    The current codec is kept when the file still carries its salt; a key derived earlier in
    this process is reused; otherwise the passphrase is asked for and checked.
    """
    try:
        header = parse_header(data)
    except ValueError as exc:
        return DamagedCodec(str(exc))
    if isinstance(current, SealedCodec) and current.matches(header):
        return current
    cached = _KEYS.get(_cache_key(header.params))
    if cached is not None and hmac.compare_digest(cached[1], header.check):
        return SealedCodec(header.params, *cached)
    if passphrase is None:
        raise PassphraseNeeded(
            _(
                "{path} is encrypted: give its passphrase (FIELDKIT_PASSPHRASE or the prompt)"
            ).format(path=path)
        )
    key, check = derive(passphrase(), header.params)
    if not hmac.compare_digest(check, header.check):
        raise WrongPassphrase(about=path)
    _KEYS[_cache_key(header.params)] = (key, check)
    return SealedCodec(header.params, key, check)


def open_sealed(data: bytes, passphrase: str, name: str) -> Tree:
    """The tree of a file sealed with its own passphrase (an encrypted bundle)."""
    header = parse_header(data)
    key, check = derive(passphrase, header.params)
    if not hmac.compare_digest(check, header.check):
        raise WrongPassphrase(about=name)
    return SealedCodec(header.params, key, check).decode(data)


#: scrypt cost for a profile PIN: it only stands between a passer-by and the screen.
PIN_N = 2**14


def hash_pin(pin: str) -> str:
    """`scrypt$N$salt$hash` of a PIN, for the profile (the PIN itself is never stored)."""
    params = KdfParams(salt=os.urandom(SALT_BYTES), n=PIN_N)
    key, _ = derive(pin, params)
    return f"scrypt${params.n}${_b64(params.salt)}${_b64(key)}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        kind, n, salt, expected = stored.split("$")
        params = KdfParams(salt=base64.b64decode(salt), n=int(n))
        if kind != "scrypt" or 128 * params.n * params.r > MAX_MEMORY:
            return False
        key, _ = derive(pin, params)
    except (ValueError, WrongPassphrase):
        return False
    return hmac.compare_digest(key, base64.b64decode(expected))


def passphrase_opens(path: Path, passphrase: str) -> bool:
    """Whether `passphrase` opens the encrypted file at `path` (slow: derives the key)."""
    with path.open("rb") as handle:
        header = parse_header(handle.read(MAX_HEADER + len(ENCRYPTED_MAGIC) + 2))
    try:
        _, check = derive(passphrase, header.params)
    except WrongPassphrase:
        return False
    return hmac.compare_digest(check, header.check)


def forget_keys() -> None:
    """Drop every derived key kept by this process."""
    _KEYS.clear()
