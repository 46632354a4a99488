"""The facts annotators extract, as plain records (IRIs are minted later, in assemble)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from digicoop.model import Provision


@dataclass(frozen=True)
class Quote:
    """Where a fact was read: a provision and a span of its clean text (or of its heading).

    ``in_heading`` spans are offsets into ``provision.heading``; their raw span is found by
    aligning the heading with the source, since headings carry no offset map of their own.
    """

    provision: Provision
    start: int
    end: int
    in_heading: bool = False

    @property
    def text(self) -> str:
        source = self.provision.heading if self.in_heading else self.provision.text
        return (source or "")[self.start : self.end]

    def raw_span(self, raw: str) -> tuple[int, int]:
        if not self.in_heading:
            return self.provision.raw_span(self.start, self.end)
        positions = align(self.provision.heading or "", raw, self.provision.start)
        return positions[self.start], positions[self.end - 1] + 1


def align(clean: str, raw: str, from_index: int) -> list[int]:
    """Raw index of each character of ``clean``, which occurs in ``raw`` from ``from_index``
    with markup and line breaks in between; whitespace maps to the next raw character."""
    positions: list[int] = []
    cursor = from_index
    for char in clean:
        if char.isspace():
            positions.append(cursor)
            continue
        found = raw.find(char, cursor)
        if found < 0:
            raise ValueError(f"heading {clean!r} not found in the source after {from_index}")
        positions.append(found)
        cursor = found + 1
    return positions


@dataclass(frozen=True)
class PartyRef:
    """A country (ISO 3166-1 alpha-2 code, lower case), the European Union ("eu"), one of its
    institutions, an international organisation or a grouping of states ("g7", "quad")."""

    code: str
    name: str
    kind: str  # "country" | "union" | "institution" | "organisation" | "grouping"
    alt_names: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # party codes, for groupings
    part_of: str | None = None  # the union an institution belongs to


@dataclass(frozen=True)
class OrgRef:
    """A public body as the texts name it, with the party it acts for."""

    name: str  # canonical name without article or jurisdiction: "Digital Agency"
    party: str  # party code
    alt_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityRef:
    """An external initiative, organisation, forum, facility, strategy, instrument or event."""

    slug: str
    label: str
    kind: str  # Initiative | Organisation | Forum | Facility | Strategy | Instrument | Event
    acronym: str | None = None
    alt_labels: tuple[str, ...] = ()
    issuer: EntityRef | None = None  # the body it comes from, where the text names it


@dataclass(frozen=True)
class ConceptLink:
    """A provision linked to a SKOS concept (topic or modality)."""

    provision: Provision
    concept: str  # the concept's IRI
    quote: Quote
    actor: Quote | None = None  # who is bound, as the text names them (modality only)


@dataclass(frozen=True)
class Citation:
    provision: Provision
    entity: EntityRef
    quote: Quote


@dataclass(frozen=True)
class Participation:
    org: OrgRef
    role: str  # participant | lead | contributor | coordinator | secretariat | signatory-body
    quote: Quote


@dataclass(frozen=True)
class Signature:
    name: str  # as written
    family_name: str | None
    given_name: str | None
    title: str | None
    body: OrgRef | None
    side: str | None  # party code
    quote: Quote  # the name as written
    title_quote: Quote | None
    body_quote: Quote | None


@dataclass(frozen=True)
class Signing:
    place: str | None
    place_party: str | None
    date: date | None
    language: str | None  # BCP 47
    quote: Quote
    place_quote: Quote | None
    date_quote: Quote | None
    language_quote: Quote | None


@dataclass(frozen=True)
class Valued:
    """A value read from the text (a duration, a boolean, a concept IRI) with its quote."""

    value: object
    quote: Quote


@dataclass(frozen=True)
class Body:
    """A body the agreement sets up."""

    name: str
    level: str | None
    frequency: str | None  # a Dublin Core frequency term: "annual"
    quote: Quote


@dataclass(frozen=True)
class Terms:
    initial_term: Valued | None = None  # xsd:duration string, e.g. "P3Y"
    automatic_renewal: Valued | None = None  # bool
    renewal_period: Valued | None = None  # xsd:duration string
    notice_period: Valued | None = None  # xsd:duration string
    open_ended: Valued | None = None  # bool
    commences_on_signature: Valued | None = None  # bool
    commencement_delay: Valued | None = None  # xsd:duration after the event it counts from
    modifiable: Valued | None = None  # bool: the text says how it may be modified or amended


@dataclass(frozen=True)
class Issuer:
    """A person in whose name a statement is made, with their office and side."""

    name: str
    title: str
    side: str | None  # party code
    quote: Quote  # the name
    title_quote: Quote
    role: str = "issuer"  # "issuer" | "co-chair" (of the meeting the text reports)


@dataclass(frozen=True)
class Issuance:
    """How the text was made: issued on a day, adopted at a meeting or signed, where and when."""

    event: str  # "issued" | "adopted-at-meeting" | "signed" (concepts of event:scheme)
    quote: Quote  # the line or sentence that says so
    day: date | None = None
    last_day: date | None = None  # of a meeting of several days
    day_quote: Quote | None = None
    place: str | None = None
    place_party: str | None = None
    place_quote: Quote | None = None


@dataclass
class Annotations:
    """Everything read from one agreement."""

    title: Quote | None = None
    kind: Valued | None = None  # the dco class local name, e.g. "MemorandumOfCooperation"
    instrument_kind: Valued | None = None  # a concept IRI of kind:scheme
    issuers: list[Issuer] = field(default_factory=list)
    issuance: Issuance | None = None
    parties: list[tuple[PartyRef, Quote]] = field(default_factory=list)
    known_parties: dict[str, PartyRef] = field(default_factory=dict)  # for members' labels
    participations: list[Participation] = field(default_factory=list)
    signing: Signing | None = None
    signatures: list[Signature] = field(default_factory=list)
    legal_status: Valued | None = None
    terms: Terms = field(default_factory=Terms)
    bodies: list[Body] = field(default_factory=list)
    topics: list[ConceptLink] = field(default_factory=list)
    #: Every topic some provision is about, and each broader topic of those (dco:coversTopic).
    covered_topics: list[str] = field(default_factory=list)
    modalities: list[ConceptLink] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    clause_types: list[ConceptLink] = field(default_factory=list)
