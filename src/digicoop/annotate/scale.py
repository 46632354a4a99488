"""The commitment scale (ontology/modality.ttl) as matchers: what each phrase binds, how firmly.

Verb phrases are given in the data in their base form ("intend to"); their inflections come
from lemminflect, a maintained English inflection library with its tables bundled (no model
download), so "intends to", "intended to" and "intending to" follow from one label and the
data never lists forms. Noun forms ("commitment to") and exact phrases ("shall") are matched
as written, plurals included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lemminflect import getAllInflections  # type: ignore[import-untyped]
from rdflib import SKOS, Graph, Namespace, URIRef

from digicoop.annotate.phrases import PhraseMatcher

MODALITY = Namespace("https://w3id.org/digicoop/modality/")
SCHEME = URIRef("https://w3id.org/digicoop/modality/scheme")


@dataclass(frozen=True, eq=False)  # by identity: modality.find keeps its findings per scale
class Scale:
    verbs: PhraseMatcher  # verb phrases (inflected) and exact phrases: concept IRIs
    nouns: PhraseMatcher  # noun phrases ending in a preposition ("commitment to")
    copular: re.Pattern[str]  # "the <noun>(s) [of …] is/are to"
    copular_concepts: dict[str, str]  # bare noun → concept IRI
    degree: dict[str, str]  # concept IRI → its top concept (a degree is its own degree)
    negation: dict[str, str]  # concept IRI → the concept that negates it ("will" → "will-not")
    labels: dict[str, str]  # concept IRI → prefLabel

    def degree_of(self, concept: str) -> str:
        return self.degree.get(concept, concept)

    def is_negated(self, concept: str) -> bool:
        return concept in self.negation.values()


def inflections(phrase: str) -> list[str]:
    """The phrase with its first word in every verb form lemminflect knows ("intend to" →
    "intends to", "intended to", …), the base form first."""
    head, _, rest = phrase.partition(" ")
    forms = {head}
    for variants in getAllInflections(head, upos="VERB").values():
        forms.update(variants)
    ordered = [head, *sorted(forms - {head})]
    return [" ".join(filter(None, (form, rest))) for form in ordered]


@cache
def load_scale(ontology_dir: Path) -> Scale:
    graph = Graph()
    graph.parse(ontology_dir / "modality.ttl", format="turtle")
    concepts = sorted((str(c) for c in graph.subjects(SKOS.inScheme, SCHEME)), key=str)
    tops = {str(c) for c in graph.objects(SCHEME, SKOS.hasTopConcept)}
    degree: dict[str, str] = {}
    verb_labels: list[tuple[str, str]] = []
    noun_labels: list[tuple[str, str]] = []
    copular: dict[str, str] = {}
    for concept in concepts:
        node = URIRef(concept)
        parents = [str(p) for p in graph.objects(node, SKOS.broader) if str(p) in tops]
        degree[concept] = concept if concept in tops else (parents[0] if parents else concept)
        verb_labels.extend((str(label), concept) for label in graph.objects(node, SKOS.hiddenLabel))
        for label in sorted(str(v) for v in graph.objects(node, MODALITY.verb)):
            verb_labels.extend((form, concept) for form in inflections(label))
        for label in sorted(str(n) for n in graph.objects(node, MODALITY.noun)):
            if " " in label:
                noun_labels.append((label, concept))
            else:
                copular[label] = concept
    nouns = "|".join(re.escape(n) for n in sorted(copular, key=lambda n: (-len(n), n)))
    pattern = re.compile(
        rf"\b(?P<noun>{nouns})s?\b(?:\s+of\b[^.;:]{{0,120}}?)?\s+(?:is|are|was|were)\s+to\b",
        re.IGNORECASE,
    )
    negation = {
        concept.removesuffix("-not"): concept
        for concept in concepts
        if concept.endswith("-not") and concept.removesuffix("-not") in degree
    }
    labels = {c: str(graph.value(URIRef(c), SKOS.prefLabel)) for c in concepts}
    return Scale(
        verbs=PhraseMatcher(verb_labels),
        nouns=PhraseMatcher(noun_labels),
        copular=pattern,
        copular_concepts=copular,
        degree=degree,
        negation=negation,
        labels=labels,
    )
