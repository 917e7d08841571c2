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
    "netherlands (kingdom of the)": "Netherlands",
    # Word orders and short forms found in UPR reports, UHRI and UPR Info.
    "islamic republic of iran": "Iran (Islamic Republic of)",
    "iran (islamic rep. of)": "Iran (Islamic Republic of)",
    "bolivarian republic of venezuela": "Venezuela (Bolivarian Republic of)",
    "plurinational state of bolivia": "Bolivia (Plurinational State of)",
    "federated states of micronesia": "Micronesia (Federated States of)",
    "dpr korea": "Democratic People's Republic of Korea",
    "dprk": "Democratic People's Republic of Korea",
    "korea, democratic people's republic of": "Democratic People's Republic of Korea",
    "korea (republic of)": "Republic of Korea",
    "korea": "Republic of Korea",
    "rok": "Republic of Korea",
    "bosnia & herzegovina": "Bosnia and Herzegovina",
    "bosnia-herzegovina": "Bosnia and Herzegovina",
    "antigua & barbuda": "Antigua and Barbuda",
    "trinidad & tobago": "Trinidad and Tobago",
    "sao tome & principe": "Sao Tome and Principe",
    "são tomé and príncipe": "Sao Tome and Principe",
    "saint kitts & nevis": "Saint Kitts and Nevis",
    "st kitts and nevis": "Saint Kitts and Nevis",
    "st. kitts and nevis": "Saint Kitts and Nevis",
    "saint vincent & the grenadines": "Saint Vincent and the Grenadines",
    "st vincent and the grenadines": "Saint Vincent and the Grenadines",
    "st. vincent and the grenadines": "Saint Vincent and the Grenadines",
    "st lucia": "Saint Lucia",
    "st. lucia": "Saint Lucia",
    "the gambia": "Gambia",
    "the bahamas": "Bahamas",
    "timor leste": "Timor-Leste",
    "east timor": "Timor-Leste",
    "republic of the congo": "Congo",
    "republic of congo": "Congo",
    "macedonia fyr": "North Macedonia",
    "st vincent & the grenadines": "Saint Vincent and the Grenadines",
    "st kitts & nevis": "Saint Kitts and Nevis",
    "congo (republic of)": "Congo",
    "congo-brazzaville": "Congo",
    "democratic republic of congo": "Democratic Republic of the Congo",
    "guinea bissau": "Guinea-Bissau",
    "burma": "Myanmar",
    "slovak republic": "Slovakia",
    "czechia (czech republic)": "Czech Republic",
    "republic of north macedonia": "North Macedonia",
    "fyr macedonia": "North Macedonia",
    "state of libya": "Libya",
    "libyan arab jamahiriya": "Libya",
    "united kingdom of great britain & northern ireland": (
        "United Kingdom of Great Britain and Northern Ireland"
    ),
    "palestine, state of": "State of Palestine",
    "tanzania, united republic of": "United Republic of Tanzania",
    "moldova, republic of": "Republic of Moldova",
    "uae": "United Arab Emirates",
    "kingdom of saudi arabia": "Saudi Arabia",
}

#: The names UN documents use for the States that take part in the UPR (members and observers).
STATES: frozenset[str] = frozenset(
    """Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|
Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|
Bolivia (Plurinational State of)|Bosnia and Herzegovina|Botswana|Brazil|Brunei Darussalam|
Bulgaria|Burkina Faso|Burundi|Cabo Verde|Cambodia|Cameroon|Canada|Central African Republic|Chad|
Chile|China|Colombia|Comoros|Congo|Costa Rica|Côte d'Ivoire|Croatia|Cuba|Cyprus|Czech Republic|
Democratic People's Republic of Korea|Democratic Republic of the Congo|Denmark|Djibouti|Dominica|
Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|
Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|
Guinea-Bissau|Guyana|Haiti|Holy See|Honduras|Hungary|Iceland|India|Indonesia|
Iran (Islamic Republic of)|Iraq|Ireland|Israel|Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|
Kiribati|Kuwait|Kyrgyzstan|Lao People's Democratic Republic|Latvia|Lebanon|Lesotho|Liberia|Libya|
Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|
Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia (Federated States of)|Monaco|Mongolia|
Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|
Nigeria|North Macedonia|Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|Paraguay|Peru|
Philippines|Poland|Portugal|Qatar|Republic of Korea|Republic of Moldova|Romania|
Russian Federation|Rwanda|Saint Kitts and Nevis|Saint Lucia|Saint Vincent and the Grenadines|
Samoa|San Marino|Sao Tome and Principe|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|
Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Sudan|Spain|Sri Lanka|
State of Palestine|Sudan|Suriname|Sweden|Switzerland|Syrian Arab Republic|Tajikistan|Thailand|
Timor-Leste|Togo|Tonga|Trinidad and Tobago|Tunisia|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|
United Arab Emirates|United Kingdom of Great Britain and Northern Ireland|
United Republic of Tanzania|United States of America|Uruguay|Uzbekistan|Vanuatu|
Venezuela (Bolivarian Republic of)|Viet Nam|Yemen|Zambia|Zimbabwe""".replace("\n", "").split("|")
)

#: Every canonical name by its lower-cased spelling, so 'iran (islamic republic of)' is found.
_CANONICAL: dict[str, str] = {
    **{name.lower(): name for name in STATES},
    **{name.lower(): name for name in ALIASES.values()},
    **ALIASES,
}

_SPACELESS: dict[str, str] = {key.replace(" ", ""): name for key, name in _CANONICAL.items()}

_SPACE = re.compile(r"\s+")


def canonical_state(name: str) -> str:
    """One spelling per State: 'UK' and 'United Kingdom' give the UN's full name; a name
    broken by a stray space in a converted document ('Sierra Le one') is still found."""
    cleaned = _SPACE.sub(" ", name.replace("\u2019", "'")).strip(" ;,.")
    found = _CANONICAL.get(cleaned.lower())
    if found is None:
        found = _SPACELESS.get(cleaned.lower().replace(" ", ""), cleaned)
    return found


def is_state(name: str) -> bool:
    """Whether a name (in any known spelling) is a State: tells '(France)' from '(No. 29)'."""
    return canonical_state(name) in STATES
