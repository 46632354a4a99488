"""What a reader needs from one agreement, made from the rows of the agreement-page queries.

The agreement page (:mod:`digicoop.pages.agreement`) shows a summary (kind, parties,
participants and their roles, signatories, signing, legal status, term and the notice
deadline with its derivation, bodies, topics and citations) above the text itself. This
module turns query rows into that view model and does not know about HTML.

Every value keeps the quotes it was read from, and every quote knows where its words are
in the reading view: the anchor of a ``<mark>`` around them in their provision's text, or,
where the words cannot be found in the provision's own text, the provision itself. So a
reader can go from any fact to its words with one click.

Facts the page does not know by name (a property a later version of the data adds, such
as an issuer or an event) are listed under "Other facts" with their labels, so nothing the
graph says about the agreement is hidden.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from digicoop.export.sparql import Row, local_name
from digicoop.labels import Outline, parts_from_rows

DCO = "https://w3id.org/digicoop/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCTERMS = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

#: Links from a provision shown by name in the reading view; others are shown generically.
MODALITY, TOPIC, CITES, REUSES = (
    DCO + "modality",
    DCTERMS + "subject",
    DCO + "cites",
    DCO + "reuses",
)
#: A provision's commitment nodes pair its modality with an actor; the modality chip shows it.
COMMITMENT = DCO + "commitment"
#: Properties of the agreement the summary shows in its own rows.
SHOWN = {
    RDF_TYPE, DCTERMS + "title", DCO + "agreementId", DCO + "party", DCO + "participant",
    DCO + "participantRole", DCO + "hasSigning", DCO + "hasSignature", DCTERMS + "language",
    DCO + "legalStatus", DCO + "initialTerm", DCO + "automaticRenewal", DCO + "renewalPeriod",
    DCO + "noticePeriod", DCO + "initialTermEnd", DCO + "noticeDeadline", DCO + "openEnded",
    DCO + "establishes", PROV + "wasDerivedFrom", DCTERMS + "source",
}  # fmt: skip
LABELS = {SKOS + "prefLabel", FOAF + "name", RDFS + "label", DCTERMS + "title"}
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}


def duration_text(value: str) -> str:
    """An ISO 8601 duration as words.

    >>> duration_text("P3Y"), duration_text("P1Y6M"), duration_text("P30D")
    ('3 years', '1 year 6 months', '30 days')
    """
    match = re.fullmatch(r"P((?:\d+[YMWD])+)", value)
    if not match:
        return value
    words = []
    for number, unit in re.findall(r"(\d+)([YMWD])", match[1]):
        words.append(f"{int(number)} {_UNITS[unit]}{'' if int(number) == 1 else 's'}")
    return " ".join(words)


def _normalise(text: str) -> str:
    return " ".join(text.replace("**", "").replace("__", "").split())


@dataclass
class Quote:
    """Words of the source that are evidence for a fact, and where they are on the page."""

    exact: str
    provision: str
    eid: str
    start: int
    end: int
    evidence: str
    derived_from: tuple[str, ...] = ()
    anchor: str = ""  # set by the reading view: "q-START-END" or "p-EID"
    where: str = ""  # the provision's readable label

    @property
    def text(self) -> str:
        return _normalise(self.exact)


@dataclass
class Value:
    """One value of a fact: a resource (IRI and label) or a literal, with its quotes."""

    text: str
    iri: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    note: str = ""


@dataclass
class Fact:
    """A labelled row of the summary."""

    key: str
    label: str
    values: list[Value]


@dataclass
class Step:
    """One line of the notice-deadline derivation."""

    operation: str  # "signed", "+ initial term", "= term ends", "− notice", "= deadline"
    value: str
    quotes: list[Quote]


@dataclass
class Block:
    """A provision in the reading view."""

    iri: str
    eid: str
    kind: str
    number: str
    heading: str
    text: str
    depth: int
    path: str
    marks: list[tuple[int, int, str]]  # (start, end, anchor) in ``text``
    tags: list[tuple[str, str, str, str]]  # (class, predicate label, IRI, label)

    def pieces(self) -> list[tuple[str, str]]:
        """The text cut at the marks: (anchor or "", words)."""
        out, at = [], 0
        for start, end, anchor in self.marks:
            if start > at:
                out.append(("", self.text[at:start]))
            out.append((anchor, self.text[start:end]))
            at = end
        if at < len(self.text):
            out.append(("", self.text[at:]))
        return out


@dataclass
class Reader:
    """Everything the agreement page shows."""

    def fact(self, key: str) -> Fact | None:
        """The summary row ``key`` ("deadline", "signed"...), if the graph states it."""
        return next((f for f in self.facts if f.key == key), None)

    iri: str
    identifier: str
    title: str
    facts: list[Fact]
    derivation: list[Step]
    topics: list[tuple[str, str, list[tuple[str, str, str]]]]  # topic, label, provisions
    citations: list[tuple[str, str, list[tuple[str, str, str]]]]
    others: list[Fact]
    blocks: list[Block]
    source: list[Value]


def _index_quotes(evidence: Sequence[Row]) -> dict[tuple[str, str, str], list[Quote]]:
    found: dict[tuple[str, str, str], list[Quote]] = defaultdict(list)
    for row in evidence:
        derived = row["derivedFrom"].value.split() if "derivedFrom" in row else []
        quote = Quote(
            exact=row["exact"].value,
            provision=row["provision"].value,
            eid=row["eId"].value,
            start=int(row["start"].value),
            end=int(row["end"].value),
            evidence=row["evidence"].value,
            derived_from=tuple(derived),
        )
        key = (row["subject"].value, row["predicate"].value, row["object"].value)
        found[key].append(quote)
    return found


class _Facts:
    """The agreement's triples and those of its one-hop neighbours, with quotes."""

    def __init__(self, agreement: str, rows: Sequence[Row], evidence: Sequence[Row]) -> None:
        self.agreement = agreement
        self.quotes = _index_quotes(evidence)
        self.by_evidence = {q.evidence: q for qs in self.quotes.values() for q in qs}
        self.triples: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
        seen: set[tuple[str, str, str]] = set()
        for row in rows:  # a node linked by two properties comes twice: keep each triple once
            triple = (row["subject"].value, row["predicate"].value, row["object"].value)
            if triple not in seen:
                seen.add(triple)
                self.triples[triple[0]][triple[1]].append(row)

    def rows(self, subject: str, predicate: str) -> list[Row]:
        return self.triples.get(subject, {}).get(predicate, [])

    def value(self, subject: str, row: Row, predicate: str) -> Value:
        term = row["object"]
        label = row["label"].value if "label" in row else None
        quotes = list(self.quotes.get((subject, predicate, term.value), []))
        if term.is_iri:
            return Value(label or local_name(term.value), term.value, quotes)
        return Value(term.value, None, quotes)

    def values(self, subject: str, predicate: str) -> list[Value]:
        found = [self.value(subject, row, predicate) for row in self.rows(subject, predicate)]
        return sorted(found, key=lambda v: v.text.lower())

    def first(self, subject: str, predicate: str) -> Value | None:
        found = self.values(subject, predicate)
        return found[0] if found else None

    def linked(self, predicate: str) -> list[str]:
        return sorted(row["object"].value for row in self.rows(self.agreement, predicate))


def _participants(facts: _Facts, labels: Mapping[str, str]) -> list[Value]:
    """Bodies with their roles: one value per body, roles in the note, role quotes kept."""
    bodies: dict[str, Value] = {}
    roles: dict[str, list[str]] = defaultdict(list)
    for participation in facts.linked(DCO + "participantRole"):
        member = facts.first(participation, ORG + "member")
        if member is None or member.iri is None:
            continue
        body = bodies.setdefault(member.iri, Value(member.text, member.iri))
        for role in facts.values(participation, ORG + "role"):
            roles[member.iri].append(role.text)
            body.quotes.extend(role.quotes)
    for value in facts.values(facts.agreement, DCO + "participant"):
        if value.iri:
            body = bodies.setdefault(value.iri, Value(value.text, value.iri))
            body.quotes = value.quotes + [q for q in body.quotes if q not in value.quotes]
    for iri, body in bodies.items():
        body.note = ", ".join(sorted(set(roles[iri])))
        body.quotes = _unique(body.quotes)
    return sorted(bodies.values(), key=lambda v: v.text.lower())


def _unique(quotes: list[Quote]) -> list[Quote]:
    seen, out = set(), []
    for quote in quotes:
        if (quote.start, quote.end) not in seen:
            seen.add((quote.start, quote.end))
            out.append(quote)
    return out


def _signatories(facts: _Facts) -> list[Value]:
    out = []
    for signature in facts.linked(DCO + "hasSignature"):
        person = facts.first(signature, DCO + "signatory")
        title = facts.first(signature, DCO + "signatoryTitle")
        body = facts.first(signature, DCO + "signedFor")
        side = facts.first(signature, DCO + "side")
        quotes: list[Quote] = []
        for value in (person, title, body):
            if value:
                quotes.extend(value.quotes)
        name = person.text if person else local_name(signature)
        note = ", ".join(v.text for v in (title, body) if v)
        if side:
            note += f" (for {side.text})" if note else f"for {side.text}"
        out.append(Value(name, person.iri if person else signature, _unique(quotes), note))
    return sorted(out, key=lambda v: v.text.lower())


def _signing(facts: _Facts) -> tuple[list[Value], Value | None]:
    dates, places = [], []
    for signing in facts.linked(DCO + "hasSigning"):
        dates += facts.values(signing, DCO + "signingDate")
        places += facts.values(signing, PROV + "atLocation")
    return dates + places, dates[0] if dates else None


def _bodies(facts: _Facts) -> list[Value]:
    out = []
    for value in facts.values(facts.agreement, DCO + "establishes"):
        if value.iri:
            details = [
                v.text
                for predicate in (DCO + "level", DCTERMS + "accrualPeriodicity")
                for v in facts.values(value.iri, predicate)
            ]
            for predicate in (DCO + "level", DCTERMS + "accrualPeriodicity"):
                for v in facts.values(value.iri, predicate):
                    value.quotes.extend(v.quotes)
            value.note = ", ".join(details)
            value.quotes = _unique(value.quotes)
        out.append(value)
    return out


def _derivation(facts: _Facts, signed: Value | None) -> list[Step]:
    """Signing date + initial term = term end; − notice period = notice deadline."""
    a = facts.agreement
    term, end = facts.first(a, DCO + "initialTerm"), facts.first(a, DCO + "initialTermEnd")
    notice, deadline = facts.first(a, DCO + "noticePeriod"), facts.first(a, DCO + "noticeDeadline")
    steps: list[Step] = []
    if signed and term and end:
        steps += [
            Step("signed on", signed.text, signed.quotes),
            Step("+ initial term of", duration_text(term.text), term.quotes),
            Step("= initial term ends on", end.text, []),
        ]
    if end and notice and deadline:
        steps += [
            Step("− notice period of", duration_text(notice.text), notice.quotes),
            Step("= last day to give notice of non-renewal", deadline.text, []),
        ]
    return steps


def _summary(facts: _Facts, labels: Mapping[str, str]) -> tuple[list[Fact], list[Step]]:
    a = facts.agreement

    def fact(key: str, label: str, values: list[Value]) -> None:
        if values:
            rows.append(Fact(key, label, values))

    rows: list[Fact] = []
    kinds = [
        v
        for v in facts.values(a, RDF_TYPE)
        if v.iri != DCO + "Agreement" and v.iri and v.iri.startswith(DCO)
    ]
    for kind in kinds:
        kind.text = labels.get(kind.iri or "", kind.text)
    fact("kind", "Kind", kinds)
    fact("parties", "Parties", facts.values(a, DCO + "party"))
    signing, signed = _signing(facts)
    fact("signed", "Signed (date, place)", signing)
    fact("status", "Legal status", facts.values(a, DCO + "legalStatus"))
    for key, predicate, label in (
        ("term", DCO + "initialTerm", "Initial term"),
        ("open-ended", DCO + "openEnded", "Runs until ended"),
        ("renewal", DCO + "automaticRenewal", "Renewed automatically"),
        ("renewal-period", DCO + "renewalPeriod", "Renewed for"),
        ("notice", DCO + "noticePeriod", "Notice of non-renewal"),
        ("term-end", DCO + "initialTermEnd", "Initial term ends"),
        ("deadline", DCO + "noticeDeadline", "Notice deadline"),
    ):
        values = facts.values(a, predicate)
        for value in values:
            if value.text.startswith("P"):
                value.text = duration_text(value.text)
            value.text = {"true": "yes", "false": "no"}.get(value.text, value.text)
        fact(key, label, values)
    fact("participants", "Participants and roles", _participants(facts, labels))
    fact("signatories", "Signatories", _signatories(facts))
    fact("language", "Language", facts.values(a, DCTERMS + "language"))
    fact("bodies", "Bodies set up", _bodies(facts))
    return rows, _derivation(facts, signed)


def _others(facts: _Facts, labels: Mapping[str, str]) -> list[Fact]:
    a = facts.agreement
    out = []
    for predicate in sorted(facts.triples.get(a, {})):
        if predicate in SHOWN or predicate in LABELS:
            continue
        label = labels.get(predicate, local_name(predicate))
        out.append(Fact(local_name(predicate), label, facts.values(a, predicate)))
    return out


def _source(facts: _Facts) -> list[Value]:
    """Where the text was published (``dcterms:source``), then the file it was read from."""
    a = facts.agreement
    texts = facts.linked(PROV + "wasDerivedFrom")
    published = facts.values(a, DCTERMS + "source")
    for text in texts:
        published += facts.values(text, DCTERMS + "source")
    for value in published:  # show the address itself, not a label
        value.text = value.iri or value.text
        value.note = value.note or "where the text was published"
    files = [
        Value(identifier.text, None, [], "file the graph was built from")
        for text in texts
        for identifier in facts.values(text, DCTERMS + "identifier")
    ]
    return published + files


def _marks(text: str, quotes: list[Quote]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans of ``text`` holding the quotes' words; sets each quote's anchor."""
    marks: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    folded = text.lower()
    for quote in sorted(quotes, key=lambda q: (q.start, q.end)):
        words = quote.text
        at = text.find(words) if words else -1
        if at < 0 and words:
            at = folded.find(words.lower())
        if at < 0:
            continue
        span = (at, at + len(words))
        clash = next((t for t in taken if t[0] < span[1] and span[0] < t[1]), None)
        if clash is not None:
            quote.anchor = next(m[2] for m in marks if (m[0], m[1]) == clash)
            continue
        quote.anchor = f"q-{quote.start}-{quote.end}"
        taken.append(span)
        marks.append((span[0], span[1], quote.anchor))
    return sorted(marks)


def _blocks(
    provisions: Sequence[Row],
    links: Sequence[Row],
    quotes: Mapping[str, list[Quote]],
    labels: Mapping[str, str],
) -> tuple[list[Block], Outline]:
    outline = Outline(parts_from_rows(provisions))
    tags: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for row in links:
        predicate, target = row["predicate"].value, row["object"].value
        if predicate == COMMITMENT:
            continue
        label = row["label"].value if "label" in row else local_name(target)
        if predicate == MODALITY:
            group = row["group"].value if "group" in row else ""
            kind = "modality " + re.sub(r"\W+", "-", group.lower()).strip("-")
        elif predicate == TOPIC:
            kind = "topic"
        elif predicate == CITES:
            kind = "cites"
        elif predicate == REUSES and "later" in row:
            kind, label = "reuses", f"same words later in {label}"
        elif predicate == REUSES:
            kind, label = "reuses", f"same words earlier in {label}"
        else:
            kind = "other"
        tags[row["provision"].value].append(
            (kind, labels.get(predicate, local_name(predicate)), target, label)
        )
    order = {"modality": 0, "topic": 1, "cites": 2, "other": 3, "reuses": 4}
    blocks = []
    for row in provisions:
        iri = row["provision"].value
        text = row["text"].value if "text" in row else ""
        found = quotes.get(iri, [])
        marks = _marks(text, found)
        eid = row["eId"].value
        for quote in found:
            quote.anchor = quote.anchor or f"p-{eid}"
        heading = row["heading"].value if "heading" in row else ""
        blocks.append(
            Block(
                iri=iri,
                eid=eid,
                kind=row["kind"].value,
                number=row["label"].value if "label" in row else "",
                heading="" if heading == text else heading,
                text=text,
                depth=_depth(iri, outline),
                path=outline.label(iri),
                marks=marks,
                tags=sorted(
                    set(tags.get(iri, [])), key=lambda t: (order[t[0].split()[0]], t[3].lower())
                ),
            )
        )
    return blocks, outline


def _depth(iri: str, outline: Outline) -> int:
    depth, seen = 0, set()
    current = outline.parts.get(iri)
    while current is not None and current.iri not in seen:
        seen.add(current.iri)
        depth += 1
        current = outline.parts.get(current.parent)
    return depth


def _grouped(
    links: Sequence[Row], predicate: str, outline: Outline, position: Mapping[str, int]
) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """(concept, label, [(provision, its label, its eId)]) for every target of ``predicate``."""
    found: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for row in links:
        if row["predicate"].value != predicate:
            continue
        target = row["object"].value
        found[target].add(row["provision"].value)
        names[target] = row["label"].value if "label" in row else local_name(target)
    out = []
    for target in sorted(found, key=lambda t: names[t].lower()):
        provisions = sorted(found[target], key=lambda p: (position.get(p, len(position)), p))
        items = [(p, outline.label(p), p.rsplit("/", 1)[-1]) for p in provisions]
        out.append((target, names[target], items))
    return out


def build_reader(
    agreement: str,
    facts_rows: Sequence[Row],
    evidence: Sequence[Row],
    provisions: Sequence[Row],
    links: Sequence[Row],
    labels: Mapping[str, str],
) -> Reader:
    """The reader's view of ``agreement`` from the rows of the five page queries."""
    facts = _Facts(agreement, facts_rows, evidence)
    by_provision: dict[str, list[Quote]] = defaultdict(list)
    for quotes in facts.quotes.values():
        for quote in quotes:
            by_provision[quote.provision].append(quote)
    blocks, outline = _blocks(provisions, links, by_provision, labels)
    position = {block.iri: n for n, block in enumerate(blocks)}
    paths = {block.iri: block.path for block in blocks}
    for quotes in facts.quotes.values():
        for quote in quotes:
            quote.where = paths.get(quote.provision, quote.eid)
    summary, derivation = _summary(facts, labels)
    title = facts.first(agreement, DCTERMS + "title")
    identifier = facts.first(agreement, DCO + "agreementId")
    return Reader(
        iri=agreement,
        identifier=identifier.text if identifier else local_name(agreement),
        title=title.text if title else local_name(agreement),
        facts=summary,
        derivation=derivation,
        topics=_grouped(links, TOPIC, outline, position),
        citations=_grouped(links, CITES, outline, position),
        others=_others(facts, labels),
        blocks=blocks,
        source=_source(facts),
    )
