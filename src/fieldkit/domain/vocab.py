"""The controlled vocabularies of the domain, as the UN and the delegations use them."""

from __future__ import annotations

from enum import StrEnum


class Mechanism(StrEnum):
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


class ItemKind(StrEnum):
    RECOMMENDATION = "recommendation"
    PLEDGE = "pledge"
    QUESTION = "question"


class Position(StrEnum):
    """The State's position on a UPR recommendation."""

    SUPPORTED = "supported"
    NOTED = "noted"
    PENDING = "pending"


class NoteKind(StrEnum):
    STATEMENT = "statement"
    COMMITMENT = "commitment"
    CONCERN = "concern"
    QUESTION = "question"
    FOLLOW_UP = "follow-up"
    QUOTE = "quote"
    OBSERVATION = "observation"


class Stance(StrEnum):
    """What an official said for the State about one item."""

    ACCEPTS = "accepts"
    PARTIALLY_ACCEPTS = "partially-accepts"
    UNDER_CONSIDERATION = "under-consideration"
    REJECTS = "rejects"
    DISPUTES_FACTS = "disputes-facts"
    NO_ANSWER = "no-answer"

    @property
    def label(self) -> str:
        """The stance as words, for screens and documents."""
        return self.value.replace("-", " ")


class Implementation(StrEnum):
    NOT = "not"
    PARTIALLY = "partially"
    FULLY = "fully"
    UNKNOWN = "unknown"


class Confidentiality(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class InstitutionType(StrEnum):
    GOVERNMENT = "government"
    PARLIAMENT = "parliament"
    PROSECUTOR = "prosecutor"
    COURT = "court"
    NHRI = "nhri"
    NGO = "ngo"
    DIPLOMATIC_MISSION = "diplomatic-mission"
    UN = "un"
    OTHER = "other"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class AssessorKind(StrEnum):
    """Who made an assessment recorded outside the mission."""

    TREATY_BODY_FOLLOW_UP = "treaty-body-follow-up"
    UPR_INFO_MID_TERM = "upr-info-mid-term"
    STATE_REPORT = "state-report"
    OTHER = "other"
