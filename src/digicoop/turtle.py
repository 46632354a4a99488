"""A canonical Turtle writer for the build's graphs: sorted, byte-stable, and fast.

Why not rdflib's serialiser: it computes a prefixed name for every term of every triple
through ``Graph.compute_qname`` and sorts by way of rdflib's store; at 50 agreements it took
three quarters of the build. The build's graphs need little of Turtle: IRIs, literals and no
blank nodes (every node the build mints has an IRI), so this writer emits

* ``@prefix`` lines for the prefixes used, sorted by prefix;
* one block per subject, subjects in IRI order; ``rdf:type`` first (as ``a``), then the other
  predicates in IRI order; objects in the order of their written form, one per line (so
  that a diff of two builds shows what changed);
* a prefixed name only where the local part is plainly safe (letters, digits, ``_`` and
  ``-``, not starting with ``-``), the full IRI otherwise (``id:agreement/x`` would need
  escapes);
* literals in double quotes with ``\\``, ``"``, newline, carriage return and tab escaped (so
  no literal ever spans lines and a graph can be indented into TriG unchanged), integers
  and booleans bare, other datatypes with ``^^``.

The same triples give the same bytes, whatever the order they were added in. Terms may be
pyoxigraph's (what the build assembles, digicoop.rdfterms) or rdflib's: the same term gives
the same text either way.

>>> from rdflib import Literal, URIRef
>>> s = URIRef("https://example.org/thing/1")
>>> print(turtle([(s, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("x"))],
...              {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"}), end="")
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<BLANKLINE>
<https://example.org/thing/1> rdfs:label "x" .
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import groupby
from operator import itemgetter
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

#: A triple of rdflib or pyoxigraph terms.
Triple = tuple[Any, Any, Any]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_BARE = {_XSD + "integer", _XSD + "boolean"}
_OBJECTS = ",\n        "
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


class Names:
    """Writes terms, remembering each one's text and which prefixes were used (also used
    by writers of fixed-shape graphs: digicoop.reuse_step)."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.by_namespace = {str(ns): prefix for prefix, ns in prefixes.items()}
        self.used: dict[str, str] = {}
        self.cache: dict[Any, str] = {}

    def iri(self, value: str) -> str:
        cut = max(value.rfind("#"), value.rfind("/")) + 1
        prefix = self.by_namespace.get(value[:cut])
        local = value[cut:]
        if prefix is not None and (local == "" or _LOCAL.fullmatch(local)):
            self.used[prefix] = value[:cut]
            return f"{prefix}:{local}"
        return f"<{value}>"

    def string(self, value: str) -> str:
        """A plain string literal (``xsd:string``) as written."""
        return f'"{value.translate(_ESCAPES)}"'

    def _write(self, node: Any) -> str:
        if isinstance(node, ox.NamedNode):
            return self.iri(node.value)
        if isinstance(node, ox.Literal):
            lexical = node.value
            if node.language:
                return f'"{lexical.translate(_ESCAPES)}"@{node.language}'
            return self._typed(lexical, node.datatype.value)
        if isinstance(node, URIRef):
            return self.iri(str(node))
        if isinstance(node, Literal):
            lexical = str(node)
            if node.language:
                return f'"{lexical.translate(_ESCAPES)}"@{node.language}'
            return self._typed(lexical, str(node.datatype) if node.datatype is not None else None)
        if isinstance(node, BNode):
            return f"_:{node}"
        raise TypeError(f"cannot write {node!r} in Turtle")

    def _typed(self, lexical: str, datatype: str | None) -> str:
        if datatype in _BARE and _bare_ok(lexical, datatype):
            return lexical
        quoted = f'"{lexical.translate(_ESCAPES)}"'
        if datatype is None or datatype == _XSD + "string":
            return quoted
        return f"{quoted}^^{self.iri(datatype)}"


def _bare_ok(lexical: str, datatype: str) -> bool:
    if datatype == _XSD + "boolean":
        return lexical in ("true", "false")
    return re.fullmatch(r"[+-]?[0-9]+", lexical) is not None


def _sort_key(node: Any) -> str:
    """Subjects in IRI order, blank nodes after them (a key that sorts as a plain string)."""
    if isinstance(node, (ox.NamedNode, ox.BlankNode)):
        return ("1" if isinstance(node, ox.BlankNode) else "0") + node.value
    return ("1" if isinstance(node, BNode) else "0") + str(node)


def turtle(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> str:
    """The triples as canonical Turtle (see the module doc); duplicates are written once.

    Why one sort of (subject, predicate, written object) rows of strings: it orders
    subjects, predicates and objects at once and drops duplicates, with each distinct term
    keyed and written once (the work per triple is three dictionary look-ups)."""
    names = Names(prefixes)
    written, write = names.cache, names._write
    subject_keys: dict[Any, str] = {}
    predicate_keys: dict[Any, str] = {}  # "0" + rdf:type, "1" + any other IRI: type first
    rows: set[tuple[str, str, str]] = set()
    add = rows.add
    for s, p, o in triples:
        subject = subject_keys.get(s)
        if subject is None:
            subject = subject_keys[s] = _sort_key(s)
        predicate = predicate_keys.get(p)
        if predicate is None:
            iri = _sort_key(p)[1:]
            predicate = predicate_keys[p] = ("0" if iri == _RDF_TYPE else "1") + iri
        obj = written.get(o)
        if obj is None:
            obj = written[o] = write(o)
        add((subject, predicate, obj))
    verbs = {key: "a" if key[0] == "0" else names.iri(key[1:]) for key in predicate_keys.values()}
    blocks = []
    for subject, by_subject in groupby(sorted(rows), key=itemgetter(0)):
        lines = [
            f"{verbs[predicate]} " + _OBJECTS.join(row[2] for row in by_predicate)
            for predicate, by_predicate in groupby(by_subject, key=itemgetter(1))
        ]
        name = f"_:{subject[1:]}" if subject[0] == "1" else names.iri(subject[1:])
        blocks.append(f"{name} " + " ;\n    ".join(lines) + " .\n")
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(names.used.items()))
    return header + ("\n" if header else "") + "\n".join(blocks)


__all__ = ["Names", "Triple", "turtle"]
