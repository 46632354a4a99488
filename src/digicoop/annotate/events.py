"""When and where a text was made, and by what kind of event: signed, issued or adopted at a
meeting.

Dates are found as the texts write them ("October 28, 2025", "27th of April, 2026",
"4–5 April 2024", "November 16-17, 2023", "4 and 5 April 2024", "this twentieth day of
October, two thousand and twenty-five") and read by dateparser, a maintained library, once
the span is known: the pattern only finds where a date is and which days a range covers;
dateparser reads the day itself. A signing formula makes a signing; a sentence in the opening
in which the authors meet ("met in San Francisco, California, on November 16-17, 2023",
"took place in Leuven, Belgium, on 4 and 5 April 2024", "chaired the second meeting … in New
Delhi", "conducted an official visit to … July 15-16, 2022") makes a meeting; a line above the
text that holds only a place and a date makes an issue on that day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

import dateparser
import pycountry

from digicoop.annotate.parties import PartyLexicon
from digicoop.annotate.records import Issuance, Quote
from digicoop.annotate.text import sentences, whole_sentences
from digicoop.model import Provision

_MONTH = "(?:" + "|".join(calendar.month_name[1:]) + ")"
_ORD = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS = (
    # November 16-17, 2023 · October 31–-November 1, 2023 · October 20, 2025
    re.compile(
        rf"\b(?P<m>{_MONTH})\s+(?P<d1>\d{{1,2}}){_ORD}"
        rf"(?:\s*[-–—]+\s*(?:(?P<m2>{_MONTH})\s+)?(?P<d2>\d{{1,2}}){_ORD})?,?\s+(?P<y>\d{{4}})\b"
    ),
    # 4 and 5 April 2024 · 12-13 May 2022 · the 26th of October 2025 · 27th of April, 2026
    re.compile(
        rf"\b(?P<d1>\d{{1,2}}){_ORD}(?:\s*(?:[-–—]+|and|to)\s*(?P<d2>\d{{1,2}}){_ORD})?"
        rf"\s+(?:day\s+)?(?:of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>\d{{4}})\b"
    ),
)
_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_WORD_DATE = re.compile(
    rf"\b(?P<dw>(?:(?:twenty|thirty)[- ])?[a-z]+)\s+day\s+of\s+(?P<m>{_MONTH}),?\s+"
    r"(?P<yw>(?:two\s+thousand|nineteen\s+hundred)(?:\s+and)?(?:\s+[a-z]+(?:-[a-z]+)?)?)",
    re.IGNORECASE,
)
_MEETING = re.compile(
    r"\b(?:met|meet|meets|convened?|gather(?:ed)?|took\s+place|held\s+talks|hosted|"
    r"chair(?:ed|s)?|visit(?:ed|s)?)\b",
    re.I,
)
_PLACE = re.compile(
    r"\b(?:in|at)\s+(?P<place>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*"
    # ", the State of Israel": the country after the city, article and all, says where it lies.
    r"(?:,\s+(?:the\s+)?(?!on\b)[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*)*)?)"
)
_SIGNED = re.compile(r"^(?:Signed|Done|Executed)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    first: date
    last: date | None
    start: int
    end: int


@lru_cache(maxsize=4096)  # dateparser takes milliseconds a date; a corpus repeats its dates
def _parse(day: str, month: str, year: str) -> date | None:
    parsed = dateparser.parse(
        f"{day} {month} {year}", languages=["en"], settings={"STRICT_PARSING": True}
    )
    return parsed.date() if parsed is not None else None


def _number(words: str) -> int | None:
    total = 0
    for word in re.split(r"[\s-]+", words.casefold()):
        if word in ("and", ""):
            continue
        if word == "thousand":
            total = max(total, 1) * 1000
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word in _TENS:
            total += _TENS[word]
        elif word in _UNITS:
            total += _UNITS[word]
        else:
            return None
    return total


def ordinal(words: str) -> int | None:
    parts = re.split(r"[\s-]+", words.casefold())
    if parts[-1] not in _ORDINALS:
        return None
    return sum(_TENS.get(p, 0) for p in parts[:-1]) + _ORDINALS[parts[-1]]


def find_dates(text: str) -> list[Found]:
    """Every full date (day, month, year) in ``text``, a range as its first and last day."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            first = _parse(m["d1"], m["m"], m["y"])
            if first is None:
                continue
            groups = m.groupdict()
            last = _parse(m["d2"], groups.get("m2") or m["m"], m["y"]) if m["d2"] else None
            found.append(Found(first, last, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in _WORD_DATE.finditer(text):
        day, year = ordinal(m["dw"]), _number(m["yw"])
        if day and year and 1900 < year < 2200:
            parsed = _parse(str(day), m["m"], str(year))
            if parsed is not None:
                found.append(Found(parsed, None, m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def _place_party(place: str, parties: PartyLexicon) -> str | None:
    found = parties.find(place)
    if found:
        return found[-1].key
    countries = _subdivision_countries()
    for part in reversed([p.strip() for p in place.split(",")]):
        matches = countries.get(part, frozenset())
        if len(matches) == 1:
            return next(iter(matches))
    return None


@cache
def _subdivision_countries() -> dict[str, frozenset[str]]:
    """Subdivision name → the codes of the countries that have one of that name (pycountry's
    ISO 3166-2), indexed once rather than scanned for every place."""
    countries: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        countries.setdefault(subdivision.name, set()).add(subdivision.country_code.lower())
    return {name: frozenset(codes) for name, codes in countries.items()}


def _place(provision: Provision, start: int, sentence: str, parties: PartyLexicon):  # type: ignore[no-untyped-def]
    for m in _PLACE.finditer(sentence):
        place = m.group("place").rstrip(".,")
        first_word = place.split()[0]
        if (
            re.match(_MONTH, place)
            or first_word in ("The", "This", "Article", "Section")
            or pycountry.languages.get(name=first_word) is not None
        ):
            continue
        city = place.split(",")[0].strip()
        quote = Quote(provision, start + m.start("place"), start + m.start("place") + len(city))
        return city, _place_party(place, parties), quote
    return None


def read_issuance(
    provisions: list[Provision], parties: PartyLexicon, opening_provisions: int = 4
) -> Issuance | None:
    """The signing, meeting or date line that dates the text, in that order of preference;
    a date or place missing from the preferred one is not taken from another, except the
    place of a line above the text that gives no date, for a dated meeting that names none."""
    for provision in provisions:
        if provision.kind != "signatures":
            continue
        for start, end in sentences(provision.text):
            sentence = provision.text[start:end]
            if _SIGNED.match(sentence):
                return _issuance("signed", provision, start, end, parties)
    seen = 0
    date_line: Issuance | None = None
    place_only: Issuance | None = None
    for provision in provisions:
        if provision.kind in ("title", "signatures") or not provision.text.strip():
            continue
        if seen >= opening_provisions:
            break
        seen += 1
        text = provision.text
        if not re.search(r"\b[a-z]{3,}\b", text):
            # A line above the text: a place, a date, or both.
            if date_line is None and (find_dates(text) or "," in text):
                date_line = _line(provision, parties)
            continue
        for start, end in whole_sentences(text):
            sentence = text[start:end]
            if _MEETING.search(sentence) and (find_dates(sentence) or _PLACE.search(sentence)):
                meeting = _issuance("adopted-at-meeting", provision, start, end, parties)
                if meeting.day is not None:
                    return _placed(meeting, date_line)
                if place_only is None and meeting.place is not None:
                    place_only = meeting
    return date_line or place_only


def _placed(meeting: Issuance, line: Issuance | None) -> Issuance:
    """A dated meeting that names no place takes the place of the line above the text
    ("**Jeddah, Saudi Arabia**" over "… an official visit to the Kingdom of Saudi Arabia July
    15-16, 2022"): the line says where, the sentence says when and how."""
    if meeting.place is not None or line is None or line.place is None or line.day is not None:
        return meeting
    return replace(
        meeting,
        place=line.place,
        place_party=line.place_party,
        place_quote=line.place_quote,
    )


def _issuance(
    event: str, provision: Provision, start: int, end: int, parties: PartyLexicon
) -> Issuance:
    sentence = provision.text[start:end]
    dates = find_dates(sentence)
    place = _place(provision, start, sentence, parties)
    first = dates[0] if dates else None
    return Issuance(
        event=event,
        quote=Quote(provision, start, end),
        day=first.first if first else None,
        last_day=first.last if first else None,
        day_quote=Quote(provision, start + first.start, start + first.end) if first else None,
        place=place[0] if place else None,
        place_party=place[1] if place else None,
        place_quote=place[2] if place else None,
    )


def _line(provision: Provision, parties: PartyLexicon) -> Issuance:
    text = provision.text
    dates = find_dates(text)
    first = dates[0] if dates else None
    head = text[: first.start] if first else text
    city = head.split(",")[0].strip(" ,")
    place = city if city and city[0].isupper() and not re.match(_MONTH, city) else None
    place_start = text.index(city) if place else 0
    return Issuance(
        event="issued",
        quote=Quote(provision, 0, len(text)),
        day=first.first if first else None,
        last_day=first.last if first else None,
        day_quote=Quote(provision, first.start, first.end) if first else None,
        place=place,
        place_party=_place_party(head, parties) if place else None,
        place_quote=Quote(provision, place_start, place_start + len(city)) if place else None,
    )
