"""A fast SHACL engine for the subset of SHACL that ``shapes/*.ttl`` use.

Each shape's constraint becomes one SPARQL query over all focus nodes, run by Oxigraph on
the data + ontology; results are written as pySHACL writes them, so the W3C report and the
findings are the same (``tests/validate/test_fast_differential.py`` checks it on the real
graph and every mutation case). pySHACL stays the reference: ``engine="pyshacl"``.

Compiled: targets ``sh:targetClass`` (with the ``rdfs:subClassOf`` closure of the data),
``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``; predicate, inverse,
sequence, alternative and ``*``/``+``/``?`` paths; ``sh:class``, ``sh:datatype``,
``sh:nodeKind``, ``sh:pattern`` (+``sh:flags``), ``sh:minLength``, ``sh:maxLength``, ``sh:in``,
``sh:hasValue``, ``sh:languageIn``, ``sh:uniqueLang``, ``sh:minCount``, ``sh:maxCount``,
``sh:min/maxInclusive``, ``sh:min/maxExclusive``, ``sh:equals``, ``sh:disjoint``,
``sh:lessThan(OrEquals)``, ``sh:node``, ``sh:or``, ``sh:and``, ``sh:not``, ``sh:xone``,
``sh:qualifiedValueShape`` with ``sh:qualifiedMin/MaxCount``, and SHACL-SPARQL
``sh:SPARQLConstraint`` with ``sh:select`` (``$this``, ``$PATH``, ``sh:prefixes``, messages
with ``{?var}``). Anything else raises :class:`Unsupported` when the shapes are read.

>>> from rdflib import Graph
>>> from digicoop.validate.fast import Unsupported, validate
>>> shapes = Graph().parse(data='''
... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
... ex:S a sh:NodeShape ; sh:targetClass ex:C ;
...     sh:property [ sh:path ex:name ; sh:minCount 1 ] .''', format="turtle")
>>> data = Graph().parse(data="<http://example.org/a> a <http://example.org/C> .", format="turtle")
>>> report, _quotes, _problems = validate(data, shapes, Graph())
>>> SH = "http://www.w3.org/ns/shacl#"
>>> [str(m) for m in report.objects(None, URIRef(SH + "resultMessage"))]
['Less than 1 values on <http://example.org/a>->ex:name']
>>> closed = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
... <http://example.org/T> a sh:NodeShape ; sh:targetNode <http://example.org/a> ; sh:closed true .''',
... format="turtle")
>>> try:
...     validate(data, closed, Graph())
... except Unsupported as error:
...     print(error)
http://www.w3.org/ns/shacl#closed on shape http://example.org/T
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from digicoop.validate.evidence import SourceProblem
from digicoop.validate.fast import evidence
from digicoop.validate.fast.compile import Check
from digicoop.validate.fast.engine import Run, answers, reader_for, units
from digicoop.validate.fast.model import Unsupported
from digicoop.validate.fast.parallel import forked_map
from digicoop.validate.fast.scope import Scope
from digicoop.validate.fast.store import Terms, load_files, ontology_added, store_of

__all__ = [
    "Scope",
    "Unsupported",
    "judge",
    "load_files",
    "namespaces_of",
    "supports",
    "validate",
]

_QUOTES = """
PREFIX dco: <https://w3id.org/digicoop/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
CONSTRUCT {
    ?f a ?evidence ; oa:hasTarget ?ft ; dco:text ?text . ?ft oa:hasSelector ?fs . ?fs oa:exact ?fx .
    ?e rdf:subject ?f ; rdf:object ?o ; oa:hasTarget ?t . ?t oa:hasSelector ?s . ?s oa:exact ?x .
    ?f oa:hasSelector ?gs . ?gs oa:exact ?gx .
} WHERE {
    VALUES ?f { %s }
    { ?f a ?evidence ; oa:hasTarget ?ft . FILTER (?evidence = dco:Evidence) ?ft oa:hasSelector ?fs . ?fs oa:exact ?fx }
    UNION { ?e rdf:subject ?f ; rdf:object ?o ; oa:hasTarget ?t . ?t oa:hasSelector ?s . ?s oa:exact ?x }
    UNION { ?f oa:hasSelector ?gs . ?gs oa:exact ?gx }
    UNION { ?f dco:text ?text }
}"""


def supports(shapes: Graph) -> None:
    """Raise :class:`Unsupported` if ``shapes`` use a feature this engine does not compile."""
    reader_for(shapes)


def validate(
    data: Dataset | Graph | ox.Store,
    shapes: Graph,
    ontology: Graph,
    root: Path | None = None,
    jobs: int = 1,
) -> tuple[Graph, Graph, list[SourceProblem]]:
    """The W3C report for ``data`` (+ ``ontology``) against ``shapes``, like pySHACL's.

    Returns the report, a small graph of the quotes and texts that concern the results' focus
    nodes (what :func:`digicoop.validate.findings.findings_of` shows), and, if ``root`` is given, the
    evidence-against-source problems. Raises :class:`Unsupported` before any work if the
    shapes use a feature not compiled here. A store passed in is validated in place, and
    left as it was (the ontology is added for the run and taken out again).
    """
    supports(shapes)
    terms = Terms()
    with ontology_added(store_of(data, terms), ontology, terms) as store:
        report, quoted, problems = judge(
            store, shapes, terms, namespaces_of(ontology), root, jobs=jobs
        )
    assert quoted is not None  # asked for
    return report, quoted, problems


def namespaces_of(ontology: Graph) -> Graph:
    """An empty graph bound like pySHACL's data graph (for generic messages' prefixes)."""
    namespaces = Graph()
    for prefix, namespace in ontology.namespaces():
        namespaces.bind(prefix, namespace, override=False)
    return namespaces


def judge(
    store: ox.Store,
    shapes: Graph,
    terms: Terms,
    namespaces: Graph,
    root: Path | None,
    checks: list[Check] | None = None,
    scope: Scope | None = None,
    evidence_nodes: list[str] | None = None,
    jobs: int = 1,
    quotes: bool = True,
) -> tuple[Graph, Graph | None, list[SourceProblem]]:
    """:func:`validate` on a store that already holds the ontology; ``checks`` (compiled for
    ``scope``), ``scope`` and ``evidence_nodes`` (the evidence nodes whose quotes to check,
    as SPARQL terms) narrow the run to some focus nodes (incremental validation). ``jobs``
    processes run the queries (:mod:`digicoop.validate.fast.parallel`); same report.
    ``quotes`` False: no :func:`quote_graph` (None in its place), for a caller that copies
    the quotes of each part of the report itself (digicoop.validate.incremental: at 500
    agreements the whole report's, copied and dropped, cost some 0.4 s on one core after
    the checks)."""
    run = Run(store, shapes, terms, namespaces, checks)
    compiled = run.compiled()
    groups = units(compiled)  # a query each (some answer several checks of one shape)
    sources = root is not None and evidence_nodes != []

    def task(index: int) -> object:
        # the quote check first: the longest task, started while the checks run
        if index == 0:
            return evidence.check(store, terms, root, scope, evidence_nodes) if sources else []  # type: ignore[arg-type]
        return run.answer(compiled, groups[index - 1])

    found = forked_map(task, len(groups) + 1, jobs)
    problems: list[SourceProblem] = next(found)  # type: ignore[arg-type]
    report = run.write(compiled, answers(compiled, groups, found))  # type: ignore[arg-type]
    if not quotes:
        return report, None, problems
    focus = {problem.focus for problem in problems}
    focus |= set(report.objects(None, _SH_FOCUS))
    return report, quote_graph(store, terms, focus), problems


_SH_FOCUS = URIRef("http://www.w3.org/ns/shacl#focusNode")


def quote_graph(store: ox.Store, terms: Terms, focus: set) -> Graph:  # type: ignore[type-arg]
    """The triples ``_quote`` reads for these focus nodes, copied out of the store."""
    graph = Graph()
    nodes = [terms.to_ox(node) for node in focus if isinstance(node, URIRef)]
    for start in range(0, len(nodes), 500):
        values = " ".join(str(node) for node in nodes[start : start + 500])
        for triple in store.query(_QUOTES % values, use_default_graph_as_union=True):  # type: ignore[union-attr]
            graph.add(tuple(terms.to_rdflib(t) for t in triple))  # type: ignore[arg-type, misc]
    return graph
