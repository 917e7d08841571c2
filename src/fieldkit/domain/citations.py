"""How items are cited: 'CCPR/C/KAZ/CO/2, para 24(b)', 'A/HRC/14/10, rec 95.42 (Australia)'."""

from __future__ import annotations

from fieldkit.domain.items import Item, normalise_limb_label
from fieldkit.domain.vocab import ItemKind, Mechanism
from fieldkit.i18n import _, pgettext


def cite(item: Item, limb: str = "") -> str:
    """The citation of an item, or of one of its limbs."""
    ref = item.reference
    if item.mechanism is Mechanism.UPR and item.kind is ItemKind.RECOMMENDATION:
        body = pgettext("citation", "rec {reference}").format(reference=ref) if ref else _("rec")
        states = f" ({', '.join(item.recommending_states)})" if item.recommending_states else ""
        head = f"{item.document_symbol}, {body}" if item.document_symbol else body
        return head + states
    label = normalise_limb_label(limb)
    suffix = f"({label})" if label else ""
    if not ref:
        return item.document_symbol or item.short_ref
    if item.document_symbol:
        return f"{item.document_symbol}, {ref}{suffix}"
    return f"{ref}{suffix}"
