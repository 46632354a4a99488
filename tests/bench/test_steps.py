"""The HTTP query mix (bench.steps.mix): every named query as the product binds it, in text alone."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from bench.steps import inline, mix, named

DATASET = Path(__file__).resolve().parents[2] / "graphs" / "digicoop.trig"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    loaded = ox.Store()
    loaded.bulk_load(path=str(DATASET), format=ox.RdfFormat.TRIG)
    return loaded


def _rows(store: ox.Store, text: str, substitutions: dict | None = None) -> object:  # type: ignore[type-arg]
    found = store.query(text, use_default_graph_as_union=True, substitutions=substitutions)
    if isinstance(found, ox.QueryBoolean):
        return bool(found)
    if isinstance(found, ox.QuerySolutions):
        return sorted(tuple(str(term) for term in row) for row in found)
    return sorted(str(triple) for triple in found)


def test_the_mix_holds_every_named_query() -> None:
    assert sorted(mix()) == sorted(named())


def test_each_query_of_the_mix_answers_what_its_substitutions_answer(store: ox.Store) -> None:
    """A peer server gets text only: the text must carry the defaults' meaning by itself."""
    for name, query in sorted(named().items()):
        expected = _rows(store, query.text, query.bind({}) or None)
        assert _rows(store, inline(query)) == expected, name
