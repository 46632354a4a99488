"""Text reuse (digicoop.reuse) on the corpus: the pairs below were checked by reading.

Denmark's and Luxembourg's memoranda (both from Japan's Ministry of Internal Affairs and
Communications) share their preamble's first recital, Paragraph 1 and most of Paragraphs 2-4
word for word; nothing else in the corpus is near-verbatim across agreements.
"""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from bench.synth import generate

from digicoop import reuse, reuse_index
from digicoop.model import Document, SourceText
from digicoop.paths import Paths, find_root
from digicoop.reuse import ProvisionRef, ReusePair, find_reuse, find_reuse_exhaustive, similarity
from digicoop.segment import segment
from digicoop.sources import load_corpus

DK, LU = "japan-denmark-moc", "japan-luxembourg-moc"

#: Denmark ↔ Luxembourg eIds that are near-verbatim (read side by side in corpus/).
DK_LU = [
    "preamble__recital_1",  # "Based on shared values ..." (150 years / a century)
    "sec_1__text_1",  # "to develop/strengthen cooperation in the field of digital/digital field"
    "sec_2__point_1__item_a",  # "based on the outcomes of" / "in line with"
    "sec_2__point_1__item_b",
    "sec_2__point_2__item_a",  # Denmark adds "in the field of ICT"
    "sec_2__text_1",  # "Both Sides will cooperate in the following areas:"
    "sec_3__item_a",
    "sec_3__item_b",
    "sec_3__item_c",
    "sec_3__item_d",
    "sec_3__text_1",
    "sec_4__item_a",
    "sec_4__item_b",  # Luxembourg's is split by a page break; same words
    "sec_4__item_c",
    "sec_4__item_d",
    "sec_4__item_e",
]


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    paths = Paths(find_root())
    return [segment(source) for source in load_corpus(paths.corpus, paths.root)]


@pytest.fixture(scope="module")
def pairs(documents: list[Document]) -> list[ReusePair]:
    return find_reuse(documents)


def test_the_pairs_found_are_the_pairs_read(pairs: list[ReusePair]) -> None:
    found = [(p.left.agreement_id, p.left.eid, p.right.agreement_id, p.right.eid) for p in pairs]
    assert found == [(DK, eid, LU, eid) for eid in DK_LU]


def test_identical_provisions_score_one(pairs: list[ReusePair]) -> None:
    scores = {p.left.eid: p.similarity for p in pairs}
    for eid in ("sec_3__item_a", "sec_3__item_b", "sec_4__item_b", "sec_4__item_e"):
        assert scores[eid] == 1.0
    assert 0.85 <= scores["sec_2__point_1__item_a"] < 0.95  # a reworded phrase, still reuse


def test_pairs_are_sorted_deterministic_and_across_agreements(
    documents: list[Document], pairs: list[ReusePair]
) -> None:
    assert pairs == sorted(pairs) == find_reuse(documents)
    assert all(p.left < p.right and p.left.agreement_id != p.right.agreement_id for p in pairs)
    assert all(0 <= p.similarity <= 1 for p in pairs)


def test_headings_do_not_count(documents: list[Document]) -> None:
    """ "Cybersecurity" and "Areas of Cooperation" are the same everywhere: below MIN_LENGTH."""
    refs = {(p.left.eid, p.right.eid) for p in find_reuse(documents)}
    assert ("sec_2__point_2", "sec_2__point_2") not in refs  # "Cybersecurity"
    assert ("sec_2", "sec_2") not in refs  # "Areas of Cooperation"
    # With no minimum length, the identical headings would be reported.
    short = find_reuse(documents, min_length=0)
    assert any(p.left.eid == "sec_2" and p.right.eid == "sec_2" for p in short)


def test_near_misses_stay_below_the_threshold(documents: list[Document]) -> None:
    """Checked by reading: similar frames with different content are not reuse."""
    dk, lu, eu, uk = (documents[i] for i in (0, 3, 2, 4))
    assert [d.source.agreement_id for d in (dk, lu, eu, uk)] == [
        DK, LU, "japan-eu-digital-partnership", "japan-uk-digital-partnership",
    ]  # fmt: skip
    # Titles share "Memorandum of Cooperation between ... of Japan and ..." but name others.
    assert similarity(dk.find("title").text, lu.find("title").text) < reuse.THRESHOLD
    # EU para 28 (5G: "share the status of business-driven initiatives ...") has its twin in
    # the EU's own para 50, not in the UK's telecoms points.
    eu28 = eu.find("sec_4__para_28").text
    assert max(similarity(eu28, p.text) for p in uk.walk()) < 0.6
    # UK para 5 repeats Denmark 4 a)'s sentence after a long clause: a known limit.
    uk5 = uk.find("sec_summary__para_5").text
    assert 0.5 < similarity(uk5, dk.find("sec_4__item_a").text) < reuse.THRESHOLD


def _dev_corpus(root: Path) -> list[Document]:
    documents = []
    for path in sorted((root / "tests" / "fixtures" / "dev-corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        shown = path.relative_to(root).as_posix()
        documents.append(segment(SourceText(path.stem, shown, "0" * 64, text)))
    return documents


def test_the_index_finds_the_pairs_that_scoring_every_pair_finds(
    documents: list[Document],
) -> None:
    """The five and the 27 dev-corpus texts: the MinHash index (reuse_index) may only miss a
    pair whose edits are spread every few words; none here is."""
    everything = documents + _dev_corpus(Paths(find_root()).root)
    indexed = find_reuse(everything)
    assert indexed == find_reuse_exhaustive(everything)
    assert len(indexed) >= len(DK_LU)


def test_the_index_finds_every_pair_of_a_corpus_with_many_variants(tmp_path: Path) -> None:
    """The synthetic corpus reuses pooled sentences with small edits in most agreements:
    thousands of pairs, identical and near-identical."""
    generate(12, seed=3, out=tmp_path)
    paths = Paths(tmp_path)
    synthetic = [segment(source) for source in load_corpus(paths.corpus, paths.root)]
    exhaustive = find_reuse_exhaustive(synthetic)
    assert len({p.similarity for p in exhaustive}) > 10, "near-identical pairs, not only copies"
    assert find_reuse(synthetic) == exhaustive


def test_provision_ref_orders_by_agreement_then_eid() -> None:
    assert ProvisionRef("a", "z") < ProvisionRef("b", "a")


def test_doctests() -> None:
    assert doctest.testmod(reuse).failed == 0
    assert doctest.testmod(reuse_index).failed == 0
