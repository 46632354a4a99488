"""Text reuse (digicoop.reuse) on the corpus: the pairs below were checked by reading.

Denmark's and Luxembourg's memoranda (both from Japan's Ministry of Internal Affairs and
Communications) share their preamble's first recital, Paragraph 1 and most of Paragraphs 2-4
word for word; nothing else in the corpus is near-verbatim across agreements.
"""

from __future__ import annotations

import doctest
import pickle
from pathlib import Path

import pytest
from bench.synth import generate

from digicoop import reuse, reuse_index
from digicoop.model import HEADING_KINDS, Document, SourceText
from digicoop.paths import Paths, find_root
from digicoop.reuse import (
    Memo,
    ProvisionRef,
    ReuseLink,
    ReusePair,
    find_reuse_exhaustive,
    find_reuse_links,
    normalise,
    similarity,
)
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
    return find_reuse_exhaustive(documents)


#: The signing dates the texts state (Denmark: "on the 1st of May 2024"; Luxembourg: "on the
#: 4th of May 2026"), as the build passes them.
DATES = {DK: "2024-05-01", LU: "2026-05-04"}


@pytest.fixture(scope="module")
def links(documents: list[Document]) -> list[ReuseLink]:
    return find_reuse_links(documents, DATES)


def test_the_pairs_found_are_the_pairs_read(pairs: list[ReusePair]) -> None:
    found = [(p.left.agreement_id, p.left.eid, p.right.agreement_id, p.right.eid) for p in pairs]
    assert found == [(DK, eid, LU, eid) for eid in DK_LU]


def test_the_later_text_links_each_reused_provision_to_the_earlier(
    links: list[ReuseLink], pairs: list[ReusePair]
) -> None:
    """Luxembourg (2026) repeats Denmark's (2024) wording: one link per provision, back."""
    found = [(x.provision.agreement_id, x.provision.eid, x.source.agreement_id, x.source.eid)
             for x in links]  # fmt: skip
    assert found == [(LU, eid, DK, eid) for eid in DK_LU]
    assert [x.similarity for x in links] == [p.similarity for p in pairs]


def test_without_dates_the_order_falls_back_to_the_agreement_id(
    documents: list[Document],
) -> None:
    backwards = find_reuse_links(documents, {DK: "2027-01-01", LU: "2026-05-04"})
    assert {x.provision.agreement_id for x in backwards} == {DK}
    undated_last = find_reuse_links(documents, {LU: "2026-05-04"})
    assert {x.provision.agreement_id for x in undated_last} == {DK}
    assert {x.provision.agreement_id for x in find_reuse_links(documents)} == {LU}


def test_identical_provisions_score_one(pairs: list[ReusePair]) -> None:
    scores = {p.left.eid: p.similarity for p in pairs}
    for eid in ("sec_3__item_a", "sec_3__item_b", "sec_4__item_b", "sec_4__item_e"):
        assert scores[eid] == 1.0
    assert 0.85 <= scores["sec_2__point_1__item_a"] < 0.95  # a reworded phrase, still reuse


def test_pairs_are_sorted_deterministic_and_across_agreements(
    documents: list[Document], pairs: list[ReusePair]
) -> None:
    assert pairs == sorted(pairs) == find_reuse_exhaustive(documents)
    assert all(p.left < p.right and p.left.agreement_id != p.right.agreement_id for p in pairs)
    assert all(0 <= p.similarity <= 1 for p in pairs)


def test_headings_do_not_count(documents: list[Document]) -> None:
    """ "Cybersecurity" (a point of Paragraph 2 whose words are a heading) and "Areas of
    Cooperation" (Paragraph 2's own heading) are the same everywhere: the first is below
    MIN_LENGTH, the second a heading kind (HEADING_KINDS), whatever its length."""
    refs = {(p.left.eid, p.right.eid) for p in find_reuse_exhaustive(documents)}
    assert ("sec_2__point_2", "sec_2__point_2") not in refs  # "Cybersecurity"
    assert ("sec_2", "sec_2") not in refs  # "Areas of Cooperation"
    # With no minimum length, the identical short points are reported; headings are not.
    short = {(p.left.eid, p.right.eid) for p in find_reuse_exhaustive(documents, min_length=0)}
    assert ("sec_2__point_2", "sec_2__point_2") in short
    assert ("sec_2", "sec_2") not in short


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


def _agree(links: list[ReuseLink], pairs: list[ReusePair], dates: dict[str, str]) -> None:
    """What the links promise against every pair scoring every pair finds: each link is such
    a pair and points back in corpus order; each provision has at most one link; and every
    provision with an earlier near-verbatim twin in another agreement has one."""
    similar = {(p.left, p.right): p.similarity for p in pairs}
    similar |= {(p.right, p.left): p.similarity for p in pairs}
    assert links == sorted(links)
    linked = [x.provision for x in links]
    assert len(linked) == len(set(linked)), "one link per provision at most"
    for x in links:
        assert similar[x.provision, x.source] == x.similarity
        assert x.provision.agreement_id != x.source.agreement_id

    def when(ref: ProvisionRef) -> tuple[str, str]:
        return (dates.get(ref.agreement_id) or "~", ref.agreement_id)

    for x in links:
        assert when(x.source) <= when(x.provision), "links point back in time"
    later = {max(p.left, p.right, key=when) for p in pairs if when(p.left) != when(p.right)}
    assert later <= set(linked), "a provision with an earlier twin has a link"


def test_the_links_agree_with_scoring_every_pair_on_the_real_texts(
    documents: list[Document],
) -> None:
    """The five and the 27 dev-corpus texts, in an order by made-up dates (the build takes
    them from the texts): every pair found is covered by the links."""
    everything = documents + _dev_corpus(Paths(find_root()).root)
    ids = sorted({d.source.agreement_id for d in everything})
    dates = {agreement_id: f"20{10 + i % 15:02d}-01-01" for i, agreement_id in enumerate(ids)}
    pairs = find_reuse_exhaustive(everything)
    # The dev texts share no wording with each other or the five: their one near-verbatim
    # pair was two titles in one frame (test_a_title_or_a_heading_makes_no_link).
    assert len(pairs) == len(DK_LU)
    _agree(find_reuse_links(everything, dates), pairs, dates)


def test_a_corpus_of_many_variants_gives_links_that_grow_with_it(tmp_path: Path) -> None:
    """The synthetic corpus repeats pooled clauses with small edits in most agreements:
    thousands of pairs, identical and near-identical, but one link per provision at most."""
    generate(12, seed=3, out=tmp_path)
    paths = Paths(tmp_path)
    synthetic = [segment(source) for source in load_corpus(paths.corpus, paths.root)]
    exhaustive = find_reuse_exhaustive(synthetic)
    assert len({p.similarity for p in exhaustive}) > 10, "near-identical pairs, not only copies"
    links = find_reuse_links(synthetic)
    _agree(links, exhaustive, {})
    provisions = sum(1 for d in synthetic for _ in d.walk())
    assert len(links) < min(provisions, len(exhaustive))


def test_provision_ref_orders_by_agreement_then_eid() -> None:
    assert ProvisionRef("a", "z") < ProvisionRef("b", "a")


def test_doctests() -> None:
    assert doctest.testmod(reuse).failed == 0
    assert doctest.testmod(reuse_index).failed == 0


def test_what_an_earlier_run_worked_out_per_text_gives_the_same_links(tmp_path: Path) -> None:
    """The build keeps a Memo between runs (pickled in its cache): a run over a grown corpus
    that starts from the memo of a smaller one finds the links a run from nothing finds, and
    the memo it leaves holds only the texts that run looked up."""
    generate(10, seed=5, out=tmp_path)
    paths = Paths(tmp_path)
    documents = [segment(source) for source in load_corpus(paths.corpus, paths.root)]
    memo = Memo()
    find_reuse_links(documents[:6], memo=memo)
    kept = pickle.loads(pickle.dumps(memo.used()))
    assert find_reuse_links(documents, memo=kept) == find_reuse_links(documents)
    assert kept.stale(), "the grown corpus worked out texts the memo did not hold"
    again = pickle.loads(pickle.dumps(kept.used()))
    assert find_reuse_links(documents, memo=again) and not again.stale(), "nothing new"
    smaller = pickle.loads(pickle.dumps(kept.used()))
    find_reuse_links(documents[:3], memo=smaller)
    assert smaller.stale(), "texts of seven agreements not looked up"
    assert set(smaller.used().normalised) == {
        p.text for d in documents[:3] for p in d.walk() if p.kind not in HEADING_KINDS
    }


def test_adding_or_removing_an_agreement_anywhere_in_time_scores_few_texts_again(
    tmp_path: Path,
) -> None:
    """The build keeps each text's scored earlier wordings and its pairs' scores
    (Memo.earlier): an agreement added in the middle of the corpus's time, or removed from
    it, gives the links a run from nothing gives, and only pairs never scored are scored:
    on adding, only pairs with a text of the added agreement; on removing, few (texts its
    texts had kept from the index's first few under a key come back)."""
    generate(24, seed=7, out=tmp_path)
    paths = Paths(tmp_path)
    documents = [segment(source) for source in load_corpus(paths.corpus, paths.root)]
    ids = [d.source.agreement_id for d in documents]
    dates = {agreement_id: f"20{10 + i % 12:02d}-06-01" for i, agreement_id in enumerate(ids)}
    middle = documents[len(documents) // 2]
    without = [d for d in documents if d is not middle]
    memo = Memo()
    find_reuse_links(without, dates, memo=memo)
    from_nothing = memo.pairs_scored
    added = {normalise(provision.text) for provision in middle.walk()}
    for corpus in (documents, without, documents[3:]):
        kept = pickle.loads(pickle.dumps(memo.used()))
        before = {text: entry[2].keys() for text, entry in kept.earlier.items()}
        assert find_reuse_links(corpus, dates, memo=kept) == find_reuse_links(corpus, dates)
        assert 0 < kept.pairs_scored < from_nothing / 5
        if corpus is documents:
            new = {
                (text, other)
                for text, entry in kept.earlier.items()
                for other in entry[2].keys() - before.get(text, set())
            }
            assert len(new) == kept.pairs_scored
            assert all(text in added or other in added for text, other in new)
        memo = kept


def test_a_title_or_a_heading_makes_no_link(documents: list[Document]) -> None:
    """The dev corpus's US-Kenya and US-India statements are titled in one frame ("United
    States-Kenya Joint Leaders' Statement", "... -India ...": 0.93 alike, over 40
    characters): a title names its text, it is not reused wording. Nor is a heading."""
    everything = documents + _dev_corpus(Paths(find_root()).root)
    kinds = {(d.source.agreement_id, p.eid): p.kind for d in everything for p in d.walk()}
    links = find_reuse_links(everything)
    kenya = "us-kenya-joint-leaders-statement-2024"
    assert kinds[kenya, "title"] == "title"
    assert ProvisionRef(kenya, "title") not in {link.provision for link in links}
    assert links, "the texts' provisions still reuse each other's wording"
    for link in links:
        for ref in (link.provision, link.source):
            assert kinds[ref.agreement_id, ref.eid] not in HEADING_KINDS, ref
