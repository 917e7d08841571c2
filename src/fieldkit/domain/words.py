"""How domain values read on screen: stances as words, grades with their letter, dates short."""

from __future__ import annotations

from fieldkit.domain.grades import Grade
from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.vocab import Stance

NO_RESPONSE = "no response yet"


# The same words, short enough for a list column at 80 columns (never a symbol or a colour).
SHORT_STANCES = {
    Stance.ACCEPTS: "accepts",
    Stance.PARTIALLY_ACCEPTS: "partly accepts",
    Stance.UNDER_CONSIDERATION: "considering",
    Stance.REJECTS: "rejects",
    Stance.DISPUTES_FACTS: "disputes facts",
    Stance.NO_ANSWER: "no answer",
}


def stance_words(response: Response | None) -> str:
    return response.stance.label if response is not None else NO_RESPONSE


def short_stance(response: Response | None) -> str:
    return SHORT_STANCES.get(response.stance, response.stance.label) if response else "-"


def latest_grade(item: Item, data: MissionData) -> Grade | None:
    """The delegation's latest grade, else the latest outside assessment's."""
    for response in reversed(data.responses_for(item.id)):
        if response.grade is not None:
            return response.grade
    assessment = item.latest_assessment()
    return assessment.grade if assessment is not None else None


def grade_text(grade: Grade | None) -> str:
    return grade.value if grade is not None else "-"
