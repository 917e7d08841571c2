#!/usr/bin/env python3
"""Keep fieldkit's message catalogues in step with the code (run from the repository root).

    .venv/bin/python tools/catalogues.py extract   # src/ -> src/fieldkit/locale/fieldkit.pot
    .venv/bin/python tools/catalogues.py update    # .pot -> each language's .po (new msgids)
    .venv/bin/python tools/catalogues.py compile   # each .po -> .mo, shipped in the package
    .venv/bin/python tools/catalogues.py all       # the three in turn
    .venv/bin/python tools/catalogues.py check     # exit 1 if a .mo is stale or a msgid untranslated

The compiled .mo files are committed, so `pip install .` needs no build step; a test fails
when one is older than its .po.
"""

from __future__ import annotations

import ast
import io
import os
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "fieldkit" / "locale"
TEMPLATE = LOCALE / "fieldkit.pot"
LANGUAGES = ("ru", "fr")
KEYWORDS = ["-k", "NP_:1c,2"]


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "fieldkit.po"


def compiled(po: Path) -> bytes:
    """The .mo a .po compiles to (fuzzy entries left out, as gettext would)."""
    with po.open("rb") as source:
        catalogue = read_po(source)
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def untranslated(po: Path) -> list[str]:
    """Messages of a .po that have no translation yet, or only a fuzzy one."""
    with po.open("rb") as source:
        catalogue = read_po(source)
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(str(message.id))
    return missing


def _constant(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def help_messages(folder: Path = ROOT / "src" / "fieldkit" / "cli") -> dict[str, str]:
    """The command line's help texts, which Typer takes unmarked: `help=` and docstrings.

    Returns each text with the file it is in. The command line translates them when it starts
    (fieldkit.cli.help_text), so they belong in the catalogue like any marked message.
    """
    found: dict[str, str] = {}
    for source in sorted(folder.glob("*.py")):
        where = str(source.relative_to(ROOT))
        tree = ast.parse(source.read_text(encoding="utf-8"))
        named = {  # module constants given as help=NAME
            target.id: text
            for node in tree.body
            if isinstance(node, ast.Assign) and (text := _constant(node.value))
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        registered = _registered(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    value = keyword.value
                    text = None
                    if keyword.arg == "help":
                        text = _constant(value)
                        if isinstance(value, ast.Name):
                            text = named.get(value.id)
                    if text:
                        found.setdefault(text, where)
            if isinstance(node, ast.FunctionDef) and (
                any(_registers(d) for d in node.decorator_list) or node.name in registered
            ):
                doc = ast.get_docstring(node)
                if doc:
                    found.setdefault(doc, where)
    return found


def _registers(node: ast.expr) -> bool:
    """`app.command(...)` or `app.callback(...)`: what makes a function a command."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("command", "callback")
    )


def _registered(tree: ast.Module) -> set[str]:
    """Functions made commands by a call, `app.command("merge")(merge_cmd)`."""
    return {
        node.args[0].id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _registers(node.func)
        and node.args
        and isinstance(node.args[0], ast.Name)
    }


def add_help_messages() -> None:
    with TEMPLATE.open("rb") as source:
        catalogue = read_po(source)
    for text, where in help_messages().items():
        if text not in catalogue:
            catalogue.add(text, locations=[(where, None)], auto_comments=["command-line help"])
    with TEMPLATE.open("wb") as out:
        write_po(out, catalogue, width=0, sort_by_file=True, include_lineno=False)


def babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", *args])


def extract() -> None:
    LOCALE.mkdir(parents=True, exist_ok=True)
    os.chdir(ROOT)  # locations in the catalogues are relative to the repository
    babel(
        "extract", "-F", "babel.cfg", *KEYWORDS, "--sort-by-file", "--add-location=file",
        "--no-wrap", "--project", "fieldkit", "--copyright-holder", "fieldkit",
        "-o", str(TEMPLATE.relative_to(ROOT)), ".",
    )  # fmt: skip
    add_help_messages()


def update() -> None:
    for language in LANGUAGES:
        command = "update" if po_path(language).exists() else "init"
        extra = ["--no-wrap", "--ignore-obsolete"] if command == "update" else ["--no-wrap"]
        babel(command, "-D", "fieldkit", "-i", str(TEMPLATE), "-d", str(LOCALE),
              "-l", language, *extra)  # fmt: skip


def compile_all() -> None:
    for language in LANGUAGES:
        po = po_path(language)
        po.with_suffix(".mo").write_bytes(compiled(po))
        print(f"compiled {po.with_suffix('.mo').relative_to(ROOT)}")


def check() -> int:
    problems = []
    for language in LANGUAGES:
        po = po_path(language)
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(po):
            problems.append(f"{mo.relative_to(ROOT)} is older than its .po: run compile")
        problems += [f"{language}: untranslated: {msgid!r}" for msgid in untranslated(po)]
    print("\n".join(problems) or "catalogues complete and compiled")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    steps = {"extract": extract, "update": update, "compile": compile_all}
    if len(argv) != 1 or argv[0] not in (*steps, "all", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "check":
        return check()
    for name in steps if argv[0] == "all" else [argv[0]]:
        steps[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
