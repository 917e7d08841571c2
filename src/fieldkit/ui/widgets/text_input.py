"""A one-line text box in which `?` still shows the keys, as everywhere.

In an empty box `?` opens the keys of the screen; after some text it is a question mark.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class FieldInput(Input):
    """An `Input` whose `?` shows the keys while nothing is typed in it."""

    async def on_key(self, event: events.Key) -> None:
        if event.key == "question_mark" and not self.value.strip():
            event.prevent_default()
            event.stop()
            await self.run_action("app.help")
