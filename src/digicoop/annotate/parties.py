"""Recognising the parties (countries and unions) a text names.

Country names come from ISO 3166-1 through pycountry, so a sixth agreement with any country
needs no code; ontology/parties.ttl adds what ISO lacks: the European Union, short names such
as "UK" and the demonyms the texts use for sides ("the Japanese side").
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


@dataclass(frozen=True)
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
    for kind_class, kind in ((DCO.Country, "country"), (DCO.Union, "union")):
        for subject in sorted(graph.subjects(RDF.type, kind_class), key=str):
            code = str(subject).removeprefix(PARTY)
            pref = str(graph.value(subject, SKOS.prefLabel))
            alts = sorted(str(a) for a in graph.objects(subject, SKOS.altLabel))
            names.extend((label, code) for label in (pref, *alts))
            demonyms.extend((str(d), code) for d in graph.objects(subject, SKOS.hiddenLabel))
            known = refs.get(code)
            merged = tuple(sorted({*alts, *(known.alt_names if known else ())} - {pref}))
            refs[code] = PartyRef(code=code, name=pref, kind=kind, alt_names=merged)
    return PartyLexicon(PhraseMatcher(names), PhraseMatcher(demonyms), dict(sorted(refs.items())))
