"""The app uses Textual's public API only, so a minor Textual release cannot break it silently.

Fails on any `textual._` import in `src/fieldkit/ui`, on a fieldkit class overriding an
underscored member of a Textual class, and on any use of an underscored attribute that
Textual defines and fieldkit does not (the one exception is the one Textual's guide
prescribes: `TextArea._on_key`, to change what a key types).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import textual

import fieldkit.ui

UI = Path(fieldkit.ui.__file__).parent
PRESCRIBED = {"_on_key"}  # Textual guide, "TextArea": override `_on_key` to change keys


def _sources() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def _textual_private_names() -> set[str]:
    """Every underscored (not dunder) name Textual's classes define."""
    names: set[str] = set()
    for info in pkgutil.walk_packages(textual.__path__, "textual."):
        if info.name.startswith(("textual.demo", "textual.__main__", "textual.cli")):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - optional extras Textual does not need here
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__.startswith("textual"):
                names.update(n for n in vars(cls) if n.startswith("_") and not n.startswith("__"))
    return names


def _fieldkit_names(trees: list[ast.Module]) -> set[str]:
    """Underscored names fieldkit defines itself (functions, methods, attributes)."""
    names: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return names


def test_no_private_textual_module_is_imported() -> None:
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            else:
                continue
            for module in modules:
                parts = module.split(".")
                if parts[0] == "textual" and any(p.startswith("_") for p in parts[1:]):
                    found.append(f"{path.name}:{node.lineno} {module}")
    assert found == []


def test_no_underscored_textual_member_is_used() -> None:
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in _sources()]
    private = _textual_private_names() - _fieldkit_names(trees) - PRESCRIBED
    used = sorted(
        f"{path.name}:{node.lineno} .{node.attr}"
        for path, tree in zip(_sources(), trees, strict=True)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in private
    )
    assert used == []


def test_no_underscored_textual_member_is_overridden() -> None:
    overridden = []
    for info in pkgutil.walk_packages(fieldkit.ui.__path__, "fieldkit.ui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            textual_bases = [b for b in cls.__mro__[1:] if b.__module__.startswith("textual")]
            for name, member in vars(cls).items():
                if not name.startswith("_") or name.startswith("__") or name in PRESCRIBED:
                    continue
                if not (inspect.isfunction(member) or isinstance(member, property)):
                    continue  # what Textual's metaclass adds to every class
                if any(name in vars(base) for base in textual_bases):
                    overridden.append(f"{cls.__name__}.{name}")
    assert overridden == []


def test_the_check_finds_what_it_forbids(tmp_path: Path) -> None:
    """The private-name scan itself works: Textual's own scroll internals are caught."""
    private = _textual_private_names()
    assert {"_scroll_update", "_dispatch_message", "_handle_exception"} <= private
