"""The Human Rights Committee's follow-up grades, with the sub-grades used before 2017."""

from __future__ import annotations

from enum import StrEnum

from fieldkit.i18n import N_, _, pgettext


class Grade(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    D1 = "D1"
    D2 = "D2"

    @property
    def letter(self) -> str:
        """The main grade a legacy sub-grade belongs to."""
        return self.value[0]

    @property
    def meaning(self) -> str:
        """What the grade says, as the Committee words it in the chosen language."""
        return _(MEANINGS[self])

    @property
    def rank(self) -> float:
        """Lower is better; sub-grades sit between their neighbours."""
        base = "ABCDE".index(self.letter)
        return base + (0.0 if len(self.value) == 1 else (int(self.value[1]) - 1.5) * 0.25)


MEANINGS: dict[Grade, str] = {
    Grade.A: N_("Reply/action largely satisfactory"),
    Grade.B: N_("Reply/action partially satisfactory"),
    Grade.C: N_("Reply/action not satisfactory"),
    Grade.D: N_("No cooperation with the Committee"),
    Grade.E: N_(
        "Information or measures contrary to or reflecting rejection of the recommendation"
    ),
    Grade.B1: N_("Substantive action taken, but additional information required"),
    Grade.B2: N_("Initial action taken, but additional information and measures required"),
    Grade.C1: N_("Response received, but actions taken do not implement the recommendation"),
    Grade.C2: N_("Response received, but not relevant to the recommendation"),
    Grade.D1: N_("No response to one or more of the follow-up recommendations"),
    Grade.D2: N_("No response after reminder(s)"),
}


def parse_grade(text: str) -> Grade:
    """Read a grade as people write it: 'b', ' B2 ', 'B-1'."""
    cleaned = text.strip().upper().replace("-", "").replace(" ", "")
    try:
        return Grade(cleaned)
    except ValueError:
        choices = ", ".join(g.value for g in Grade)
        message = _("unknown grade {grade} (expected one of {choices})")
        raise ValueError(message.format(grade=repr(text), choices=choices)) from None


def trend(previous: Grade | None, latest: Grade | None) -> str:
    """How the grade moved between two assessments, in words."""
    if previous is None or latest is None:
        return pgettext("grade trend", "new") if latest is not None and previous is None else ""
    if latest.rank < previous.rank:
        return pgettext("grade trend", "improved")
    if latest.rank > previous.rank:
        return pgettext("grade trend", "worsened")
    return pgettext("grade trend", "unchanged")
