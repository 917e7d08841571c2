"""The Textual app: screens, widgets and the command registry. Imports the core, never back.

How a screen joins the app:
- `app.SCREENS_BY_NAME` maps a name to (module, class); `app.show(name)` brings that screen
  to the top, built once and kept, so it keeps its place between visits.
- Subclass `screens.base.FieldkitScreen` and implement `refresh_data(data)`: it runs on
  mount and after every reload (another process's change, or a write of our own).
- Write through `app.transaction()` / `app.save()`, so every screen sees the change at once.
- `commands.register(name, help, run)` puts an action in the palette (ctrl+p); a binding
  with a `tooltip` is offered there too, and on the `?` screen.
- The items browser offers `current_item_id` for commands about "this item".
"""
