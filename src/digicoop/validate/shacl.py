"""Run pySHACL over the data with the project's shapes and ontology.

The data is flattened into one graph together with ``ontology/*.ttl``: the shapes need the
class hierarchy (``sh:class dco:Agreement`` must accept a ``dco:MemorandumOfCooperation``) *and*
the SKOS schemes (a topic must be ``skos:inScheme topic:scheme``). pySHACL's ``ont_graph`` only
copies RDFS/OWL axioms into the data, not SKOS concepts, so the ontology files are merged here
instead, once, and pySHACL runs in place without inference or a second copy.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from pyshacl import validate as pyshacl_validate
from rdflib import Dataset, Graph
from rdflib.compare import to_canonical_graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from digicoop.errors import DigicoopError


class PreparedQueryGraph(Graph):
    """A graph that parses each SPARQL query string once.

    pySHACL sends a SHACL-SPARQL constraint's query text to the data graph once per focus
    node, and rdflib parses it every time: on the fixture, 95% of the run was the pyparsing
    of the same dozen queries. The text is identical for every focus node (``$this`` is an
    initial binding), so the prepared algebra can be reused, across runs too.
    """

    _prepared: ClassVar[dict[str, Query]] = {}

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            prepared = self._prepared.get(query_object)
            if prepared is None:
                prepared = self._prepared[query_object] = prepareQuery(query_object)
            query_object = prepared
        return super().query(query_object, *args, **kwargs)


def _parse_all(directory: Path) -> Graph:
    graph = Graph()
    files = sorted(directory.glob("*.ttl"))
    if not files:
        raise DigicoopError(f"{directory}: no .ttl files")
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as error:  # a broken shapes/ontology file is a project defect
            raise DigicoopError(f"{path}: not valid Turtle: {error}") from error
    return graph


@lru_cache(maxsize=4)
def shapes_graph(shapes_dir: Path) -> Graph:
    """All ``shapes/*.ttl`` (core Violations and recommended Warnings), parsed once.

    The blank nodes get canonical labels (rdflib.compare), the same in every process: a
    report names blank-node shapes and paths by them, and incremental validation keeps
    reports between runs (digicoop.validate.incremental)."""
    parsed = _parse_all(shapes_dir)
    graph = Graph()
    for prefix, namespace in parsed.namespaces():
        graph.bind(prefix, namespace, override=True, replace=True)
    for triple in to_canonical_graph(parsed):
        graph.add(triple)
    return graph


@lru_cache(maxsize=4)
def ontology_graph(ontology_dir: Path) -> Graph:
    """All ``ontology/*.ttl`` (the ontology and the SKOS schemes), parsed once."""
    return _parse_all(ontology_dir)


def data_graph(data: Dataset | Graph, ontology: Graph) -> Graph:
    """One graph holding every triple of ``data`` (all named graphs) and of ``ontology``."""
    merged = PreparedQueryGraph()
    for prefix, namespace in ontology.namespaces():
        merged.bind(prefix, namespace, override=False)
    triples = (
        data.triples((None, None, None))
        if not isinstance(data, Dataset)
        else ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
    )
    for triple in triples:
        merged.add(triple)
    for triple in ontology:
        merged.add(triple)
    return merged


def run_shacl(merged: Graph, shapes: Graph) -> Graph:
    """The W3C validation report graph for ``merged`` (which pySHACL may annotate in place)."""
    _conforms, report, _text = pyshacl_validate(
        merged,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        meta_shacl=False,
        advanced=False,
        inplace=True,
    )
    if not isinstance(report, Graph):
        raise TypeError("pySHACL returned no report graph")
    return report
