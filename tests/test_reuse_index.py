"""reuse_index.py: Filing gives every text, all at once, the candidates the Index gives it
when texts are added one by one; its signatures move exactly for the texts whose candidates
changed."""

from __future__ import annotations

import numpy as np
import pytest
from bench.synth import generate

from digicoop.paths import Paths
from digicoop.reuse import normalise
from digicoop.reuse_index import Filing, Index, band_keys, text_ids
from digicoop.segment import segment
from digicoop.sources import load_corpus


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The distinct provision texts of a synthetic corpus, in reading order: clauses
    repeated with small edits, so that many texts share band keys."""
    root = tmp_path_factory.mktemp("synthetic")
    generate(12, seed=3, out=root)
    paths = Paths(root)
    found: dict[str, None] = {}
    for source in load_corpus(paths.corpus, paths.root):
        for provision in segment(source).walk():
            found.setdefault(normalise(provision.text))
    return [text for text in found if len(text) >= 40]


@pytest.mark.parametrize("capacity", [8, 2])
def test_filing_gives_each_text_what_the_index_gives_it_one_by_one(
    texts: list[str], capacity: int
) -> None:
    keys = band_keys(texts)
    index, filing = Index(capacity), Filing(keys, capacity)
    shared = 0
    for item in range(len(texts)):
        expected = index.candidates(keys[item])
        assert filing.candidates(item) == expected
        shared += bool(expected)
        index.add(item, keys[item])
    assert shared > len(texts) // 2, "most texts find an earlier variant"


def test_a_signature_moves_for_the_texts_that_find_a_text_whose_id_changed(
    texts: list[str],
) -> None:
    keys = band_keys(texts)
    filing = Filing(keys)
    ids = text_ids(texts, "salt")
    before = filing.signatures(ids)
    assert filing.signatures(ids.copy()) == before, "the same ids, the same signatures"
    changed = 3
    ids[changed] ^= np.uint64(1)
    after = filing.signatures(ids)
    moved = {item for item in range(len(texts)) if after[item] != before[item]}
    finders = {item for item in range(len(texts)) if changed in filing.candidates(item)}
    assert moved == finders and finders, "only (and all) the texts that find it"


def test_no_text_files_nothing() -> None:
    filing = Filing(band_keys([]))
    assert filing.signatures(text_ids([], "salt")) == []


def test_ids_depend_on_the_text_and_the_salt() -> None:
    one, two = text_ids(["a text", "a text", "another"], "x"), text_ids(["a text"], "y")
    assert one[0] == one[1] != one[2] and one[0] != two[0]
