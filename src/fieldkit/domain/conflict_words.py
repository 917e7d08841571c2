"""Conflicts in a delegate's words: which kind of record, which field (the keys stay the
stored ones in JSON and on the command line's `--keep`)."""

from __future__ import annotations

from fieldkit.domain.history import DELETED
from fieldkit.i18n import N_, _

TABLE_WORDS = {
    "mission": N_("mission"),
    "items": N_("item"),
    "institutions": N_("institution"),
    "people": N_("person"),
    "meetings": N_("meeting"),
    "notes": N_("note"),
    "responses": N_("response"),
    "actions": N_("follow-up action"),
}

#: The fields a conflict can be on, as a delegate names them (the key stays the field's).
FIELD_WORDS = {
    DELETED: N_("deleted or kept"),
    "text": N_("text"),
    "title": N_("title"),
    "name": N_("name"),
    "status": N_("status"),
    "stance": N_("stance"),
    "grade": N_("grade"),
    "quote": N_("quote"),
    "commitment": N_("commitment"),
    "deadline": N_("deadline"),
    "owner": N_("owner"),
    "due": N_("due"),
    "kind": N_("kind"),
    "place": N_("place"),
    "summary": N_("summary"),
    "agenda": N_("agenda"),
    "confidentiality": N_("confidentiality"),
    "speaker_id": N_("speaker"),
    "limb": N_("limb"),
    "implementation": N_("implementation"),
    "starts_at": N_("date and time"),
    "priority": N_("priority"),
    "notes": N_("notes"),
}


def field_words(field: str) -> str:
    """A field as a delegate names it: 'stance' → 'позиция'; 'deleted or kept' for a deletion."""
    word = FIELD_WORDS.get(field)
    return _(word) if word else field.replace("_", " ")


def table_words(table: str) -> str:
    """A kind of record: 'notes' → 'note', 'заметка'."""
    word = TABLE_WORDS.get(table)
    return _(word) if word else table
