"""describe.py: the dataset's VoID/DCAT description, counted from the dataset itself."""

from __future__ import annotations

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from digicoop.describe import DATASET, DCO, VOID, describe

A = URIRef("https://w3id.org/digicoop/id/agreement/a")
B = URIRef("https://w3id.org/digicoop/id/agreement/b")


def _dataset() -> Dataset:
    dataset = Dataset()
    one = dataset.graph(URIRef("https://w3id.org/digicoop/graph/a"))
    one.add((A, RDF.type, DCO.Agreement))
    one.add((A, PROV.wasDerivedFrom, URIRef(f"{A}/source")))
    one.add((URIRef(f"{A}/source"), DCTERMS.identifier, Literal("corpus/a.txt")))
    two = dataset.graph(URIRef("https://w3id.org/digicoop/graph/b"))
    two.add((B, RDF.type, DCO.Agreement))
    two.add((B, PROV.wasDerivedFrom, URIRef(f"{B}/source")))
    two.add((B, DCTERMS.source, URIRef("https://example.org/published/b")))
    return dataset


def test_counts_each_graph_and_the_whole() -> None:
    graph = describe(_dataset(), None)
    assert graph.value(DATASET, VOID.triples) == Literal(6)
    subsets = {str(graph.value(s, DCTERMS.title)): graph.value(s, VOID.triples)
               for s in graph.objects(DATASET, VOID.subset)}  # fmt: skip
    assert subsets == {"a": Literal(3), "b": Literal(3)}
    partition = graph.value(DATASET, VOID.classPartition)
    assert graph.value(partition, VOID.entities) == Literal(2)


def test_sources_are_the_published_address_or_else_the_file() -> None:
    graph = describe(_dataset(), None)
    assert set(graph.objects(DATASET, DCTERMS.source)) == {
        URIRef("https://example.org/published/b")
    }
    assert set(graph.objects(DATASET, PROV.wasDerivedFrom)) == {URIRef(f"{A}/source")}
    assert graph.value(URIRef(f"{A}/source"), DCTERMS.identifier) == Literal("corpus/a.txt")


def test_the_same_dataset_gives_the_same_description() -> None:
    first = describe(_dataset(), None).serialize(format="nt")
    assert sorted(first.splitlines()) == sorted(
        describe(_dataset(), None).serialize(format="nt").splitlines()
    )
