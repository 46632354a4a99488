"""The data and the ontology in one Oxigraph store, and terms converted both ways.

Why one store queried as the union of its graphs: pySHACL validates the flattened union of
the dataset's graphs plus ``ontology/*.ttl`` (see :mod:`digicoop.validate.shacl`); the same
triples give the queries the same data, and ``rdfs:subClassOf`` closures come from it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from digicoop.errors import DigicoopError
from digicoop.validate.fast.judges import quiet_literal
from digicoop.validate.fast.model import Unsupported

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
_LABELS = {".trig": "trig", ".nq": "nquads", ".json": "json-ld", ".jsonld": "json-ld"}
_QUADS = (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS, ox.RdfFormat.JSON_LD)


class Terms:
    """rdflib ⇄ Oxigraph terms. Remembers what Oxigraph normalises away (an explicit
    ``^^xsd:string``, a language tag's case) so results name the data's own terms."""

    def __init__(self) -> None:
        self._to_ox: dict[Node, OxTerm] = {}
        self.explicit_strings: set[str] = set()
        self.lang_case: dict[tuple[str, str], str] = {}

    def to_ox(self, node: Node) -> OxTerm:
        found = self._to_ox.get(node)
        if found is not None:
            return found
        made: OxTerm
        if isinstance(node, URIRef):
            made = ox.NamedNode(str(node))
        elif isinstance(node, BNode):
            made = ox.BlankNode(str(node)) if str(node).isalnum() else ox.BlankNode()
        elif isinstance(node, Literal):
            made = self._literal(node)
        else:
            raise Unsupported(f"term {node!r}")
        self._to_ox[node] = made
        return made

    def _literal(self, node: Literal) -> ox.Literal:
        try:
            if node.language:
                if node.language != node.language.lower():
                    self.lang_case[(str(node), node.language.lower())] = node.language
                return ox.Literal(str(node), language=node.language)
            if node.datatype == XSD.string:
                self.explicit_strings.add(str(node))
            datatype = ox.NamedNode(str(node.datatype)) if node.datatype else None
            return ox.Literal(str(node), datatype=datatype)
        except ValueError as error:
            raise Unsupported(f"literal {node.n3()} Oxigraph cannot hold: {error}") from error

    def to_rdflib(self, term: object) -> Node:
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                lang = self.lang_case.get((term.value, term.language), term.language)
                return Literal(term.value, lang=lang)
            datatype = term.datatype.value
            if datatype == str(XSD.string):
                explicit = term.value in self.explicit_strings
                return Literal(term.value, datatype=XSD.string if explicit else None)
            return quiet_literal(term.value, datatype=URIRef(datatype))
        raise TypeError(f"not an RDF term: {term!r}")


def store_of(data: Dataset | Graph | ox.Store, terms: Terms) -> ox.Store:
    """``data`` as a store: a store passed in is used as it is (queries see the union of its
    graphs, so a triple stated in two of its graphs is seen twice, which only a SPARQL
    constraint's ``COUNT`` notices); a graph or dataset is copied into a new one."""
    if isinstance(data, ox.Store):
        return data
    store = ox.Store()
    convert = terms.to_ox
    default = ox.DefaultGraph()
    triples: Iterable[tuple[Node, Node, Node]]
    if isinstance(data, Dataset):
        triples = ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
    else:
        triples = data.triples((None, None, None))
    store.extend(ox.Quad(convert(s), convert(p), convert(o), default) for s, p, o in triples)  # type: ignore[arg-type]
    return store


@contextmanager
def ontology_added(store: ox.Store, ontology: Graph, terms: Terms) -> Iterator[ox.Store]:
    """``store`` with the ontology's triples in its default graph while a validation runs;
    those it did not hold already are removed again afterwards, whatever happens.

    Why: the store may be the build's on-disk store, about to be published, or one being
    served; validation must leave it as it was given (tests/validate/test_store_kinds.py)."""
    convert = terms.to_ox
    default = ox.DefaultGraph()
    added = []
    for s, p, o in ontology:
        quad = ox.Quad(convert(s), convert(p), convert(o), default)  # type: ignore[arg-type]
        if quad not in store:
            added.append(quad)
    store.extend(added)
    try:
        yield store
    finally:
        for quad in added:
            store.remove(quad)


def load_files(paths: Iterable[Path]) -> ox.Store:
    """Parse RDF files straight into a store (every graph kept), as ``load.load`` does.

    Raises :class:`DigicoopError` naming the file, for a missing or unparseable one, with the
    wording of :mod:`digicoop.validate.load` (``FILE: not valid turtle: ...``).

    ``load``, not ``bulk_load``: into memory the bulk loader costs more CPU and leaves a store
    the checks query more slowly (500 agreements: a whole validation 21-22 s of CPU on a
    ``load``-filled store, 33 s on a bulk-loaded one; bench/results.md, seventh round).
    """
    store = ox.Store()
    for path in paths:
        if not path.is_file():
            raise DigicoopError(f"{path}: no such file")
        suffix = path.suffix.lower()
        fmt = _FORMATS.get(suffix, ox.RdfFormat.TURTLE)
        label = _LABELS.get(suffix, "turtle" if suffix in ("", ".ttl") else suffix.lstrip("."))
        try:
            if fmt in _QUADS:
                store.load(path=str(path), format=fmt)  # not bulk_load: see below
            else:
                graph = ox.NamedNode(path.resolve().as_uri())
                store.load(path=str(path), format=fmt, to_graph=graph)
        except (SyntaxError, ValueError, OSError) as error:
            detail = " ".join(str(error).split())[:300] or type(error).__name__
            raise DigicoopError(f"{path}: not valid {label}: {detail}") from error
    return store


class StoreView:
    """The one rdflib ``Graph`` method the evidence code uses (``value``), from the store."""

    def __init__(self, store: ox.Store, terms: Terms) -> None:
        self.store, self.terms = store, terms

    def value(self, subject: Node, predicate: Node) -> Node | None:
        quads = self.store.quads_for_pattern(
            self.terms.to_ox(subject),  # type: ignore[arg-type]
            self.terms.to_ox(predicate),  # type: ignore[arg-type]
            None,
        )
        for quad in quads:
            return self.terms.to_rdflib(quad.object)
        return None
