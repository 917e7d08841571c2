"""One wording per stance: the items table says it as the room and the documents do."""

from __future__ import annotations

import pytest

from fieldkit.domain.meetings import Response
from fieldkit.domain.vocab import Stance
from fieldkit.domain.words import short_stance, stance_words


@pytest.mark.parametrize("stance", list(Stance))
def test_every_stance_reads_the_same_in_the_table(stance: Stance) -> None:
    said = Response(meeting_id="m", item_id="i", stance=stance)
    assert short_stance(said) == stance_words(said) == stance.label
