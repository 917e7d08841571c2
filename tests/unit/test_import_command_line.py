"""`fieldkit import` runs with only its own command loaded, and behaves as in the whole CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from fieldkit import cli
from tests.helpers import cli_process

UPR_2014 = (
    Path(__file__).parent.parent / "fixtures" / "upr-info-export_kazakhstan_session20_2014.csv"
)


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["import", "a.csv"], "import"),
        (["--db", "m.json", "import", "a.csv"], "import"),
        (["--db=m.json", "import"], "import"),
        (["--db", "import", "import"], "import"),
        (["--help", "import"], None),
        (["-h"], None),
        ([], None),
        (["items", "--json"], "items"),
    ],
)
def test_the_command_is_found_past_the_options_before_it(
    args: list[str], command: str | None
) -> None:
    assert cli.command_in(args) == command


def test_a_command_alone_is_the_one_the_whole_command_line_has() -> None:
    whole = typer.main.get_command(cli.app)
    for name, module in cli.ALONE.items():
        alone = typer.main.get_command(cli.build([module]))
        assert list(getattr(alone, "commands", {})) == [name]
        mine, theirs = alone.commands[name], whole.commands[name]  # type: ignore[attr-defined]
        assert [p.name for p in mine.params] == [p.name for p in theirs.params]
        assert mine.help == theirs.help


def test_the_import_process_takes_db_before_the_command(tmp_path: Path) -> None:
    mission = tmp_path / "m.json"
    created = cli_process("init", "--name", "Astana", "--country", "Kazakhstan", "--db", mission)
    assert created.returncode == 0, created.stderr
    done = cli_process("--db", mission, "import", UPR_2014, "--json")
    assert done.returncode == 0, done.stderr
    assert '"added"' in done.stdout and mission.stat().st_size > 100_000
