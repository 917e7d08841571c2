"""State names as UN documents and NGO databases spell them, reduced to one name each.

The canonical form is the UN's official short name ("Czechia", "Türkiye", "Iran (Islamic
Republic of)"). Names are looked up in that list and in the spellings below that UN and NGO
exports use and ISO does not; any other spelling is looked up in pycountry's ISO 3166 names
(official, common and short: "Korea, Republic of", "Czech Republic", "Syria"), loaded only
when such a name is met.
"""

from __future__ import annotations

import functools
import re

#: Lower-cased spellings met in UN and NGO exports that ISO 3166 (pycountry) does not give,
#: -> the UN short name. '&' for 'and' and 'St' for 'Saint' need no entry.
ALIASES: dict[str, str] = {
    "usa": "United States of America",
    "us": "United States of America",
    "u.s.": "United States of America",
    "uk": "United Kingdom of Great Britain and Northern Ireland",
    "great britain": "United Kingdom of Great Britain and Northern Ireland",
    "lao pdr": "Lao People's Democratic Republic",
    "russia": "Russian Federation",
    "republic moldova": "Republic of Moldova",
    "viet-nam": "Viet Nam",
    "turkey": "Türkiye",
    "turkiye": "Türkiye",
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
    "the netherlands": "Netherlands",
    "netherlands (kingdom of the)": "Netherlands",
    # Word orders and short forms found in UPR reports, UHRI and UPR Info.
    "iran (islamic rep. of)": "Iran (Islamic Republic of)",
    "dpr korea": "Democratic People's Republic of Korea",
    "dprk": "Democratic People's Republic of Korea",
    "korea (republic of)": "Republic of Korea",
    "korea": "Republic of Korea",
    "rok": "Republic of Korea",
    "bosnia-herzegovina": "Bosnia and Herzegovina",
    "são tomé and príncipe": "Sao Tome and Principe",
    "the gambia": "Gambia",
    "the bahamas": "Bahamas",
    "timor leste": "Timor-Leste",
    "east timor": "Timor-Leste",
    "republic of congo": "Congo",
    "macedonia fyr": "North Macedonia",
    "congo (republic of)": "Congo",
    "congo-brazzaville": "Congo",
    "democratic republic of congo": "Democratic Republic of the Congo",
    "guinea bissau": "Guinea-Bissau",
    "burma": "Myanmar",
    "czechia (czech republic)": "Czechia",
    "fyr macedonia": "North Macedonia",
    "state of libya": "Libya",
    "libyan arab jamahiriya": "Libya",
    "palestine, state of": "State of Palestine",
    "uae": "United Arab Emirates",
    # Short names common in UPR Info's exports, which ISO gives too: known without the library.
    "bolivia": "Bolivia (Plurinational State of)",
    "czech republic": "Czechia",
    "iran": "Iran (Islamic Republic of)",
    "laos": "Lao People's Democratic Republic",
    "moldova": "Republic of Moldova",
    "syria": "Syrian Arab Republic",
    "united kingdom": "United Kingdom of Great Britain and Northern Ireland",
    "united states": "United States of America",
    "venezuela": "Venezuela (Bolivarian Republic of)",
}

#: The names UN documents use for the States that take part in the UPR (members and observers).
STATES: frozenset[str] = frozenset(
    """Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|
Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|
Bolivia (Plurinational State of)|Bosnia and Herzegovina|Botswana|Brazil|Brunei Darussalam|
Bulgaria|Burkina Faso|Burundi|Cabo Verde|Cambodia|Cameroon|Canada|Central African Republic|Chad|
Chile|China|Colombia|Comoros|Congo|Costa Rica|Côte d'Ivoire|Croatia|Cuba|Cyprus|Czechia|
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


def _key(name: str) -> str:
    """A name as looked up: lower case, '&' as 'and', 'St' as 'Saint', single spaces."""
    key = _SPACE.sub(" ", name.replace("\u2019", "'").replace("&", " and ")).strip(" ;,.").lower()
    return _SAINT.sub("saint ", key)


_SPACE = re.compile(r"\s+")
_SAINT = re.compile(r"^st\.? ")

#: Every canonical name by its looked-up spelling, so 'iran (islamic republic of)' is found.
_CANONICAL: dict[str, str] = {
    **{_key(name): name for name in STATES},
    **{_key(name): name for name in ALIASES.values()},
    **{_key(alias): name for alias, name in ALIASES.items()},
}
_SPACELESS: dict[str, str] = {key.replace(" ", ""): name for key, name in _CANONICAL.items()}
_LIBRARY: dict[str, str] = {}


def _inverted(name: str) -> str:
    """ISO's 'Iran, Islamic Republic of' as the UN writes it: 'Iran (Islamic Republic of)'."""
    head, _, tail = name.partition(", ")
    return f"{head} ({tail})" if tail else name


def _library() -> dict[str, str]:
    """pycountry's names for every UPR State, by looked-up spelling -> the UN short name."""
    if not _LIBRARY:
        import pycountry

        for country in pycountry.countries:
            names = [getattr(country, f, "") for f in ("name", "official_name", "common_name")]
            found = [
                _CANONICAL.get(_key(n)) or _CANONICAL.get(_key(_inverted(n))) for n in names if n
            ]
            un = next((f for f in found if f in STATES), None)
            if un is not None:
                for name in names:
                    if name:
                        _LIBRARY.setdefault(_key(name), un)
        _LIBRARY.setdefault("", "")
    return _LIBRARY


@functools.lru_cache(maxsize=4096)
def canonical_state(name: str) -> str:
    """One spelling per State: 'UK' and 'United Kingdom' give the UN's full name; a name
    broken by a stray space in a converted document ('Sierra Le one') is still found."""
    cleaned = _SPACE.sub(" ", name.replace("\u2019", "'")).strip(" ;,.")
    key = _key(cleaned)
    found = _CANONICAL.get(key) or _SPACELESS.get(key.replace(" ", ""))
    if found is None and key and not key[0].isdigit():
        found = _library().get(key)
    return found or cleaned


def is_state(name: str) -> bool:
    """Whether a name (in any known spelling) is a State: tells '(France)' from '(No. 29)'."""
    return canonical_state(name) in STATES
