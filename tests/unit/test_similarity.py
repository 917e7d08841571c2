"""Suggestions of items raising the same concern, by shared rare words."""

from __future__ import annotations

from fieldkit.domain.items import Item
from fieldkit.domain.similarity import SimilarityIndex, words
from fieldkit.domain.vocab import Mechanism

TORTURE = Item(
    id="ccpr24",
    mechanism=Mechanism.CCPR,
    reference="para 24",
    text="The State party should eradicate torture and ill-treatment in places of detention "
    "and ensure independent investigation of complaints.",
)
UPR_TORTURE = Item(
    id="u1",
    reference="124.16",
    text="Ensure that all investigations into complaints related to torture in detention "
    "are carried out promptly and independently.",
)
UPR_PRESS = Item(
    id="u2",
    reference="126.42",
    text="Review legislation restricting media freedom and freedom of assembly.",
)
CAT_TORTURE = Item(
    id="cat",
    mechanism=Mechanism.CAT,
    reference="para 9",
    text="Torture in detention facilities: independent investigations of every complaint.",
)


def test_words_drop_boilerplate_and_fold_plurals() -> None:
    assert words("The State party should ensure prisons and PRISON complaints") == [
        "prison",
        "prison",
        "complaint",
    ]


def test_the_same_concern_ranks_first_and_the_same_body_is_left_out() -> None:
    index = SimilarityIndex([TORTURE, UPR_TORTURE, UPR_PRESS, CAT_TORTURE])
    found = [item.id for item, _ in index.similar(TORTURE)]
    assert found[0] in ("u1", "cat") and "u2" not in found
    assert {item.id for item, _ in index.similar(UPR_TORTURE)} == {"cat", "ccpr24"}
    same_body = [item.id for item, _ in index.similar(UPR_TORTURE, other_mechanisms=False)]
    assert "u2" not in same_body  # nothing in common with press freedom


def test_an_unrelated_item_gets_no_suggestion() -> None:
    index = SimilarityIndex([TORTURE, UPR_PRESS])
    assert index.similar(UPR_PRESS) == []


def test_cyrillic_text_is_compared_too() -> None:
    a = Item(id="a", text="Пытки в местах лишения свободы")
    b = Item(id="b", mechanism=Mechanism.CAT, text="пытки и места лишения свободы")
    c = Item(id="c", mechanism=Mechanism.CAT, text="свобода выражения мнений")
    index = SimilarityIndex([a, b, c])
    assert [item.id for item, _ in index.similar(a)][0] == "b"
