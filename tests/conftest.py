"""Shared fixtures: a fresh demo mission file, and a CLI runner that reports like `fieldkit`."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from fieldkit import i18n, settings
from fieldkit.demo import demo_records
from fieldkit.storage.repository import Store

_DEMO_CACHE: dict[str, bytes] = {}

# In CI every run tries the same examples, so a result is reproducible from its log; on a
# developer's machine each run explores new ones.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No test reads the developer's profile, mission file, passphrase or language."""
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("FIELDKIT_AUTHOR", "Test Delegate")
    monkeypatch.setenv("FIELDKIT_LANG", "en")
    for name in ("FIELDKIT_DB", "FIELDKIT_PASSPHRASE", "FIELDKIT_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    yield
    i18n.activate(i18n.ENGLISH)


def make_demo(path: Path) -> Path:
    """Write the demo mission at `path` (built once per test session, then copied)."""
    if "demo" not in _DEMO_CACHE:
        scratch = path.with_name(path.name + ".build")
        mission, records = demo_records("Test Delegate")
        Store(scratch).create(mission, records)
        _DEMO_CACHE["demo"] = scratch.read_bytes()
        os.unlink(scratch)
        shutil.rmtree(scratch.with_name(scratch.name + ".backups"), ignore_errors=True)
        for leftover in scratch.parent.glob(scratch.name + ".*"):
            leftover.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_DEMO_CACHE["demo"])
    path.chmod(0o600)
    return path


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return make_demo(tmp_path / "mission" / "demo.json")


@pytest.fixture
def demo_store(demo_path: Path) -> Iterator[Store]:
    yield Store(demo_path)


@pytest.fixture
def author() -> str:
    return settings.author()
