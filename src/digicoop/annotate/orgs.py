"""Public bodies named in a text, and the party each acts for.

A body is recognised by its head noun (Ministry, Department, Agency, Service, Commission…)
followed by its capitalised name, as governments name themselves; the party comes from
the name's own suffix ("… of Japan"), a possessive ("the UK's …"), the side the sentence
speaks of ("on the Japanese side") or, failing those, another mention of the same body in
the corpus. A body whose party cannot be told is left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digicoop.annotate.parties import PartyLexicon
from digicoop.annotate.text import sentence_at

_CAP = r"[A-Z][\w-]*"
_NAME = rf"{_CAP}(?:(?:,[ \t]*\n?[ \t]*|[ \t]*\n?[ \t]*and[ \t]*\n?[ \t]*|[ \t]*\n?[ \t]*){_CAP})*"
_ORG = re.compile(
    rf"(?P<name>(?:Ministry|Department|Secretariat|Office)\s+(?:of|for)\s+{_NAME}"
    rf"|(?:{_CAP}\s+){{1,3}}(?:Agency|Service)(?![\w-])(?!\s+[A-Z])"
    r"|European\s+Commission(?:['’]s\s+services)?(?:\s+\(DG\s+\w+\))?)"
)
_SUFFIX = re.compile(r"^\s+of\s+(?:the\s+)?(?P<party>(?:[A-Z][\w-]*\s+(?:of\s+)?)*[A-Z][\w-]*)")
_POSSESSIVE = re.compile(r"(?P<party>[A-Z][\w.-]*)['’]s\s+$")
_SIDE = re.compile(r"\b(?P<party>[A-Z][\w.-]*)\s+side\b")


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int  # end of the name (suffix excluded)
    name: str
    party: str | None
    span_end: int  # end including a jurisdiction suffix


def _canonical(name: str) -> str:
    name = " ".join(name.split())
    name = re.sub(r"^(?:The|the)\s+", "", name)
    return name.replace("’s services", "'s services")


def _party_of(text: str, parties: PartyLexicon) -> str | None:
    found = parties.find(text) or parties.demonyms.find(text)
    return found[0].key if found else None


def find_orgs(text: str, parties: PartyLexicon) -> list[OrgMention]:
    """Every body named in ``text``, with its party where the text tells it."""
    mentions = []
    for match in _ORG.finditer(text):
        raw = match.group("name")
        # A name ends before a trailing "of <party>" that the greedy pattern took in.
        name = _canonical(raw)
        start = match.start("name")
        # Drop a leading capitalised article or possessive captured as a word.
        lead = re.match(r"(?:The|the)\s+", raw)
        if lead:
            start += lead.end()
        end = match.end("name")
        party = None
        span_end = end
        if suffix := _SUFFIX.match(text[end:]):
            party = _party_of(suffix.group("party"), parties)
            if party:
                span_end = end + suffix.end()
        if party is None and (poss := _POSSESSIVE.search(text[max(0, start - 30) : start])):
            party = _party_of(poss.group("party"), parties)
        if party is None and "European" in name:
            party = _party_of("European Union", parties)
        if party is None:
            s, e = sentence_at(text, start)
            named = [
                (s + m.start(), p)
                for m in _SIDE.finditer(text[s:e])
                if (p := _party_of(m.group("party"), parties))
            ]
            sides = {p for _, p in named}
            if len(sides) == 1:
                party = sides.pop()
            elif len(sides) > 1:
                # "led by A and B on the U.S. side, and C on the Indian side": a body
                # belongs to the first side named after it.
                party = next((p for at, p in named if at > end), None)
        mentions.append(OrgMention(start, end, name, party, span_end))
    return mentions


def resolve(mentions: list[OrgMention], known: dict[str, str]) -> list[OrgMention]:
    """Give bodies without a party the party another mention of the same name had."""
    resolved = []
    for mention in mentions:
        party = mention.party or known.get(mention.name)
        resolved.append(
            OrgMention(mention.start, mention.end, mention.name, party, mention.span_end)
        )
    return resolved


_POST = re.compile(
    rf"\b(?:Minister|Secretary|Commissioner|Director)(?:[ \t]+(?:Delegate|of[ \t]+State|General))?"
    rf"(?:[ \t]+to[ \t]+the[ \t]+Prime[ \t]+Minister)?[ \t]+(?:for|of)[ \t]+{_NAME}"
)


def find_posts(text: str) -> list[tuple[int, int]]:
    """Spans of posts named in ``text`` ("Minister Delegate … for Media and Connectivity"):
    their words name an office, not a topic the provision covers."""
    return [(m.start(), m.end()) for m in _POST.finditer(text)]
