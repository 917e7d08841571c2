"""Where the mission file is and who is writing: flags, environment, profile, defaults."""

from __future__ import annotations

import getpass
import logging
import os
from datetime import date
from pathlib import Path

import orjson

DEFAULT_DB = Path("data") / "mission.json"
DEFAULT_EXPORTS = Path("exports")

log = logging.getLogger(__name__)


def db_path(flag: Path | None) -> Path:
    """`--db`, else `FIELDKIT_DB`, else `data/mission.json` under the current folder."""
    if flag is not None:
        return flag.expanduser()
    env = os.environ.get("FIELDKIT_DB")
    if env:
        return Path(env).expanduser()
    return DEFAULT_DB


def profile_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "fieldkit" / "profile.json"


def read_profile() -> dict[str, str]:
    try:
        data = orjson.loads(profile_path().read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def write_profile(name: str) -> Path:
    return update_profile(name=name)


def update_profile(**fields: str | None) -> Path:
    """Set (or, with None, remove) fields of the profile; the others are kept."""
    from fieldkit.storage.atomic import atomic_write
    from fieldkit.storage.folders import private_folder

    path = profile_path()
    private_folder(path.parent)
    profile = read_profile() | {k: v for k, v in fields.items() if v is not None}
    profile = {k: v for k, v in profile.items() if fields.get(k, "") is not None}
    atomic_write(path, orjson.dumps(profile, option=orjson.OPT_INDENT_2))
    return path


def named_author() -> str:
    """`FIELDKIT_AUTHOR`, else the profile's name, else "": the name documents carry.

    Unlike `author()`, never the system login: a document sent on must not say "root".
    """
    env = os.environ.get("FIELDKIT_AUTHOR", "").strip()
    if env:
        return env
    return read_profile().get("name", "").strip()


def today() -> date:
    """Today, or the day in `FIELDKIT_TODAY` (to rehearse a past or future mission's days)."""
    fixed = os.environ.get("FIELDKIT_TODAY", "").strip()
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            log.warning("FIELDKIT_TODAY=%r is not a date like 2017-04-12; using today", fixed)
    return date.today()


def author() -> str:
    """`FIELDKIT_AUTHOR`, else the profile's name, else the system user name. Never prompts."""
    env = os.environ.get("FIELDKIT_AUTHOR", "").strip()
    if env:
        return env
    name = read_profile().get("name", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
