"""Incremental validation gives the report of validating the whole dataset, case by case.

Each dataset is validated twice on the same data: whole (``validate_graph``) and agreement by
agreement (``incremental=True``); the findings must be equal, in the same order, and the W3C
report graphs isomorphic. The cases: the committed graph of the five (with a cold cache, a
warm one, and one agreement broken so that only it is judged again), and every mutation case
of tests/fixtures/shapes/cases.toml applied to a dataset of two agreements (the conforming
fixture and a copy of it under another id), with ONE cache shared by all cases, so that a
cache key that missed something a case changes would hand back a stale result and fail.
The five + the 27 dev texts are checked in tests/test_dev_corpus_builds.py (its build).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from digicoop.agreement_cache import AgreementCache
from digicoop.validate import ValidationResult, cache_for, read_ahead, validate_graph
from digicoop.validate.fast.scope import owner
from digicoop.validate.incremental import has_state, store_of
from digicoop.vocab import GRAPH

from .conftest import FIXTURES, ROOT, SPARQL_PREFIXES

CASES = tomllib.loads((FIXTURES / "cases.toml").read_text(encoding="utf-8"))["case"]
DATASET = ROOT / "graphs" / "digicoop.trig"
COPY = "fixture-copy"
DCO = "https://w3id.org/digicoop/ontology#"
DCOSH = "https://w3id.org/digicoop/shapes#"


def assert_same(whole: ValidationResult, incremental: ValidationResult) -> None:
    assert incremental.findings == whole.findings
    assert incremental.conforms == whole.conforms
    assert isomorphic(incremental.report_graph, whole.report_graph)


def both(make: object, cache: AgreementCache | None) -> tuple[ValidationResult, ValidationResult]:
    """Whole and incremental validation, each of a fresh store from ``make()``."""
    whole = validate_graph(make(), ROOT)  # type: ignore[operator]
    incremental = validate_graph(make(), ROOT, incremental=True, cache=cache)  # type: ignore[operator]
    return whole, incremental


def committed() -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(DATASET), format=ox.RdfFormat.TRIG)
    return store


DENMARK = "https://w3id.org/digicoop/id/agreement/japan-denmark-moc"
BREAK = f"""
PREFIX dco: <https://w3id.org/digicoop/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
DELETE {{ GRAPH ?g {{ <{DENMARK}/sec_2> dco:eId ?e }} }}
INSERT {{ GRAPH ?g {{ <{DENMARK}/sec_2> dco:eId "sec_1" }} }}
WHERE {{ GRAPH ?g {{ <{DENMARK}/sec_2> dco:eId ?e }} }} ;
DELETE {{ GRAPH ?g {{ ?s oa:exact ?x }} }}
INSERT {{ GRAPH ?g {{ ?s oa:exact "not these words" }} }}
WHERE {{
    {{ SELECT ?s WHERE {{ GRAPH <https://w3id.org/digicoop/graph/japan-denmark-moc> {{ ?s oa:exact ?x }} }}
       ORDER BY ?s LIMIT 1 }}
    GRAPH ?g {{ ?s oa:exact ?x }}
}}
"""
needs_graph = pytest.mark.skipif(not DATASET.exists(), reason="graphs/ not built yet")


@needs_graph
def test_the_committed_graph_cold_then_warm(tmp_path: Path) -> None:
    cache = AgreementCache(tmp_path, "test")
    whole, cold = both(committed, cache)
    assert_same(whole, cold)
    assert len(cold.judged) == 5 and cold.reused == []
    warm = validate_graph(committed(), ROOT, incremental=True, cache=cache)
    assert_same(whole, warm)
    assert warm.judged == [] and len(warm.reused) == 5


@needs_graph
def test_a_run_starts_from_the_entries_read_ahead(tmp_path: Path) -> None:
    """What a build reads while its workers make agreements (read_ahead) is what the run
    starts from: the state read ahead, then gone from the directory, still keeps every
    agreement's results."""
    cache = AgreementCache(tmp_path, "test")
    validate_graph(committed(), ROOT, incremental=True, cache=cache)  # fill the cache
    ahead = AgreementCache(tmp_path, "test")
    read_ahead(ahead)
    for path in tmp_path.glob("state/*/*.pickle"):
        path.unlink()
    assert not has_state(ahead), "gone from the directory"
    warm = validate_graph(committed(), ROOT, incremental=True, cache=ahead)
    assert warm.judged == [] and len(warm.reused) == 5
    assert not warm.keyed, "started from the last state (without one every key is worked out)"


@needs_graph
def test_a_broken_agreement_is_the_only_one_judged_again(tmp_path: Path) -> None:
    cache = AgreementCache(tmp_path, "test")
    validate_graph(committed(), ROOT, incremental=True, cache=cache)  # fill the cache

    def broken() -> ox.Store:
        # in one agreement, two provisions share an eId and one quote is not the source's words
        store = committed()
        store.update(BREAK)
        return store

    whole, incremental = both(broken, cache)
    assert_same(whole, incremental)
    assert not whole.conforms
    assert {f.agreement for f in whole.violations} == {"japan-denmark-moc"}
    assert incremental.judged == ["japan-denmark-moc"]
    assert len(incremental.reused) == 4


def laid_out(flat: Graph) -> Dataset:
    """Each triple in the graph of its subject's agreement (shared resources in graph:shared),
    as a build lays a dataset out."""
    dataset = Dataset()
    for s, p, o in flat:
        agreement = owner(str(s)) if isinstance(s, URIRef) else None
        dataset.graph(GRAPH[agreement] if agreement else GRAPH.shared).add((s, p, o))
    return dataset


def with_copy(graph: Graph) -> Graph:
    """The fixture and a copy of its agreement under another id (same parties, same source)."""
    fixture = "https://w3id.org/digicoop/id/agreement/fixture-moc"
    copy = fixture.replace("fixture-moc", COPY)
    flat = Graph()
    for triple in graph:
        flat.add(triple)
        flat.add(
            tuple(  # type: ignore[arg-type]
                URIRef(str(t).replace(fixture, copy)) if isinstance(t, URIRef) else t
                for t in triple
            )
        )
    return flat


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> AgreementCache:
    return AgreementCache(tmp_path_factory.mktemp("validation-cache"), "cases")


@pytest.fixture(scope="module")
def two(good_graph: Graph) -> Graph:
    return with_copy(good_graph)


def test_two_agreements(two: Graph, shared_cache: AgreementCache) -> None:
    dataset = laid_out(two)
    whole, incremental = both(lambda: store_of(dataset), shared_cache)
    assert_same(whole, incremental)
    assert sorted(incremental.judged + incremental.reused) == [COPY, "fixture-moc"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(two: Graph, shared_cache: AgreementCache, case: dict) -> None:
    flat = Graph()
    for triple in two:
        flat.add(triple)
    flat.update(SPARQL_PREFIXES + case["update"])  # breaks fixture-moc, not its copy
    dataset = laid_out(flat)
    whole, incremental = both(lambda: store_of(dataset), shared_cache)
    assert_same(whole, incremental)


def test_the_cache_lives_under_build(tmp_path: Path) -> None:
    assert cache_for(tmp_path).directory == tmp_path / "build" / "validation"


@needs_graph
def test_a_broken_reuse_record_is_judged_with_the_agreements_it_names(
    tmp_path: Path,
) -> None:
    # graph:reuse records belong to no agreement's IRI, but only their two provisions' graphs
    # matter to them: the first of the two agreements (by id) judges them; the reusing one
    # reads them too (its provision is their rdf:subject). Only those two are judged again
    # when one record changes
    cache = AgreementCache(tmp_path, "test")
    validate_graph(committed(), ROOT, incremental=True, cache=cache)
    record = next(
        iter(committed().quads_for_pattern(None, None, ox.NamedNode(DCO + "TextReuse"), None))
    ).subject
    rows = committed().quads_for_pattern(record, None, None, None)
    named = {q.object.value for q in rows if isinstance(q.object, ox.NamedNode)}
    agreements = sorted({found for iri in named if (found := owner(iri))})
    assert len(agreements) == 2

    def broken() -> ox.Store:
        store = committed()
        store.update(
            f"""PREFIX dco: <{DCO}>
            DELETE {{ GRAPH ?g {{ {record} dco:similarity ?s }} }}
            INSERT {{ GRAPH ?g {{ {record} dco:similarity 1.5 }} }}
            WHERE {{ GRAPH ?g {{ {record} dco:similarity ?s }} }}"""
        )
        return store

    whole, incremental = both(broken, cache)
    assert_same(whole, incremental)
    assert [(f.shape, f.focus) for f in whole.violations] == [
        ("https://w3id.org/digicoop/shapes#TextReuse-similarity", iri(record))
    ]
    # the reusing agreement (its provision is the record's rdf:subject, which the evidence
    # shapes read backwards from a provision) judges the record; the reused one does not
    # read it (no shape walks ^rdf:object or ^dco:reuses), so it keeps its result
    subject = next(iter(committed().quads_for_pattern(record, RDF_SUBJECT, None, None))).object
    assert incremental.judged == [agreement_of(subject)]


RDF_SUBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")
RDF_OBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#object")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def reuse_pairs(store: ox.Store) -> list[tuple[str, str]]:
    """(reusing agreement, reused agreement) of every record linking two agreements."""
    pairs = []
    for quad in store.quads_for_pattern(None, RDF_SUBJECT, None, None):
        target = next(iter(store.quads_for_pattern(quad.subject, RDF_OBJECT, None, None)), None)
        source = owner(quad.object.value) if isinstance(quad.object, ox.NamedNode) else None
        reused = None
        if target is not None and isinstance(target.object, ox.NamedNode):
            reused = owner(target.object.value)
        if source and reused and source != reused:
            pairs.append((source, reused))
    return sorted(set(pairs))


def without(store: ox.Store, agreement: str) -> ox.Store:
    """The dataset as it was before ``agreement`` was added: its graph gone, and every quad
    of another graph naming its nodes, with the records (resources of no agreement) that do."""
    out = ox.Store()
    mine = set()
    for quad in store:
        if quad.graph_name == graph_node(agreement):
            continue
        named = [t for t in (quad.subject, quad.object) if isinstance(t, ox.NamedNode)]
        if any(owner(t.value) == agreement for t in named):
            if isinstance(quad.subject, ox.NamedNode) and owner(quad.subject.value) is None:
                mine.add(quad.subject)
            continue
        out.add(quad)
    for record in mine:
        for quad in list(out.quads_for_pattern(record, None, None, None)):
            out.remove(quad)
    return out


def iri(term: object) -> str:
    """The IRI of a node the test knows to be named (a quad's term is typed as any node)."""
    assert isinstance(term, ox.NamedNode), term
    return term.value


def agreement_of(term: object) -> str:
    """The agreement whose graph mints ``term``."""
    found = owner(iri(term))
    assert found is not None, term
    return found


def warmed(tmp_path: Path) -> AgreementCache:
    """A cache holding every agreement's result for the committed graph."""
    cache = AgreementCache(tmp_path, "test")
    validate_graph(committed(), ROOT, incremental=True, cache=cache)
    return cache


def first_record(store: ox.Store) -> ox.Quad:
    """The ``rdf:object`` quad of the first text-reuse record in graph:reuse."""
    return next(iter(store.quads_for_pattern(None, RDF_OBJECT, None, graph_node("reuse"))))


def reusing(store: ox.Store, record: ox.Quad) -> ox.NamedNode | ox.BlankNode:
    """The record's ``rdf:subject``: the provision whose text reuses the other."""
    found = next(iter(store.quads_for_pattern(record.subject, RDF_SUBJECT, None))).object
    assert isinstance(found, ox.NamedNode | ox.BlankNode)
    return found


def provision_outside(store: ox.Store, agreements: set[str]) -> ox.NamedNode:
    """A provision of an agreement not in ``agreements``."""
    provision = ox.NamedNode(DCO + "Provision")
    found = next(
        q.subject
        for q in store.quads_for_pattern(None, RDF_TYPE, provision, None)
        if agreement_of(q.subject) not in agreements
    )
    assert isinstance(found, ox.NamedNode)
    return found


def graph_node(agreement: str) -> ox.NamedNode:
    return ox.NamedNode(str(GRAPH[agreement]))


@needs_graph
def test_adding_an_agreement_that_reuses_earlier_ones_judges_only_it(tmp_path: Path) -> None:
    # an agreement whose text repeats an earlier one's (its reuse links point into that one)
    # and that no other reuses: the last added of the five. Added to the other four, it is
    # the only agreement judged again; the reused agreement's slice holds none of its links
    pairs = reuse_pairs(committed())
    assert pairs, "the five hold a text-reuse record"
    reused = {target for _, target in pairs}
    added = next(source for source, _ in pairs if source not in reused)
    cache = AgreementCache(tmp_path, "test")
    before = validate_graph(without(committed(), added), ROOT, incremental=True, cache=cache)
    assert added not in before.judged + before.reused
    whole, incremental = both(committed, cache)
    assert_same(whole, incremental)
    assert incremental.judged == [added]
    assert {target for source, target in pairs if source == added} <= set(incremental.reused)


@needs_graph
def test_a_record_that_points_into_an_agreement_the_way_shapes_read_judges_it(
    tmp_path: Path,
) -> None:
    # a reuse record given a second rdf:subject, in the reused agreement: the evidence shapes
    # read ^rdf:subject from a provision, so that agreement is judged again too
    cache = warmed(tmp_path)
    store = committed()
    record = first_record(store)
    target = record.object
    reader = reusing(store, record)

    def broken() -> ox.Store:
        changed = committed()
        changed.add(ox.Quad(record.subject, RDF_SUBJECT, target, graph_node("reuse")))
        return changed

    whole, incremental = both(broken, cache)
    assert_same(whole, incremental)
    assert ("https://w3id.org/digicoop/shapes#TextReuse-subject", iri(record.subject)) in [
        (f.shape, f.focus) for f in whole.violations
    ]
    assert incremental.judged == sorted({agreement_of(target), agreement_of(reader)})


@needs_graph
def test_a_new_link_out_of_a_reused_provision_judges_only_its_agreement(tmp_path: Path) -> None:
    # the reusing agreement reads the reused provision one step deep, but only what the
    # shapes read after a dco:reuses step (its type): a new link out of the reused provision
    # (into a third agreement) is judged with the reused provision's agreement alone
    cache = warmed(tmp_path)
    store = committed()
    record = first_record(store)
    reused = record.object
    assert isinstance(reused, ox.NamedNode)
    third = provision_outside(store, {agreement_of(reused), agreement_of(reusing(store, record))})

    def linked() -> ox.Store:
        changed = committed()
        link = ox.Quad(reused, ox.NamedNode(DCO + "reuses"), third, graph_node("reuse"))
        changed.add(link)
        return changed

    whole, incremental = both(linked, cache)
    assert_same(whole, incremental)
    assert incremental.judged == [agreement_of(reused)]


@needs_graph
def test_a_record_moved_to_another_link_judges_the_agreement_whose_link_it_leaves(
    tmp_path: Path,
) -> None:
    # a record's rdf:object moved to a provision of a third agreement: its link now has no
    # record (dcosh:Provision-reuseRecorded reads the record's rdf:object after ^rdf:subject
    # from the reusing provision), and the changed quads name the reused and the third
    # agreement's provisions only from the record's side. The record is in the reusing
    # agreement's slice, so that agreement is judged again; the other two read nothing of it
    cache = warmed(tmp_path)
    store = committed()
    record = first_record(store)
    leaving = reusing(store, record)
    third = provision_outside(store, {agreement_of(record.object), agreement_of(leaving)})

    def moved() -> ox.Store:
        changed = committed()
        changed.remove(record)
        changed.add(ox.Quad(record.subject, RDF_OBJECT, third, record.graph_name))
        return changed

    whole, incremental = both(moved, cache)
    assert_same(whole, incremental)
    found = [(f.shape, f.focus, f.value) for f in whole.violations]
    assert (DCOSH + "Provision-reuseRecorded", iri(leaving), iri(record.object)) in found
    assert incremental.judged == [agreement_of(leaving)]
