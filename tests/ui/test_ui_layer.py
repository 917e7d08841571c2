"""Every module of the user interface is about the screen: pure rules live in domain/."""

from __future__ import annotations

import ast
from pathlib import Path

import fieldkit.ui

UI = Path(fieldkit.ui.__file__).parent


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_every_ui_module_imports_textual_or_rich() -> None:
    modules = [p for p in sorted(UI.rglob("*.py")) if p.name != "__init__.py"]
    assert modules
    pure = [str(p.relative_to(UI)) for p in modules if not imported(p) & {"textual", "rich"}]
    assert pure == [], f"move these pure modules to domain/: {pure}"
