"""Which encoding a text file is in, and whether that was read or guessed.

UTF-8 (with or without a byte-order mark) is read as such. Anything else is guessed: a file
whose lines end in a bare carriage return is a classic Mac file, so Mac Roman unless its bytes
rule that out (detectors such as charset-normalizer guess cp1250 for these); otherwise
charset-normalizer names the encoding, preferring Windows-1252 (Excel's own on Windows) among
equally likely ones, and Windows-1252 is the last resort. The guess is reported so a
delegate can see a wrong one before trusting the import.
"""

from __future__ import annotations

import dataclasses
import re

from fieldkit.i18n import _

#: Control characters no text file holds; in a Mac Roman reading they rule Mac Roman out.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: Python codec names as a person reads them.
_NAMES = {"mac_roman": "Mac Roman", "cp1252": "Windows-1252", "utf_8": "UTF-8"}


@dataclasses.dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool

    @property
    def note(self) -> str:
        """The report's line, or '' when nothing was guessed."""
        return (
            _("encoding: {encoding} (guessed)").format(encoding=self.encoding)
            if self.guessed
            else ""
        )


def decode(raw: bytes) -> Decoded:
    try:
        return Decoded(raw.decode("utf-8-sig"), "UTF-8", guessed=False)
    except UnicodeDecodeError:
        pass
    if b"\r" in raw and b"\n" not in raw:
        text = raw.decode("mac_roman")
        if not _CONTROLS.search(text):
            return Decoded(text, "Mac Roman", guessed=True)
    from charset_normalizer import from_bytes

    matches = from_bytes(raw)
    best = matches.best()
    if best is not None:
        tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
        best = next((m for m in tied if m.encoding == "cp1252"), best)
        return Decoded(str(best), _name(best.encoding), guessed=True)
    return Decoded(raw.decode("cp1252", errors="replace"), "Windows-1252", guessed=True)


def _name(codec: str) -> str:
    return _NAMES.get(codec, codec.replace("_", "-"))
