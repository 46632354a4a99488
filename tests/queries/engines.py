"""Run a named query on the built graph with pyoxigraph or rdflib, as comparable rows.

Why two engines: they share no code, so when both return the expected rows the query and
the data are right, not an engine's quirk. Rows are normalised the same way for both:

* parameter columns are dropped (each row repeats the bound value; SEP-0007 projection);
* IRIs are shortened with the table prefixes (``id:``, ``topic:``, ``dco:``...), literals
  become their lexical form, decimals their shortest form (``1.0000`` → ``1``);
* columns in :data:`SET_COLUMNS` hold a ``GROUP_CONCAT``, whose order SPARQL leaves open:
  their items are sorted.

Rows keep the query's order: every named query has an ORDER BY that makes it total.
rdflib never fetches anything: ``SPARQL_LOAD_GRAPHS`` stays off while a query runs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import cast

import pyoxigraph as ox
import rdflib.plugins.sparql
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.query import ResultRow

from digicoop.commands.query import answer, cell_text
from digicoop.querylib import NamedQuery
from digicoop.store import GraphStore

Row = tuple[str, ...]
SET_COLUMNS = {"which": " ", "cited_by": " ", "roles": ", "}
DECIMALS = {
    "http://www.w3.org/2001/XMLSchema#decimal",
    "http://www.w3.org/2001/XMLSchema#double",
    "http://www.w3.org/2001/XMLSchema#float",
}


def _normal(variable: str, cell: Mapping[str, str] | None) -> str:
    if cell is not None and cell.get("datatype") in DECIMALS:
        text = format(Decimal(cell["value"]).normalize(), "f")
    else:
        text = cell_text(dict(cell) if cell is not None else None)
    separator = SET_COLUMNS.get(variable)
    if separator and text:
        text = separator.join(sorted(text.split(separator)))
    return text


def columns(query: NamedQuery, variables: tuple[str, ...]) -> tuple[str, ...]:
    params = {p.name for p in query.params}
    return tuple(v for v in variables if v not in params)


def oxigraph_rows(
    store: GraphStore, query: NamedQuery, values: Mapping[str, str]
) -> tuple[tuple[str, ...], list[Row]]:
    result = answer(store, query, values)
    keep = columns(query, result.variables)
    return keep, [tuple(_normal(v, row.get(v)) for v in keep) for row in result.rows]


def load_rdflib(path: Path) -> Dataset:
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="trig")
    return dataset


@contextmanager
def no_loading() -> Iterator[None]:
    """rdflib must never dereference a FROM IRI: switch its loader off, then restore it."""
    saved = rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    try:
        yield
    finally:
        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = saved


def _rdflib_term(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _cell(term: object) -> dict[str, str] | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    cell = {"type": "literal", "value": str(term)}
    if term.datatype is not None:
        cell["datatype"] = str(term.datatype)
    return cell


def rdflib_rows(
    dataset: Dataset, query: NamedQuery, values: Mapping[str, str]
) -> tuple[tuple[str, ...], list[Row]]:
    bindings = {v.value: _rdflib_term(t) for v, t in query.bind(values).items()}
    with no_loading():
        result = dataset.query(query.text, initBindings=bindings)
        variables = tuple(str(v) for v in result.vars or ())
        keep = columns(query, variables)
        solutions = cast(Iterable[ResultRow], result)
        rows = [tuple(_normal(v, _cell(row.asdict().get(v))) for v in keep) for row in solutions]
    return keep, rows


def read_expected(path: Path) -> tuple[tuple[str, ...], list[Row]]:
    """An expected-results CSV: a header of column names, then one line per row."""
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
    header, *rows = [row for row in reader if row]
    width = len(header)
    padded = [tuple(row) + ("",) * (width - len(row)) for row in rows]
    normal = [
        tuple(
            SET_COLUMNS[c].join(sorted(cell.split(SET_COLUMNS[c])))
            if c in SET_COLUMNS and cell
            else cell
            for c, cell in zip(header, row, strict=True)
        )
        for row in padded
    ]
    return tuple(header), normal


def to_csv(header: tuple[str, ...], rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
