"""State names as UN documents and NGO databases spell them, reduced to one name each."""

from __future__ import annotations

import re

#: Lower-cased variants -> the name UN documents use.
ALIASES: dict[str, str] = {
    "united states": "United States of America",
    "usa": "United States of America",
    "us": "United States of America",
    "u.s.": "United States of America",
    "uk": "United Kingdom of Great Britain and Northern Ireland",
    "united kingdom": "United Kingdom of Great Britain and Northern Ireland",
    "great britain": "United Kingdom of Great Britain and Northern Ireland",
    "lao pdr": "Lao People's Democratic Republic",
    "laos": "Lao People's Democratic Republic",
    "russia": "Russian Federation",
    "iran": "Iran (Islamic Republic of)",
    "iran, islamic republic of": "Iran (Islamic Republic of)",
    "venezuela": "Venezuela (Bolivarian Republic of)",
    "bolivia": "Bolivia (Plurinational State of)",
    "syria": "Syrian Arab Republic",
    "south korea": "Republic of Korea",
    "korea, republic of": "Republic of Korea",
    "north korea": "Democratic People's Republic of Korea",
    "moldova": "Republic of Moldova",
    "republic moldova": "Republic of Moldova",
    "tanzania": "United Republic of Tanzania",
    "vietnam": "Viet Nam",
    "viet-nam": "Viet Nam",
    "czechia": "Czech Republic",
    "turkey": "Türkiye",
    "turkiye": "Türkiye",
    "holy see": "Holy See",
    "palestine": "State of Palestine",
    "macedonia": "North Macedonia",
    "the former yugoslav republic of macedonia": "North Macedonia",
    "ivory coast": "Côte d'Ivoire",
    "cote d'ivoire": "Côte d'Ivoire",
    "swaziland": "Eswatini",
    "cape verde": "Cabo Verde",
    "brunei": "Brunei Darussalam",
    "micronesia": "Micronesia (Federated States of)",
    "congo, democratic republic of the": "Democratic Republic of the Congo",
    "dr congo": "Democratic Republic of the Congo",
    "drc": "Democratic Republic of the Congo",
    "kyrgyz republic": "Kyrgyzstan",
    "netherlands": "Netherlands",
    "the netherlands": "Netherlands",
    "kingdom of the netherlands": "Netherlands",
}

_SPACE = re.compile(r"\s+")


def canonical_state(name: str) -> str:
    """One spelling per State: 'UK' and 'United Kingdom' give the UN's full name."""
    cleaned = _SPACE.sub(" ", name.replace("\u2019", "'")).strip(" ;,.")
    return ALIASES.get(cleaned.lower(), cleaned)
