"""The Textual app: screens, widgets and the command table. Imports the core, never back.

How data flows, one way:
- Write only through the app: `await self.app.write(lambda tx: tx.put(...))` runs the
  transaction in a worker thread and returns what the lambda returns (or raises the typed
  storage error: nothing was saved). `with self.app.writing() as tx:` is the same write on
  the calling thread, for the few that must finish first (a form that closes once saved).
- Every new version of the mission, a write of ours or another process's (noticed by the
  file watcher, `storage/watch.py`), is announced once by `app.announce(change)`: the app's
  `change` reactive is set (a `changes.Change`: the snapshot, the tables and ids changed)
  and a `MissionChanged` message is posted. Nobody polls; nobody redraws by hand.

How a screen joins:
- Subclass `screens.base.FieldkitScreen`; list the tables it shows in `TABLES` and
  implement `refresh_data(data)`. Its `data` reactive follows the app's changes while the
  screen is in front (and catches up when it comes back); `watch_data` calls
  `refresh_data`. Bind child widgets to the screen's reactives with `data_bind`.
- Declare its commands once in `commands.COMMANDS` (id, name, action, help, key, the scopes
  they apply to); set `SCOPES = ("my-screen",)` and `BINDINGS = commands.bindings(*SCOPES)`.
  The footer, the `?` help screen and the palette (ctrl+p) are built from the same table.
- Words: every word on screen goes through `fieldkit.i18n` (`_`, `ngettext`, vocabulary
  `.label`, `format_date`). Names and help in `COMMANDS` are `N_()`, translated where they
  are shown (`FieldkitScreen.active_bindings` for the footer, the help screen, the palette),
  since the table is built before the language is chosen. Keys are the same in every language.
- Register its name in `app.SCREENS_BY_NAME` if keys reach it by name (`app.show(name)`).
- Errors: actions, palette commands and workers all reach `errors.report`; wrap a message
  handler that does real work in `errors.guarded`. Textual's public API only (a test checks).
"""
