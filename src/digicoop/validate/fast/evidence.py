"""The evidence-against-source check of :mod:`digicoop.validate.evidence`, fed by one query.

The rules and the messages are that module's (its ``_Sources`` reads and pins the files);
only the graph walk changes: one SELECT fetches every evidence node's quote, span and
provision span instead of six rdflib lookups per node.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from digicoop.validate import evidence as reference
from digicoop.validate.evidence import SourceProblem
from digicoop.validate.fast.scope import Scope
from digicoop.validate.fast.store import StoreView, Terms

_QUERY = """
PREFIX dco: <https://w3id.org/digicoop/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?e ?exact ?start ?end ?pstart ?pend ?source WHERE {
    %s
    ?e a dco:Evidence ; dco:provision ?prov ; oa:hasTarget ?t .
    ?t oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?exact .
    ?t oa:hasSelector ?p . ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    OPTIONAL { ?prov dco:sourceStart ?pstart ; dco:sourceEnd ?pend }
    OPTIONAL { ?prov dco:ofAgreement ?agreement . ?agreement prov:wasDerivedFrom ?source }
}"""


def _int(term: object) -> int | None:
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#integer"):
        try:
            return int(term.value)
        except ValueError:
            return None
    return None


def check(
    store: ox.Store,
    terms: Terms,
    root: Path,
    scope: Scope | None = None,
    nodes: list[str] | None = None,
) -> list[SourceProblem]:
    """The same problems as :func:`digicoop.validate.evidence.check`, from the store; with a
    ``scope``, only for the evidence nodes it holds (and the source files they read); with
    ``nodes`` (SPARQL terms), only for those evidence nodes."""
    sources = reference._Sources(root)
    narrow = f"FILTER ({scope.sparql('?e')})" if scope is not None else ""
    if nodes is not None:
        # a sub-select, so that the engine starts from them (a bare VALUES took 20x longer)
        narrow = f"{{ SELECT ?e WHERE {{ VALUES ?e {{ {' '.join(nodes)} }} }} }}"
    query = _QUERY % narrow
    view = StoreView(store, terms)
    problems: list[SourceProblem] = []
    seen: set[str] = set()
    texts: dict[str, str | None] = {}  # source IRI → its text (read once through ``sources``)
    rows = sorted(store.query(query, use_default_graph_as_union=True), key=lambda r: r["e"].value)  # type: ignore[arg-type, index, union-attr]
    for row in rows:
        evidence_iri = row["e"].value  # type: ignore[index, union-attr]
        if evidence_iri in seen:  # several quotes or positions: rdflib's Graph.value picks one
            continue
        seen.add(evidence_iri)
        start, end = _int(row["start"]), _int(row["end"])  # type: ignore[index]
        if start is None or end is None:
            continue
        p_start, p_end = _int(row["pstart"]), _int(row["pend"])  # type: ignore[index]
        source = row["source"]  # type: ignore[index]
        text = None
        if source is not None:
            key = str(source)
            if key not in texts:
                texts[key] = sources.text(view, terms.to_rdflib(source))  # type: ignore[arg-type]
            text = texts[key]
        exact = row["exact"]  # type: ignore[index]
        inside = p_start is None or p_end is None or p_start <= start < end <= p_end
        same = text is None or (isinstance(exact, ox.Literal) and text[start:end] == exact.value)
        if inside and same:
            continue  # the common case, decided without rdflib terms (same rules as judge)
        evidence: Node = terms.to_rdflib(row["e"])  # type: ignore[index]
        problems.extend(
            reference.judge(evidence, terms.to_rdflib(exact), start, end, (p_start, p_end), text)
        )
    return sources.problems + problems


__all__ = ["URIRef", "check"]
