"""The evidence-against-source check of :mod:`digicoop.validate.evidence`, fed by queries.

The rules and the messages are that module's (its ``_Sources`` reads and pins the files);
only the graph walk changes: one SELECT fetches every evidence node's target with its
quote, span and provision (``oa:hasTarget / oa:hasSource``), one more each provision's span
and source, instead of six rdflib lookups per node. Why two: a provision is shared by ten
evidence nodes on average, and reading its span and source through each of them was more
than half of the check at 500 agreements (3.6 of 4.8 s CPU, the same rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from digicoop.validate import evidence as reference
from digicoop.validate.evidence import SourceProblem
from digicoop.validate.fast.scope import Scope
from digicoop.validate.fast.store import StoreView, Terms

_PREFIXES = """
PREFIX dco: <https://w3id.org/digicoop/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
_EVIDENCE = (
    _PREFIXES
    + """
SELECT ?e ?exact ?start ?end ?prov WHERE {
    %s
    ?e a dco:Evidence ; oa:hasTarget ?t .
    ?t oa:hasSource ?prov ; oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?exact .
    ?t oa:hasSelector ?p . ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
}"""
)
#: Each provision's span and source (``%s``: nothing, or the provisions to read).
_SPANS = (
    _PREFIXES
    + "SELECT ?prov ?pstart ?pend WHERE { %s ?prov dco:sourceStart ?pstart ; dco:sourceEnd ?pend }"
)
_SOURCES = (
    _PREFIXES
    + "SELECT ?prov ?source WHERE { %s ?prov dco:ofAgreement ?agreement . ?agreement prov:wasDerivedFrom ?source }"
)
#: Provisions named per query when only some are read.
_BATCH = 2000


def _int(term: object) -> int | None:
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#integer"):
        try:
            return int(term.value)
        except ValueError:
            return None
    return None


def _first(
    store: ox.Store, query: str, provisions: list[ox.NamedNode] | None
) -> dict[object, tuple[object, ...]]:
    """Each provision's first answer row to ``query`` (its variables after ``?prov``), for
    ``provisions`` only (None: every provision of the store)."""
    texts = [query % ""]
    if provisions is not None:
        texts = [
            query % f"VALUES ?prov {{ {' '.join(str(p) for p in provisions[i : i + _BATCH])} }}"
            for i in range(0, len(provisions), _BATCH)
        ]
    found: dict[object, tuple[object, ...]] = {}
    for text in texts:
        solutions = store.query(text, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables][1:]  # type: ignore[union-attr]
        for row in solutions:  # type: ignore[union-attr]
            found.setdefault(row["prov"], tuple(row[name] for name in names))  # type: ignore[index]
    return found


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
    view = StoreView(store, terms)
    problems: list[SourceProblem] = []
    seen: dict[str, object] = {}  # evidence → the provision its first row names
    ambiguous: set[str] = set()  # evidence whose target has two provisions
    texts: dict[object, str | None] = {}  # source → its text (read once through ``sources``)
    solutions = store.query(_EVIDENCE % narrow, use_default_graph_as_union=True)
    rows = sorted(solutions, key=lambda r: r["e"].value)  # type: ignore[arg-type, index, union-attr]
    provisions = _provisions(row["prov"] for row in rows) if narrow else None  # type: ignore[index]
    # each provision's span as numbers and its source, worked out once (not once per
    # evidence node citing it: ten on average)
    spans = {
        provision: (_int(span[0]), _int(span[1]))
        for provision, span in _first(store, _SPANS, provisions).items()
    }
    source_of = {
        provision: found[0] for provision, found in _first(store, _SOURCES, provisions).items()
    }
    for row in rows:
        evidence_iri = row["e"].value  # type: ignore[index, union-attr]
        provision = row["prov"]  # type: ignore[index]
        if evidence_iri in seen:  # several quotes or positions: rdflib's Graph.value picks one
            if provision != seen[evidence_iri]:
                ambiguous.add(evidence_iri)  # which provision to judge by is not clear
            continue
        seen[evidence_iri] = provision
        start, end = _int(row["start"]), _int(row["end"])  # type: ignore[index]
        if start is None or end is None:
            continue
        p_start, p_end = spans.get(provision, (None, None))
        source = source_of.get(provision)
        text = None
        if source is not None:
            if source not in texts:
                texts[source] = sources.text(view, terms.to_rdflib(source))  # type: ignore[arg-type]
            text = texts[source]
        exact = row["exact"]  # type: ignore[index]
        inside = p_start is None or p_end is None or p_start <= start < end <= p_end
        same = text is None or (isinstance(exact, ox.Literal) and text[start:end] == exact.value)
        if inside and same:
            continue  # the common case, decided without rdflib terms (same rules as judge)
        evidence: Node = terms.to_rdflib(row["e"])  # type: ignore[index]
        problems.extend(
            reference.judge(evidence, terms.to_rdflib(exact), start, end, (p_start, p_end), text)
        )
    if ambiguous:  # left to SHACL (dcosh:EvidenceTarget-source), as the reference does
        problems = [problem for problem in problems if str(problem.focus) not in ambiguous]
    return sources.problems + problems


def _provisions(found: Iterable[object]) -> list[ox.NamedNode] | None:
    """The provisions named, to read only theirs; None (read every one) if one is a blank
    node, which a query cannot name."""
    named = set()
    for provision in found:
        if not isinstance(provision, ox.NamedNode):
            return None
        named.add(provision)
    return sorted(named, key=lambda p: p.value)


__all__ = ["URIRef", "check"]
