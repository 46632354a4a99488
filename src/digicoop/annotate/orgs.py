"""Public bodies named in a text, and the party each acts for.

A body is recognised by its head noun (Ministry, Department, Agency, Service, Commission…)
followed by its capitalised name, as governments name themselves; the party comes from
the name's own suffix ("… of Japan"), a possessive ("the UK's …"), the side the sentence
speaks of ("on the Japanese side") or, failing those, another mention of the same body in
the corpus. A body whose party cannot be told is left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from digicoop.annotate.parties import PartyLexicon
from digicoop.annotate.text import TEXT_CACHE, sentence_at

# Words are matched possessively (``*+``): a capitalised run can be split into "words" in
# exponentially many ways otherwise, and an all-capitals title took seconds per line.
_CAP = r"[A-Z][\w-]*+"
_NAME = rf"{_CAP}(?:(?:,[ \t]*\n?[ \t]*|[ \t]*\n?[ \t]*and[ \t]*\n?[ \t]*|[ \t]*\n?[ \t]*)(?!The\b|[A-Z][\w-]*:){_CAP})*"
# A word of a name before its head: capitalised, or a dotted abbreviation ("U.S.").
_WORD = r"(?:[A-Z][\w’'-]*+|(?:[A-Z]\.){2,})"
_GAP = r"[ \t]*\n?[ \t]*"
_SUFFIX = re.compile(r"^\s+of\s+(?:the\s+)?(?P<party>(?:[A-Z][\w-]*\s+(?:of\s+)?)*[A-Z][\w-]*)")
_POSSESSIVE = re.compile(r"(?P<party>[A-Z][\w.-]*)['’]s\s+$")
_SIDE = re.compile(r"\b(?P<party>[A-Z][\w.-]*)\s+side\b")
# "(DFC)", "(EXIM Bank)", "(DG Connect)", "(U.S. CDC)": capitals first, one or two words.
_ACRONYM = re.compile(
    r"^(?:['’]s)?\s*\((?P<acr>(?:U\.S\.\s+)?[A-Z][A-Za-z&.-]*[A-Z][A-Za-z&.-]*(?:\s[A-Z][a-z]+)?)\)"
)
# A name defined with an acronym though it has no head noun: "Export Finance Australia’s
# (EFA)"; it is a body only where a party's name closes it.
_DEFINED = re.compile(
    rf"(?P<name>{_WORD}(?:{_GAP}(?:(?:of|for|and)\s+(?:the\s+)?)?{_WORD}){{1,7}})"
    r"(?=(?:['’]s)?\s*\([A-Z])"
)


_NARROW = re.compile(
    r"^(?:Ministry|Department|Secretariat|Office)\s+(?:of|for)\b|(?:Agency|Service)$"
    r"|^European Commission"
)


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int  # end of the name (suffix excluded)
    name: str
    party: str | None
    span_end: int  # end including a jurisdiction suffix and an acronym
    acronym: str | None = None
    span_start: int = -1  # start including an article or party before the name

    def __post_init__(self) -> None:
        if self.span_start < 0:
            object.__setattr__(self, "span_start", self.start)


@dataclass(frozen=True)
class BodyGrammar:
    """How texts name public bodies, built from ontology/bodies.txt."""

    pattern: re.Pattern[str]
    heads: frozenset[str]
    openers: frozenset[str]  # heads that open a name of their own: "Ministry of …"


@cache
def load_grammar(ontology_dir: Path) -> BodyGrammar:
    rows = (ontology_dir / "bodies.txt").read_text(encoding="utf-8").splitlines()
    entries = [r.split() for r in rows if r.strip() and not r.startswith("#")]
    heads = sorted({e[0] for e in entries}, key=lambda h: (-len(h), h))
    openers = frozenset(e[0] for e in entries if e[1:] == ["+"])
    head = "(?:" + "|".join(re.escape(h) for h in heads) + ")"
    of_name = rf"\s+(?:of|for)\s+(?:the\s+)?{_NAME}"
    pattern = re.compile(
        r"(?P<name>European\s+Commission(?:['’]s\s+services)?(?:\s+\(DG\s+\w+\))?"
        rf"|(?P<plural>{head})s\s+of\s+(?P<names>{_NAME})"
        rf"|{head}(?![\w-]){of_name}"
        rf"|(?:{_WORD}{_GAP}){{1,6}}{head}(?![\w-])(?:{of_name}|(?![ \t]+[A-Z])))"
    )
    return BodyGrammar(pattern, frozenset(heads), openers)


def _canonical(name: str) -> str:
    name = " ".join(name.split())
    name = re.sub(r"^(?:The|the)\s+", "", name)
    return name.replace("’s services", "'s services")


def _party_of(text: str, parties: PartyLexicon) -> str | None:
    found = parties.find(text) or parties.demonyms.find(text)
    return found[0].key if found else None


def _leading_party(name: str, parties: PartyLexicon) -> tuple[str | None, int]:
    """The party a name opens with ("U.S.", "United States", "Indian", "Australia’s") and
    where the rest of the name begins, or (None, 0). A union's demonym stays in the name:
    a union names its own bodies so ("European Investment Bank")."""
    for finder in (parties.find, parties.demonyms.find):
        found = finder(name)
        if found and finder == parties.demonyms.find and parties.refs[found[0].key].kind == "union":
            return None, 0
        if found and found[0].start == 0:
            rest = re.match(r"(?:['’]s)?(?:\s+Government['’]s)?\s+", name[found[0].end :])
            if rest:
                return found[0].key, found[0].end + rest.end()
    return None, 0


def _acronym_fits(acronym: str, name: str) -> bool:
    """Whether an acronym abbreviates the name: its capitals are initials of the name's
    words, in order ("DFC" of "International Development Finance Corporation", "USAID" of
    "U.S. Agency for International Development"); of a two-word form ("EXIM Bank") the
    second word is a word of the name and the first begins with an initial."""
    words = [w for w in re.split(r"[\s.’'-]+", name) if w]
    initials = [w[0].upper() for w in words]
    tokens = acronym.removeprefix("U.S.").split()
    if not tokens:
        return False
    if len(tokens) == 2:
        return tokens[1] in words and tokens[0][0] in initials
    letters = [c for c in tokens[0] if c.isupper()]
    if len(letters) < 2:
        return False
    index = 0
    for letter in letters:
        while index < len(initials) and initials[index] != letter:
            index += 1
        if index == len(initials):
            return False
        index += 1
    return True


def _mention(
    text: str, start: int, end: int, parties: PartyLexicon, grammar: BodyGrammar
) -> OrgMention | None:
    raw = text[start:end]
    span_start = start
    lead = re.match(r"(?:The|the)\s+", raw)
    if lead:
        start += lead.end()
        raw = raw[lead.end() :]
    party, rest_at = _leading_party(raw, parties)
    if party is not None and not raw[rest_at : rest_at + 1].isupper():
        party, rest_at = None, 0  # "European Commission’s services": one name
    acronym = None
    span_end = end
    m = _ACRONYM.match(text[end:])
    if m and (_acronym_fits(m.group("acr"), raw) or _acronym_fits(m.group("acr"), raw[rest_at:])):
        acronym = m.group("acr")
        span_end = end + m.end()
    for joint in re.finditer(r"\s+and\s+", raw):
        # "Department of Defense and Vietnam’s Ministry …", "… Demonstrations and Australian
        # entities": a party's name after "and" opens another phrase.
        tail = raw[joint.end() :]
        other = parties.find(tail) or parties.demonyms.find(tail)
        if (
            other
            and other[0].start == 0
            and (other[0].end == len(tail) or tail[other[0].end :].startswith(("’s", "'s")))
        ):
            raw = raw[: joint.start()]
            break
    for jurisdiction in re.finditer(r"\s+(?:of|for)\s+(?:the\s+)?(?P<p>.+)$", raw, re.S):
        # "Digital Agency of Japan", "Export-Import Bank of the United States": the words
        # after "of" name the party, not the body (up to the end of the line).
        after = jurisdiction.group("p")
        found = parties.find(after)
        if found and found[0].start == 0 and not after[found[0].end :].split("\n")[0].strip():
            party = party or found[0].key
            raw = raw[: jurisdiction.start()]
            break
    if party is not None:
        rest = raw[rest_at:]
        first = rest.split()[0] if rest.split() else ""
        # "Japan Bank for International Cooperation": the party's name is the body's own.
        own_name = first in grammar.heads and first not in grammar.openers
        if len(rest.split()) >= 2 and rest[:1].isupper() and not own_name:
            start += rest_at
            raw = rest
    name = _canonical(raw)
    if len(name.split()) < 2:
        return None
    if party is None and (trailing := parties.find(raw)) and trailing[-1].end == len(raw):
        party = trailing[-1].key  # "Export Finance Australia": the name stays whole
    if party is None and (suffix := _SUFFIX.match(text[end:])):
        party = _party_of(suffix.group("party"), parties)
        if party:
            span_end = max(span_end, end + suffix.end())
    return OrgMention(start, start + len(raw), name, party, span_end, acronym, span_start)


def find_orgs(text: str, parties: PartyLexicon, grammar: BodyGrammar) -> list[OrgMention]:
    """Every body named in ``text``, with its party where the text tells it."""
    return list(_find_orgs(text, parties, grammar))


@lru_cache(maxsize=TEXT_CACHE)
def _find_orgs(text: str, parties: PartyLexicon, grammar: BodyGrammar) -> tuple[OrgMention, ...]:
    """:func:`find_orgs`, kept per text: the build's census of bodies reads every provision
    before annotating reads it again (a forked worker inherits what the census found)."""
    mentions: list[OrgMention] = []
    for match in grammar.pattern.finditer(text):
        if match.group("plural"):
            # "the Departments of Biotechnology, Pharmaceuticals": one body per name.
            names = match.group("names")
            base = match.start("names")
            for part in re.finditer(r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*", names):
                at = base + part.start()
                name = f"{match.group('plural')} of {part.group(0)}"
                mentions.append(OrgMention(at, base + part.end(), name, None, base + part.end()))
            continue
        mention = _mention(text, match.start("name"), match.end("name"), parties, grammar)
        if mention is not None:
            mentions.append(mention)
    mentions.extend(_respective(text, parties, grammar))
    taken = [(m.start, m.span_end) for m in mentions]
    for match in _DEFINED.finditer(text):
        start, end = match.start("name"), match.end("name")
        if any(s < end and start < e for s, e in taken):
            continue
        raw = match.group("name")
        if re.search(r"['’]s$", raw):
            raw, end = raw[:-2], end - 2
        acronym = _ACRONYM.match(text[end:])
        if acronym is None or not _acronym_fits(acronym.group("acr"), raw):
            continue
        found = parties.find(raw) or parties.demonyms.find(raw)
        # A party's own name ("Republic of Korea (ROK)") is no body; a body without a head
        # noun ends with its party's name ("Export Finance Australia").
        if not found or (found[0].start == 0 and found[0].end == len(raw)):
            continue
        if found[-1].end != len(raw):
            continue
        mention = _mention(text, start, end, parties, grammar)
        if mention is not None:
            mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    placed = [_with_party(text, m, parties) for m in mentions]
    # A name of the older, narrower forms is a body even without a party (the corpus may
    # give it one); a name found only by a wider head ("… Council", "… Bank") must name
    # its party or define an acronym, or it is as likely a forum or a company.
    return tuple(m for m in placed if m.party or m.acronym or _NARROW.search(m.name))


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun if noun.endswith("s") else noun + "s"


@cache
def _respective_pattern(heads: frozenset[str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """ "respective <words> <plural head> of", built once per grammar; plural → head."""
    plurals = {_plural(h.casefold()): h.casefold() for h in heads}
    alternatives = "|".join(re.escape(p) for p in sorted(plurals, key=len, reverse=True))
    pattern = rf"\brespective\s+(?P<words>(?:[a-z]+\s+){{0,4}}?)(?P<head>{alternatives})\s+of\s+"
    return re.compile(pattern), plurals


def _respective(text: str, parties: PartyLexicon, grammar: BodyGrammar) -> list[OrgMention]:
    """ "the respective national security councils of the United States and Israel": one
    body of that name for each party named after it."""
    pattern, plurals = _respective_pattern(grammar.heads)
    found: list[OrgMention] = []
    for match in pattern.finditer(text):
        _, s_end = sentence_at(text, match.end())
        listed = parties.find(text[match.end() : s_end])
        codes: list[str] = []
        cursor = match.end()
        for party in listed:
            at = match.end() + party.start
            # Only the list right after "of": names joined by commas and "and".
            if not re.fullmatch(r"[\s,]*(?:and\s+)?(?:the\s+)?", text[cursor:at]):
                break
            codes.append(party.key)
            cursor = match.end() + party.end
        words = [*match.group("words").split(), plurals[match.group("head")]]
        name = " ".join(w.capitalize() for w in words)
        for code in codes:
            found.append(OrgMention(match.start(), cursor, name, code, cursor))
    return found


def _with_party(text: str, mention: OrgMention, parties: PartyLexicon) -> OrgMention:
    """The party of a body whose name does not give it: a possessive before it ("the UK's
    …"), its name ("European …"), the side its sentence speaks of ("on the Indian side")."""
    if mention.party is not None:
        return mention
    start, end = mention.start, mention.end
    party = None
    if poss := _POSSESSIVE.search(text[max(0, start - 30) : start]):
        party = _party_of(poss.group("party"), parties)
    if party is None and "European" in mention.name:
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
    return replace(mention, party=party)


def resolve(mentions: list[OrgMention], known: dict[str, str]) -> list[OrgMention]:
    """Give bodies without a party the party another mention of the same name had."""
    resolved = []
    for mention in mentions:
        resolved.append(replace(mention, party=mention.party or known.get(mention.name)))
    return resolved


_POST = re.compile(
    rf"\b(?:Minister|Secretary|Commissioner|Director)(?:[ \t]+(?:Delegate|of[ \t]+State|General))?"
    rf"(?:[ \t]+to[ \t]+the[ \t]+Prime[ \t]+Minister)?[ \t]+(?:for|of)[ \t]+{_NAME}"
)


def find_posts(text: str) -> list[tuple[int, int]]:
    """Spans of posts named in ``text`` ("Minister Delegate … for Media and Connectivity"):
    their words name an office, not a topic the provision covers."""
    return [(m.start(), m.end()) for m in _POST.finditer(text)]


def acronym_mentions(
    text: str, defined: dict[str, tuple[str, str]], taken: list[OrgMention]
) -> list[OrgMention]:
    """Later mentions of a body by the acronym the text defined for it ("… through EFA",
    "the U.S. DOE intend to"), outside the spans of the bodies already found."""
    found: list[OrgMention] = []
    for acronym, (name, party) in sorted(defined.items()):
        for m in re.finditer(rf"(?<![\w(])(?:U\.S\.\s+)?{re.escape(acronym)}(?![\w)])", text):
            if any(t.start < m.end() and m.start() < t.span_end for t in taken):
                continue
            found.append(OrgMention(m.start(), m.end(), name, party, m.end(), acronym))
    return found
