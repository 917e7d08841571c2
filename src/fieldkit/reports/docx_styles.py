"""The named Word styles the exports use, made present in whatever template they start from.

A drafting team's template restyles the documents only if every paragraph carries a named
style; a template lacking one (a plain letterhead has no List Bullet or Caption) gets it, and
the numbering a list style needs, copied from python-docx's default template, so that no
export ever fails on a missing style.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

import docx
from docx.document import Document
from docx.oxml.ns import qn

#: Every style name the exports refer to.
USED_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "Quote",
    "Caption",
    "Table Grid",
    "Strong",
    "Header",
    "Footer",
)


@lru_cache(maxsize=1)
def _default() -> Document:
    return docx.Document()


def _style_elements(document: Document) -> Any:
    return document.styles.element


def _by_id(styles_el: Any) -> dict[str, Any]:
    return {s.get(qn("w:styleId")): s for s in styles_el.iterchildren(qn("w:style"))}


def _by_name(styles_el: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for style in styles_el.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            found.setdefault(name.get(qn("w:val")).lower(), style)
    return found


def ensure_styles(document: Document, names: tuple[str, ...] = USED_STYLES) -> dict[str, str]:
    """Make every named style exist in `document`; return each name's style id.

    Names are matched as Word does (case-insensitively, 'caption' for 'Caption'). Styles a
    copied style is based on, linked to or followed by are copied too when missing.
    """
    target_by_name = _by_name(_style_elements(document))
    ids: dict[str, str] = {}
    for name in names:
        have = target_by_name.get(name.lower())
        if have is None:
            # Only now load the default template: most documents lack nothing.
            source = _style_elements(_default())
            wanted = _by_name(source)[name.lower()]
            have = _copy_style(document, wanted, _by_id(source))
            target_by_name = _by_name(_style_elements(document))
        ids[name] = have.get(qn("w:styleId"))
    return ids


def _copy_style(document: Document, style: Any, source_by_id: dict[str, Any]) -> Any:
    target = _style_elements(document)
    existing = _by_id(target)
    style_id = style.get(qn("w:styleId"))
    if style_id in existing:
        # The id is taken by a differently named style: copy under a fresh id.
        style_id = f"{style_id}Fieldkit"
    clone = copy.deepcopy(style)
    clone.set(qn("w:styleId"), style_id)
    target.append(clone)
    for ref in ("w:basedOn", "w:link", "w:next"):
        el = clone.find(qn(ref))
        if el is None:
            continue
        other = el.get(qn("w:val"))
        if other in _by_id(target):
            continue
        if other in source_by_id:
            _copy_style(document, source_by_id[other], source_by_id)
        else:
            clone.remove(el)
    num_id = clone.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is not None:
        num_id.set(qn("w:val"), _copy_numbering(document, num_id.get(qn("w:val"))))
    return clone


def _copy_numbering(document: Document, num_id: str) -> str:
    """Copy a list definition from the default template; return its id in `document`."""
    source = _default().part.numbering_part.element
    target = document.part.numbering_part.element
    num = next(n for n in source.iterchildren(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a
        for a in source.iterchildren(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == abstract_id
    )
    new_abstract_id = str(
        max(
            (int(a.get(qn("w:abstractNumId"))) for a in target.iterchildren(qn("w:abstractNum"))),
            default=-1,
        )
        + 1
    )
    new_num_id = str(
        max((int(n.get(qn("w:numId"))) for n in target.iterchildren(qn("w:num"))), default=0) + 1
    )
    abstract_copy = copy.deepcopy(abstract)
    abstract_copy.set(qn("w:abstractNumId"), new_abstract_id)
    for pstyle in abstract_copy.iter(qn("w:pStyle")):
        pstyle.getparent().remove(pstyle)
    last_abstract = None
    for last_abstract in target.iterchildren(qn("w:abstractNum")):  # noqa: B007
        pass
    if last_abstract is not None:
        last_abstract.addnext(abstract_copy)
    else:
        target.insert(0, abstract_copy)
    num_copy = copy.deepcopy(num)
    num_copy.set(qn("w:numId"), new_num_id)
    num_copy.find(qn("w:abstractNumId")).set(qn("w:val"), new_abstract_id)
    first_num = target.find(qn("w:num"))
    if first_num is not None:
        # Keep the schema's order: every abstractNum before the first num.
        target.append(num_copy)
    else:
        abstract_copy.addnext(num_copy)
    return new_num_id
