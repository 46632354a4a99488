"""Rows of a SELECT on a pyoxigraph store, typed: ``Store.query`` answers a union of three
result kinds, and a test that reads rows means the query to be a SELECT — it says so here
once (a failed assertion names the kind it got) instead of a ``type: ignore`` per line."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox


def select(store: ox.Store, query: str, **options: Any) -> list[ox.QuerySolution]:
    """The rows of ``query`` (a SELECT) on ``store``; ``options`` go to ``Store.query``."""
    found = store.query(query, **options)
    assert isinstance(found, ox.QuerySolutions), f"not a SELECT: {type(found).__name__}"
    return list(found)
