"""Signatories read from a signature block, whatever its column layout.

Converted two-column blocks list the left and right columns' lines in turn: bodies (or
posts) first, then the persons, in the same order; one-column blocks give body, name and
post in sequence. Both come out right by keeping a queue of bodies and posts not yet
signed for and pairing each person with the oldest of them.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

import regex

from digicoop.annotate.lines import Line, lines
from digicoop.annotate.orgs import BodyGrammar, OrgMention, find_orgs
from digicoop.annotate.parties import PartyLexicon
from digicoop.annotate.records import OrgRef, PartyRef, Quote, Signature
from digicoop.model import Provision

_FOR = re.compile(r"^(?:For and on behalf of|On behalf of|For)\s+(?:the\s+)?", re.IGNORECASE)
_POST = re.compile(
    r"^(?:Minister|Secretary|President|Prime Minister|Director|Commissioner|Ambassador|Vice|Deputy|"
    r"Chair|Head|State Secretary|Executive|Chancellor|Governor)\b"
)
# Names are written in every alphabet's letters ("Tõnis", "NOVÁK", "Łukasz", "Ștefan"), so
# the classes are Unicode's upper- and lower-case letters (the regex module's \p{..}; the
# standard re has no such classes). A word is capitalised, may go on with a capital after an
# apostrophe or a prefix ("O’Brien", "McDonald") and may be joined by hyphens ("Liisa-Ly").
_UPPER = r"\p{Lu}[\p{Lu}'’-]+"
_PART = r"\p{Lu}[\p{Ll}'’]+(?:\p{Lu}\p{Ll}+)?"
_WORD = rf"{_PART}(?:-\p{{Lu}}?[\p{{Ll}}'’]+(?:\p{{Lu}}\p{{Ll}}+)?)*"
_NAME_PATTERNS = (
    regex.compile(rf"^(?P<family>{_UPPER}(?:\s+{_UPPER})*)\s+(?P<given>{_WORD}(?:\s+{_WORD})*)$"),
    regex.compile(rf"^(?P<given>{_WORD}(?:\s+{_WORD})*)\s+(?P<family>{_UPPER}(?:\s+{_UPPER})*)$"),
    regex.compile(rf"^(?P<plain>{_WORD}(?:\s+{_WORD}){{1,3}})$"),
)
#: Words of posts, bodies and closing formulas: a line holding one is no person's name.
NOT_NAME_WORDS = frozenset(
    {
        "agency",
        "ministry",
        "minister",
        "department",
        "digital",
        "affairs",
        "government",
        "service",
        "secretary",
        "state",
        "council",
        "republic",
        "kingdom",
        "duchy",
        "union",
        "commission",
        "office",
        "transformation",
        "communications",
        "internal",
        "economy",
        "trade",
        "industry",
        "justice",
        "culture",
        "media",
        "sport",
        "delegate",
        "connectivity",
        "equality",
        "copies",
        "original",
    }
)


@dataclass
class _Block:
    kind: str  # "person" | "body" | "post" | "other"
    lines: list[Line]
    name: Line | None = None
    name_parts: tuple[str | None, str | None] = (None, None)
    title: list[Line] | None = None
    org: OrgMention | None = None
    party: str | None = None


def has_post_word(line: str) -> bool:
    """Whether the line holds a word of a post, body or formula (:data:`NOT_NAME_WORDS`):
    "Digital Transformation" wrapped from "Minister for / Digital Transformation" is no
    person, however its words are capitalised."""
    return any(word.casefold() in NOT_NAME_WORDS for word in re.split(r"[\s-]+", line))


def _person(line: str, parties: PartyLexicon) -> tuple[str, str | None, str | None] | None:
    """(name, family, given) if the line is a person's name as signatures write them."""
    line = line.strip()
    for pattern in _NAME_PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        if has_post_word(line) or parties.find(line):
            return None
        groups = m.groupdict()
        return line, groups.get("family"), groups.get("given")
    return None


def _blocks(text: str, parties: PartyLexicon, grammar: BodyGrammar) -> list[_Block]:
    blocks: list[_Block] = []
    offset = 0
    for chunk in text.split("\n\n"):
        found = lines(chunk, offset)
        offset += len(chunk) + 2
        if not found:
            continue
        blocks.extend(_classify(found, parties, grammar))
    return blocks


def _classify(lines: list[Line], parties: PartyLexicon, grammar: BodyGrammar) -> list[_Block]:
    """One block of lines may hold a body or post and then a person (one-column layouts)."""
    out: list[_Block] = []
    current: list[Line] = []
    for index, line in enumerate(lines):
        head = line.text.split(",", 1)[0]
        person = _person(head, parties)
        if person is None:
            current.append(line)
            continue
        if current:
            out.append(_describe(current, parties, grammar))
            current = []
        name, family, given = person
        rest = line.text[len(head) + 1 :].strip() if "," in line.text else ""
        title_lines = ([Line(rest, line.start + line.text.index(rest))] if rest else []) + lines[
            index + 1 :
        ]
        out.append(_Block("person", [line], Line(name, line.start), (family, given), title_lines))
        return out
    if current:
        out.append(_describe(current, parties, grammar))
    return out


def _describe(lines: list[Line], parties: PartyLexicon, grammar: BodyGrammar) -> _Block:
    joined = " ".join(line.text for line in lines)
    if joined.startswith(("Signed", "Done", "Executed")):
        return _Block("other", lines)
    orgs = find_orgs(_FOR.sub("", joined), parties, grammar)
    if _POST.match(joined):
        found = parties.find(joined)
        return _Block("post", lines, party=found[-1].key if found else None)
    if orgs or _FOR.match(joined):
        return _Block("body", lines, org=orgs[0] if orgs else None)
    return _Block("other", lines)


def _quote(provision: Provision, lines: list[Line]) -> Quote:
    end = lines[-1].start + len(lines[-1].text)
    return Quote(provision, lines[0].start, end)


def read_signatures(
    provision: Provision,
    parties: PartyLexicon,
    grammar: BodyGrammar,
    participants: list[OrgRef],
) -> list[Signature]:
    """The signatures of a signature-block provision, in the order they appear."""
    pending: deque[_Block] = deque()
    signatures = []
    for block in _blocks(provision.text, parties, grammar):
        if block.kind in ("body", "post"):
            pending.append(block)
            continue
        if block.kind != "person" or block.name is None:
            continue
        partner = pending.popleft() if pending else None
        title_lines = block.title or []
        body: OrgRef | None = None
        body_quote = None
        side = None
        if partner is not None and partner.kind == "body" and partner.org is not None:
            body = _match_participant(partner.org.name, partner.org.party, participants)
            body_quote = _quote(provision, partner.lines)
        elif partner is not None and partner.kind == "post":
            title_lines = partner.lines
            side = partner.party
            body = _match_participant(
                " ".join(line.text for line in partner.lines), side, participants
            )
        if body is not None:
            side = body.party
        if body is not None and body_quote is None and partner is not None:
            body_quote = _quote(provision, partner.lines)
        title = " ".join(line.text for line in title_lines) or None
        family, given = block.name_parts
        signatures.append(
            Signature(
                name=block.name.text,
                family_name=family,
                given_name=given,
                title=title,
                body=body,
                side=side,
                quote=_quote(provision, [block.name]),
                title_quote=_quote(provision, title_lines) if title_lines else None,
                body_quote=body_quote,
            )
        )
    return signatures


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.casefold()) if len(w) > 3} - {
        "ministry",
        "minister",
        "japan",
    }


def _match_participant(text: str, party: str | None, participants: list[OrgRef]) -> OrgRef | None:
    """The participant a body line or a post belongs to: same party, most words in common."""
    candidates = [p for p in participants if party is None or p.party == party]
    if not candidates:
        return None
    scored = sorted(candidates, key=lambda p: (-len(_words(p.name) & _words(text)), p.name))
    best = scored[0]
    if len(candidates) > 1 and not _words(best.name) & _words(text):
        return None
    return best


_SIDE_LINE = re.compile(r"^(?:For and on behalf of|On behalf of|For)\b", re.IGNORECASE)
_FORMULA = re.compile(r"^(?:Signed|Done|Executed|In witness)\b", re.IGNORECASE)


def block_parties(provision: Provision, parties: PartyLexicon) -> list[tuple[PartyRef, Quote]]:
    """The parties a signature block signs for: "FOR THE GOVERNMENT OF JAPAN", "For and on
    behalf of the Republic of Estonia", with a side's words wrapped onto the next line (a
    flattened two-column block: "FOR THE GOVERNMENT OF … FOR THE GOVERNMENT / OF THE UNITED
    STATES OF AMERICA … MALAYSIA"). Lines of the closing formula name places, not sides."""
    found: list[tuple[PartyRef, Quote]] = []
    previous_side = False
    for line in lines(provision.text):
        if _FORMULA.match(line.text):
            previous_side = False
            continue
        side = bool(_SIDE_LINE.match(line.text))
        continued = previous_side and (line.text.isupper() or line.text[:3].casefold() == "of ")
        if side or continued:
            for match in parties.find(line.text):
                quote = Quote(provision, line.start + match.start, line.start + match.end)
                found.append((parties.refs[match.key], quote))
        previous_side = side or continued
    return found
