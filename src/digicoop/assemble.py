"""The only place that mints IRIs and writes triples.

One agreement's segmented provisions and annotations become its own named graph plus its
contribution to the shared graph. Where a triple goes follows from its subject alone
(:func:`is_shared`, docs/MODEL.md "What lives where"): a triple about a resource that exists
apart from any one agreement (party, organisation, person, place, cited entity, governance
body) goes to the shared graph, where the build merges every agreement's contribution so that
each is described once; everything else (the agreement, its provisions, signing, signatures,
participations and every evidence node) stays in the agreement's graph. Evidence for a fact
about a shared resource therefore lives with the agreement that states it. Every fact is
written together with a ``dco:Evidence`` node (an ``oa:Annotation`` and, by the ontology, an
``rdf:Statement``) whose target names the provision it was read in and the exact raw text at
its span, so that a reader can check it against the source file; facts quoting the same span
share that target. Derived dates are written with evidence of their own
that points, through ``prov:wasDerivedFrom``, to the evidence of the facts they come from.

Date rule (docs/MODEL.md): the initial term ends on the signing date plus the term, counted
in calendar units (27 April 2026 + P3Y = 27 April 2029; a day that does not exist in the
target month falls back to the month's last day); the notice deadline is the initial term's
end minus the notice period, counted the same way.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from digicoop.annotate.lexicon import slugify
from digicoop.annotate.records import (
    Annotations,
    EntityRef,
    OrgRef,
    PartyRef,
    Quote,
)
from digicoop.model import Document, Provision
from digicoop.persons import person_slug
from digicoop.rdfterms import (
    DCO,
    DCTERMS,
    ELI,
    EVENT,
    FOAF,
    FREQ,
    ID,
    OA,
    ORG,
    PROV,
    RDF,
    RDFS,
    ROLE,
    SKOS,
    STATUS,
    XSD,
    Term,
    Triples,
    integer,
    n3,
    text,
    typed,
)
from digicoop.rdfterms import day as xsd_date
from digicoop.segment.frontmatter import publication_date
from digicoop.vocab import GRAPH

_EXTERNAL_CLASSES = {
    "Initiative": DCO.Initiative,
    "Organisation": DCO.Organisation,
    "Forum": DCO.Forum,
    "Facility": DCO.Facility,
    "Strategy": DCO.Strategy,
    "Instrument": DCO.Instrument,
    "Event": DCO.Event,
}
_PARTY_CLASSES = {
    "country": DCO.Country,
    "union": DCO.Union,
    "institution": DCO.Institution,
    "organisation": DCO.InternationalOrganisation,
    "grouping": DCO.Grouping,
}
#: IRI kinds (``id:{kind}/...``) of the resources described once, in the shared graph.
SHARED_KINDS = ("party", "org", "person", "place", "entity", "body")
_SHARED_PREFIXES = tuple(ID[f"{kind}/"].value for kind in SHARED_KINDS)


@dataclass(frozen=True)
class Reuse:
    """A provision that repeats, near-verbatim, the wording of an earlier provision of
    another agreement (digicoop.reuse.find_reuse_links): each by its agreement's id and its
    eId, the two parts its IRI is minted from."""

    agreement_id: str
    eid: str
    other_agreement_id: str
    other_eid: str
    similarity: float


_WEB_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


@dataclass(frozen=True)
class Assembled:
    """One agreement's output: its own graph and its part of the shared graph, as sets of
    triples of pyoxigraph terms (digicoop.rdfterms: no rdflib ``Graph``, whose indexing cost
    most of the build, nor rdflib terms; see digicoop.turtle)."""

    own: Triples
    shared: Triples


def is_shared(subject: ox.NamedNode) -> bool:
    """Whether a triple with this subject belongs in the shared graph (docs/MODEL.md)."""
    return subject.value.startswith(_SHARED_PREFIXES)


def agreement_iri(agreement_id: str) -> ox.NamedNode:
    return ID[f"agreement/{agreement_id}"]


def provision_iri(agreement_id: str, eid: str) -> ox.NamedNode:
    return ID[f"agreement/{agreement_id}/{eid}"]


def _digest(*parts: str) -> str:
    """16 hex digits of the sha256 of ``parts`` joined by newlines: the last segment of every
    IRI minted from what it names (evidence, quoted spans, reuse records), said once so that
    the IRIs cannot drift apart in how they are made."""
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def quote_iri(agreement_id: str, eid: str, start: int, end: int) -> ox.NamedNode:
    """The evidence target of the span ``start``..``end`` of the provision ``eid``:
    ``id:agreement/{id}/quote/{16 hex of sha256(eId, start, end)}``. Named by what it
    selects, so that every fact quoting the same span points to one target (docs/MODEL.md);
    a digest rather than the eId itself keeps the IRI short however deep the provision."""
    return ID[f"agreement/{agreement_id}/quote/{_digest(eid, str(start), str(end))}"]


def graph_iri(agreement_id: str) -> URIRef:
    """The agreement's named graph (an rdflib IRI: a graph's name, never a triple's term)."""
    return GRAPH[agreement_id]


#: The named graph of every shared resource (``graphs/shared.ttl``).
SHARED_GRAPH = GRAPH.shared
#: The named graph of text reuse across agreements (``graphs/reuse.ttl``).
REUSE_GRAPH = GRAPH.reuse


def party_iri(code: str) -> ox.NamedNode:
    return ID[f"party/{code}"]


def org_iri(org: OrgRef) -> ox.NamedNode:
    return ID[f"org/{org.party}/{slugify(org.name)}"]


def person_iri(name: str) -> ox.NamedNode:
    """One IRI for every spelling of a person's name that texts write (persons.py)."""
    return ID[f"person/{person_slug(name)}"]


def entity_iri(ref: EntityRef) -> ox.NamedNode:
    return ID[f"entity/{ref.slug}"]


def add_duration(start: date, duration: str, sign: int = 1) -> date:
    """``start`` plus (or minus) an xsd:duration of one unit: PnY, PnM, PnW or PnD."""
    m = re.fullmatch(r"P(\d+)([YMWD])", duration)
    if m is None:
        raise ValueError(f"unsupported duration {duration!r}")
    amount, unit = int(m.group(1)) * sign, m.group(2)
    if unit in "WD":
        return start + timedelta(days=amount * (7 if unit == "W" else 1))
    months = start.month - 1 + amount * (12 if unit == "Y" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


class _Writer:
    """Accumulates one agreement's graphs; every fact goes through :meth:`fact`.

    :meth:`add` places each triple by its subject (:func:`is_shared`), so code that writes a
    new kind of fact needs no thought about graphs: mint the subject's IRI by its kind."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.id = document.source.agreement_id
        self.agreement = agreement_iri(self.id)
        self.prefix = f"{self.agreement.value}/"
        self.graph: Triples = set()
        self.shared: Triples = set()
        self.evidence: set[ox.NamedNode] = set()  # evidence nodes written so far
        self.targets: set[ox.NamedNode] = set()  # quoted spans' targets written so far

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: Term) -> None:
        (self.shared if is_shared(s) else self.graph).add((s, p, o))

    def fact(
        self,
        s: ox.NamedNode,
        p: ox.NamedNode,
        o: Term,
        quote: Quote,
        derived_from: Iterable[ox.NamedNode] = (),
    ) -> ox.NamedNode:
        """Assert ``s p o`` and its evidence; returns the evidence IRI."""
        self.add(s, p, o)
        base = f"{self.prefix}evidence/{_digest(s.value, p.value, n3(o))}"
        evidence = ox.NamedNode(base)
        if evidence in self.evidence:
            return evidence
        self.evidence.add(evidence)
        target = self._target(quote)
        own = self.graph.add  # evidence nodes are the agreement's own, never shared
        own((evidence, _TYPE, _EVIDENCE))
        own((evidence, _TYPE, _ANNOTATION))
        own((evidence, _SUBJECT, s))
        own((evidence, _PREDICATE, p))
        own((evidence, _OBJECT, o))
        own((evidence, _MOTIVATED_BY, _IDENTIFYING))
        own((evidence, _HAS_TARGET, target))
        for source in derived_from:
            own((evidence, _DERIVED_FROM, source))
        return evidence

    def _target(self, quote: Quote) -> ox.NamedNode:
        """The quoted span's target, written once however many facts cite it.

        Why shared: a third of all facts quote a span another fact of the same agreement
        quotes already (the parties' names, a provision's modal sentence), and a target of
        its own per evidence node repeated its nine triples for each (docs/MODEL.md)."""
        raw = self.document.source.text
        start, end = quote.raw_span(raw)
        eid = quote.provision.eid
        target = quote_iri(self.id, eid, start, end)
        if target in self.targets:
            return target
        self.targets.add(target)
        provision = provision_iri(self.id, eid)
        exact = ox.NamedNode(f"{target.value}#quote")
        position = ox.NamedNode(f"{target.value}#position")
        own = self.graph.add  # targets are the agreement's own, never shared
        own((target, _TYPE, _SPECIFIC_RESOURCE))
        own((target, _HAS_SOURCE, provision))
        own((target, _HAS_SELECTOR, exact))
        own((target, _HAS_SELECTOR, position))
        own((exact, _TYPE, _QUOTE_SELECTOR))
        own((exact, _EXACT, text(raw[start:end])))
        own((position, _TYPE, _POSITION_SELECTOR))
        own((position, _START, integer(start)))
        own((position, _END, integer(end)))
        return target


# The terms every evidence node is written with, looked up once.
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
_EVIDENCE, _ANNOTATION = DCO.Evidence, OA.Annotation
_MOTIVATED_BY, _IDENTIFYING = OA.motivatedBy, OA.identifying
_HAS_TARGET, _DERIVED_FROM, _SPECIFIC_RESOURCE = (
    OA.hasTarget,
    PROV.wasDerivedFrom,
    OA.SpecificResource,
)
_HAS_SOURCE, _HAS_SELECTOR, _EXACT = OA.hasSource, OA.hasSelector, OA.exact
_QUOTE_SELECTOR, _POSITION_SELECTOR = OA.TextQuoteSelector, OA.TextPositionSelector
_START, _END = OA.start, OA.end


def assemble(document: Document, notes: Annotations) -> Assembled:
    """One agreement's own named graph and its part of the shared graph."""
    w = _Writer(document)
    _structure(w)
    _agreement(w, notes)
    _people(w, notes)
    _terms(w, notes)
    _provision_facts(w, notes)
    return Assembled(w.graph, w.shared)


def reuse_graph(reuses: Iterable[Reuse]) -> Triples:
    """The text-reuse graph (``graph:reuse``): each ``dco:reuses`` link and the
    ``dco:TextReuse`` record that qualifies it, with copies of the two provisions' agreement
    ids and eIds (docs/MODEL.md "Text reuse": what the corpus's list of reuse sorts and shows).

    Why a graph of its own: a link depends on the whole corpus (which text came first, which
    wording a family starts from), every other triple of an agreement's graph on its own text
    only; so adding an agreement rewrites this graph and its own, never the others'."""
    triples: Triples = set()
    for reuse in reuses:
        provision = provision_iri(reuse.agreement_id, reuse.eid)
        other = provision_iri(reuse.other_agreement_id, reuse.other_eid)
        node = reuse_iri(provision.value, other.value)
        similarity = typed(f"{reuse.similarity:.4f}", XSD.decimal)
        triples |= {
            (provision, DCO.reuses, other),
            (node, RDF.type, DCO.TextReuse),
            (node, RDF.subject, provision),
            (node, RDF.predicate, DCO.reuses),
            (node, RDF.object, other),
            (node, DCO.similarity, similarity),
            (node, DCO.subjectAgreementId, text(reuse.agreement_id)),
            (node, DCO.subjectEId, text(reuse.eid)),
            (node, DCO.objectAgreementId, text(reuse.other_agreement_id)),
            (node, DCO.objectEId, text(reuse.other_eid)),
        }
    return triples


def reuse_iri(provision: str, other: str) -> ox.NamedNode:
    """The IRI of the ``dco:TextReuse`` record of the link from ``provision`` to ``other``
    (their IRIs): ``id:reuse/{digest}``, a sha256 of the two."""
    return ID[f"reuse/{_digest(provision, other)}"]


def dated(own: Triples) -> str | None:
    """The agreement's date for ordering texts in time: its first date of issue (meeting,
    signing or statement), else its source's publication date; ISO, or ``None``."""
    found: dict[ox.NamedNode, list[str]] = {DCO.issueDate: [], DCO.publicationDate: []}
    for _, p, o in own:
        if p in found:
            found[p].append(o.value)
    issued, published = found[DCO.issueDate], found[DCO.publicationDate]
    return min(issued) if issued else min(published) if published else None


def _structure(w: _Writer) -> None:
    source = ID[f"agreement/{w.id}/source"]
    w.add(w.agreement, RDF.type, DCO.Agreement)
    w.add(w.agreement, DCO.agreementId, text(w.id))
    w.add(w.agreement, PROV.wasDerivedFrom, source)
    w.add(source, RDF.type, DCO.SourceText)
    w.add(source, DCTERMS.identifier, text(w.document.source.path))
    w.add(source, DCO.sha256, text(w.document.source.sha256))
    # Where the file says it was published (its front matter): metadata about the source,
    # not a fact read from the agreement's words, so it needs no quote.
    url = w.document.front_matter.get("source_url")
    if isinstance(url, str) and _WEB_IRI.match(url):
        w.add(w.agreement, DCTERMS.source, ox.NamedNode(url))
    _publication(w, source)

    def write(provision: Provision, parent: ox.NamedNode, order: int) -> None:
        iri = provision_iri(w.id, provision.eid)
        w.add(iri, RDF.type, DCO.Provision)
        w.add(iri, DCO.eId, text(provision.eid))
        w.add(iri, DCO.provisionKind, text(provision.kind))
        if provision.label:
            w.add(iri, DCO.label, text(provision.label))
        if provision.heading:
            w.add(iri, DCO.heading, text(provision.heading, "en"))
        if provision.text:
            w.add(iri, DCO.text, text(provision.text, "en"))
        for _, target in provision.links:
            if _WEB_IRI.match(target):  # the page a link in the text points at
                w.add(iri, DCTERMS.references, ox.NamedNode(target))
        w.add(iri, DCO.order, integer(order))
        w.add(iri, ELI.is_part_of, parent)
        w.add(parent, ELI.has_part, iri)
        w.add(iri, DCO.ofAgreement, w.agreement)
        w.add(w.agreement, DCO.hasProvision, iri)
        w.add(iri, DCO.sourceStart, integer(provision.start))
        w.add(iri, DCO.sourceEnd, integer(provision.end))
        for index, child in enumerate(provision.children, start=1):
            write(child, iri, index)

    for index, top in enumerate(w.document.provisions, start=1):
        write(top, w.agreement, index)


def _publication(w: _Writer, source: ox.NamedNode) -> None:
    """The day the front matter says the text was published, on the source text, with the
    key it was read from: a year for undated statements, never their date of issue."""
    found = publication_date(w.document.front_matter)
    if found is None:
        return
    day, key = found
    value = xsd_date(day)
    w.add(source, DCO.publicationDate, value)
    record = ID[f"agreement/{w.id}/source/front-matter/{key}"]
    w.add(record, RDF.type, DCO.FrontMatterValue)
    w.add(record, RDF.subject, source)
    w.add(record, RDF.predicate, DCO.publicationDate)
    w.add(record, RDF.object, value)
    w.add(record, DCO.frontMatterKey, text(key))
    w.add(record, PROV.wasDerivedFrom, source)


def _party(w: _Writer, ref: PartyRef) -> ox.NamedNode:
    iri = party_iri(ref.code)
    w.add(iri, RDF.type, _PARTY_CLASSES[ref.kind])
    w.add(iri, RDF.type, DCO.Party)
    w.add(iri, SKOS.prefLabel, text(ref.name, "en"))
    if ref.kind == "country":
        w.add(iri, DCO.isoCode, text(ref.code.upper()))
    for alt in ref.alt_names:
        if ref.kind == "grouping":
            w.add(iri, SKOS.altLabel, text(alt, "en"))
    return iri


def _party_with_links(w: _Writer, ref: PartyRef, known: dict[str, PartyRef]) -> ox.NamedNode:
    """A party, and for a grouping its members, for an institution its union: what lets a
    query for one country find the statements of the groupings it belongs to."""
    iri = _party(w, ref)
    for code in ref.members:
        member = known.get(code)
        if member is not None:
            w.add(iri, DCO.hasMember, _party(w, member))
    if ref.part_of and ref.part_of in known:
        w.add(iri, DCO.institutionOf, _party(w, known[ref.part_of]))
    return iri


def _org(w: _Writer, org: OrgRef) -> ox.NamedNode:
    iri = org_iri(org)
    w.add(iri, RDF.type, ORG.FormalOrganization)
    w.add(iri, RDF.type, ORG.Organization)
    w.add(iri, SKOS.prefLabel, text(org.name, "en"))
    for alt in org.alt_names:  # the acronym the text defined: "(DFC)"
        w.add(iri, SKOS.altLabel, text(alt, "en"))
    w.add(iri, DCO.actsFor, party_iri(org.party))
    return iri


def _agreement(w: _Writer, notes: Annotations) -> None:
    if notes.title is not None:
        w.fact(w.agreement, DCTERMS.title, text(notes.title.text, "en"), notes.title)
    if notes.kind is not None:
        w.fact(w.agreement, RDF.type, DCO[str(notes.kind.value)], notes.kind.quote)
    parties = {ref.code: ref for ref, _ in notes.parties}
    for ref, quote in notes.parties:
        w.fact(w.agreement, DCO.party, _party_with_links(w, ref, notes.known_parties), quote)
    if notes.instrument_kind is not None:
        w.fact(
            w.agreement,
            DCO.instrumentKind,
            ox.NamedNode(str(notes.instrument_kind.value)),
            notes.instrument_kind.quote,
        )
    for participation in notes.participations:
        org = _org(w, participation.org)
        if participation.org.party not in parties:
            continue
        _party(w, parties[participation.org.party])
        w.fact(w.agreement, DCO.participant, org, participation.quote)
        node = ID[
            f"agreement/{w.id}/participation/{participation.org.party}/{slugify(participation.org.name)}"
        ]
        node = ox.NamedNode(f"{node.value}/{participation.role}")
        w.add(node, RDF.type, DCO.Participation)
        w.add(node, DCO.participationOf, w.agreement)
        w.add(w.agreement, DCO.participantRole, node)
        w.add(node, ORG.member, org)
        w.fact(node, ORG.role, ROLE[participation.role], participation.quote)
    if notes.legal_status is not None:
        w.fact(
            w.agreement,
            DCO.legalStatus,
            STATUS[str(notes.legal_status.value)],
            notes.legal_status.quote,
        )
    for body in notes.bodies:
        iri = ID[f"body/{slugify(body.name)}"]
        w.add(iri, RDF.type, DCO.GovernanceBody)
        w.add(iri, SKOS.prefLabel, text(body.name, "en"))
        w.fact(w.agreement, DCO.establishes, iri, body.quote)
        w.fact(iri, DCO.establishedBy, w.agreement, body.quote)
        if body.level:
            w.fact(iri, DCO.level, text(body.level), body.quote)
        if body.frequency:
            w.fact(iri, DCTERMS.accrualPeriodicity, FREQ[body.frequency], body.quote)


def _issuers(w: _Writer, notes: Annotations) -> None:
    for issuer in notes.issuers:
        person = person_iri(issuer.name)
        node = ID[f"agreement/{w.id}/issuer/{slugify(issuer.name)}"]
        w.add(person, RDF.type, FOAF.Person)
        w.fact(person, FOAF.name, text(issuer.name), issuer.quote)
        w.add(node, RDF.type, DCO.Issue)
        w.add(node, DCO.ofAgreement, w.agreement)
        w.fact(w.agreement, DCO.issuer, node, issuer.quote)
        w.fact(node, DCO.issuedBy, person, issuer.quote)
        w.fact(node, DCO.issuerTitle, text(issuer.title), issuer.title_quote)
        if issuer.role != "issuer":
            # A co-chair of the meeting the statement reports, named as such.
            w.fact(node, ORG.role, ROLE[issuer.role], issuer.quote)
        if issuer.side:
            w.add(node, DCO.side, party_iri(issuer.side))
            if issuer.side in notes.known_parties:
                # The side may be a party's institution ("European Commission Executive
                # Vice President"): described, and linked to its union, like any party.
                _party_with_links(w, notes.known_parties[issuer.side], notes.known_parties)
    issuance = notes.issuance
    if issuance is None:
        return
    node = ID[f"agreement/{w.id}/issuance"]
    w.add(node, RDF.type, DCO.Issuance)
    w.fact(w.agreement, DCO.hasIssuance, node, issuance.quote)
    w.fact(node, DCO.eventKind, EVENT[issuance.event], issuance.quote)
    if issuance.day and issuance.day_quote:
        w.fact(node, DCO.issueDate, xsd_date(issuance.day), issuance.day_quote)
        if issuance.last_day:
            w.fact(
                node,
                DCO.endDate,
                xsd_date(issuance.last_day),
                issuance.day_quote,
            )
    if issuance.place and issuance.place_quote:
        _place(w, node, issuance.place, issuance.place_quote, issuance.place_party, issuance.quote)


def _place(
    w: _Writer,
    event: ox.NamedNode,
    name: str,
    quote: Quote,
    party: str | None,
    party_quote: Quote,
) -> None:
    """Where a signing or an issue took place: one shared place node per name (slugged), with
    the country it lies in where the text says so."""
    place = ID[f"place/{slugify(name)}"]
    w.add(place, RDF.type, DCO.Place)
    w.add(place, RDFS.label, text(name, "en"))
    w.fact(event, PROV.atLocation, place, quote)
    if party:
        w.fact(place, DCO.inParty, party_iri(party), party_quote)


def _people(w: _Writer, notes: Annotations) -> None:
    _issuers(w, notes)
    signing = notes.signing
    if signing is not None:
        activity = ID[f"agreement/{w.id}/signing"]
        w.add(activity, RDF.type, DCO.Signing)
        w.fact(w.agreement, DCO.hasSigning, activity, signing.quote)
        if signing.place and signing.place_quote:
            _place(
                w, activity, signing.place, signing.place_quote, signing.place_party, signing.quote
            )
        if signing.date and signing.date_quote:
            w.fact(
                activity,
                DCO.signingDate,
                xsd_date(signing.date),
                signing.date_quote,
            )
        if signing.language and signing.language_quote:
            w.fact(
                w.agreement,
                DCTERMS.language,
                typed(signing.language, XSD.language),
                signing.language_quote,
            )
    signed: dict[str, int] = {}
    for signature in notes.signatures:
        person = person_iri(signature.name)
        # One person may sign twice (for two ministries): each signature is a node of its own.
        slug = slugify(signature.name)
        signed[slug] = signed.get(slug, 0) + 1
        suffix = f"-{signed[slug]}" if signed[slug] > 1 else ""
        node = ID[f"agreement/{w.id}/signature/{slug}{suffix}"]
        w.add(person, RDF.type, FOAF.Person)
        w.fact(person, FOAF.name, text(signature.name), signature.quote)
        if signature.family_name:
            w.fact(person, FOAF.familyName, text(signature.family_name), signature.quote)
        if signature.given_name:
            w.fact(person, FOAF.givenName, text(signature.given_name), signature.quote)
        w.add(node, RDF.type, DCO.Signature)
        w.add(node, DCO.ofAgreement, w.agreement)
        w.fact(w.agreement, DCO.hasSignature, node, signature.quote)
        w.fact(node, DCO.signatory, person, signature.quote)
        if signature.title and signature.title_quote:
            w.fact(node, DCO.signatoryTitle, text(signature.title), signature.title_quote)
        if signature.body is not None:
            w.fact(
                node,
                DCO.signedFor,
                _org(w, signature.body),
                signature.body_quote or signature.quote,
            )
        if signature.side:
            w.fact(
                node, DCO.side, party_iri(signature.side), signature.body_quote or signature.quote
            )


def _terms(w: _Writer, notes: Annotations) -> None:
    t = notes.terms
    evidence: dict[str, ox.NamedNode] = {}
    for key, prop, datatype in (
        ("initial_term", DCO.initialTerm, XSD.duration),
        ("automatic_renewal", DCO.automaticRenewal, XSD.boolean),
        ("renewal_period", DCO.renewalPeriod, XSD.duration),
        ("notice_period", DCO.noticePeriod, XSD.duration),
        ("open_ended", DCO.openEnded, XSD.boolean),
        ("commences_on_signature", DCO.commencesOnSignature, XSD.boolean),
        ("commencement_delay", DCO.commencementDelay, XSD.duration),
        ("modifiable", DCO.modifiable, XSD.boolean),
    ):
        valued = getattr(t, key)
        if valued is not None:
            value: Any = valued.value
            literal = typed(str(value).lower() if isinstance(value, bool) else str(value), datatype)
            evidence[key] = w.fact(w.agreement, prop, literal, valued.quote)
    _commencement(w, notes, evidence)
    signed = _signing_date(w, notes)
    if t.initial_term is None or signed is None:
        return
    signing_date, date_evidence = signed
    end = add_duration(signing_date, str(t.initial_term.value))
    end_evidence = w.fact(
        w.agreement,
        DCO.initialTermEnd,
        xsd_date(end),
        t.initial_term.quote,
        derived_from=(date_evidence, evidence["initial_term"]),
    )
    if t.notice_period is not None:
        deadline = add_duration(end, str(t.notice_period.value), sign=-1)
        w.fact(
            w.agreement,
            DCO.noticeDeadline,
            xsd_date(deadline),
            t.notice_period.quote,
            derived_from=(end_evidence, evidence["notice_period"]),
        )


def _commencement(w: _Writer, notes: Annotations, evidence: dict[str, ox.NamedNode]) -> None:
    """The day a text that commences on its signature commenced: its signing date, derived
    from the two facts that give it (stated only where both are read)."""
    commences = notes.terms.commences_on_signature
    signed = _signing_date(w, notes)
    if commences is None or notes.terms.commencement_delay is not None or signed is None:
        return
    signing_date, date_evidence = signed
    w.fact(
        w.agreement,
        DCO.commencementDate,
        xsd_date(signing_date),
        commences.quote,
        derived_from=(date_evidence, evidence["commences_on_signature"]),
    )


def _signing_date(w: _Writer, notes: Annotations) -> tuple[date, ox.NamedNode] | None:
    """The signing date and the evidence of its fact, for the dates derived from it (the
    fact itself is the one the signing writer states; stating it again adds nothing)."""
    signing = notes.signing
    if signing is None or signing.date is None or signing.date_quote is None:
        return None
    activity = ID[f"agreement/{w.id}/signing"]
    signed = xsd_date(signing.date)
    return signing.date, w.fact(activity, DCO.signingDate, signed, signing.date_quote)


def _provision_facts(w: _Writer, notes: Annotations) -> None:
    for link in notes.modalities:
        w.fact(
            provision_iri(w.id, link.provision.eid),
            DCO.modality,
            ox.NamedNode(link.concept),
            link.quote,
        )
        # The commitment as a node of its own, so that its verb and actor stay paired.
        verb = link.concept.rsplit("/", 1)[1]
        node = ID[f"agreement/{w.id}/commitment/{link.provision.eid}--{verb}"]
        w.add(node, RDF.type, DCO.Commitment)
        w.add(provision_iri(w.id, link.provision.eid), DCO.commitment, node)
        w.fact(node, DCO.modality, ox.NamedNode(link.concept), link.quote)
        if link.actor is not None:
            actor = text(" ".join(link.actor.text.split()))
            w.fact(node, DCO.actor, actor, link.actor)
    for link in notes.topics:
        w.fact(
            provision_iri(w.id, link.provision.eid),
            DCTERMS.subject,
            ox.NamedNode(link.concept),
            link.quote,
        )
    for concept in notes.covered_topics:  # derived: no evidence of its own (docs/MODEL.md)
        w.add(w.agreement, DCO.coversTopic, ox.NamedNode(concept))
    for link in notes.clause_types:
        w.fact(
            provision_iri(w.id, link.provision.eid),
            DCO.clauseType,
            ox.NamedNode(link.concept),
            link.quote,
        )
    for citation in notes.citations:
        iri = entity_iri(citation.entity)
        w.add(iri, RDF.type, _EXTERNAL_CLASSES[citation.entity.kind])
        w.add(iri, SKOS.prefLabel, text(citation.entity.label, "en"))
        for alt in citation.entity.alt_labels:
            w.add(iri, SKOS.altLabel, text(alt, "en"))
        if citation.entity.acronym:
            w.add(iri, DCO.acronym, text(citation.entity.acronym))
        w.fact(provision_iri(w.id, citation.provision.eid), DCO.cites, iri, citation.quote)
        issuer = citation.entity.issuer
        if issuer is not None:
            issuer_iri = entity_iri(issuer)
            w.add(issuer_iri, RDF.type, _EXTERNAL_CLASSES[issuer.kind])
            w.add(issuer_iri, SKOS.prefLabel, text(issuer.label, "en"))
            if issuer.acronym:
                w.add(issuer_iri, DCO.acronym, text(issuer.acronym))
            w.fact(iri, DCO.issuingBody, issuer_iri, citation.quote)


__all__ = [
    "REUSE_GRAPH",
    "SHARED_GRAPH",
    "SHARED_KINDS",
    "Assembled",
    "Reuse",
    "Triples",
    "add_duration",
    "agreement_iri",
    "assemble",
    "dated",
    "graph_iri",
    "is_shared",
    "provision_iri",
    "reuse_graph",
    "reuse_iri",
]
