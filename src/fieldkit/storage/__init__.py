"""The mission file: one TinyDB JSON file, saved atomically under a cross-process lock."""
