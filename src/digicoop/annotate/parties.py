"""Recognising the parties (countries and unions) a text names.

Country names come from ISO 3166-1 through pycountry, so a sixth agreement with any country
needs no code; ontology/parties.ttl adds what ISO lacks: the European Union and its
institutions, the usual forms texts write ("U.S.", "Republic of Korea", "UAE"), the demonyms
they use for sides ("the Japanese side") and the groupings of states (G7, Quad, ASEAN …) with
their members.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry
from rdflib import RDF, SKOS, Graph, Namespace

from digicoop.annotate.phrases import Match, PhraseMatcher
from digicoop.annotate.records import PartyRef

DCO = Namespace("https://w3id.org/digicoop/ontology#")
PARTY = "https://w3id.org/digicoop/id/party/"
_KINDS = (
    (DCO.Country, "country"),
    (DCO.Union, "union"),
    (DCO.Institution, "institution"),
    (DCO.InternationalOrganisation, "organisation"),
    (DCO.Grouping, "grouping"),
)


@dataclass(frozen=True, eq=False)  # by identity: orgs.find_orgs keeps its findings per lexicon
class PartyLexicon:
    names: PhraseMatcher  # country / union names, any case
    demonyms: PhraseMatcher  # "Japanese", "British", "European"
    refs: dict[str, PartyRef]

    def find(self, text: str) -> list[Match]:
        return self.names.find(text)


@cache
def load_parties(ontology_dir: Path) -> PartyLexicon:
    graph = Graph().parse(ontology_dir / "parties.ttl", format="turtle")
    names: list[tuple[str, str]] = []
    demonyms: list[tuple[str, str]] = []
    refs: dict[str, PartyRef] = {}
    for country in pycountry.countries:
        code = country.alpha_2.lower()
        labels = {
            country.name,
            getattr(country, "official_name", None),
            getattr(country, "common_name", None),
        }
        clean = sorted(label for label in labels if label)
        names.extend((label, code) for label in clean)
        refs[code] = PartyRef(
            code=code,
            name=getattr(country, "common_name", None) or country.name,
            kind="country",
            alt_names=tuple(clean),
        )
    for kind_class, kind in _KINDS:
        for subject in sorted(graph.subjects(RDF.type, kind_class), key=str):
            code = str(subject).removeprefix(PARTY)
            pref = str(graph.value(subject, SKOS.prefLabel))
            alts = sorted(str(a) for a in graph.objects(subject, SKOS.altLabel))
            names.extend((label, code) for label in (pref, *alts))
            demonyms.extend((str(d), code) for d in graph.objects(subject, SKOS.hiddenLabel))
            known = refs.get(code)
            merged = tuple(sorted({*alts, *(known.alt_names if known else ())} - {pref}))
            members = tuple(
                sorted(str(m).removeprefix(PARTY) for m in graph.objects(subject, DCO.hasMember))
            )
            union = graph.value(subject, DCO.institutionOf)
            refs[code] = PartyRef(
                code=code,
                name=pref,
                kind=kind,
                alt_names=merged,
                members=members,
                part_of=str(union).removeprefix(PARTY) if union is not None else None,
            )
    return PartyLexicon(PhraseMatcher(names), PhraseMatcher(demonyms), dict(sorted(refs.items())))
