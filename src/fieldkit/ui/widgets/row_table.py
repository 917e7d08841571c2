"""A table whose rows are what the cursor moves over: Home and End go to the first and last."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import BindingType
from textual.widgets import DataTable

from fieldkit.ui import commands


class RowTable(DataTable[Any]):
    """`DataTable` with a row cursor, where Home/End move to the first/last row (Textual's
    own move them sideways, to the first and last column)."""

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings("rows")

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)
