"""The dataset's description of itself: VoID and DCAT in ``graph:dataset``.

What it is, its licence and vocabularies come from ``ontology/dataset.ttl`` (data); the build
adds what only it knows: the number of triples and of distinct subjects of each named graph
(a ``void:subset`` each), of the whole, how many agreements (a ``void:classPartition``), and the source of each text
(``dcterms:source`` where the text says where it was published, otherwise the file it was
read from and its SHA-256). Everything is counted from the dataset itself, so the same
sources give the same description: the build counts each named graph once, when it makes it,
and adds the counts up (:mod:`digicoop.graph_parts`); a store or an rdflib dataset is counted
directly, to the same figures. The build date is not in the files (it would change the
bytes of every rebuild); the server adds it when it serves ``/.well-known/void``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD
from rdflib.term import Node

from digicoop.graph_parts import ABOUT, GraphPart, distinct_subjects, rdflib_term

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DCO = Namespace("https://w3id.org/digicoop/ontology#")
DATASET = URIRef("https://w3id.org/digicoop/id/dataset")
GRAPH_IRI = URIRef("https://w3id.org/digicoop/graph/dataset")


#: The facts about a text that the description copies (the same list graph_parts keeps).
_ABOUT = tuple(URIRef(predicate) for predicate in ABOUT)


def _count(graph: Graph) -> tuple[int, int]:
    return len(graph), len(set(graph.subjects()))


@dataclass
class Counts:
    """What the description says about a dataset, counted (from rdflib or from Oxigraph)."""

    graphs: list[tuple[URIRef, int, int]]  # name, triples, distinct subjects
    triples: int
    subjects: int
    agreements: list[Node]
    derived: set[tuple[Node, Node]]
    about: dict[Node, list[tuple[Node, Node]]]


def _counts_rdflib(dataset: Dataset) -> Counts:
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
        if p in _ABOUT:
            about.setdefault(s, []).append((p, o))
    return Counts(graphs, total, len(subjects), agreements, derived, about)


def _counts_store(store: ox.Store) -> Counts:
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
        {rdflib_term(q.subject) for q in store.quads_for_pattern(None, RDF_TYPE, OX_AGREEMENT)
         if q.graph_name != OX_GRAPH},
        key=str,
    )  # fmt: skip
    derived = {
        (rdflib_term(q.subject), rdflib_term(q.object))
        for q in store.quads_for_pattern(None, ox.NamedNode(str(PROV.wasDerivedFrom)), None)
        if q.graph_name != OX_GRAPH
    }
    about: dict[Node, list[tuple[Node, Node]]] = {}
    for predicate in _ABOUT:
        for q in store.quads_for_pattern(None, ox.NamedNode(str(predicate)), None):
            if q.graph_name != OX_GRAPH:
                about.setdefault(rdflib_term(q.subject), []).append(
                    (URIRef(str(predicate)), rdflib_term(q.object))
                )
    total = sum(n for _, n, _ in graphs)
    return Counts(graphs, total, int(subjects), agreements, derived, about)


def _counts_parts(parts: Mapping[str, GraphPart]) -> Counts:
    """The same counts combined from each named graph's part (digicoop.graph_parts): what
    the build has, without loading the dataset anywhere."""
    kept = {name: part for name, part in parts.items() if part.triples and name != str(GRAPH_IRI)}
    graphs = sorted((URIRef(name), part.triples, part.subjects) for name, part in kept.items())
    about: dict[Node, list[tuple[Node, Node]]] = {}
    for part in kept.values():
        for subject, predicate, value in part.about:
            about.setdefault(subject, []).append((predicate, value))
    return Counts(
        graphs,
        sum(part.triples for part in kept.values()),
        distinct_subjects(kept.values()),
        sorted(set().union(*(part.agreements for part in kept.values())), key=str),
        set().union(*(part.derived for part in kept.values())),
        about,
    )


RDF_TYPE = ox.NamedNode(str(RDF.type))
OX_AGREEMENT = ox.NamedNode(str(DCO.Agreement))
OX_GRAPH = ox.NamedNode(str(GRAPH_IRI))


def counts(dataset: Dataset | ox.Store | Mapping[str, GraphPart]) -> Counts:
    """What the description says of ``dataset``, counted: an rdflib dataset, an Oxigraph
    store (by SPARQL), or graph IRI → its part (what the build has; the same counts)."""
    if isinstance(dataset, ox.Store):
        return _counts_store(dataset)
    if isinstance(dataset, Dataset):
        return _counts_rdflib(dataset)
    return _counts_parts(dataset)


def describe(dataset: Dataset | ox.Store | Mapping[str, GraphPart], static: Path | None) -> Graph:
    """The description of ``dataset`` (its named graphs; see :func:`counts`), with ``static``
    (Turtle) merged in."""
    out = Graph()
    out.bind("void", VOID)
    out.bind("dcat", DCAT)
    if static is not None and static.is_file():
        out.parse(static, format="turtle")
    out.add((DATASET, RDF.type, VOID.Dataset))
    counted = counts(dataset)
    for name, triples, distinct in counted.graphs:
        part = URIRef(f"{DATASET}/{str(name).rsplit('/', 1)[-1]}")
        out.add((DATASET, VOID.subset, part))
        out.add((part, RDF.type, VOID.Dataset))
        out.add((part, DCTERMS.title, Literal(str(name).rsplit("/", 1)[-1])))
        out.add((part, SD.name, name))
        out.add((part, VOID.triples, Literal(triples, datatype=XSD.integer)))
        out.add((part, VOID.distinctSubjects, Literal(distinct, datatype=XSD.integer)))
    out.add((DATASET, VOID.triples, Literal(counted.triples, datatype=XSD.integer)))
    out.add((DATASET, VOID.distinctSubjects, Literal(counted.subjects, datatype=XSD.integer)))
    agreements, derived, about = counted.agreements, counted.derived, counted.about
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
