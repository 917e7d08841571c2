"""State names as real exports spell them, reduced to the UN's official short names."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fieldkit.domain.states import STATES, canonical_state, is_state


@pytest.mark.parametrize(
    ("spelling", "un_name"),
    [
        ("Republic of Congo", "Congo"),
        ("Democratic Republic of Congo", "Democratic Republic of the Congo"),
        ("Macedonia FYR", "North Macedonia"),
        ("St Vincent & the Grenadines", "Saint Vincent and the Grenadines"),
        ("St Kitts & Nevis", "Saint Kitts and Nevis"),
        ("Czechia", "Czechia"),
        ("Czech Republic", "Czechia"),
        ("Turkey", "Türkiye"),
        ("Turkiye", "Türkiye"),
        ("Korea, Republic of", "Republic of Korea"),
        ("Iran, Islamic Republic of", "Iran (Islamic Republic of)"),
        ("Syria", "Syrian Arab Republic"),
        ("Sierra Le one", "Sierra Leone"),  # a space a PDF conversion left in a name
    ],
)
def test_spellings_in_real_exports_give_the_un_short_name(spelling: str, un_name: str) -> None:
    assert canonical_state(spelling) == un_name
    assert un_name in STATES


def test_what_is_not_a_state_is_kept_as_written() -> None:
    assert canonical_state("(Unknown)") == "(Unknown)"
    assert not is_state("No. 29") and not is_state("Unknown")


COMMON_SHORT_NAMES = [
    "Bolivia",
    "Czech Republic",
    "Iran",
    "Laos",
    "Moldova",
    "Syria",
    "United Kingdom",
    "United States",
    "Venezuela",
]


def test_common_short_names_are_known_without_the_iso_library() -> None:
    script = (
        "import sys\n"
        "from fieldkit.domain.states import canonical_state, STATES\n"
        f"names = {COMMON_SHORT_NAMES!r}\n"
        "assert all(canonical_state(n) in STATES for n in names)\n"
        "print('pycountry' in sys.modules)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "False"


def test_short_names_known_without_the_library_agree_with_it() -> None:
    from fieldkit.domain import states

    library = states._library()
    for name in COMMON_SHORT_NAMES:
        assert canonical_state(name) == library[states._key(name)]
