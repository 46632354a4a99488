"""After a validation, the next judges the agreements a change can reach, and keeps the rest.

Each test validates the committed dataset of the five (or a variant) once to leave its state,
changes something, and validates again: the report must be the whole run's (same findings,
same order, isomorphic report), and the agreements judged again must be the ones whose part
of the dataset the change touches, read from the data, not listed by name. Each change is one
a derivation that is too narrow would miss (the kept result would be stale and the findings
would differ from the whole run's): a node of another agreement a link reaches changing its
type, a shared resource's description, a source text's record in the description, a source
file's bytes, an added and a removed agreement.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from digicoop.agreement_cache import AgreementCache
from digicoop.validate import ValidationResult, shacl, validate_graph
from digicoop.validate import incremental as incremental_module
from digicoop.validate.fast.engine import focus_nodes
from digicoop.validate.fast.scope import Scope, owner
from digicoop.validate.slices import agreement_graphs

from .conftest import ROOT
from .test_incremental import assert_same, committed, needs_graph

pytestmark = needs_graph

DCO = "https://w3id.org/digicoop/ontology#"
GRAPH = "https://w3id.org/digicoop/graph/"
ID = "https://w3id.org/digicoop/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def twice(
    before: Callable[[], ox.Store], after: Callable[[], ox.Store], tmp_path: Path, root: Path = ROOT
) -> tuple[ValidationResult, ValidationResult]:
    """The whole run of ``after()``, and its incremental run following one of ``before()``."""
    cache = AgreementCache(tmp_path / "cache", "test")
    validate_graph(before(), root, incremental=True, cache=cache)  # leaves the state
    whole = validate_graph(after(), root)
    again = validate_graph(after(), root, incremental=True, cache=cache)
    assert_same(whole, again)
    return whole, again


def a_reuse_link() -> tuple[str, str]:
    """The first ``dco:reuses`` link of graph:reuse: (reusing provision, reused provision)."""
    rows = committed().quads_for_pattern(
        None, ox.NamedNode(DCO + "reuses"), None, ox.NamedNode(GRAPH + "reuse")
    )
    link = min(rows, key=str)
    return link.subject.value, link.object.value  # type: ignore[union-attr]


def updated(text: str) -> Callable[[], ox.Store]:
    def make() -> ox.Store:
        store = committed()
        store.update(text)
        return store

    return make


def test_a_reused_provision_losing_its_type_judges_the_agreement_that_links_to_it(
    tmp_path: Path,
) -> None:
    # The reusing agreement's shapes read the type of the provision its link reaches
    # (dcosh:Provision-reuses: sh:class dco:Provision); that provision lives in the reused
    # agreement's graph. Only the two are judged again.
    reusing, reused = a_reuse_link()
    change = updated(
        f"DELETE {{ GRAPH ?g {{ <{reused}> a ?t }} }} WHERE {{ GRAPH ?g {{ <{reused}> a ?t }} }}"
    )
    whole, again = twice(committed, change, tmp_path)
    assert reusing in {f.focus for f in whole.violations}
    assert sorted(again.judged) == sorted({str(owner(reusing)), str(owner(reused))})


def test_a_shared_resource_changing_judges_the_agreements_that_name_it(tmp_path: Path) -> None:
    # A shared resource that two of the five agreement graphs name gets another label in
    # graph:shared: the two read its description (it is in their slices), the others do not.
    store = committed()
    namers: dict[str, set[str]] = {}
    for agreement_id, graph in agreement_graphs(store).items():
        for quad in store.quads_for_pattern(None, None, None, graph):
            node = quad.object
            if (
                isinstance(node, ox.NamedNode)
                and node.value.startswith(ID)
                and not owner(node.value)
            ):
                namers.setdefault(node.value, set()).add(agreement_id)
    resource = min(name for name, agreements in namers.items() if len(agreements) == 2)
    change = updated(
        f"""INSERT DATA {{ GRAPH <{GRAPH}shared> {{
        <{resource}> <http://www.w3.org/2004/02/skos/core#altLabel> "another name"@en }} }}"""
    )
    _whole, again = twice(committed, change, tmp_path)
    assert again.judged == sorted(namers[resource])


def test_a_source_text_record_changing_in_the_description_judges_its_agreement(
    tmp_path: Path,
) -> None:
    # graph:dataset records each source text (id:agreement/{id}/source) with its sha256
    source = "https://w3id.org/digicoop/id/agreement/japan-denmark-moc/source"
    change = updated(
        f"""WITH <{GRAPH}dataset>
        DELETE {{ <{source}> <{DCO}sha256> ?d }} INSERT {{ <{source}> <{DCO}sha256> "not a digest" }}
        WHERE {{ <{source}> <{DCO}sha256> ?d }}"""
    )
    whole, again = twice(committed, change, tmp_path)
    assert source in {f.focus for f in whole.violations}
    assert again.judged == ["japan-denmark-moc"]


def test_a_source_file_changing_judges_its_agreement(tmp_path: Path) -> None:
    root = tmp_path / "project"
    for name in ("shapes", "ontology", "corpus"):
        shutil.copytree(ROOT / name, root / name)
    store = committed()
    source = ox.NamedNode("https://w3id.org/digicoop/id/agreement/japan-denmark-moc/source")
    identifier = ox.NamedNode("http://purl.org/dc/terms/identifier")
    path = next(iter(store.quads_for_pattern(source, identifier, None, None))).object.value  # type: ignore[union-attr]
    cache = AgreementCache(tmp_path / "cache", "test")
    validate_graph(committed(), root, incremental=True, cache=cache)
    (root / path).write_text("Not the agreement's words.\n", encoding="utf-8")
    whole = validate_graph(committed(), root)
    again = validate_graph(committed(), root, incremental=True, cache=cache)
    assert_same(whole, again)
    assert not whole.conforms
    assert again.judged == ["japan-denmark-moc"]


def without(agreement_id: str) -> Callable[[], ox.Store]:
    def make() -> ox.Store:
        store = committed()
        store.remove_graph(ox.NamedNode(GRAPH + agreement_id))
        return store

    return make


def linking_into(agreement_id: str) -> set[str]:
    """The agreements whose reuse links reach a provision of ``agreement_id``."""
    rows = committed().quads_for_pattern(None, ox.NamedNode(DCO + "reuses"), None, None)
    return {
        found
        for q in rows
        if owner(q.object.value) == agreement_id  # type: ignore[union-attr]
        and (found := owner(q.subject.value))  # type: ignore[union-attr]
    }


def test_an_added_agreement_is_judged_alone_without_planning_any_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the reused agreement of the link added last: no other agreement reads what it holds
    # but those linking into it, which it does not change
    cache = AgreementCache(tmp_path / "cache", "test")
    validate_graph(without("japan-luxembourg-moc")(), ROOT, incremental=True, cache=cache)
    whole = validate_graph(committed(), ROOT)

    class NoSlices:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise AssertionError("a kept agreement's slice was planned")

    monkeypatch.setattr(incremental_module, "Slicer", NoSlices)
    again = validate_graph(committed(), ROOT, incremental=True, cache=cache)
    assert_same(whole, again)
    assert again.judged == ["japan-luxembourg-moc"]


def test_a_removed_agreement_judges_the_agreements_whose_links_reached_it(
    tmp_path: Path,
) -> None:
    _reusing, reused = a_reuse_link()
    gone = owner(reused)
    assert gone is not None
    _whole, again = twice(committed, without(gone), tmp_path)
    assert sorted(again.judged) == sorted(linking_into(gone))


def test_nothing_changed_judges_nothing_and_a_new_version_judges_everything(
    tmp_path: Path,
) -> None:
    _whole, again = twice(committed, committed, tmp_path)
    assert again.judged == [] and len(again.reused) == 5
    # no key was looked up: the build must not prune the keyed entries a lost state needs
    assert not again.keyed
    other = AgreementCache(tmp_path / "cache", "another version")
    cold = validate_graph(committed(), ROOT, incremental=True, cache=other)
    assert len(cold.judged) == 5 and cold.keyed


BODY = "https://w3id.org/digicoop/id/body/"


def test_a_resource_of_no_agreement_newly_targeted_is_judged(tmp_path: Path) -> None:
    # A node of no agreement that a changed context graph newly types is judged (with the
    # rest); no agreement's part changes
    new = f"<{BODY}a-body-no-text-sets-up>"
    change = updated(f"INSERT DATA {{ GRAPH <{GRAPH}shared> {{ {new} a <{DCO}GovernanceBody> }} }}")
    whole, again = twice(committed, change, tmp_path)
    assert new[1:-1] in {f.focus for f in whole.violations}
    assert again.judged == []


def test_a_resource_of_no_agreement_no_longer_targeted_is_dropped(tmp_path: Path) -> None:
    # a governance body loses its type (every graph) and gets two labels: no longer a focus
    # node of dcosh:GovernanceBody, so its two labels are no finding
    body = min(
        q.subject.value  # type: ignore[union-attr]
        for q in committed().quads_for_pattern(
            None, ox.NamedNode(RDF_TYPE), ox.NamedNode(DCO + "GovernanceBody"), None
        )
    )
    label = "http://www.w3.org/2004/02/skos/core#prefLabel"
    change = updated(
        f"""DELETE WHERE {{ GRAPH ?g {{ <{body}> a ?t }} }} ;
        INSERT DATA {{ GRAPH <{GRAPH}shared> {{ <{body}> <{label}> "one", "two" }} }}"""
    )
    whole, again = twice(committed, change, tmp_path)
    assert body not in {f.focus for f in whole.findings}
    # the incremental run dropped the body's last results itself (judged: no focus node now)
    assert body not in {f.focus for f in again.findings}
    assert again.resources is not None and f"<{body}>" not in again.resources


def _resources_named_by(agreement_id: str) -> set[str]:
    """The ``id:`` nodes of no agreement that the agreement's graph names, typed somewhere
    (focus nodes of some class-targeted shape), as SPARQL terms."""
    store = committed()
    graph = ox.NamedNode(GRAPH + agreement_id)
    named = {
        term.value
        for quad in store.quads_for_pattern(None, None, None, graph)
        for term in (quad.subject, quad.object)
        if isinstance(term, ox.NamedNode) and term.value.startswith(ID) and not owner(term.value)
    }
    typed = ox.NamedNode(RDF_TYPE)
    return {
        f"<{n}>"
        for n in named
        if next(store.quads_for_pattern(ox.NamedNode(n), typed, None, None), None)
    }


def _every_unowned_focus_node() -> set[str]:
    shapes = shacl.shapes_graph(ROOT / "shapes")
    found = focus_nodes(shapes, committed(), Scope((), unowned=True))
    return {node for nodes in found.values() for node in nodes}


def test_an_added_agreement_judges_only_the_resources_of_no_agreement_it_reaches(
    tmp_path: Path,
) -> None:
    # The resources the added graph names (its parties, organisations, bodies) are judged
    # again; the resources only the other agreements name are not, and keep their results
    added = "japan-luxembourg-moc"
    _whole, again = twice(without(added), committed, tmp_path)
    assert again.resources is not None
    assert _resources_named_by(added) <= set(again.resources)
    others = set().union(
        *(_resources_named_by(a) for a in agreement_graphs(committed()) if a != added)
    )
    assert others - _resources_named_by(added) - set(again.resources), "nothing was kept"


def test_a_change_two_steps_from_a_resource_of_no_agreement_judges_it(tmp_path: Path) -> None:
    # An external entity's dco:issuingBody is another shared resource whose class the shapes
    # check (sh:class): that resource losing its type changes the entity's result though
    # no quad of the entity changed; the walk back from the changed quad finds the entity
    issuing = ox.NamedNode(DCO + "issuingBody")
    entity, body = min(
        (q.subject.value, q.object.value)  # type: ignore[union-attr]
        for q in committed().quads_for_pattern(None, issuing, None, None)
        if isinstance(q.object, ox.NamedNode) and not owner(q.object.value)
    )
    change = updated(f"DELETE WHERE {{ GRAPH ?g {{ <{body}> a ?t }} }}")
    whole, again = twice(committed, change, tmp_path)
    assert entity in {f.focus for f in whole.violations}
    assert again.resources is not None
    assert f"<{entity}>" in again.resources  # (the body, no longer typed, is no focus node)
    assert len(again.resources) < len(_every_unowned_focus_node())


def test_a_vocabulary_change_judges_every_agreement(tmp_path: Path) -> None:
    # a quad outside the agreement graphs whose subject is not an id: resource (here a
    # topic scheme's concept) may change what any shape says of any agreement
    concept = "https://w3id.org/digicoop/topic/a-topic-no-text-names"
    label = "http://www.w3.org/2004/02/skos/core#prefLabel"
    change = updated(f'INSERT DATA {{ GRAPH <{GRAPH}topics> {{ <{concept}> <{label}> "x"@en }} }}')
    _whole, again = twice(committed, change, tmp_path)
    assert len(again.judged) == 5
