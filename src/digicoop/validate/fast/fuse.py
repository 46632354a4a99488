"""Several checks of one shape answered by one query: its focus nodes and values read once.

Why: a property shape such as ``sh:path rdf:subject ; sh:minCount 1 ; sh:maxCount 1 ;
sh:nodeKind sh:IRI`` compiled to three queries, each joining every focus node to its values
again. At 500 agreements a shape of ``dco:Evidence`` has 165,000 focus nodes, and the join,
not the test, is the cost: 2 µs a focus node and check. Fused, the shape's values are read
once (``OPTIONAL``) and every member's test becomes a flag on the row:

- a value test (``sh:class``, ``sh:datatype``, ``sh:node``, …): the member's own candidate
  test on ``?v``, so its rows are the ``(?this, ?v)`` its own query finds;
- ``sh:minCount 1``: no value (``?v`` unbound);
- ``sh:maxCount 1``: another value than ``?v``, found from ``?this`` (an ``EXISTS`` written
  step by step, :meth:`Compiler.exists`).

The two checks of an ``sh:equals`` (values on one side, not on the other, each way) share
one query too (:func:`sides_query`). A test that raises an error leaves its flag false, as the member's own ``FILTER`` drops the
row. Each member's rows are then those flagged for it, each once (its query is ``SELECT
DISTINCT``), so the report is the one the members' own queries write: the differential tests
against pySHACL run through this. At 500 agreements: ``dcosh:Evidence-subject``'s three
checks 1.40 s of CPU, fused 0.65 s.

>>> fused = Fused("SELECT ...", ("?_f0", "?_f1"), (True, False))
>>> fused.split([{"this": "a", "v": "x", "_f0": True}, {"this": "a", "v": "y", "_f0": True,
...     "_f1": True}, {"this": "a", "v": "y", "_f1": True}])
[[{'this': 'a', 'v': 'x'}, {'this': 'a', 'v': 'y'}], [{'this': 'a'}]]
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, eq=False)
class Fused:
    """One query for several checks (identity: the checks that share it); ``flags`` names,
    member by member, the variable bound true on the rows that violate that member."""

    query: str
    flags: tuple[str, ...]
    #: Member by member: whether its results have a value (a value test: rows ``{this, v}``)
    #: or not (a count: rows ``{this}``).
    values: tuple[bool, ...]

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        """The flags' variable names without ``?`` (the keys of a row)."""
        return tuple(flag.lstrip("?") for flag in self.flags)

    def split(self, rows: Iterable[Mapping[str, object]]) -> list[list[dict[str, object]]]:
        """Each member's rows (its flag, :attr:`names`, true in a row), in the members'
        order; each row once, in the order first found."""
        values, names = self.values, self.names
        out: list[list[dict[str, object]]] = [[] for _ in names]
        seen: list[set[tuple[object, ...]]] = [set() for _ in names]
        for row in rows:
            for i, name in enumerate(names):
                if row.get(name) is not True:
                    continue
                kept = {"this": row["this"], "v": row["v"]} if values[i] else {"this": row["this"]}
                key = tuple(kept.values())
                if key not in seen[i]:
                    seen[i].add(key)
                    out[i].append(kept)
        return out


def fused_query(
    focus: str, chain: str | None, tests: list[tuple[str, bool]], binds: tuple[bool, ...]
) -> Fused:
    """The query of checks whose violations are ``tests`` on rows ``?this ?v``: ``focus``
    binds ``?this``, ``chain`` (triple patterns from ``?this`` to ``?v``) its values, read
    in an ``OPTIONAL`` (None: ``?v`` is ``?this``, a node shape's). A test marked true is
    made inside that ``OPTIONAL``, where the engine knows ``?v`` bound (outside, Oxigraph
    planned an ``EXISTS`` on ``?v`` as a scan of every node it could match: a class test
    went from 3 ms to 90 s at 500 agreements). ``binds``: which have a value
    (:attr:`Fused.values`)."""
    flags = tuple(f"?_f{i}" for i in range(len(tests)))
    inside = " ".join(
        f"BIND (COALESCE({test}, false) AS {flag})"
        for (test, within), flag in zip(tests, flags, strict=True)
        if within
    )
    outside = " ".join(
        f"BIND ({test} AS {flag})"
        for (test, within), flag in zip(tests, flags, strict=True)
        if not within
    )
    values = "BIND (?this AS ?v)" if chain is None else f"OPTIONAL {{ {chain} {inside} }}"
    if chain is None:
        outside = f"{inside} {outside}"
    either = " || ".join(f"COALESCE({flag}, false)" for flag in flags)
    query = f"SELECT ?this ?v {' '.join(flags)} WHERE {{ {focus} {values} {outside} FILTER ({either}) }}"
    return Fused(query, flags, binds)


def sides_query(focus: str, path: str, other: str) -> Fused:
    """The two checks of ``sh:equals``, the values of ``path`` that ``other`` lacks and those
    it has that ``path`` lacks, in one query: each focus node's values on either side read
    once and grouped (the members' own queries read both sides twice, one ``MINUS`` each:
    ``dcosh:Evidence-source`` 3.3 s of CPU at 500 agreements, this 1.5 s). Both sides are
    read from the focus nodes, as in the ``MINUS`` (under ``FILTER NOT EXISTS`` Oxigraph read
    a sequence path from its far end: minutes)."""
    query = (
        "SELECT ?this ?v (MIN(?_side) = 1 AS ?_f0) (MIN(?_side) = 2 AS ?_f1) WHERE { "
        f"{focus} {{ ?this {path} ?v BIND (1 AS ?_side) }} UNION "
        f"{{ ?this {other} ?v BIND (2 AS ?_side) }} }} "
        "GROUP BY ?this ?v HAVING (COUNT(DISTINCT ?_side) = 1)"
    )
    return Fused(query, ("?_f0", "?_f1"), (True, True))


__all__ = ["Fused", "fused_query", "sides_query"]
