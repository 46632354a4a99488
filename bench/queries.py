"""``python -m bench.queries DATA [--copies K] [--small DIR] [--before DIR] [--only NAMES]``:
every named query, timed, and how its cost grows with the corpus.

DATA is a built project root, a TriG or an N-Quads file; ``--copies K`` first replicates it K
times (:mod:`bench.scale`: ``500*`` is a built N = 20 copied 25 times). Each query of
``queries/`` runs in memory on pyoxigraph as the product runs it (``NamedQuery.bound_text``
with the substitutions), best of three; the table gives milliseconds and rows, and how many
are under the 100 ms target. The milliseconds are the CPU time of the thread that evaluates
the query (pyoxigraph evaluates in the caller's thread while the rows are read): on a
machine that others share, wall-clock time counts the time spent waiting for a core (a
2.3x difference at a load average of 8), CPU time what the query costs; the table also
gives the wall-clock time at the large size.

``--small DIR`` (a built project of few agreements, say the first 5 of the same synthetic
corpus) times every query on it too, in the same run, and gives each query's **growth**: how
many times more it costs at the large size than at the small one, over how many times more
work its answer is (:func:`growth`; 1.0 is flat, the target is at most 1.5). The work grows
as the larger of

* the answer: its rows (a list of every reused provision may cost in proportion to what it
  returns), and
* the agreements the question ranges over: every agreement of the store for a question
  about the corpus (a count per topic returns a row per topic at any size, but must read
  every agreement), those a parameter names for a question about one or two agreements;
* the facts it counts: for an answer with ``COUNT`` or ``SUM`` columns, their largest sum
  (how much text one agreement takes from another counts every reuse link, and an
  agreement has more texts to take from in a larger corpus: 3 links per agreement at 5,
  40 at 500*).

So a question about one agreement must cost the same at 500 as at 5, a list of every
agreement may cost 100 times as much, and no question may cost more per row it returns,
per agreement it reads or per fact it counts. A parameter whose default names an agreement
that the data lacks (the defaults name the five Japan texts; the synthetic corpus has
others) is bound to an agreement the data holds (the one with the most to say:
:func:`richest`), the same one at both sizes (its first copy at the large size, when the
large store holds copies of the small one), so that the question is asked of something
that exists.

``--before DIR`` times the same-named queries of DIR too (the files of an earlier commit:
``git show REV:queries/NAME.rq``), bound as the product bound parameters before the fourth
round of issue 15 (:func:`values_block_only`), on the large store in the same run, with the
ratio and whether both give the same rows (as sets: ties in an ORDER BY may come out in
another order).

``--library DIR`` times the queries of DIR instead of ``queries/`` (the pages' queries are in
``src/digicoop/pages/queries``); ``--bind NAME=IRI`` (repeatable) gives a parameter that has
no default one (:func:`with_defaults`: the pages' ``agreement``, ``resource``). ``--save-rows
FILE`` writes every answer at the large size (as a sorted set of rows, JSON) and
``--same-rows FILE`` compares each answer with such a file: how two trees whose data models
differ are checked to answer the same (``--before`` runs old query files on today's data).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from bench.scale import copy_iri, replicate
from bench.steps import QUERIES
from digicoop.querylib import NamedQuery, load_library, parse_query_file
from digicoop.sparqltext import where_group

AGREEMENT = "https://w3id.org/digicoop/id/agreement/"
_AGREEMENTS = (
    "SELECT ?a WHERE { ?a a <https://w3id.org/digicoop/ontology#Agreement> "
    f'FILTER(STRSTARTS(STR(?a), "{AGREEMENT}")) }}'
)


def _load(data: Path, copies: int) -> ox.Store:
    data = data / "graphs" / "digicoop.trig" if data.is_dir() else data
    store = ox.Store()
    if copies > 1:
        copied = Path(tempfile.mkdtemp(prefix="bench-queries-")) / "copies.nq"
        replicate(data, copies, copied)
        store.load(path=str(copied), format=ox.RdfFormat.N_QUADS)
        copied.unlink()
    else:
        fmt = ox.RdfFormat.N_QUADS if data.suffix == ".nq" else ox.RdfFormat.TRIG
        store.load(path=str(data), format=fmt)  # as digicoop.store fills memory
    return store


def agreements(store: ox.Store) -> list[str]:
    """The agreement IRIs of ``store``, sorted."""
    found = store.query(_AGREEMENTS, use_default_graph_as_union=True)
    return sorted({row["a"].value for row in found})  # type: ignore[union-attr]


def present(query: NamedQuery, chosen: list[str], held: list[str]) -> dict[str, str]:
    """Values for the parameters whose default names an agreement: the default if the
    store asked holds it or its first copy, else the i-th agreement ``chosen`` for the i-th
    such parameter; the first copy (:func:`bench.scale.copy_iri`) where the store asked
    holds copies."""
    values: dict[str, str] = {}
    names = iter(chosen)
    holds = set(held)
    for param in query.params:
        default = param.default or ""
        if param.type == "iri" and default.startswith(AGREEMENT):
            held_here = default in holds or copy_iri(default, 0) in holds
            iri = default if held_here else next(names)
            values[param.name] = iri if iri in holds else copy_iri(iri, 0)
    return values


def with_defaults(query: NamedQuery, given: Mapping[str, str]) -> NamedQuery:
    """``query`` with the values ``given`` (by parameter name) as the defaults of parameters
    that have none: a page's query asks about a resource the page is for, so it declares
    none, and a benchmark must name one. An agreement named so is then chosen as a default
    is (:func:`present`)."""
    params = tuple(
        dataclasses.replace(p, default=given[p.name])
        if p.default is None and p.name in given
        else p
        for p in query.params
    )
    return dataclasses.replace(query, params=params)


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name or not value:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def row_sets(rows: list[ox.QuerySolution]) -> list[str]:
    """An answer as a sorted list of its rows' texts: what two runs compare (ties in an
    ORDER BY may come out in another order)."""
    return sorted(repr([str(term) for term in row]) for row in rows)


def richest(store: ox.Store, query: NamedQuery, held: list[str]) -> list[str]:
    """``held`` rotated to start at the agreement whose answer to ``query`` (its agreement
    parameters bound by :func:`present`) has the most rows: a question about one agreement
    is asked of one with something to say (an agreement with no reused text answers
    "text reuse in it" with no row at any size)."""
    if not held or not ranged(query, 0):
        return held
    rotations = [held[i:] + held[:i] for i in range(len(held))]
    return max(
        rotations, key=lambda names: len(best(store, query, present(query, names, held), 1).rows)
    )


def ranged(query: NamedQuery, agreements: int) -> int:
    """The agreements a question ranges over (module doc): those its parameters name,
    else every agreement of the store."""
    named_agreements = sum(
        1 for p in query.params if p.type == "iri" and (p.default or "").startswith(AGREEMENT)
    )
    return named_agreements or agreements


class Answer(NamedTuple):
    """One query's answer at one size: what :func:`growth` compares."""

    seconds: float
    rows: int
    agreements: int  # the agreements the question ranges over (:func:`ranged`)
    counted: int = 0  # the facts its counts sum to (:func:`counted`)


def growth(small: Answer, large: Answer) -> float:
    """How many times more a query costs at the large size than at the small one, over how
    many times more work its answer is (module doc); 1.0 is flat."""
    more = max(
        max(large.rows, 1) / max(small.rows, 1),
        large.agreements / small.agreements,
        max(large.counted, 1) / max(small.counted, 1),
    )
    return (large.seconds / small.seconds) / more


_COUNT = re.compile(r"\(\s*(?:COUNT|SUM)\s*\(.*?\)\s+AS\s+\?(\w+)\s*\)", re.IGNORECASE)


def counted(query: NamedQuery, solutions: list[ox.QuerySolution]) -> int:
    """The facts an aggregate answer counts: the largest sum, over its rows, of a column
    that a ``COUNT`` or ``SUM`` of the top-level projection names (0 for none)."""
    projection = query.text[: where_group(query.text) or 0]
    sums = [
        sum(int(row[name].value) for row in solutions if row[name] is not None)  # type: ignore[union-attr]
        for name in _COUNT.findall(projection)
    ]
    return max(sums, default=0)


def values_block_only(query: NamedQuery, values: Mapping[str, str]) -> str:
    """The query text as ``NamedQuery.bound_text`` wrote it before the fourth round of
    issue 15: a ``VALUES`` block opening the WHERE group and nothing else (no term in
    expressions, no block in sub-queries)."""
    bound = query.bind(values)
    at = where_group(query.text)
    if not bound or at is None:
        return query.text
    names = " ".join(str(variable) for variable in bound)
    terms = " ".join(str(term) for term in bound.values())
    return f"{query.text[:at]}\n  VALUES ({names}) {{ ({terms}) }}\n{query.text[at:]}"


class Timed(NamedTuple):
    """The best of some runs of a query: CPU and wall-clock seconds, and its rows."""

    cpu: float
    wall: float
    rows: list[ox.QuerySolution]


def best(
    store: ox.Store,
    query: NamedQuery,
    values: Mapping[str, str],
    repeats: int = 3,
    bound: Callable[[NamedQuery, Mapping[str, str]], str] = NamedQuery.bound_text,
) -> Timed:
    """The best of ``repeats`` runs (rows read into Python) and the rows. ``bound`` writes
    the query's text with its values (by default as the product does)."""
    cpu = wall = float("inf")
    rows: list[ox.QuerySolution] = []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.thread_time()
        answer = store.query(
            bound(query, values),
            use_default_graph_as_union=True,
            substitutions=query.bind(values),  # type: ignore[arg-type]
        )
        rows = list(answer)  # type: ignore[arg-type]
        cpu = min(cpu, time.thread_time() - started_cpu)
        wall = min(wall, time.perf_counter() - started)
    return Timed(cpu, wall, rows)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}" if seconds < 0.01 else f"{seconds * 1000:.0f}"


def _load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.queries", description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--small", type=Path, default=None)
    parser.add_argument("--before", type=Path, default=None)
    parser.add_argument("--only", default="", help="comma-separated query names")
    parser.add_argument("--library", type=Path, default=QUERIES, help="a folder of *.rq")
    parser.add_argument("--bind", type=_pair, action="append", default=[], help="NAME=IRI")
    parser.add_argument("--save-rows", type=Path, default=None)
    parser.add_argument("--same-rows", type=Path, default=None)
    args = parser.parse_args(argv)
    given = dict(args.bind)
    earlier_rows = json.loads(args.same_rows.read_text()) if args.same_rows else {}
    saved: dict[str, list[str]] = {}
    small = _load(args.small, 1) if args.small else None
    large = _load(args.data, args.copies)
    held_small = agreements(small) if small is not None else []
    held_large = agreements(large)
    n_large = len(held_large)
    print(f"large: {len(large)} quads, {n_large} agreements", end="")
    if small is not None:
        print(f"; small: {len(small)} quads, {len(held_small)} agreements", end="")
    print(f"; load average {_load_average()}")
    head = "| query |"
    if small is not None:
        head += f" CPU ms at {len(held_small)} | rows |"
    head += f" CPU ms at {n_large} | rows | wall ms at {n_large} |"
    if small is not None:
        head += " growth |"
    if args.before:
        head += " before: CPU ms | before / now | same rows |"
    if args.same_rows:
        head += f" same rows as {args.same_rows.name} |"
    print(head)
    print("|" + " --- |" * (head.count("|") - 1))
    only = {name for name in args.only.split(",") if name}
    library = load_library(args.library).items()
    queries = {k: with_defaults(q, given) for k, q in library if not only or k in only}
    fast = flat = 0
    for name, query in queries.items():
        line = f"| {name} |"
        chosen = richest(small if small is not None else large, query, held_small or held_large)
        if small is not None:
            values = present(query, chosen, held_small)
            at_small = best(small, query, values, repeats=5)
            before = Answer(
                at_small.cpu,
                len(at_small.rows),
                ranged(query, len(held_small)),
                counted(query, at_small.rows),
            )
            line += f" {_ms(at_small.cpu)} | {len(at_small.rows)} |"
        values = present(query, chosen, held_large)
        at_large = best(large, query, values)
        rows = len(at_large.rows)
        fast += at_large.cpu < 0.1
        line += f" {_ms(at_large.cpu)} | {rows} | {_ms(at_large.wall)} |"
        if small is not None:
            after = Answer(
                at_large.cpu, rows, ranged(query, n_large), counted(query, at_large.rows)
            )
            grew = growth(before, after)
            flat += grew <= 1.5
            line += f" {grew:.2f} |"
        earlier = args.before / f"{name}.rq" if args.before else None
        if earlier is not None and earlier.is_file():
            then = best(large, parse_query_file(earlier), values, bound=values_block_only)
            same = row_sets(then.rows) == row_sets(at_large.rows)
            line += f" {_ms(then.cpu)} | {then.cpu / at_large.cpu:.1f}x | {same} |"
        elif earlier is not None:
            line += " | | |"
        if args.save_rows or args.same_rows:
            saved[name] = row_sets(at_large.rows)
        if args.same_rows:
            line += f" {earlier_rows[name] == saved[name] if name in earlier_rows else ''} |"
        print(line, flush=True)
    if args.save_rows:
        args.save_rows.write_text(json.dumps(saved, indent=0, sort_keys=True))
    print(f"{fast} of {len(queries)} named queries under 100 ms (CPU) at {n_large}")
    if small is not None:
        print(f"{flat} of {len(queries)} with a growth of at most 1.5")
    print(f"load average at the end: {_load_average()}")


if __name__ == "__main__":
    main()
