"""`fieldkit --db PATH COMMAND` works on PATH, never on the default mission file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import cli


def test_db_before_the_command_names_the_file_it_works_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FIELDKIT_DB", raising=False)
    default = tmp_path / "data" / "mission.json"
    assert cli("init", "--name", "Default", "--country", "Chad").exit_code == 0
    (tmp_path / "stick").mkdir()
    named = tmp_path / "stick" / "m.json"
    assert cli("--db", named, "init", "--name", "Named", "--country", "Chad").exit_code == 0
    assert named.exists()
    result = cli("--db", named, "note", "add", "-h")
    assert result.exit_code == 0
    result = cli("--db", named, "shred", "--yes")
    assert result.exit_code == 0, result.output
    assert not named.exists()
    assert default.exists()
