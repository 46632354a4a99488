"""The query engine: loading every RDF format with its graphs, the dataset rules, digests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digicoop import store
from digicoop.store import DatasetSpec, DataSource, Formats, GraphStore

TRIPLE = '<http://e/s> <http://e/p> "o" .\n'
FILES = {
    "a.nt": TRIPLE,
    "b.ttl": '@prefix e: <http://e/> . e:s e:p "o" .\n',
    "c.rdf": '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
    ' xmlns:e="http://e/"><rdf:Description rdf:about="http://e/s"><e:p>o</e:p></rdf:Description>'
    "</rdf:RDF>",
    "d.jsonld": '{"@id": "http://e/s", "http://e/p": "o"}',
    "e.nq": '<http://e/s> <http://e/p> "o" <http://e/g1> .\n<http://e/s> <http://e/p> "q" .\n',
    "f.trig": '<http://e/g2> { <http://e/s> <http://e/p> "o" . }\n',
}
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"


def count(graph_store: GraphStore, query: str = COUNT, dataset: DatasetSpec | None = None) -> int:
    body = json.loads(graph_store.run(query, Formats(), dataset).body)
    return int(body["results"]["bindings"][0]["n"]["value"])


@pytest.fixture()
def loaded(tmp_path: Path) -> GraphStore:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    sources = [DataSource(tmp_path / name) for name in FILES]
    sources[0] = DataSource(tmp_path / "a.nt", graph="http://e/named-a")
    return GraphStore.load(sources)


def test_every_format_loads_and_keeps_graphs(loaded: GraphStore, tmp_path: Path) -> None:
    assert loaded.graph_names() == sorted(
        ["http://e/named-a", "http://e/g1", "http://e/g2"]
        + [(tmp_path / n).as_uri() for n in ("b.ttl", "c.rdf")]
    )
    # six files; N-Quads and JSON-LD (dataset formats) add default-graph triples
    assert len(loaded) == 7


def test_default_graph_is_the_union(loaded: GraphStore) -> None:
    assert count(loaded) == 7


def test_dataset_restricts_and_overrides_from(loaded: GraphStore) -> None:
    assert count(loaded, dataset=DatasetSpec(("http://e/g1",))) == 1
    assert count(loaded, dataset=DatasetSpec(("http://e/g1", "http://e/g2"))) == 2
    assert count(loaded, dataset=DatasetSpec((), ("http://e/g1",))) == 0
    from_g2 = "SELECT (COUNT(*) AS ?n) FROM <http://e/g2> { ?s ?p ?o }"
    assert count(loaded, from_g2) == 1
    both = "SELECT (COUNT(*) AS ?n) FROM <http://e/g1> FROM <http://e/g2> { ?s ?p ?o }"
    assert count(loaded, both, DatasetSpec(("http://e/named-a",))) == 1
    named = "SELECT (COUNT(*) AS ?n) FROM NAMED <http://e/g1> { GRAPH ?g { ?s ?p ?o } }"
    assert count(loaded, named) == 1
    assert count(loaded, dataset=DatasetSpec(("http://e/absent",))) == 0


def test_errors(loaded: GraphStore) -> None:
    with pytest.raises(store.QuerySyntaxError) as caught:
        loaded.run("SELECT * {\n ?s ?p", Formats())
    assert caught.value.line == 2
    with pytest.raises(store.InvalidIriError):
        loaded.run(COUNT, Formats(), DatasetSpec(("not an iri",)))
    with pytest.raises(store.NotAcceptableError):
        loaded.run("ASK {}", Formats(boolean=None))
    with pytest.raises(store.ResultTooLargeError):
        loaded.run("SELECT * { ?s ?p ?o }", Formats(), max_bytes=50)


def test_formats(loaded: GraphStore) -> None:
    csv = loaded.run("SELECT ?o { ?s ?p ?o } ORDER BY ?o LIMIT 1", Formats(solutions="text/csv"))
    assert csv.body == b"o\r\no\r\n" and csv.kind == "solutions"
    nt = loaded.run(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://e/g2> { ?s ?p ?o } }",
        Formats(graph="application/n-triples"),
    )
    assert nt.body == TRIPLE.encode() and nt.media_type == "application/n-triples"


def test_base_iri(loaded: GraphStore) -> None:
    out = loaded.run(
        "CONSTRUCT { <s> <p> 1 } WHERE {}",
        Formats(graph="application/n-triples"),
        base_iri="http://h/sparql",
    )
    assert out.body.startswith(b"<http://h/s> <http://h/p>")


def test_digest_follows_the_data(tmp_path: Path) -> None:
    path = tmp_path / "a.nt"
    path.write_text(TRIPLE)
    first = store.digest([DataSource(path)])
    assert first == store.digest([DataSource(path)])
    assert first != store.digest([DataSource(path, graph="http://e/other")])
    path.write_text(TRIPLE + '<http://e/s> <http://e/p> "x" .\n')
    assert first != store.digest([DataSource(path)])


def test_load_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://e/s> <http://e/p> .\n")
    with pytest.raises(store.LoadError, match=r"bad\.ttl"):
        GraphStore.load([DataSource(bad)])
    with pytest.raises(store.LoadError, match=r"missing\.nt"):
        GraphStore.load([DataSource(tmp_path / "missing.nt")])
    with pytest.raises(store.LoadError, match="unknown RDF format"):
        store.rdf_format(tmp_path / "x.csv")


def test_lexer_skips_strings_comments_and_iris() -> None:
    assert store.has_dataset_clause("SELECT * FROM <g> {}")
    assert not store.has_dataset_clause('SELECT * { ?s ?p "FROM" } # FROM')
    assert not store.has_dataset_clause("SELECT * { ?s <http://e/FROM> ?from }")
