"""External initiatives, programmes, dialogues, agencies, laws, strategies, declarations and
organisations a provision cites, found by their form in any text.

Three doors, in this order, the longest name winning where they overlap:

1. a definition with an acronym, whatever its head word ("Office of Science and Technology
   Policy (OSTP)", "Financial Action Task Force (FATF)");
2. a capitalised multi-word name with a recognised head word, the head words being data
   (ontology/entities.ttl, ``cite:head``): "U.S.-Australia Critical Minerals Supply Security
   Response Group", "Declaration on Government Access to Personal Data Held by Private Sector
   Entities";
3. the gazetteer (ontology/entities.ttl), which also gives aliases and kinds to what the
   first two find ("OECD" is the Organisation for Economic Co-operation and Development).

Names are split at "and the" and at list commas; inside a name, "… of Y" and "Y’s …" also
cite Y, the issuing body ("Government Advisory Committee (GAC) of ICANN" cites the committee
and ICANN; "the OECD’s Declaration on …" cites the declaration, issued by the OECD, and the
OECD), so an instrument is never reduced to its issuer. Participants of the agreement, the
grouping that speaks in it (named in its title), its parties, posts and topics are never
citations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from rdflib import Graph, Namespace

from digicoop.annotate.lexicon import DCO, ENTITY_KINDS, Lexicon, slugify
from digicoop.annotate.parties import PartyLexicon
from digicoop.annotate.records import Citation, EntityRef, Quote
from digicoop.model import Provision

CITE = Namespace("https://w3id.org/digicoop/citation#")

# A capitalised word, an initialism with its dots ("U.S.", "ASEAN-U.S."), a number ("10th",
# "5G"), "&", or an acronym in parentheses inside a name ("Privacy Rules (CBPR) Forum").
_CAP = (
    r"(?:[A-Z0-9][\w’'/&-]*(?:\.[\w’'/&-]+)+\.?|[A-Z0-9][\w’'/&-]*|&|\([A-Z][A-Za-z0-9&-]{1,11}\))"
)
_LINK = r"(?:of|for|on|and|the|in|to|de|du|des|by|with|a)"
_WORD = rf"(?:{_CAP}|{_LINK}\b)"
# A run of capitalised words with the small words names use between them.
_RUN = re.compile(rf"{_CAP}(?:,?[ \t\u00a0]+{_WORD})*")
_ACRONYM = re.compile(r"\s*\((?P<acr>[A-Za-z][A-Za-z0-9&-]{1,11})\)")
_SPLIT = re.compile(r"\s+and\s+the\s+|,\s+(?:and\s+)?|\s+and\s+|(?<=[A-Z]\))\s+")
_TRIM_LEAD = re.compile(rf"^(?:(?:{_LINK})\s+)+", re.IGNORECASE)
_TRIM_TAIL = re.compile(rf"(?:\s+(?:{_LINK}))+$", re.IGNORECASE)
_NESTED = re.compile(r"\s+of\s+(?:the\s+)?(?P<inner>\S.*)$")
_INNER_ACRONYM = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z0-9&-]{1,11})\)\s*")
_LEADING = re.compile(
    r"^(?:(?:At|Under|In|On|For|With|Through|During|Consistent|Following|By|To|As|From|Since|"
    r"After|Before|Within|Among|Between|Including|Via|Per|Recalling|Recognizing|Recognising|"
    r"Noting|Welcoming|Celebrating|Building|Drawing|Guided|Today|Here|Both|Each|All|Our|Their|"
    r"Its|This|These|That|Those|Such|Any|Other|We|They|It|First|Second|Third|Fourth|Fifth|"
    r"Further|Furthermore|Additionally|Moreover|Finally|Together|Going|Over|"
    r"[A-Z]{2,}ING)\b,?\s+)+"  # a preambular participle in capitals: "RECALLING the …"
    r"(?:(?:with|the|of|to|on|forward)\b,?\s+)*"
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATED = re.compile(rf"\s+(?:in|on|at)\s+(?:\d|(?:{_MONTHS})\b)")
_PLACED = re.compile(r"\s+(?:in|at)\s+[A-Z][\w.-]*$")
# "the Court of Justice … in the Schrems II decision": capitalised words after "in the" that
# modify a common noun are the context of a name, not part of it.
_CONTEXT = re.compile(r"\s+(?:in|at|during|under)\s+the\s+[A-Z][^()]*$")
_SELF = re.compile(r"(?:\bthis|\bthe\s+present)\s+$", re.IGNORECASE)
_INDEFINITE = re.compile(
    r"\b(?:a|an)\s+(?:(?:new|annual|joint|first|dedicated|permanent)\s+)*$", re.IGNORECASE
)
_POSSESSIVE = re.compile(r"^(?P<issuer>.+?)['’]s\s+(?P<rest>.+)$")


@dataclass(frozen=True)
class Trailing:
    kind: str
    end: int
    plural: bool


@dataclass(frozen=True)
class Heads:
    pattern: re.Pattern[str]
    kinds: dict[str, str]  # head word → entity kind
    # "Articles II and XVII of the": a numbered part of what follows, an instrument.
    part_of: re.Pattern[str] = re.compile(r"(?!)")

    def trailing(self, text: str, end: int) -> Trailing | None:
        """A lower-case head word right after a capitalised name ("the Partners of the Blue
        Pacific initiative", "Crystal Ball platforms"): the kind it gives, where it ends, and
        whether it is a plural (a common noun for things of that name, not part of it)."""
        # A noun closing a phrase ("… initiative, both established"), not a verb ("the
        # Participants plan to", "This project reflects").
        m = re.match(r"[ \t\u00a0]+([a-z][a-z]+)(?=[,;.:)]|$)", text[end:])
        if m is None:
            return None
        word = m.group(1)
        by_lower = {head.casefold(): kind for head, kind in self.kinds.items()}
        singular = word[:-1] if word.endswith("s") and word[:-1] in by_lower else None
        kind = by_lower.get(word) if singular is None else by_lower[singular]
        if kind is None:
            return None
        return Trailing(kind, end + m.end(), singular is not None)

    def kind(self, name: str) -> str | None:
        """The kind of the name's head: the last head word that ends the name or is followed
        by a small word ("Strategic Framework for …"), not one inside a compound ("Dialogue
        Relations")."""
        name = _INNER_ACRONYM.sub(" ", name).strip()
        kinds = [
            self.kinds[m.group(0)]
            for m in self.pattern.finditer(name)
            if re.match(rf"(?:$|\s+(?:{_LINK}|between)\b|\s+\d)", name[m.end() :])
        ]
        return kinds[-1] if kinds else None


@cache
def load_heads(ontology_dir: Path) -> Heads:
    graph = Graph().parse(ontology_dir / "entities.ttl", format="turtle")
    kinds: dict[str, str] = {}
    for kind in ENTITY_KINDS:
        for head in graph.objects(DCO[kind], CITE.head):
            kinds.setdefault(str(head), kind)
    words = sorted(kinds, key=lambda w: (-len(w), w))
    alternation = "|".join(re.escape(w) for w in words)
    parts = "|".join(
        sorted((re.escape(str(p)) for p in graph.objects(None, CITE.part)), key=lambda w: -len(w))
    )
    number = r"(?:\d+[\w.()-]*|[IVXLC]+\b|[A-Z]\b)"
    part_of = re.compile(
        rf"(?:{parts})\s+{number}(?:\s*(?:,|and|or|to|-|–)\s*{number})*\s+(?:of|to|in)\s+"
        r"(?:the\s+)?"
        if parts
        else r"(?!)"
    )
    return Heads(re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), kinds, part_of)


@dataclass(frozen=True)
class Found:
    ref: EntityRef
    start: int
    end: int


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


class Reader:
    """Finds the cited names of one agreement's provisions."""

    def __init__(
        self,
        lexicon: Lexicon,
        heads: Heads,
        parties: PartyLexicon,
        speakers: frozenset[str] = frozenset(),
    ) -> None:
        self.lexicon = lexicon
        self.heads = heads
        self.parties = parties
        self.speakers = speakers  # entity slugs and names of the grouping that speaks
        self.defined: dict[str, EntityRef] = {}  # names and acronyms this text has defined
        self.own: set[str] = set()  # folded names of the text itself and the bodies it sets up

    def _known(self, name: str) -> EntityRef | None:
        """The gazetteer's entry, or the text's own earlier definition, for exactly this
        name (label, alias or acronym)."""
        if name in self.defined:
            return self.defined[name]
        matches = self.lexicon.entities.find(name)
        if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(name):
            return self.lexicon.entity_refs[matches[0].key]
        return None

    def _remember(self, ref: EntityRef) -> None:
        self.defined.setdefault(ref.label, ref)
        if ref.acronym:
            self.defined.setdefault(ref.acronym, ref)

    def _excluded(self, name: str) -> bool:
        """A party, a topic, or the grouping that speaks: never a citation."""
        if slugify(name) in self.speakers:
            return True
        party = self.parties.find(name)
        if party and party[0].start == 0 and party[0].end == len(name):
            return True
        topic = self.lexicon.topics.find(name)
        return bool(topic and topic[0].start == 0 and topic[0].end == len(name))

    def _ref(self, name: str, acronym: str | None, kind: str) -> EntityRef | None:
        known = self._known(name) or (self._known(acronym) if acronym else None)
        if known is not None:
            return None if known.slug in self.speakers else known
        if self._excluded(name) or (acronym and self._excluded(acronym)):
            return None
        return EntityRef(slugify(name), name, kind, acronym=acronym)

    def names(self, text: str, exclude: Sequence[tuple[int, int]]) -> list[Found]:
        """Names found by their form: acronym definitions and capitalised names with a head."""
        found: list[Found] = []
        for run in _RUN.finditer(text):
            for start, end in self._pieces(text, run.start(), run.end()):
                before = text[max(0, start - 30) : start]
                if _overlaps(start, end, exclude) or _SELF.search(before):
                    continue  # "this Memorandum of Understanding" is the text itself
                if _INDEFINITE.search(before) and len(text[start:end].split()) <= 2:
                    continue  # "a Digital Partnership" names no particular one
                context = _CONTEXT.search(text, start, end)
                if context and end == run.end() and re.match(r"\s+[a-z]", text[end:]):
                    end = context.start()  # "… Union in the Schrems II decision"
                part = self.heads.part_of.match(text, start, end)
                if part is not None:
                    start = part.end()
                own_words = re.sub(r"^.+?['’]s\s+", "", text[start:end])  # not its issuer's
                capitalised = re.findall(r"\b[A-Z][\w’'-]*[a-z]\b", own_words)
                trailing = (
                    self.heads.trailing(text, end)
                    if end == run.end()
                    and len(capitalised) >= 2
                    and not self.heads.kind(text[start:end])
                    # "their Research & Innovation dialogue": a dialogue they hold, described
                    and not re.search(r"\b(?:their|our|its|his|her|your|my)\s+$", before)
                    else None
                )
                if trailing is not None and not trailing.plural:
                    end = trailing.end  # "the Partners of the Blue Pacific initiative"
                found.extend(
                    self._name(
                        text,
                        start,
                        end,
                        part_of=part is not None,
                        trailing=trailing.kind if trailing else None,
                    )
                )
        return found

    def _is_name(self, piece: str, whole: bool = False) -> bool:
        """A name on its own: known, with a head word, or naming a party (``whole``: the
        party is the whole piece, so that "ASEAN-U.S. Trade" reads as the start of a longer
        name, not a name)."""
        if self._known(piece) or self.heads.kind(piece):
            return True
        found = self.parties.find(piece)
        return any(m.start == 0 and m.end == len(piece) for m in found) if whole else bool(found)

    def _pieces(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """A run cut where one name ends and another begins: at "and the", list commas and
        "and" after a piece that is a name of its own ("OECD and Council of Europe"), each
        piece trimmed of small words, an opening preposition or article, and a trailing
        date or place ("… Conference in Washington", "… Meeting on 24 May 2022")."""
        pieces: list[tuple[int, int]] = []
        cursor = start
        cuts = list(_SPLIT.finditer(text, start, end))
        for index, cut in enumerate([*cuts, None]):
            piece_end = cut.start() if cut is not None else end
            trimmed = _trim(text, cursor, piece_end)
            left = text[trimmed[0] : trimmed[1]] if trimmed else ""
            if cut is not None:
                following = next(
                    (c.start() for c in cuts[index + 1 :] if c.group(0).strip().startswith(",")),
                    end,
                )
                right = text[cut.end() : following]
                after = cuts[index + 1].start() if index + 1 < len(cuts) else end
                if not self._cuts(text, cut, left, right, text[cut.end() : after], end):
                    continue
            span = _trim(text, cursor, piece_end)
            if span is not None:
                pieces.append(span)
            if cut is not None:
                cursor = cut.end()
        return pieces

    def _cuts(
        self, text: str, cut: re.Match[str], left: str, right: str, nearest: str, end: int
    ) -> bool:
        """Whether a run is cut at ``cut`` between the name ``left`` and what follows:
        ``right`` runs to the next list comma, ``nearest`` to the next cut of any kind."""
        sep = cut.group(0).strip()
        if sep == "":
            # "Privacy Rules (CBPR) Forum": an acronym inside one name, unless a named
            # instrument follows it ("UN Committee … (COPUOS) Guidelines for …") or the
            # body the name belongs to ("Government Advisory Committee (GAC) of ICANN").
            return bool(self.heads.kind(nearest) and len(nearest.split()) > 1) or bool(
                re.match(r"of\s", nearest)
            )
        ends_with_party = any(m.end == len(left) for m in self.parties.find(left))
        if "the" in sep and ends_with_party and self.heads.kind(left):
            return False  # "Joint Statement of the United States and the European Union …"
        last = cut.end() + len(right) >= end
        defined = re.search(r"\([A-Z][A-Za-z0-9&-]{1,11}\)\s*$", right) or (
            last and _ACRONYM.match(text, end)
        )
        bare = _INNER_ACRONYM.sub(" ", right).strip()
        if sep.startswith(",") and defined and not self._is_name(bare):
            return False  # "Declaration on Zone of Peace, Freedom and Neutrality (ZOPFAN)"
        if sep == "and" and re.search(r"\([A-Z][A-Za-z0-9&-]{1,11}\)$", left):
            return True  # a definition closes its name: "… Project (MISP) and Israel …"
        if not self._is_name(left, whole=sep == "and"):
            return False
        if sep == "and":
            # "Semiconductor Industry Association and Arizona State University": two names;
            # "Food and Agriculture Organization": one.
            return bool(self.heads.kind(nearest) or self._known(nearest.strip()))
        return True

    def _name(
        self,
        text: str,
        start: int,
        end: int,
        part_of: bool = False,
        trailing: str | None = None,
    ) -> list[Found]:
        """What the name at ``start:end`` cites. ``part_of``: a numbered part of it is cited,
        so it is an instrument whatever its head word; ``trailing``: the kind a lower-case
        head word after it gives ("Crystal Ball platforms")."""
        name = text[start:end]
        acronym_match = _ACRONYM.match(text, end)
        acronym = acronym_match.group("acr") if acronym_match else None
        inner = _INNER_ACRONYM.search(name)
        if acronym is None and inner is not None:
            acronym = inner.group("acr")
        if acronym and not any(c.isupper() for c in acronym[1:] + acronym[:1]):
            acronym = None
        kind = self.heads.kind(name) or trailing or ("Instrument" if part_of else None)
        if kind is None:
            known = self._known(name) or (self._known(acronym) if acronym else None)
            if known is None:
                return []
        elif len(name.split()) < 2 and acronym is None and self._known(name) is None:
            return []  # "the Framework", "the Group": a head alone names nothing
        if kind in ("Event", "Forum") and (placed := _PLACED.search(name)):
            name, end = name[: placed.start()], start + placed.start()
        results: list[Found] = []
        issuer_ref: EntityRef | None = None
        label = " ".join(_INNER_ACRONYM.sub(" ", name).split())
        possessive = re.match(r"(?P<issuer>.+?)['’]s\s+(?P<rest>.+)$", label)
        prefix = re.match(r"(?P<issuer>\S+)\s+(?P<rest>.+)$", label)
        if possessive and (self.heads.kind(possessive.group("rest")) or trailing):
            # "the OECD’s Declaration on …", "U.S. Space Command’s Global Sentinel Exercise":
            # the instrument, and its issuer unless the issuer is a party.
            issuer = possessive.group("issuer")
            issuer_ref = self._known(issuer)
            if (
                issuer_ref is None
                and self.heads.kind(issuer)
                and len(issuer.split()) > 1  # "the Group’s Joint Principles": a head alone
                and not self._excluded(issuer)
            ):
                issuer_ref = EntityRef(
                    slugify(issuer), issuer, self.heads.kind(issuer) or "Organisation"
                )
            if issuer_ref is not None and issuer_ref.slug not in self.speakers:
                results.append(Found(issuer_ref, start, start + len(issuer)))
            start += name.find(possessive.group("rest")[:12])
            label = possessive.group("rest")
        elif (
            prefix
            and self.heads.kind(prefix.group("rest"))
            and len(prefix.group("rest").split()) > 1
        ):
            # "OECD Recommendation on AI": the instrument keeps its full name; the body it
            # comes from is cited beside it. Where the text's acronym spells the name without
            # the body ("WTO General Agreement on Trade in Services (GATS)"), that is the name.
            issuer_ref = self._known(prefix.group("issuer"))
            if issuer_ref is not None and issuer_ref.slug not in self.speakers:
                results.append(Found(issuer_ref, start, start + len(prefix.group("issuer"))))
            rest = prefix.group("rest")
            if (
                issuer_ref is not None
                and acronym
                and self._known(label) is None
                and _spells(acronym, rest.split())
                and not _spells(acronym, label.split())
            ):
                start += name.find(rest[:12])
                label = rest
        full_end = acronym_match.end() if acronym_match and acronym else end
        ref = self._ref(label, acronym, kind or "Organisation")
        # "… of Y": Y is cited too, as the body the name belongs to.
        nested = _NESTED.search(label)
        after = re.match(r"\s+of\s+(?:the\s+)?(?P<inner>[A-Z][\w.-]+)", text[full_end:])
        for candidate, offset in (
            (nested.group("inner"), start + name.find(nested.group("inner")))
            if nested
            else (None, 0),
            (after.group("inner"), full_end + after.start("inner")) if after else (None, 0),
        ):
            if not candidate or offset < start:
                continue
            inner_ref = self._known(candidate)
            if (
                inner_ref is None
                and self.heads.kind(candidate) in ("Organisation", "Forum")
                and not self._excluded(candidate)
            ):
                inner_ref = EntityRef(slugify(candidate), candidate, "Organisation")
            if inner_ref is not None and inner_ref.slug not in self.speakers:
                results.append(Found(inner_ref, offset, offset + len(candidate)))
                issuer_ref = issuer_ref or inner_ref
        if ref is not None:
            if issuer_ref is not None and issuer_ref.slug not in self.speakers | {ref.slug}:
                ref = replace(ref, issuer=issuer_ref)
            self._remember(ref)
            results.append(Found(ref, start, full_end))
        return results

    def is_own(self, name: str) -> bool:
        """The text itself or a body it sets up: "Digital Partnership" in the "Japan-EU
        Digital Partnership", "Memorandum of Cooperation" in a memorandum of cooperation."""
        folded = " ".join(name.casefold().split())
        for own in self.own:
            if folded == own or own.startswith(folded + " "):
                return True
            # "… Digital Partnership" is its own name; "Statement on X" is about X, a citation.
            if own.endswith(" " + folded) and not re.search(r"\b(?:on|for|of|about)\b", own):
                return True
        return False

    def speak(self, title: str, bodies: Sequence[str] = ()) -> None:
        """The groupings a title names (not its instruments) speak in the text; the first
        name a head word closes in the title is the text itself; ``bodies`` (those the text
        sets up) are its own. None of them is cited by it."""
        if title.isupper():
            title = re.sub(
                r"(?<=\s)(?:Of|The|And|On|For|In|To|Between|With|By)\b",
                lambda m: m.group(0).lower(),
                title.title(),
            )
        self.own.update(" ".join(b.casefold().split()) for b in bodies)
        first = next((m for m in self.heads.pattern.finditer(title)), None)
        run = next((r for r in _RUN.finditer(title) if first and r.end() >= first.end()), None)
        if first is not None and run is not None:
            for begin, end in self._pieces(title, run.start(), run.end()):
                if begin <= first.start() < end:
                    self.own.add(" ".join(title[begin:end].casefold().split()))
        spoken = set(self.speakers)
        names = self.names(title, ())
        # Every name a head word closes in the title, not only the longest
        # ("International Counter Ransomware Initiative 2023 Joint Statement").
        for head in self.heads.pattern.finditer(title):
            starts = [
                m.start() for m in _RUN.finditer(title, 0, head.end()) if m.end() >= head.end()
            ]
            if starts:
                begin = max(starts)
                names.extend(
                    self._name(title, *(_trim(title, begin, head.end()) or (begin, head.end())))
                )
        # "Joint Statement on the Launch of … Committee on Economic Competitiveness": what a
        # statement is on is its subject, cited in it; only who makes it speaks.
        about = (
            re.search(r"\s+(?:on|about|regarding|concerning)\s", title[first.end() :])
            if first is not None
            else None
        )
        subject_from = first.end() + about.start() if first is not None and about else len(title)
        for found in names:
            if found.start >= subject_from:
                continue
            if found.ref.kind in ("Forum", "Initiative", "Organisation"):
                spoken.add(found.ref.slug)
                if found.ref.acronym:
                    spoken.add(slugify(found.ref.acronym))
        self.speakers = frozenset(spoken)
        self.defined.clear()

    def cite(self, provision: Provision, exclude: Sequence[tuple[int, int]]) -> list[Citation]:
        """One citation per entity the provision names, quoting its first mention."""
        text = provision.text
        known = [
            Found(self.lexicon.entity_refs[m.key], m.start, m.end)
            for m in self.lexicon.entities.find(text, exclude)
        ]
        known += [
            Found(self.defined[m.group(0)], m.start(), m.end())
            for m in re.finditer(r"[A-Za-z][\w.-]*[A-Za-z0-9]", text)
            if m.group(0) in self.defined and not _overlaps(m.start(), m.end(), exclude)
        ]
        discovered = self.names(text, exclude)
        # "Government Advisory Committee (GAC) of ICANN": the body a known name belongs to.
        for k in list(known):
            inner = re.search(r"\s+of\s+(?:the\s+)?(?P<inner>[A-Z][\w.-]+)$", text[k.start : k.end])
            if inner and (ref := self._known(inner.group("inner"))) is not None:
                s = k.start + inner.start("inner")
                known.append(Found(ref, s, s + len(inner.group("inner"))))
        # The longest name wins: a discovered name inside a gazetteer name gives way to it,
        # a gazetteer name inside a discovered one stays only as its issuer or nesting.
        found = [
            f
            for f in discovered
            if not any(
                k.start <= f.start and f.end <= k.end and (k.end - k.start) > (f.end - f.start)
                for k in known
            )
        ]
        found += [
            k
            for k in known
            if not any(
                f.start <= k.start and k.end <= f.end and (f.end - f.start) > (k.end - k.start)
                for f in discovered
            )
            or any(f.ref.slug == k.ref.slug for f in found)
        ]
        found = [
            f
            for f in found
            if f.ref.slug not in self.speakers
            and not (f.ref.acronym and slugify(f.ref.acronym) in self.speakers)
            and not self.is_own(f.ref.label)
        ]
        citations: dict[str, Citation] = {}
        for f in sorted(found, key=lambda f: (f.start, -f.end)):
            quote = Quote(provision, f.start, f.end)
            citations.setdefault(f.ref.slug, Citation(provision, f.ref, quote))
        return list(citations.values())


def _spells(acronym: str, words: Sequence[str]) -> bool:
    """Whether ``acronym`` is the initials of ``words``, small words left out or not
    ("AIDER": APEC Internet and Digital Economy Roadmap; "CERT": Computer Emergency Response
    Teams; "GATS": General Agreement on Trade in Services)."""
    letters = re.sub(r"[^A-Z0-9]", "", acronym.removesuffix("s").upper())
    if len(letters) < 2:
        return False
    parts = [p for w in words for p in re.split(r"[-/]", w) if p]
    every = "".join(p[0] for p in parts).upper()
    content = "".join(p[0] for p in parts if not re.fullmatch(_LINK, p)).upper()
    return letters in (every, content)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    lead = _LEADING.match(piece)
    s = start + (lead.end() if lead else 0)
    small = _TRIM_LEAD.match(text[s:end])
    s += small.end() if small else 0
    e = end
    if (qualifier := _DATED.search(text, s, e)) is not None:
        e = qualifier.start()
    tail = _TRIM_TAIL.search(text[s:e])
    if tail:
        e = s + tail.start()
    return (s, e) if e > s else None


def speakers_of(title: str, lexicon: Lexicon, bodies: Sequence[str] = ()) -> frozenset[str]:
    """The groupings and bodies named in an agreement's title speak in it; they are not
    cited by it."""
    slugs = {match.key for match in lexicon.entities.find(title)}
    slugs.update(slugify(body) for body in bodies)
    return frozenset(slugs)
