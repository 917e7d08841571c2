"""The bundled demo mission: the April 2017 ICCPR follow-up mission to Astana.

Built from the files in `fieldkit/data/` (see SOURCES.md there): 322 UPR recommendations of the
2010 and 2014 reviews, themed from UPR Info's exports, and the three CCPR/C/KAZ/CO/2 paragraphs
selected for the follow-up procedure, graded by the Committee in 2018. It holds no notes or
responses: nothing is put in the mouths of real officials.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import orjson

from fieldkit.domain.directory import Institution, Person
from fieldkit.domain.grades import parse_grade
from fieldkit.domain.items import Assessment, Item, Limb, Source
from fieldkit.domain.meetings import Meeting
from fieldkit.domain.mission import Mission
from fieldkit.domain.records import Record, now_iso
from fieldkit.domain.states import canonical_state
from fieldkit.domain.vocab import AssessorKind, InstitutionType, Mechanism, Position

UPR_FILE = "kazakhstan_upr_cycle1-2_numbered.csv"
CCPR_FILE = "ccpr_kaz_co2_followup_RolandCCPR_KAZ.json"
UPR_INFO_FILES = (
    "upr-info-export_kazakhstan_session07_2010.csv",
    "upr-info-export_kazakhstan_session20_2014.csv",
)
MISSION_FILE = "demo_mission.json"

#: Themes of the three follow-up paragraphs, in UPR Info's vocabulary so factsheets join them.
CCPR_THEMES: dict[str, tuple[str, ...]] = {
    "18": ("Impunity", "Torture and other CID treatment", "Justice"),
    "24": ("Torture and other CID treatment", "Detention", "Impunity"),
    "54": ("Freedom of association and peaceful assembly", "Civil society", "Elections"),
}

#: The source's text of para 54(b) has its words out of order (a PDF line slip).
CCPR_REPAIRS = {
    "(b) parties; Clarify the broad grounds for the suspension or dissolution of political (c)": (
        "(b) Clarify the broad grounds for the suspension or dissolution of political parties; (c)"
    ),
}

_LIMB = re.compile(r"\(([a-z])\)\s+")
_WORD = re.compile(r"[a-z0-9]+")


def _data(name: str) -> str:
    return resources.files("fieldkit.data").joinpath(name).read_text(encoding="utf-8")


def demo_records(author: str) -> tuple[Mission, list[Record]]:
    """The demo mission and every record that goes with it."""
    spec = orjson.loads(_data(MISSION_FILE))
    mission = Mission(author=author, **_tuples(spec["mission"]))
    ccpr = list(_ccpr_items(author))
    upr = list(_upr_items(author))
    institutions = {
        i["key"]: Institution(name=i["name"], type=InstitutionType(i["type"]), author=author)
        for i in spec["institutions"]
    }
    institutions = {
        key: inst.touched(parent_id=institutions[parent].id)
        if (parent := _parent(spec, key))
        else inst
        for key, inst in institutions.items()
    }
    people = {
        p["key"]: Person(
            name=p["name"],
            title=p["title"],
            institution_id=institutions[p["institution"]].id,
            author=author,
        )
        for p in spec["people"]
    }
    agenda = tuple(item.id for item in ccpr)
    meetings = [
        Meeting(
            title=m["title"],
            starts_at=m["starts_at"],
            place=m["place"],
            institution_ids=tuple(institutions[k].id for k in m["institutions"]),
            person_ids=tuple(people[k].id for k in m["people"]),
            delegates=tuple(m.get("delegates", mission.delegation)),
            agenda=agenda,
            author=author,
        )
        for m in spec["meetings"]
    ]
    records: list[Record] = [*ccpr, *upr, *institutions.values(), *people.values(), *meetings]
    return mission, records


def _parent(spec: dict[str, Any], key: str) -> str | None:
    found = next(i for i in spec["institutions"] if i["key"] == key)
    parent = found.get("parent")
    return str(parent) if parent else None


def _tuples(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}


def _ccpr_items(author: str) -> Iterator[Item]:
    source = orjson.loads(_data(CCPR_FILE))["hrc"]
    meta = source["meta"]
    for rank, para in enumerate(source["paragraphs"], start=1):
        text = para["recommendation"]
        for wrong, right in CCPR_REPAIRS.items():
            text = text.replace(wrong, right)
        lead, limbs = split_limbs(text)
        assessments = tuple(
            Assessment(
                assessor=AssessorKind.TREATY_BODY_FOLLOW_UP,
                document=meta["assessment_symbol"],
                date="2018-07-27",
                grade=parse_grade(limb["grade"]),
                limbs=limb["limb"],
                text=limb["eval"],
            )
            for limb in para["limbs"]
        )
        yield Item(
            mechanism=Mechanism.CCPR,
            document_symbol=meta["co_symbol"],
            reference=f"para {para['para']}",
            year=2016,
            state_under_review="Kazakhstan",
            title=para["title"],
            text=lead,
            limbs=limbs,
            themes=CCPR_THEMES.get(para["para"], ()),
            source=Source(file=CCPR_FILE, format="demo", imported_at=now_iso()),
            priority=rank,
            assessments=assessments,
            author=author,
        )


def split_limbs(text: str) -> tuple[str, tuple[Limb, ...]]:
    """Split a paragraph into its lead-in and its lettered sub-parts '(a) ... (b) ...'."""
    marks = [m for m in _LIMB.finditer(text) if _is_limb_start(text, m)]
    if len(marks) < 2:
        return text.strip(), ()
    lead = text[: marks[0].start()].strip()
    limbs = []
    for n, mark in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
        body = text[mark.end() : end].strip().rstrip(";").strip()
        limbs.append(Limb(label=f"({mark.group(1)})", text=body))
    return lead, tuple(limbs)


def _is_limb_start(text: str, mark: re.Match[str]) -> bool:
    before = text[: mark.start()].rstrip()
    return not before or before[-1] in ":;."


def _upr_items(author: str) -> Iterator[Item]:
    themes = _upr_info_themes()
    imported = now_iso()
    rows = csv.DictReader(io.StringIO(_data(UPR_FILE)))
    for row_number, row in enumerate(rows, start=2):
        states = tuple(
            canonical_state(s) for s in row["recommending_states"].split(";") if s.strip()
        )
        text = row["text"].strip().rstrip(";").strip()
        extra = {"position_detail": row["position_detail"]} if row["position_detail"] else {}
        yield Item(
            mechanism=Mechanism.UPR,
            document_symbol=row["document_symbol"],
            reference=row["rec_id"],
            cycle=int(row["cycle"]),
            session=int(row["wg_session"]),
            year=int(row["review_date"][:4]),
            state_under_review=row["state_under_review"],
            recommending_states=states,
            position=Position(row["position"].lower()),
            text=text,
            themes=themes.match(text, states),
            source=Source(file=UPR_FILE, row=row_number, imported_at=imported, format="demo"),
            author=author,
            extra=extra,
        )


class _ThemeIndex:
    """UPR Info's themes per recommendation, found by the closest wording from the same State."""

    def __init__(self) -> None:
        self.rows: list[tuple[frozenset[str], str, tuple[str, ...]]] = []

    def add(self, text: str, state: str, themes: tuple[str, ...]) -> None:
        self.rows.append((_words(text), canonical_state(state), themes))

    def match(self, text: str, states: tuple[str, ...]) -> tuple[str, ...]:
        words = _words(_strip_states(text))
        best: tuple[str, ...] = ()
        best_score = 0.0
        for row_words, state, themes in self.rows:
            if states and state not in states:
                continue
            score = len(words & row_words) / max(1, len(words | row_words))
            if score > best_score:
                best, best_score = themes, score
        return best if best_score >= 0.5 else ()


def _upr_info_themes() -> _ThemeIndex:
    index = _ThemeIndex()
    for name in UPR_INFO_FILES:
        rows = csv.reader(io.StringIO(_data(name)))
        next(rows)
        for row in rows:
            themes = tuple(t.strip() for t in row[9].split(",") if t.strip())
            index.add(row[3], row[4], themes)
    return index


def _strip_states(text: str) -> str:
    return re.sub(r"\([^()]*\)\s*;?\s*$", "", text)


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))
