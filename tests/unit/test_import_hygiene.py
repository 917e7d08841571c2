"""The domain and the command line's fast paths do not load the UI or document libraries."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import fieldkit.domain

HEAVY = ("textual", "tinydb", "docx", "openpyxl", "xlrd", "fieldkit.ui", "fieldkit.storage")


def _loaded_after(statement: str) -> set[str]:
    code = f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_domain_modules_import_no_ui_storage_or_docx() -> None:
    for module in pkgutil.iter_modules(fieldkit.domain.__path__):
        loaded = _loaded_after(f"import fieldkit.domain.{module.name}")
        leaked = {m for m in loaded for heavy in HEAVY if m == heavy or m.startswith(heavy + ".")}
        assert not leaked, f"fieldkit.domain.{module.name} loads {sorted(leaked)}"


def test_command_line_does_not_load_the_app_or_documents_to_add_a_note() -> None:
    loaded = _loaded_after("import fieldkit.cli")
    for heavy in ("textual", "docx", "openpyxl", "xlrd", "cryptography"):
        assert heavy not in loaded, f"`import fieldkit.cli` loads {heavy}"
