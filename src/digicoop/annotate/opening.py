"""Who speaks: the parties and issuers an opening formula names.

Texts name their authors in the subject of an opening sentence: "The Government of X and the
Government of Y (hereinafter …)", "We, the leaders of …", "Today, we – Prime Minister A of X,
… – convene", "The Governments of A, B, and C concur", "The 50 members of the … Initiative
(CRI)—A, B, …—met". That subject is a run of names, titles, "of", "the", "and", commas,
dashes and parentheses, ended by the first other lower-case word (the verb). Reading only that
run keeps out the countries a sentence mentions as places or topics ("met in New Delhi, India"
counts, being part of the run, only where the run has not yet ended), and a line that is all
names (a place-and-date line above the text) is no opening at all, having no verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from digicoop.annotate.lexicon import slugify
from digicoop.annotate.parties import PartyLexicon
from digicoop.annotate.phrases import Match, PhraseMatcher
from digicoop.annotate.records import Issuer, PartyRef, Quote
from digicoop.annotate.text import whole_sentences
from digicoop.model import Provision

#: How many text-bearing provisions from the start may hold the opening formula.
OPENING_PROVISIONS = 4

_TOKEN = re.compile(r"\([^()]*\)|[“\"][^”\"]*[”\"]|\w[\w.’'-]*|[,;–—-]|\S")
# Lower-case words that occur inside the naming run of an opening.
_INSIDE = frozenset(
    [
        "of",
        "the",
        "and",
        "we",
        "members",
        "member",
        "leaders",
        "principals",
        "governments",
        "government",
        "economic",
        "states",
        "heads",
        "bin",
        "al",
        "de",
    ]
)
_MARKED = re.compile(
    r"\b(?:we|governments?|members?|leaders?|principals?|hereinafter|participants?|parties)\b",
    re.IGNORECASE,
)
_OPENER = re.compile(r"^(?:Today,?\s+)?we\b", re.IGNORECASE)
_MEMBERS = re.compile(
    r"\bmembers?\s+(?:states\s+)?of\s+(?:the\s+)?(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)"
    r"(?:\s*\((?P<acr>[A-Z][A-Za-z]+)\))?",
    re.IGNORECASE,
)
_NAME_WORD = r"(?:[A-Z][\w’'-]*\.?|[A-Z]\.|bin|Al|al|de|van|von)"
_OF_PART = re.compile(rf"{_NAME_WORD}(?:,?\s+(?:of\s+(?:the\s+)?)?{_NAME_WORD})*")
_NAME = re.compile(
    rf"(?:The\s+Honorable\s+|H\.H\.\s+|Shri\s+|Sheikh\s+)*{_NAME_WORD}(?:\s+{_NAME_WORD})*"
)
_ORG_WORDS = frozenset(
    ["Committee", "Party", "Council", "Government", "Ministry", "Office", "Department"]
)


@dataclass
class Opening:
    parties: list[tuple[PartyRef, Quote]]
    members: dict[str, list[str]]  # grouping code → member codes the text lists
    issuers: list[Issuer]


@cache
def load_offices(ontology_dir: Path) -> PhraseMatcher:
    lines = (ontology_dir / "offices.txt").read_text(encoding="utf-8").splitlines()
    offices = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return PhraseMatcher((office, office) for office in offices)


def naming_run(sentence: str) -> int | None:
    """End of the run of names that opens ``sentence``, or None if no verb follows it."""
    for token in _TOKEN.finditer(sentence):
        word = token.group(0)
        if word[0] in '(“"' or not word[0].isalpha():
            continue
        if word[0].isupper() or word.casefold() in _INSIDE:
            continue
        return token.start()
    # A formal opening names the parties and hands over to the recitals ("The Government of
    # X and the Government of Y (hereinafter "the Participants"),"): no verb, but a comma.
    if sentence.rstrip().endswith((",", ":")) or "hereinafter" in sentence.casefold():
        return len(sentence)
    return None


def opening_provisions(provisions: list[Provision]) -> list[Provision]:
    """The first provisions that say something in sentences: where a text says who speaks.

    The title, the signature block, headings and date or place lines (no lower-case word)
    are passed over without counting against the limit."""
    found: list[Provision] = []
    for provision in provisions:
        if len(found) >= OPENING_PROVISIONS:
            break
        if provision.kind in ("title", "signatures") or not provision.text.strip():
            continue
        if not re.search(r"\b[a-z]{3,}\b", provision.text):
            continue  # a heading, a date or place line
        found.append(provision)
    return found


def _opening_sentences(provisions: list[Provision]) -> list[tuple[Provision, int, int]]:
    found: list[tuple[Provision, int, int]] = []
    for provision in opening_provisions(provisions):
        spans = whole_sentences(provision.text)
        for index, (start, end) in enumerate(spans):
            text = provision.text[start:end]
            if index == 0 or _OPENER.match(text) or text.startswith("Whereas"):
                found.append((provision, start, end))
    return found


def read_opening(provisions: list[Provision], parties: PartyLexicon, ontology_dir: Path) -> Opening:
    """Parties, text-listed members of groupings and issuers from the opening formula."""
    result = Opening([], {}, [])
    offices = load_offices(ontology_dir)
    for provision, start, end in _opening_sentences(provisions):
        sentence = provision.text[start:end]
        stop = naming_run(sentence)
        if stop is None:
            continue
        run = sentence[:stop]
        mentions = parties.find(run)
        if _OPENER.match(sentence):
            # "We, President X and Prime Minister Y": the authors speak; anyone else a first
            # sentence names (who hosted, who chaired) is not thereby an issuer.
            result.issuers.extend(office_holders(provision, start, run, parties, offices))
        if len(mentions) < 2 and not _MARKED.search(run):
            # An opening formula names every side, or speaks as "we" or for governments,
            # members or leaders; one name alone is a subject of another kind ("The U.S. host
            # year builds on …").
            continue
        for match in mentions:
            quote = Quote(provision, start + match.start, start + match.end)
            result.parties.append((parties.refs[match.key], quote))
        _groupings(provision, start, run, mentions, parties, result)
    return result


def _groupings(
    provision: Provision,
    base: int,
    run: str,
    mentions: list[Match],
    parties: PartyLexicon,
    result: Opening,
) -> None:
    """A grouping the run names as "members of X": known ones by name, others (an ad-hoc
    coalition) from the name and acronym the text gives, with the parties listed after it."""
    for m in _MEMBERS.finditer(run):
        known = [x for x in mentions if m.start("name") <= x.start < m.end()]
        if any(parties.refs[x.key].kind == "grouping" for x in known):
            continue
        after = [x.key for x in mentions if x.start >= m.end()]
        if not after:
            continue
        code = slugify(m.group("acr") or m.group("name"))
        name = " ".join(m.group("name").split())
        ref = PartyRef(code=code, name=name, kind="grouping", members=tuple(sorted(set(after))))
        result.parties.append((ref, Quote(provision, base + m.start("name"), base + m.end())))
        result.members[code] = sorted(set(after))


def _side_before(window: str, parties: PartyLexicon) -> str | None:
    """The side a party name or demonym just before an office gives ("U.S. National Security
    Advisor", "Indian National Security Advisor")."""
    for finder in (parties.find, parties.demonyms.find):
        found = finder(window)
        if found and not window[found[-1].end :].strip():
            return found[-1].key
    return None


def office_holders(
    provision: Provision, base: int, run: str, parties: PartyLexicon, offices: PhraseMatcher
) -> list[Issuer]:
    """The persons ``run`` (a span of ``provision.text`` from ``base``) names with their
    office: "President X", "Prime Minister of Y, Z", "U.S. National Security Advisor X"."""
    found: list[Issuer] = []
    for office in offices.find(run):
        if not run[office.start].isupper() or (
            office.start > 0 and run[office.start - 1].isalpha()
        ):
            continue
        cursor = office.end
        side = _side_before(run[max(0, office.start - 30) : office.start], parties)
        rest = run[cursor:]
        skip = re.match(r"\s*\([A-Z]+\)", rest)
        if skip:
            cursor += skip.end()
            rest = run[cursor:]
        of = re.match(r"\s+of\s+(?:the\s+)?", rest)
        if of:
            # "President of the United States Joseph R. Biden Jr.": the office's country, then
            # the name; "General Secretary of the … Party of Vietnam Central Committee X".
            words = _OF_PART.match(rest, of.end())
            if words is None:
                continue
            phrase = words.group(0)
            inside = parties.find(phrase)
            if inside:
                side = side or inside[0].key
                tail_start = inside[-1].end
            else:
                tail_start = 0
            tokens = phrase[tail_start:].split()
            while tokens and (tokens[0] in _ORG_WORDS or tokens[0][0].islower()):
                tokens.pop(0)
            org_cut = max((i + 1 for i, t in enumerate(tokens) if t in _ORG_WORDS), default=0)
            tokens = tokens[org_cut:]
            name = " ".join(tokens).strip(" ,")
            name_start = cursor + of.end() + phrase.rfind(name) if name else -1
            if not name:
                comma = re.match(r",\s*", rest[words.end() :])
                if comma:
                    later = _NAME.match(rest, words.end() + comma.end())
                    if later:
                        name = re.sub(
                            r"^(?:The\s+Honorable|H\.H\.|Shri|Sheikh)\s+", "", later.group(0)
                        )
                        name_start = cursor + later.end() - len(name)
        else:
            words = _NAME.match(rest, len(rest) - len(rest.lstrip()))
            if words is None:
                continue
            name = words.group(0)
            name_start = cursor + words.start()
            after = rest[words.end() :]
            suffix = re.match(r",?\s+Jr\.?", after)
            if suffix:
                name += suffix.group(0)
                after = after[suffix.end() :]
            of_party = re.match(r"\s+of\s+(?:the\s+)?", after)
            if of_party:
                found_party = parties.find(after[of_party.end() :])
                if found_party and found_party[0].start == 0:
                    side = found_party[0].key
        name = re.sub(r"^(?:The\s+Honorable|H\.H\.|Shri|Sheikh)\s+", "", name.strip(" ,"))
        if name and name_start >= 0:
            name_start = run.index(name, name_start)
        if not name or name_start < 0 or not name[0].isupper() or re.search(r"['’]s$", name):
            continue  # no name, or a possessive ("President Biden’s visit")
        found.append(
            Issuer(
                # "Joseph R. Biden Jr." and "Joseph R. Biden, Jr." are one name: the suffix
                # is given its comma, so that one person has one name in every text.
                name=re.sub(r",?\s+(Jr|Sr)\.?$", r", \1.", name),
                title=run[office.start : office.end],
                side=side,
                quote=Quote(provision, base + name_start, base + name_start + len(name)),
                title_quote=Quote(provision, base + office.start, base + office.end),
            )
        )
    return found
