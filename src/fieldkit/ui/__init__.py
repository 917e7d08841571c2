"""The Textual app: screens, widgets and the command registry. Imports the core, never back."""
