"""How domain values read on screen: stances as words, grades with their letter, dates short."""

from __future__ import annotations

from fieldkit.domain.grades import Grade
from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Response
from fieldkit.domain.mission import MissionData
from fieldkit.i18n import N_, _

NO_RESPONSE = N_("no response yet")


def stance_words(response: Response | None) -> str:
    return response.stance.label if response is not None else _(NO_RESPONSE)


def short_stance(response: Response | None) -> str:
    """The stance in the same words as everywhere else ('-' for none); a narrow column
    cuts it, it never says it differently."""
    return response.stance.label if response else "-"


def latest_grade(item: Item, data: MissionData) -> Grade | None:
    """The delegation's latest grade, else the latest outside assessment's."""
    for response in reversed(data.responses_for(item.id)):
        if response.grade is not None:
            return response.grade
    assessment = item.latest_assessment()
    return assessment.grade if assessment is not None else None


def grade_text(grade: Grade | None) -> str:
    return grade.value if grade is not None else "-"
