"""The dataset's description of itself: VoID and DCAT in ``graph:dataset``.

What it is, its licence and vocabularies come from ``ontology/dataset.ttl`` (data); the build
adds what only it knows: the number of triples and of distinct subjects of each named graph
(a ``void:subset`` each), of the whole, how many agreements (a ``void:classPartition``), and the source of each text
(``dcterms:source`` where the text says where it was published, otherwise the file it was
read from and its SHA-256). Everything is counted from the dataset itself, so the same
sources give the same description. The build date is not in the files (it would change the
bytes of every rebuild); the server adds it when it serves ``/.well-known/void``.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DCO = Namespace("https://w3id.org/digicoop/ontology#")
DATASET = URIRef("https://w3id.org/digicoop/id/dataset")
GRAPH_IRI = URIRef("https://w3id.org/digicoop/graph/dataset")


def _count(graph: Graph) -> tuple[int, int]:
    return len(graph), len(set(graph.subjects()))


def describe(dataset: Dataset, static: Path | None) -> Graph:
    """The description of ``dataset`` (its named graphs), with ``static`` (Turtle) merged in."""
    out = Graph()
    out.bind("void", VOID)
    out.bind("dcat", DCAT)
    if static is not None and static.is_file():
        out.parse(static, format="turtle")
    out.add((DATASET, RDF.type, VOID.Dataset))
    total, subjects = 0, set[object]()
    contexts = sorted(
        (g for g in dataset.graphs() if len(g) and g.identifier != GRAPH_IRI),
        key=lambda g: str(g.identifier),
    )
    for context in contexts:
        if str(context.identifier).startswith("urn:x-rdflib:"):
            continue
        triples, distinct = _count(context)
        total += triples
        subjects.update(context.subjects())
        part = URIRef(f"{DATASET}/{str(context.identifier).rsplit('/', 1)[-1]}")
        out.add((DATASET, VOID.subset, part))
        out.add((part, RDF.type, VOID.Dataset))
        out.add((part, DCTERMS.title, Literal(str(context.identifier).rsplit("/", 1)[-1])))
        out.add((part, SD.name, context.identifier))
        out.add((part, VOID.triples, Literal(triples, datatype=XSD.integer)))
        out.add((part, VOID.distinctSubjects, Literal(distinct, datatype=XSD.integer)))
    out.add((DATASET, VOID.triples, Literal(total, datatype=XSD.integer)))
    out.add((DATASET, VOID.distinctSubjects, Literal(len(subjects), datatype=XSD.integer)))
    everything = [triple for context in contexts for triple in context]
    agreements = sorted(
        {s for s, p, o in everything if p == RDF.type and o == DCO.Agreement}, key=str
    )
    derived = {(s, o) for s, p, o in everything if p == PROV.wasDerivedFrom}
    about: dict[object, list[tuple[object, object]]] = {}
    for s, p, o in everything:
        if p in (DCTERMS.source, DCTERMS.identifier, DCO.sha256):
            about.setdefault(s, []).append((p, o))
    partition = URIRef(f"{DATASET}/class/Agreement")
    out.add((DATASET, VOID.classPartition, partition))
    out.add((partition, VOID["class"], DCO.Agreement))
    out.add((partition, VOID.entities, Literal(len(agreements), datatype=XSD.integer)))
    agreement_set = set(agreements)
    for agreement, text in sorted(derived, key=str):
        if agreement not in agreement_set:
            continue
        facts = about.get(text, [])
        stated = facts + about.get(agreement, [])  # the build puts a text's address on either
        published = [o for p, o in stated if p == DCTERMS.source]
        for url in published:
            out.add((DATASET, DCTERMS.source, url))  # type: ignore[arg-type]
        if not published:
            out.add((DATASET, PROV.wasDerivedFrom, text))  # type: ignore[arg-type]
            for predicate, value in facts:
                if predicate != DCTERMS.source:
                    out.add((text, predicate, value))  # type: ignore[arg-type]
    return out
