"""The vocabularies annotators match against, read from the ontology's data files.

Topics, modality phrases and cited entities are data (ontology/*.ttl), so that a new topic or
initiative is a line of Turtle, not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDF, SKOS, Graph, Namespace, URIRef
from slugify import slugify as _slugify

from digicoop.annotate.lemmas import LemmaMatcher
from digicoop.annotate.phrases import PhraseMatcher
from digicoop.annotate.records import EntityRef

DCO = Namespace("https://w3id.org/digicoop/ontology#")
ENTITY = "https://w3id.org/digicoop/id/entity/"
ENTITY_KINDS = (
    "Initiative",
    "Organisation",
    "Forum",
    "Facility",
    "Strategy",
    "Instrument",
    "Event",
)
_LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)


@dataclass(frozen=True)
class Lexicon:
    topics: LemmaMatcher
    modality: PhraseMatcher
    entities: PhraseMatcher
    entity_refs: dict[str, EntityRef]
    concept_labels: dict[str, str]  # concept IRI → prefLabel
    broader: dict[str, frozenset[str]]  # concept IRI → all its broader concepts

    def related(self, a: str, b: str) -> bool:
        """Whether one concept is the other or lies above it (skos:broader, transitively)."""
        return (
            a == b or a in self.broader.get(b, frozenset()) or b in self.broader.get(a, frozenset())
        )


def _concept_labels(graph: Graph, scheme: URIRef) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for concept in sorted(graph.subjects(SKOS.inScheme, scheme), key=str):
        for prop in _LABELS:
            pairs.extend((str(label), str(concept)) for label in graph.objects(concept, prop))
    return pairs


def slugify(text: str) -> str:
    """The IRI slug of a name: readable and stable for any script (python-slugify).

    Letters outside ASCII are transliterated rather than dropped, so "Jüri Ratas" does not
    become "j-ri-ratas" and a name in Japanese or Cyrillic still gets a readable slug;
    apostrophes vanish inside words ("Leaders’" → "leaders").

    >>> slugify("Jüri Ratas"), slugify("Ministry of Digital Affairs & Justice")
    ('juri-ratas', 'ministry-of-digital-affairs-justice')
    >>> slugify("Зеленський")
    'zelenskii'
    """
    return _slugify(text.replace("’", "").replace("'", ""))


def _entities(graph: Graph) -> dict[str, EntityRef]:
    refs: dict[str, EntityRef] = {}
    for kind in ENTITY_KINDS:
        for subject in graph.subjects(RDF.type, DCO[kind]):
            iri = str(subject)
            slug = iri.removeprefix(ENTITY)
            acronym = graph.value(subject, DCO.acronym)
            refs[slug] = EntityRef(
                slug=slug,
                label=str(graph.value(subject, SKOS.prefLabel)),
                kind=kind,
                acronym=str(acronym) if acronym is not None else None,
                alt_labels=tuple(sorted(str(a) for a in graph.objects(subject, SKOS.altLabel))),
            )
    return dict(sorted(refs.items()))


@cache
def load_lexicon(ontology_dir: Path) -> Lexicon:
    graph = Graph()
    for name in ("topics.ttl", "modality.ttl", "entities.ttl"):
        graph.parse(ontology_dir / name, format="turtle")
    topic_scheme = URIRef("https://w3id.org/digicoop/topic/scheme")
    modality_scheme = URIRef("https://w3id.org/digicoop/modality/scheme")
    entity_refs = _entities(graph)
    entity_labels: list[tuple[str, str]] = []
    for ref in entity_refs.values():
        entity_labels.append((ref.label, ref.slug))
        entity_labels.extend((alt, ref.slug) for alt in ref.alt_labels)
        if ref.acronym:
            entity_labels.append((ref.acronym, ref.slug))
    modality_pairs = [
        (str(label), str(concept))
        for concept in sorted(graph.subjects(SKOS.inScheme, modality_scheme), key=str)
        for label in graph.objects(concept, SKOS.hiddenLabel)
    ]
    labels = {
        str(c): str(graph.value(c, SKOS.prefLabel))
        for scheme in (topic_scheme, modality_scheme)
        for c in graph.subjects(SKOS.inScheme, scheme)
    }
    parents = {
        str(c): {str(p) for p in graph.objects(c, SKOS.broader)}
        for c in graph.subjects(SKOS.inScheme, topic_scheme)
    }

    def ancestors(concept: str) -> frozenset[str]:
        seen: set[str] = set()
        todo = list(parents.get(concept, ()))
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(parents.get(node, ()))
        return frozenset(seen)

    return Lexicon(
        topics=LemmaMatcher(
            _concept_labels(graph, topic_scheme),
            excluded=[
                (str(phrase), str(concept))
                for concept in sorted(graph.subjects(SKOS.inScheme, topic_scheme), key=str)
                for phrase in graph.objects(concept, DCO.excludedLabel)
            ],
        ),
        modality=PhraseMatcher(modality_pairs),
        entities=PhraseMatcher(entity_labels),
        entity_refs=entity_refs,
        concept_labels=labels,
        broader={concept: ancestors(concept) for concept in sorted(parents)},
    )
