"""The controlled vocabularies of the domain, as the UN and the delegations use them.

A word's value is its key: English, stored in files and used on the command line and in JSON.
Its `label` is the word a person reads, in the chosen language (see docs/glossary.md).
"""

from __future__ import annotations

from enum import StrEnum

from fieldkit.i18n import NP_, pgettext


class Word(StrEnum):
    """A vocabulary word: the value is the key, the label is for people."""

    @property
    def label(self) -> str:
        """The word in the chosen language: `accepts` -> `принимает`, `accepte`."""
        context, english = LABELS[type(self)][self.value]
        return pgettext(context, english)


class Mechanism(Word):
    UPR = "UPR"
    CCPR = "CCPR"
    CAT = "CAT"
    CESCR = "CESCR"
    CEDAW = "CEDAW"
    CRC = "CRC"
    CRPD = "CRPD"
    CERD = "CERD"
    CMW = "CMW"
    CED = "CED"
    SP = "SP"
    OTHER = "OTHER"

    @property
    def is_treaty_body(self) -> bool:
        return self not in (Mechanism.UPR, Mechanism.SP, Mechanism.OTHER)

    @property
    def full_name(self) -> str:
        """The mechanism's full name, as the UN writes it in the chosen language."""
        context, english = TITLES[self]
        return pgettext(context, english)


class ItemKind(Word):
    RECOMMENDATION = "recommendation"
    PLEDGE = "pledge"
    QUESTION = "question"


class Position(Word):
    """The State's position on a UPR recommendation."""

    SUPPORTED = "supported"
    NOTED = "noted"
    PENDING = "pending"


class NoteKind(Word):
    STATEMENT = "statement"
    COMMITMENT = "commitment"
    CONCERN = "concern"
    QUESTION = "question"
    FOLLOW_UP = "follow-up"
    QUOTE = "quote"
    OBSERVATION = "observation"


class Stance(Word):
    """What an official said for the State about one item."""

    ACCEPTS = "accepts"
    PARTIALLY_ACCEPTS = "partially-accepts"
    UNDER_CONSIDERATION = "under-consideration"
    REJECTS = "rejects"
    DISPUTES_FACTS = "disputes-facts"
    NO_ANSWER = "no-answer"


class Implementation(Word):
    NOT = "not"
    PARTIALLY = "partially"
    FULLY = "fully"
    UNKNOWN = "unknown"


class Confidentiality(Word):
    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"


class MeetingStatus(Word):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class InstitutionType(Word):
    GOVERNMENT = "government"
    PARLIAMENT = "parliament"
    PROSECUTOR = "prosecutor"
    COURT = "court"
    NHRI = "nhri"
    NGO = "ngo"
    DIPLOMATIC_MISSION = "diplomatic-mission"
    UN = "un"
    OTHER = "other"


class ActionStatus(Word):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class AssessorKind(Word):
    """Who made an assessment recorded outside the mission."""

    TREATY_BODY_FOLLOW_UP = "treaty-body-follow-up"
    UPR_INFO_MID_TERM = "upr-info-mid-term"
    STATE_REPORT = "state-report"
    OTHER = "other"


TITLES: dict[Mechanism, tuple[str, str]] = {
    Mechanism.UPR: NP_("mechanism", "Universal Periodic Review"),
    Mechanism.CCPR: NP_("mechanism", "Human Rights Committee"),
    Mechanism.CAT: NP_("mechanism", "Committee against Torture"),
    Mechanism.CESCR: NP_("mechanism", "Committee on Economic, Social and Cultural Rights"),
    Mechanism.CEDAW: NP_(
        "mechanism", "Committee on the Elimination of Discrimination against Women"
    ),
    Mechanism.CRC: NP_("mechanism", "Committee on the Rights of the Child"),
    Mechanism.CRPD: NP_("mechanism", "Committee on the Rights of Persons with Disabilities"),
    Mechanism.CERD: NP_("mechanism", "Committee on the Elimination of Racial Discrimination"),
    Mechanism.CMW: NP_("mechanism", "Committee on Migrant Workers"),
    Mechanism.CED: NP_("mechanism", "Committee on Enforced Disappearances"),
    Mechanism.SP: NP_("mechanism", "Special procedures"),
    Mechanism.OTHER: NP_("mechanism", "Other mechanism"),
}

LABELS: dict[type[Word], dict[str, tuple[str, str]]] = {
    Mechanism: {
        "UPR": NP_("mechanism abbreviation", "UPR"),
        "CCPR": NP_("mechanism abbreviation", "CCPR"),
        "CAT": NP_("mechanism abbreviation", "CAT"),
        "CESCR": NP_("mechanism abbreviation", "CESCR"),
        "CEDAW": NP_("mechanism abbreviation", "CEDAW"),
        "CRC": NP_("mechanism abbreviation", "CRC"),
        "CRPD": NP_("mechanism abbreviation", "CRPD"),
        "CERD": NP_("mechanism abbreviation", "CERD"),
        "CMW": NP_("mechanism abbreviation", "CMW"),
        "CED": NP_("mechanism abbreviation", "CED"),
        "SP": NP_("mechanism abbreviation", "SP"),
        "OTHER": NP_("mechanism abbreviation", "other"),
    },
    ItemKind: {
        "recommendation": NP_("item kind", "recommendation"),
        "pledge": NP_("item kind", "pledge"),
        "question": NP_("item kind", "question"),
    },
    Position: {
        "supported": NP_("UPR position", "supported"),
        "noted": NP_("UPR position", "noted"),
        "pending": NP_("UPR position", "pending"),
    },
    NoteKind: {
        "statement": NP_("note kind", "statement"),
        "commitment": NP_("note kind", "commitment"),
        "concern": NP_("note kind", "concern"),
        "question": NP_("note kind", "question"),
        "follow-up": NP_("note kind", "follow-up"),
        "quote": NP_("note kind", "quote"),
        "observation": NP_("note kind", "observation"),
    },
    Stance: {
        "accepts": NP_("stance", "accepts"),
        "partially-accepts": NP_("stance", "partially accepts"),
        "under-consideration": NP_("stance", "under consideration"),
        "rejects": NP_("stance", "rejects"),
        "disputes-facts": NP_("stance", "disputes facts"),
        "no-answer": NP_("stance", "no answer"),
    },
    Implementation: {
        "not": NP_("implementation", "not"),
        "partially": NP_("implementation", "partially"),
        "fully": NP_("implementation", "fully"),
        "unknown": NP_("implementation", "unknown"),
    },
    Confidentiality: {
        "public": NP_("confidentiality", "public"),
        "internal": NP_("confidentiality", "internal"),
        "confidential": NP_("confidentiality", "confidential"),
    },
    MeetingStatus: {
        "planned": NP_("meeting status", "planned"),
        "held": NP_("meeting status", "held"),
        "cancelled": NP_("meeting status", "cancelled"),
    },
    InstitutionType: {
        "government": NP_("institution type", "government"),
        "parliament": NP_("institution type", "parliament"),
        "prosecutor": NP_("institution type", "prosecutor"),
        "court": NP_("institution type", "court"),
        "nhri": NP_("institution type", "NHRI"),
        "ngo": NP_("institution type", "NGO"),
        "diplomatic-mission": NP_("institution type", "diplomatic mission"),
        "un": NP_("institution type", "UN"),
        "other": NP_("institution type", "other"),
    },
    ActionStatus: {
        "open": NP_("action status", "open"),
        "done": NP_("action status", "done"),
        "dropped": NP_("action status", "dropped"),
    },
    AssessorKind: {
        "treaty-body-follow-up": NP_("assessor", "treaty body follow-up"),
        "upr-info-mid-term": NP_("assessor", "UPR Info mid-term"),
        "state-report": NP_("assessor", "State report"),
        "other": NP_("assessor", "other"),
    },
}
