"""Signing, language, legal status, commencement, term, renewal, notice and modification,
read from the clauses that state them.

Durations are read as the texts write them ("three (3) years", "60 days", "six months") and
returned as xsd:duration strings. Nothing is inferred that the text does not say: an
agreement without a term clause gets no term. Commencement and modification are read only
from sentences whose subject is the text itself ("This Agreement shall enter into force 60
days after …", "This MOC may be modified …") or that change it by name ("to amend this
Agreement"), so that an amendment's own entry into force or a termination taking effect is
not read as the text's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import pycountry

from digicoop.annotate.events import ordinal
from digicoop.annotate.parties import PartyLexicon
from digicoop.annotate.records import Quote, Signing, Terms, Valued
from digicoop.annotate.text import sentences
from digicoop.model import Provision

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty-five": 45,
    "sixty": 60,
    "ninety": 90,
    "hundred": 100,
    "a": 1,
    "an": 1,
}
_UNIT = {"year": "Y", "month": "M", "week": "W", "day": "D"}
_AMOUNT = r"(?:(?P<word>[a-z]+(?:-[a-z]+)?)\s*\((?P<num>\d+)\)|(?P<digits>\d+)|(?P<only>[a-z]+(?:-[a-z]+)?))"
_DURATION = re.compile(rf"\b{_AMOUNT}[\s-]+(?P<unit>year|month|week|day)s?\b", re.IGNORECASE)
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_DATES = (
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+)?of\s+{_MONTH},?\s+(?P<year>\d{{4}})"
    ),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,\s+(?P<year>\d{{4}})"),
)
_SIGNED = re.compile(r"^(?:Signed|Done|Executed)\b")
_PLACE = re.compile(r"\b(?:in|at)\s+(?P<place>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)")
_NON_BINDING = re.compile(
    r"\b(?:not\b[^.;]*\b(?:legally\s+binding|binding|legal\s+(?:rights|obligations|claim)|"
    r"rights\s+or\s+obligations|international\s+agreement)|non-binding)",
    re.IGNORECASE,
)
_TERM = re.compile(
    r"\b(?:continues?|remains?\s+in\s+(?:force|effect)|valid|effect)\b", re.IGNORECASE
)
_RENEWAL = re.compile(r"\bautomatically\s+(?:be\s+)?(?:renewed|extended)\b", re.IGNORECASE)
_EQUAL = re.compile(r"\b(?:equal|same|like)\s+(?:successive\s+)?periods?\b", re.IGNORECASE)
_NOTICE = re.compile(
    r"\b(?:notice|not\s+to\s+renew|non-renewal|terminat\w*|in\s+advance)\b", re.IGNORECASE
)
_OPEN = re.compile(
    r"\b(?:(?:may|will)\s+continue\s+until|until\s+(?:it\s+is\s+)?(?:discontinued|terminated)|"
    r"remains?\s+in\s+(?:effect|force)\s+until)\b",
    re.IGNORECASE,
)
# Either side may end it whenever it gives notice: open-ended, where no fixed term is stated.
_ENDS_BY_NOTICE = re.compile(
    r"\bmay\s+(?:discontinue|terminate|withdraw)\b[^.;]*"
    r"\b(?:at\s+any\s+time|(?:by|upon)\s+(?:giving\s+)?(?:\w+\s+)?(?:written\s+)?notif\w*|"
    r"(?:by|upon)\s+(?:giving\s+)?(?:\w+\s+)?(?:\w+\s+)?(?:written\s+)?notice)",
    re.IGNORECASE,
)
# "effective on the thirtieth day after …": a notice period written as an ordinal day.
_ORDINAL_DAY = re.compile(
    r"\b(?:on\s+)?the\s+(?P<ord>[a-z]+(?:-[a-z]+)?)\s+day\s+after\b", re.IGNORECASE
)
_COMMENCE = re.compile(
    r"\b(?:commences?|enters?\s+into\s+(?:effect|force)|takes?\s+effect|comes?\s+into\s+(?:effect|force))\b[^.;]*\b(?:signature|signing)\b",
    re.IGNORECASE,
)


# Words a text names itself by, as the subject of a sentence ("This Agreement shall …").
_SELF = (
    r"^(?:[a-z0-9]+[.)]\s*)?(?:This|The\s+present)\s+(?:[A-Z][\w’'-]*\s+)*?"
    r"(?:Memorandum(?:\s+of\s+\w+)?|Agreement|Framework|Arrangement|Partnership|Declaration|"
    r"MoC|MoU|MOC|MOU)\b"
)
# "This Agreement shall enter into force 60 days after the date on which …": the text's own
# start, counted from an event; an amendment's or a termination's is not (other subjects).
_STARTS = re.compile(
    _SELF + r"[^.;]*?\b(?:(?:enters?|comes?)\s+into\s+(?:force|effect)|commences?|takes?\s+effect|"
    r"becomes?\s+effective)\b"
)
_AFTER = re.compile(r"^\s+(?:after|following|from)\b", re.IGNORECASE)
# "This MOC may be modified at any time by written consent", "The Parties may agree, in
# writing, to amend this Agreement": how the text itself may be changed (a request for
# modifications, or an amendment's own entry into force, is not that).
_KIND_WORD = (
    r"(?:[A-Z][\w’'-]*\s+)*?(?:Memorandum|Agreement|Framework|Arrangement|Partnership|"
    r"Declaration|MoC|MoU|MOC|MOU)\b"
)
_MODIFY = re.compile(
    _SELF + r"[^.;]*?\b(?:may|can|shall|will|is\s+to)\s+(?:only\s+)?be\s+"
    r"(?:modified|amended|revised)\b|\b(?:amend|modify|revise)\s+this\s+" + _KIND_WORD
)


def duration(match: re.Match[str]) -> str | None:
    """The xsd:duration a "three (3) years" match stands for."""
    if match.group("num"):
        amount = int(match.group("num"))
    elif match.group("digits"):
        amount = int(match.group("digits"))
    else:
        word = (match.group("word") or match.group("only") or "").casefold()
        if word not in _NUMBERS:
            return None
        amount = _NUMBERS[word]
    unit = _UNIT[match.group("unit").casefold()]
    return f"P{amount * 7}D" if unit == "W" else f"P{amount}{unit}"


def _durations(text: str) -> list[tuple[str, int, int]]:
    found = []
    for match in _DURATION.finditer(text):
        value = duration(match)
        if value:
            found.append((value, match.start(), match.end()))
    return found


def _sentences(provisions: Iterable[Provision]) -> Iterable[tuple[Provision, int, int, str]]:
    for provision in provisions:
        if provision.kind in ("title", "signatures"):
            continue
        for start, end in sentences(provision.text):
            yield provision, start, end, provision.text[start:end]


def read_terms(provisions: list[Provision]) -> Terms:
    """The term clauses: each duration is read once, in the role its clause gives it.

    In a sentence, a duration before "automatically renewed" is the initial term (if the
    sentence speaks of continuing); the first one after it is the renewal period ("equal
    periods" repeat the initial term); a duration in a clause about notice or non-renewal
    that is neither of those is the notice period.
    """
    found: dict[str, Valued] = {}
    for provision, start, _end, sentence in _sentences(provisions):

        def quote(s: int, e: int, p: Provision = provision, base: int = start) -> Quote:
            return Quote(p, base + s, base + e)

        spans = _durations(sentence)
        renewal = _RENEWAL.search(sentence)
        cut = renewal.start() if renewal else len(sentence)
        before = [d for d in spans if d[2] <= cut]
        after = [d for d in spans if d[1] >= cut]
        if m := _COMMENCE.search(sentence):
            found.setdefault("commences", Valued(True, quote(m.start(), m.end())))
        if m := _OPEN.search(sentence):
            found.setdefault("open_ended", Valued(True, quote(m.start(), m.end())))
        if _TERM.search(sentence[:cut]) and before and not _NOTICE.search(sentence[:cut]):
            found.setdefault("initial", Valued(before[0][0], quote(before[0][1], before[0][2])))
            before = before[1:]
        if renewal:
            found.setdefault("renewal", Valued(True, quote(renewal.start(), renewal.end())))
            equal = _EQUAL.search(sentence, renewal.end())
            if after and not (equal and equal.start() < after[0][1]):
                found.setdefault("period", Valued(after[0][0], quote(after[0][1], after[0][2])))
                after = after[1:]
            elif equal and "initial" in found:
                found.setdefault(
                    "period", Valued(found["initial"].value, quote(equal.start(), equal.end()))
                )
        rest = before + after
        if rest and _NOTICE.search(sentence):
            found.setdefault("notice", Valued(rest[0][0], quote(rest[0][1], rest[0][2])))
        if m := _STARTS.search(sentence):
            delay = next(
                (d for d in spans if d[1] >= m.end() and _AFTER.match(sentence[d[2] :])), None
            )
            if delay is not None:
                found.setdefault("delay", Valued(delay[0], quote(m.start(), delay[2])))
        if _MODIFY.search(sentence):
            found.setdefault("modifiable", Valued(True, quote(0, len(sentence.rstrip()))))
        if m := _ENDS_BY_NOTICE.search(sentence):
            found.setdefault("ends_by_notice", Valued(True, quote(m.start(), m.end())))
        if (m := _ORDINAL_DAY.search(sentence)) and re.search(r"notif|notice", sentence, re.I):
            days = ordinal(m.group("ord"))
            if days:
                found.setdefault("notice", Valued(f"P{days}D", quote(m.start(), m.end())))
    if "initial" not in found and "ends_by_notice" in found:
        found.setdefault("open_ended", found["ends_by_notice"])
    return Terms(
        initial_term=found.get("initial"),
        automatic_renewal=found.get("renewal"),
        renewal_period=found.get("period"),
        notice_period=found.get("notice"),
        open_ended=found.get("open_ended"),
        commences_on_signature=found.get("commences"),
        commencement_delay=found.get("delay"),
        modifiable=found.get("modifiable"),
    )


def read_legal_status(provisions: list[Provision]) -> Valued | None:
    for provision, start, end, sentence in _sentences(provisions):
        if _NON_BINDING.search(sentence):
            return Valued("non-binding", Quote(provision, start, end))
    return None


def read_signing(provision: Provision, parties: PartyLexicon) -> Signing | None:
    """Place, date and language from the closing formula ("Signed in … on … in … languages")."""
    for start, end in sentences(provision.text):
        sentence = provision.text[start:end]
        if not _SIGNED.match(sentence):
            continue
        quote = Quote(provision, start, end)
        day = date_quote = None
        for pattern in _DATES:
            if m := pattern.search(sentence):
                day = date(int(m["year"]), _MONTHS[m["month"].casefold()], int(m["day"]))
                date_quote = Quote(provision, start + m.start(), start + m.end())
                break
        language = language_quote = None
        for m in re.finditer(r"\b([A-Z][a-z]+)\s+languages?\b", sentence):
            lang = pycountry.languages.get(name=m.group(1))
            if lang is not None and hasattr(lang, "alpha_2"):
                language, language_quote = (
                    lang.alpha_2,
                    Quote(provision, start + m.start(), start + m.end()),
                )
                break
        place = place_party = place_quote = None
        for m in _PLACE.finditer(sentence):
            candidate = m.group("place")
            if (
                pycountry.languages.get(name=candidate.split()[0]) is not None
                or candidate in _MONTHS
            ):
                continue
            if re.match(_MONTH, candidate):
                continue
            place = candidate
            place_quote = Quote(provision, start + m.start("place"), start + m.end("place"))
            place_party = _subdivision_party(candidate)
            tail = sentence[m.end() : m.end() + 60]
            if tail.startswith(",") and (
                found := parties.find(tail.split(",")[1] if "," in tail[1:] else tail)
            ):
                place_party = found[0].key
            break
        return Signing(
            place, place_party, day, language, quote, place_quote, date_quote, language_quote
        )
    return None


def _subdivision_party(place: str) -> str | None:
    """The country of a place that is itself an ISO 3166-2 subdivision (Tokyo is JP-13),
    for texts that name the city but not the country."""
    matches = {sub.country_code.lower() for sub in pycountry.subdivisions if sub.name == place}
    return matches.pop() if len(matches) == 1 else None
