"""Cells into fields: positions, dates, references, States, bodies and UPR sessions."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fieldkit.domain.vocab import Mechanism, Position
from fieldkit.importers import cells
from fieldkit.importers.sessions import cycle_of, year_of


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Accepted", Position.SUPPORTED),
        ("- Supported", Position.SUPPORTED),
        ("Supported/Noted", Position.SUPPORTED),
        ("Noted", Position.NOTED),
        ("REJECTED", Position.NOTED),
        ("did not enjoy the support of Kazakhstan", Position.NOTED),
        ("Pending", Position.PENDING),
        ("", None),
        (None, None),
    ],
)
def test_positions(cell: str | None, expected: Position | None) -> None:
    assert cells.position(cell) is expected


def test_an_unknown_position_is_an_error() -> None:
    with pytest.raises(cells.CellError, match="position 'Maybe'"):
        cells.position("Maybe")


@pytest.mark.parametrize(
    "cell",
    [42591, 42591.0, "42591", "2016-08-09", "2016-08-09T00:00:00", "09/08/2016", "9 August 2016",
     date(2016, 8, 9), datetime(2016, 8, 9, 12, 0)],
)  # fmt: skip
def test_dates_in_every_spelling(cell: object) -> None:
    assert cells.iso_date(cell) == "2016-08-09"


def test_a_bad_date_is_named() -> None:
    with pytest.raises(cells.CellError, match="published 'soon' is not a date"):
        cells.iso_date("soon", "published")


@pytest.mark.parametrize(
    ("text", "reference", "rest"),
    [
        ("124.1 Adopt a law (Mexico);", "124.1", "Adopt a law (Mexico);"),
        ("95.42. To ratify", "95.42", "To ratify"),
        ("24. The State party should", "24", "The State party should"),
        ("2014 Protocol to be ratified", "", "2014 Protocol to be ratified"),
        ("Ratify the Convention", "", "Ratify the Convention"),
    ],
)
def test_the_reference_at_the_start_of_a_text(text: str, reference: str, rest: str) -> None:
    assert cells.split_reference(text) == (reference, rest)


def test_treaty_body_paragraphs_are_cited_as_para() -> None:
    assert cells.reference_for("24", Mechanism.CCPR) == "para 24"
    assert cells.reference_for("124.1", Mechanism.UPR) == "124.1"


def test_states_named_in_parentheses_and_nothing_else() -> None:
    text = (
        "Ratify the Forced Labour Convention, 1930 (No. 29) (United Kingdom of Great Britain "
        "and Northern Ireland); consider it (Bolivarian Republic of Venezuela) (Türkiye);"
    )
    assert cells.states_in_text(text) == (
        "United Kingdom of Great Britain and Northern Ireland",
        "Venezuela (Bolivarian Republic of)",
        "Türkiye",
    )
    assert cells.states_in_text("Support it (Iran (Islamic Republic of));") == (
        "Iran (Islamic Republic of)",
    )


def test_multi_value_cells() -> None:
    assert cells.multi("- Women\n- Children\n\n- Women") == ("Women", "Children")
    assert cells.multi(["Women", " Children "]) == ("Women", "Children")
    assert cells.states("- UK\n- USA") == (
        "United Kingdom of Great Britain and Northern Ireland",
        "United States of America",
    )


@pytest.mark.parametrize(
    ("body", "symbol", "mechanism"),
    [
        ("Human Rights Committee", "", Mechanism.CCPR),
        ("UPR", "", Mechanism.UPR),
        ("Universal Periodic Review", "A/HRC/28/10", Mechanism.UPR),
        ("Committee against Torture", "", Mechanism.CAT),
        ("Special Rapporteur on torture", "A/HRC/34/54", Mechanism.SP),
        ("", "CEDAW/C/KAZ/CO/5", Mechanism.CEDAW),
        ("Some new body", "", Mechanism.OTHER),
    ],
)
def test_mechanisms_from_body_or_symbol(body: str, symbol: str, mechanism: Mechanism) -> None:
    assert cells.mechanism(body, symbol) is mechanism


def test_the_reply_addendum_points_to_the_report() -> None:
    assert cells.report_symbol("A/HRC/43/15/Add.1") == "A/HRC/43/15"


def test_upr_sessions_give_cycle_and_year() -> None:
    assert (cycle_of(7), year_of(7)) == (1, 2010)
    assert (cycle_of(20), year_of(20)) == (2, 2014)
    assert (cycle_of(34), year_of(34)) == (3, 2019)
    assert (cycle_of(48), year_of(48)) == (4, 2025)


def test_limbs_need_a_run_of_letters_after_a_break() -> None:
    lead, limbs = cells.split_limbs("The State party should: (a) Do this; (b) Do that.")
    assert lead == "The State party should:"
    assert limbs == (("(a)", "Do this"), ("(b)", "Do that."))
    assert cells.split_limbs("Under article 2 (a) of the Covenant (b) is cited")[1] == ()


@pytest.mark.parametrize("cell", ["20", 20, 20.0, "Session 20", "20th session", "UPR 20"])
def test_session_numbers_in_their_spellings(cell: object) -> None:
    assert cells.whole(cell, "UPR Session") == 20


@pytest.mark.parametrize("cell", ["seven", "2014-2015", "12 13", True])
def test_what_is_not_one_number_is_an_error(cell: object) -> None:
    with pytest.raises(cells.CellError, match="is not a number"):
        cells.whole(cell, "UPR Session")


def test_excel_escapes_and_control_characters_go() -> None:
    assert cells.text("Ratify_x000D_\nthe\x07 Convention ") == "Ratify\nthe Convention"
    assert cells.text(20.0) == "20" and cells.text(None) == ""
