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

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD
from rdflib.term import Node

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DCO = Namespace("https://w3id.org/digicoop/ontology#")
DATASET = URIRef("https://w3id.org/digicoop/id/dataset")
GRAPH_IRI = URIRef("https://w3id.org/digicoop/graph/dataset")


def _count(graph: Graph) -> tuple[int, int]:
    return len(graph), len(set(graph.subjects()))


@dataclass
class _Counts:
    """What the description says about a dataset, counted (from rdflib or from Oxigraph)."""

    graphs: list[tuple[URIRef, int, int]]  # name, triples, distinct subjects
    triples: int
    subjects: int
    agreements: list[Node]
    derived: set[tuple[Node, Node]]
    about: dict[Node, list[tuple[Node, Node]]]


def _counts_rdflib(dataset: Dataset) -> _Counts:
    total, subjects = 0, set[object]()
    contexts = sorted(
        (g for g in dataset.graphs() if len(g) and g.identifier != GRAPH_IRI),
        key=lambda g: str(g.identifier),
    )
    contexts = [c for c in contexts if not str(c.identifier).startswith("urn:x-rdflib:")]
    graphs = []
    for context in contexts:
        triples, distinct = _count(context)
        total += triples
        subjects.update(context.subjects())
        graphs.append((URIRef(str(context.identifier)), triples, distinct))
    everything = [triple for context in contexts for triple in context]
    agreements = sorted(
        {s for s, p, o in everything if p == RDF.type and o == DCO.Agreement}, key=str
    )
    derived = {(s, o) for s, p, o in everything if p == PROV.wasDerivedFrom}
    about: dict[Node, list[tuple[Node, Node]]] = {}
    for s, p, o in everything:
        if p in (DCTERMS.source, DCTERMS.identifier, DCO.sha256):
            about.setdefault(s, []).append((p, o))
    return _Counts(graphs, total, len(subjects), agreements, derived, about)


def _rdflib_term(term: object) -> Node:
    """An Oxigraph term as rdflib's; a plain string stays plain (rdflib, unlike RDF 1.1, holds
    ``"x"`` and ``"x"^^xsd:string`` apart, and the source facts are copied as the build wrote
    them)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    assert isinstance(term, ox.BlankNode), term  # the build writes no RDF-star triples
    return BNode(term.value)


def _counts_store(store: ox.Store) -> _Counts:
    """The same counts from an Oxigraph store, by SPARQL: no copy of the data into rdflib."""
    skip = f"FILTER(?g != <{GRAPH_IRI}>)"
    rows = store.query(
        f"SELECT ?g (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?d) "
        f"{{ GRAPH ?g {{ ?s ?p ?o }} {skip} }} GROUP BY ?g"
    )
    graphs = sorted(
        (URIRef(r["g"].value), int(r["n"].value), int(r["d"].value))  # type: ignore[index,union-attr]
        for r in rows  # type: ignore[union-attr]
        if isinstance(r["g"], ox.NamedNode)  # type: ignore[index]
    )
    subjects = next(iter(store.query(  # type: ignore[arg-type]
        f"SELECT (COUNT(DISTINCT ?s) AS ?d) {{ GRAPH ?g {{ ?s ?p ?o }} {skip} }}"
    )))["d"].value  # fmt: skip
    agreements = sorted(
        {_rdflib_term(q.subject) for q in store.quads_for_pattern(None, RDF_TYPE, OX_AGREEMENT)
         if q.graph_name != OX_GRAPH},
        key=str,
    )  # fmt: skip
    derived = {
        (_rdflib_term(q.subject), _rdflib_term(q.object))
        for q in store.quads_for_pattern(None, ox.NamedNode(str(PROV.wasDerivedFrom)), None)
        if q.graph_name != OX_GRAPH
    }
    about: dict[Node, list[tuple[Node, Node]]] = {}
    for predicate in (DCTERMS.source, DCTERMS.identifier, DCO.sha256):
        for q in store.quads_for_pattern(None, ox.NamedNode(str(predicate)), None):
            if q.graph_name != OX_GRAPH:
                about.setdefault(_rdflib_term(q.subject), []).append(
                    (URIRef(str(predicate)), _rdflib_term(q.object))
                )
    total = sum(n for _, n, _ in graphs)
    return _Counts(graphs, total, int(subjects), agreements, derived, about)


RDF_TYPE = ox.NamedNode(str(RDF.type))
OX_AGREEMENT = ox.NamedNode(str(DCO.Agreement))
OX_GRAPH = ox.NamedNode(str(GRAPH_IRI))


def describe(dataset: Dataset | ox.Store, static: Path | None) -> Graph:
    """The description of ``dataset`` (its named graphs), with ``static`` (Turtle) merged in.

    ``dataset`` may be an Oxigraph store (what the build has): it is counted by SPARQL."""
    out = Graph()
    out.bind("void", VOID)
    out.bind("dcat", DCAT)
    if static is not None and static.is_file():
        out.parse(static, format="turtle")
    out.add((DATASET, RDF.type, VOID.Dataset))
    counts = _counts_store(dataset) if isinstance(dataset, ox.Store) else _counts_rdflib(dataset)
    for name, triples, distinct in counts.graphs:
        part = URIRef(f"{DATASET}/{str(name).rsplit('/', 1)[-1]}")
        out.add((DATASET, VOID.subset, part))
        out.add((part, RDF.type, VOID.Dataset))
        out.add((part, DCTERMS.title, Literal(str(name).rsplit("/", 1)[-1])))
        out.add((part, SD.name, name))
        out.add((part, VOID.triples, Literal(triples, datatype=XSD.integer)))
        out.add((part, VOID.distinctSubjects, Literal(distinct, datatype=XSD.integer)))
    out.add((DATASET, VOID.triples, Literal(counts.triples, datatype=XSD.integer)))
    out.add((DATASET, VOID.distinctSubjects, Literal(counts.subjects, datatype=XSD.integer)))
    agreements, derived, about = counts.agreements, counts.derived, counts.about
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
