"""The peer of fieldkit's first screen: a bare Textual app showing a DataTable of the same items.

It reads the mission file with orjson and shows every item in a DataTable with the items
browser's columns, nothing else: what any Textual app must pay to show these rows.

    python -m bench.bare MISSION.json
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson
from textual.app import App, ComposeResult
from textual.widgets import DataTable

COLUMNS = ("Ref", "Body", "Year", "By", "Position", "Themes", "Priority")


def rows(path: Path) -> list[tuple[str, ...]]:
    tree: dict[str, Any] = orjson.loads(path.read_bytes())
    out: list[tuple[str, ...]] = []
    for doc in (tree.get("items") or {}).values():
        states = ", ".join(doc.get("recommending_states") or ()) or doc.get("mechanism", "")
        out.append(
            (
                doc.get("reference", ""),
                doc.get("mechanism", ""),
                str(doc.get("year") or ""),
                states,
                doc.get("position") or "",
                "; ".join(doc.get("themes") or ()),
                str(doc.get("priority") or ""),
            )
        )
    return out


class BareTable(App[None]):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.add_rows(rows(self.path))


if __name__ == "__main__":
    BareTable(Path(sys.argv[1])).run()
