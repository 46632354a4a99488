"""What tests read from stores. Rows of a SELECT on a pyoxigraph store, typed: ``Store.query`` answers a union of three
result kinds, and a test that reads rows means the query to be a SELECT — it says so here
once (a failed assertion names the kind it got) instead of a ``type: ignore`` per line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from digicoop import disk_store


def select(store: ox.Store, query: str, **options: Any) -> list[ox.QuerySolution]:
    """The rows of ``query`` (a SELECT) on ``store``; ``options`` go to ``Store.query``."""
    found = store.query(query, **options)
    assert isinstance(found, ox.QuerySolutions), f"not a SELECT: {type(found).__name__}"
    return list(found)


def named_only(store: ox.Store) -> set[ox.Quad]:
    """A store's quads less those with a blank node (loaded again, a blank node is a new node,
    so two loads of the same data agree only on the rest)."""
    return {
        quad
        for quad in store
        if not isinstance(quad.subject, ox.BlankNode) and not isinstance(quad.object, ox.BlankNode)
    }


def stored_quads(target: Path) -> tuple[set[tuple[str, str, str, str]], int]:
    """An on-disk store's quads as strings, less those with a blank node (loaded again, a blank
    node is a new node), and how many quads it holds — checked against its record."""
    store, record = disk_store.open_read_only(target)
    plain = {
        (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
        for q in named_only(store)
    }
    assert record.quads == len(store), "the record counts what the store holds"
    return plain, len(store)
