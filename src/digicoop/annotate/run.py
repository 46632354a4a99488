"""Run every annotator over one segmented agreement."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from digicoop.annotate import citations, clauses, modality, terms, topics
from digicoop.annotate.bodies import read_bodies
from digicoop.annotate.columns import read_columns
from digicoop.annotate.events import read_issuance
from digicoop.annotate.instrument import load_kinds, read_kind, read_legal_status
from digicoop.annotate.issuers import load_issuing, read_chairs, read_leaders
from digicoop.annotate.lexicon import Lexicon, load_lexicon
from digicoop.annotate.opening import load_offices, read_opening
from digicoop.annotate.orgs import (
    BodyGrammar,
    OrgMention,
    acronym_mentions,
    find_orgs,
    find_posts,
    load_grammar,
    resolve,
)
from digicoop.annotate.participants import load_role_cues, read_roles
from digicoop.annotate.parties import PartyLexicon, load_parties
from digicoop.annotate.records import (
    Annotations,
    ConceptLink,
    OrgRef,
    Participation,
    PartyRef,
    Quote,
    Valued,
)
from digicoop.annotate.scale import Scale, load_scale
from digicoop.annotate.signatures import block_parties, read_signatures
from digicoop.model import Document, Provision

_KINDS = (
    (
        "MemorandumOfCooperation",
        re.compile(r"\bmemorandum\s+of\s+(?:cooperation|understanding)\b", re.I),
    ),
    ("DigitalPartnership", re.compile(r"\bdigital\s+partnership\b", re.I)),
)
_SKIP = ("title", "signatures")


@dataclass(frozen=True)
class OrgCensus:
    """One agreement's share of the organisation registry: how often each body is named with
    a stated party (``votes``), and the bodies it names without one (``unresolved``), whose
    party :func:`annotate` looks up in the registry. Kept per agreement so that a build cache
    can tell which part of the corpus-wide registry an agreement's annotations depend on."""

    votes: tuple[tuple[str, str, int], ...]
    unresolved: frozenset[str]


def org_census(document: Document, parties: PartyLexicon, grammar: BodyGrammar) -> OrgCensus:
    """The agreement's :class:`OrgCensus`."""
    votes: dict[tuple[str, str], int] = {}
    unresolved: set[str] = set()
    for provision in document.walk():
        for mention in find_orgs(provision.text, parties, grammar):
            if mention.party:
                votes[(mention.name, mention.party)] = (
                    votes.get((mention.name, mention.party), 0) + 1
                )
            elif provision.kind != "title":
                unresolved.add(mention.name)
    return OrgCensus(tuple((n, p, c) for (n, p), c in sorted(votes.items())), frozenset(unresolved))


def registry_of(censuses: Iterable[OrgCensus]) -> dict[str, str]:
    """Body name → the party most mentions state (ties: the first party code), over the corpus."""
    votes: dict[str, dict[str, int]] = {}
    for census in censuses:
        for name, party, count in census.votes:
            votes.setdefault(name, {}).setdefault(party, 0)
            votes[name][party] += count
    return {name: max(sorted(v), key=lambda p: v[p]) for name, v in sorted(votes.items())}


def org_registry(documents: Iterable[Document], ontology_dir: Path) -> dict[str, str]:
    """Body name → party, from every mention whose party the text states, across the corpus."""
    parties = load_parties(ontology_dir)
    grammar = load_grammar(ontology_dir)
    return registry_of(org_census(document, parties, grammar) for document in documents)


def _mentions(
    provisions: list[Provision], parties: PartyLexicon, ontology_dir: Path, registry: dict[str, str]
) -> dict[str, list[OrgMention]]:
    """The bodies each provision names: by name, then by the acronyms the text defined."""
    grammar = load_grammar(ontology_dir)
    mentions = {
        p.eid: resolve(find_orgs(p.text, parties, grammar), registry)
        for p in provisions
        if p.kind != "title"
    }
    defined: dict[str, tuple[str, str]] = {}
    for found in mentions.values():
        for m in found:
            if m.acronym and m.party:
                defined.setdefault(m.acronym.removeprefix("U.S. "), (m.name, m.party))
    if defined:
        for p in provisions:
            if p.eid in mentions:
                found = mentions[p.eid]
                found = sorted(
                    found + acronym_mentions(p.text, defined, found), key=lambda m: m.start
                )
                mentions[p.eid] = found
    return mentions


def _acts_for_a_state(mention: OrgMention, parties: PartyLexicon) -> bool:
    """A body in a role acts for a country or the Union: an organ of a grouping or an
    international organisation ("ASEAN Centre for …") is not a side's body."""
    ref = parties.refs.get(mention.party or "")
    return ref is not None and ref.kind in ("country", "union")


def _names_a_party(mention: OrgMention, parties: PartyLexicon) -> bool:
    found = parties.find(mention.name)
    return bool(found) and found[0].start == 0 and found[0].end == len(mention.name)


def _with_acronyms(participations: list[Participation]) -> list[Participation]:
    """Every participation of a body carries every acronym the text gave it."""
    acronyms: dict[tuple[str, str], set[str]] = {}
    for p in participations:
        acronyms.setdefault((p.org.party, p.org.name), set()).update(p.org.alt_names)
    return [
        replace(p, org=replace(p.org, alt_names=tuple(sorted(acronyms[p.org.party, p.org.name]))))
        for p in participations
    ]


def _parent_map(document: Document) -> dict[str, Provision | None]:
    parents: dict[str, Provision | None] = {}
    for top in document.provisions:
        parents[top.eid] = None
        for node in top.walk():
            for child in node.children:
                parents[child.eid] = node
    return parents


def _siblings(document: Document, parent: Provision | None) -> tuple[Provision, ...]:
    return parent.children if parent is not None else document.provisions


def preload(ontology_dir: Path) -> None:
    """Load every vocabulary :func:`annotate` reads (each loader keeps what it loaded per
    ontology directory). Why: a build's worker process runs this when it starts, before its
    first agreement arrives, while the build reads its cache (digicoop.workers)."""
    for load in (
        load_lexicon,
        load_parties,
        load_grammar,
        load_role_cues,
        load_offices,
        load_issuing,
        load_scale,
        citations.load_heads,
        clauses.load_clauses,
        load_kinds,
    ):
        load(ontology_dir)


def annotate(
    document: Document, ontology_dir: Path, registry: dict[str, str] | None = None
) -> Annotations:
    lexicon = load_lexicon(ontology_dir)
    parties = load_parties(ontology_dir)
    grammar = load_grammar(ontology_dir)
    provisions = list(document.walk())
    result = Annotations()
    mentions = _mentions(provisions, parties, ontology_dir, registry or {})
    title = next((p for p in provisions if p.kind == "title"), None)
    if title is not None and title.text:
        result.title = Quote(title, 0, len(title.text))
        for kind, pattern in _KINDS:
            if m := pattern.search(title.text):
                result.kind = Valued(kind, Quote(title, m.start(), m.end()))
                break
        for match in parties.find(title.text):
            result.parties.append((parties.refs[match.key], Quote(title, match.start, match.end)))
    result.instrument_kind = read_kind(title, provisions, ontology_dir)
    opening = read_opening(provisions, parties, ontology_dir)
    result.parties.extend(opening.parties)
    result.issuers = opening.issuers
    cues = load_role_cues(ontology_dir)
    if not result.issuers and not any(p.kind == "signatures" for p in provisions):
        offices = load_offices(ontology_dir)
        kind_iri = str(result.instrument_kind.value) if result.instrument_kind else None
        result.issuers = read_chairs(provisions, parties, offices, cues) or read_leaders(
            provisions, parties, offices, load_issuing(ontology_dir), kind_iri
        )
    result.issuance = read_issuance(provisions, parties)

    for provision in provisions:
        # A party named like a body ("European Commission") is a party, not a body in a role.
        bodies = [
            m
            for m in mentions.get(provision.eid, [])
            if not _names_a_party(m, parties) and _acts_for_a_state(m, parties)
        ]
        result.participations.extend(read_roles(provision, bodies, cues))
    result.participations = _with_acronyms(result.participations)
    participants = _participants(result.participations)

    signature_block = next((p for p in provisions if p.kind == "signatures"), None)
    if signature_block is not None:
        result.signing = terms.read_signing(signature_block, parties)
        result.signatures = read_signatures(signature_block, parties, grammar, participants)
        order = [ref.code for ref, _ in result.parties]
        columns = read_columns(signature_block, parties, load_offices(ontology_dir), order)
        if len(columns) > len(result.signatures) or (
            columns and any(s.side is None for s in result.signatures)
        ):
            result.signatures = columns
        for signature in result.signatures:
            if signature.body is not None and signature.body_quote is not None:
                result.participations.append(
                    Participation(signature.body, "signatory-body", signature.body_quote)
                )
    _add_parties(result, parties)
    if signature_block is not None:
        # A party the block signs for that no title, opening or participant named.
        result.parties.extend(block_parties(signature_block, parties))

    result.parties = _distinct(result.parties)
    result.known_parties = parties.refs
    _date_signing(result)
    result.legal_status = read_legal_status(provisions)
    result.terms = terms.read_terms(provisions)
    title_text = title.text if title is not None else ""
    title_bodies = [m.name for m in find_orgs(title_text, parties, grammar)]
    speakers = citations.speakers_of(title_text, lexicon, title_bodies)
    reader = citations.Reader(lexicon, citations.load_heads(ontology_dir), parties, speakers)
    result.bodies.extend(
        body
        for provision in provisions
        if provision.kind not in _SKIP
        for body in read_bodies(provision)
    )
    reader.speak(title_text, [body.name for body in result.bodies])
    participants_named = {p.org.name for p in result.participations}
    _annotate_provisions(
        document,
        provisions,
        lexicon,
        load_scale(ontology_dir),
        reader,
        mentions,
        participants_named,
        result,
    )
    clause_lexicon = clauses.load_clauses(ontology_dir)
    _annotate_clauses(document, provisions, clause_lexicon, result)
    _drop_topics_of_final_clauses(result, clause_lexicon)
    result.covered_topics = sorted(
        {
            c
            for link in result.topics
            for c in (link.concept, *lexicon.broader.get(link.concept, ()))
        }
    )
    return result


def _drop_topics_of_final_clauses(result: Annotations, lexicon: clauses.ClauseLexicon) -> None:
    """A clause about the instrument itself (its duration, confidentiality, intellectual
    property…) covers no policy area: "each Participant will protect … intellectual property
    rights of the other" is an IP clause, not cooperation on intellectual property."""
    types: dict[str, set[str]] = {}
    for link in result.clause_types:
        types.setdefault(link.provision.eid, set()).add(link.concept)
    final = {eid for eid, kinds in types.items() if kinds <= lexicon.self_referring}
    result.topics = [link for link in result.topics if link.provision.eid not in final]


def _annotate_clauses(
    document: Document,
    provisions: list[Provision],
    lexicon: clauses.ClauseLexicon,
    result: Annotations,
) -> None:
    """Clause types in document order, so that a chapeau's types are known before the items
    it introduces and a heading's before the provisions under it."""
    parents = _parent_map(document)
    typed: dict[str, list[ConceptLink]] = {}

    def carried(chapeau: Provision) -> list[ConceptLink]:
        return clauses.chapeau_types(chapeau, typed.get(chapeau.eid, []), lexicon)

    def context(provision: Provision) -> tuple[str, list[ConceptLink]]:
        """The chapeau a provision completes, wherever the segmenter put it (its parent, or
        a preceding sibling of it or of an ancestor, past parallel items and headings), else
        the nearest heading naming a clause type."""
        node: Provision | None = provision
        while node is not None:
            parent = parents.get(node.eid)
            if parent is not None and clauses.is_chapeau(parent):
                return "chapeau", carried(parent)
            siblings = _siblings(document, parent)
            for sibling in reversed(siblings[: siblings.index(node)]):
                if sibling.kind == node.kind or clauses.is_heading_only(sibling):
                    continue
                if clauses.is_chapeau(sibling):
                    return "chapeau", carried(sibling)
                break
            named = [
                link
                for link in clauses.from_heading(node, lexicon)
                if link.concept not in lexicon.substance or link.concept in lexicon.listed
            ]
            if named:
                return "heading", named
            node = parent
        return "", []

    for provision in provisions:
        links = clauses.clause_types(provision, lexicon, partial(context, provision))
        typed[provision.eid] = links
        result.clause_types.extend(links)


def _participants(participations: list[Participation]) -> list[OrgRef]:
    seen: dict[tuple[str, str], OrgRef] = {}
    for participation in participations:
        seen.setdefault((participation.org.party, participation.org.name), participation.org)
    return list(seen.values())


def _date_signing(result: Annotations) -> None:
    """A signing formula whose date only the date reader can read ("this twentieth day of
    October, two thousand and twenty-five") takes that date."""
    issuance = result.issuance
    signing = result.signing
    if (
        signing is not None
        and signing.date is None
        and issuance is not None
        and issuance.event == "signed"
        and issuance.day is not None
    ):
        result.signing = replace(signing, date=issuance.day, date_quote=issuance.day_quote)


def _distinct(found: list[tuple[PartyRef, Quote]]) -> list[tuple[PartyRef, Quote]]:
    """Each party once, with the first quote that names it (the title before the opening);
    a grouping the text lists the members of keeps that list."""
    chosen: dict[str, tuple[PartyRef, Quote]] = {}
    for ref, quote in found:
        if ref.code not in chosen:
            chosen[ref.code] = (ref, quote)
        elif ref.members and not chosen[ref.code][0].members:
            chosen[ref.code] = (ref, chosen[ref.code][1])
    return list(chosen.values())


#: Roles of bodies that take part for a party; a body that only carries out a measure or
#: contributes may belong to a third country, which is not thereby a party.
_PARTY_ROLES = frozenset(
    {"participant", "signatory-body", "lead", "co-chair", "coordinator", "representative"}
)


def _add_parties(result: Annotations, parties: PartyLexicon) -> None:
    """Parties are those the title names, then the parties the participants act for."""
    have = {ref.code for ref, _ in result.parties}
    for participation in result.participations:
        if participation.role not in _PARTY_ROLES:
            continue
        code = participation.org.party
        if code not in have and code in parties.refs:
            have.add(code)
            result.parties.append((parties.refs[code], participation.quote))


def _annotate_provisions(
    document: Document,
    provisions: list[Provision],
    lexicon: Lexicon,
    scale: Scale,
    reader: citations.Reader,
    mentions: dict[str, list[OrgMention]],
    participants_named: set[str],
    result: Annotations,
) -> None:
    parents = _parent_map(document)
    own_modalities: dict[str, list[ConceptLink]] = {}
    noun_modalities: dict[str, list[ConceptLink]] = {}
    heading_links: dict[str, list[ConceptLink]] = {}
    passed_down: dict[str, list[ConceptLink]] = {}  # topics of headings naming a subject
    for provision in provisions:
        if provision.kind in _SKIP:
            continue
        org_spans = [(m.start, m.span_end) for m in mentions.get(provision.eid, [])]
        posts = find_posts(provision.text)
        org_spans += posts
        # Bodies taking part are participants; any other body the text names is cited.
        participant_spans = [
            (m.start, m.span_end)
            for m in mentions.get(provision.eid, [])
            if m.name in participants_named
        ]
        cited = (
            []
            if modality.is_heading_only(provision)
            else reader.cite(provision, participant_spans + posts)
        )
        result.citations.extend(cited)
        entity_spans = [(c.quote.start, c.quote.end) for c in cited]
        for match in lexicon.entities.find(provision.text):
            entity_spans.append((match.start, match.end))
        own = topics.own_topics(provision, lexicon, org_spans + entity_spans)
        heading_links[provision.eid] = topics.heading_topics(provision, lexicon)
        if provision.heading and topics.names_a_subject(provision.heading, lexicon):
            passed_down[provision.eid] = heading_links[provision.eid]
        inherited: list[ConceptLink] = []
        ancestor = parents.get(provision.eid)
        while ancestor is not None:
            inherited.extend(passed_down.get(ancestor.eid, []))
            if ancestor.kind == "point" and not ancestor.heading:
                inherited.extend(topics.own_topics(ancestor, lexicon, []))
            ancestor = parents.get(ancestor.eid)
        links: dict[str, ConceptLink] = {}
        for link in [*heading_links[provision.eid], *own, *inherited]:
            links.setdefault(link.concept, ConceptLink(provision, link.concept, link.quote))
        implied = {a for concept in links for a in lexicon.broader.get(concept, ())}
        # The most specific topics only: a broader one follows through skos:broader.
        result.topics.extend(link for c, link in links.items() if c not in implied)
        instruments = [
            (c.quote.start, c.quote.end)
            for c in cited
            if c.entity.kind in _INSTRUMENT_KINDS and not c.quote.in_heading
        ]
        own_modalities[provision.eid] = [
            link for link in modality.verbal(provision, scale) if not _reported(link, instruments)
        ]
        noun_modalities[provision.eid] = modality.nominal(provision, scale)

    def carried(lead_in: Provision, depth: int) -> list[ConceptLink]:
        """What a lead-in carries: its own last sentence's modality, else its own lead-in's."""
        links = modality.lead_in_links(lead_in, scale)
        return links or governing(lead_in, depth + 1)

    def governing(provision: Provision, depth: int = 0) -> list[ConceptLink]:
        """The modality of the lead-in that governs ``provision``, wherever it stands."""
        if depth > 8 or modality.makes_statement(provision):
            return []
        node: Provision | None = provision
        while node is not None:
            parent = parents.get(node.eid)
            if parent is not None and modality.is_chapeau(parent):
                return carried(parent, depth) if modality.governs(parent, provision) else []
            siblings = _siblings(document, parent)
            index = siblings.index(node)
            for sibling in reversed(siblings[:index]):
                if sibling.kind in ("pillar", "subheading", "annex") or sibling.kind == node.kind:
                    continue
                if modality.is_chapeau(sibling):
                    return carried(sibling, depth) if modality.governs(sibling, provision) else []
                break
            if parent is not None and parent.text.strip() and not modality.is_heading_only(parent):
                return []
            node = parent
        return []

    def effective(provision: Provision) -> list[ConceptLink]:
        """A verb of its own first; else the lead-in's modality, then its own noun forms."""
        own = own_modalities.get(provision.eid, [])
        if own:
            lead = governing(provision) if modality.continues_lead_in(provision, own) else []
            return _merge([*lead, *own], noun_modalities.get(provision.eid, []))
        return _merge(governing(provision), noun_modalities.get(provision.eid, []))

    for provision in provisions:
        if provision.kind in _SKIP or provision.kind in ("preamble", "recital"):
            own = own_modalities.get(provision.eid, [])
            result.modalities.extend(_merge(own, noun_modalities.get(provision.eid, [])))
            continue
        if modality.is_heading_only(provision):
            continue
        for link in effective(provision):
            result.modalities.append(ConceptLink(provision, link.concept, link.quote, link.actor))


# What a cited instrument or strategy says is reported, not said by the text's participants.
_INSTRUMENT_KINDS = ("Instrument", "Strategy")


def _reported(link: ConceptLink, instruments: list[tuple[int, int]]) -> bool:
    """Whether a verb's subject is a cited instrument ("Japan's vision of Society 5.0, as
    proposed in the 5th Science and Technology Basic Plan, calls upon Japan to …", "The
    Commission's 2030 Digital Compass Communication calls upon the EU to …"): the text
    reports what that instrument asks; it commits no one itself."""
    actor = link.actor
    if actor is None or actor.in_heading:
        return False
    return any(actor.start < end and start < actor.end for start, end in instruments)


def _merge(first: list[ConceptLink], then: list[ConceptLink]) -> list[ConceptLink]:
    """One link per concept: inherited links (quoting a lead-in) first, then the provision's
    own in reading order, each concept at its first mention."""
    ordered = sorted(
        [*first, *then], key=lambda link: (link.quote.provision is link.provision, link.quote.start)
    )
    links: dict[str, ConceptLink] = {}
    for link in ordered:
        links.setdefault(link.concept, link)
    return list(links.values())
