"""The graphs of no agreement as validation finds them changed: from their fingerprints, their
lines, or the on-disk store's update, with the same differences whichever way they are read.

Each test reads the committed dataset of the five once to stand for the last validation's
state, changes a graph of no agreement (the text reuse links, the shared resources), and reads
again: the lines removed and added are those that comparing the two dumps gives, and what
cannot be told is said so (``known`` False), never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from digicoop.agreement_cache import AgreementCache
from digicoop.validate import changes, context, slices, validate_graph
from digicoop.validate.slices import agreement_graphs

from .conftest import ROOT
from .test_incremental import assert_same, committed, needs_graph

pytestmark = needs_graph

GRAPH = "https://w3id.org/digicoop/graph/"
DCO = "https://w3id.org/digicoop/ontology#"
REUSE, SHARED = GRAPH + "reuse", GRAPH + "shared"


@dataclass(frozen=True)
class Change:
    """What an update did to a graph (as disk_store.Change)."""

    since: str | None
    removed: frozenset[ox.Quad]
    added: frozenset[ox.Quad]


def _quads(store: ox.Store, name: str) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, None, None, ox.NamedNode(name)))


def delta(before: ox.Store, after: ox.Store, name: str, since: str) -> Change:
    old, new = _quads(before, name), _quads(after, name)
    return Change(since, frozenset(old - new), frozenset(new - old))


def _dumped(store: ox.Store, name: str) -> set[bytes]:
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)) or b""
    return set(data.split(b"\n")) - {b""}


def _context_graphs(store: ox.Store) -> list[str]:
    own = set(agreement_graphs(store).values())
    return [g.value for g in store.named_graphs() if g not in own]  # type: ignore[union-attr]


def _read(store: ox.Store, last: context.Read | None = None, **options: object) -> context.Read:
    graphs = agreement_graphs(store).values()
    return context.read(store, graphs, last.graphs if last else None, **options)  # type: ignore[arg-type]


def a_reuse_link_moved() -> ox.Store:
    """The committed dataset with one text reuse link taken away and another made up."""
    store = committed()
    reuses = ox.NamedNode(DCO + "reuses")
    link = min(store.quads_for_pattern(None, reuses, None, ox.NamedNode(REUSE)), key=str)
    store.remove(link)
    store.add(ox.Quad(link.object, reuses, link.subject, link.graph_name))  # type: ignore[arg-type]
    return store


def test_a_graph_whose_fingerprint_is_the_last_one_is_not_read_again() -> None:
    # the build gives each such graph's fingerprint: the text reuse graph alone is 30 MB of
    # N-Triples at 500 agreements; read again only when its fingerprint moved
    store = committed()
    first = _read(store, digests={SHARED: "one"})
    shared, reuse = f"<{SHARED}>", f"<{REUSE}>"
    assert first.graphs[shared].fingerprint == "one" and not first.differences[shared][0]
    last = context.Read({**first.graphs, shared: context.Kept("one", "v", {}, b"the last lines")})
    kept = _read(a_reuse_link_moved(), last, digests={SHARED: "one"})
    assert kept.graphs[shared].lines == b"the last lines", "not read: the kept one"
    assert reuse in kept.differences, "no fingerprint given: read, and compared"
    assert shared not in kept.differences
    moved = _read(store, last, digests={SHARED: "two"})
    assert moved.graphs[shared].lines == first.graphs[shared].lines


def test_a_graph_changed_by_an_update_is_read_from_its_delta_as_from_its_dump() -> None:
    # the text reuse graph's lines are not kept (deltas will be handed over: it is large);
    # the next run's difference is the update's, equal to comparing the two dumps
    before, after = committed(), a_reuse_link_moved()
    small = {"KEEP_LINES": 0}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in small.items():
            patch.setattr(context, name, value)
        last = _read(before, digests={REUSE: "v1"}, deltas={})
        key = f"<{REUSE}>"
        assert last.graphs[key].lines is None
        changed = {REUSE: delta(before, after, REUSE, since="v1")}
        now = _read(after, last, digests={REUSE: "v2"}, deltas=changed)
    old, new = _dumped(before, REUSE), _dumped(after, REUSE)
    assert now.known and now.differences[key] == (old - new, new - old)
    assert len(old - new) == len(new - old) == 1
    whole = _read(after, digests={REUSE: "v2"})  # what reading it whole would keep
    assert now.graphs[key].named == whole.graphs[key].named
    assert now.graphs[key].vocabulary == whole.graphs[key].vocabulary
    assert now.graphs[key].fingerprint == "v2"


def test_a_large_graph_changed_with_no_delta_from_the_version_kept_is_not_known() -> None:
    # after a build with --no-validate the update's delta starts from a version this
    # validation never saw; with no lines kept, nothing can be told: judge every agreement
    before, after = committed(), a_reuse_link_moved()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(context, "KEEP_LINES", 0)
        last = _read(before, digests={REUSE: "v1"}, deltas={})
        other = {REUSE: delta(before, after, REUSE, since="v0")}
        assert not _read(after, last, digests={REUSE: "v2"}, deltas=other).known
        assert not _read(after, last, digests={REUSE: "v2"}, deltas={}).known
        assert _read(after, last, digests={REUSE: "v1"}, deltas={}).known, "fingerprint kept"


def test_lines_are_kept_while_small_or_when_no_delta_will_come() -> None:
    store = committed()
    sizes = {key: len(kept.lines or b"") for key, kept in _read(store).graphs.items()}
    limit = sorted(sizes.values())[-1] - 1  # the largest graph passes it
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(context, "KEEP_LINES", limit)
        handed = _read(store, deltas={})
        alone = _read(store)
    assert {k for k, kept in handed.graphs.items() if kept.lines is None} == set(), (
        "no fingerprint given: read every time, kept"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(context, "KEEP_LINES", limit)
        digests = {name: "v1" for name in _context_graphs(store)}
        handed = _read(store, deltas={}, digests=digests)
    assert {k for k, kept in handed.graphs.items() if kept.lines is None} == {
        k for k, size in sizes.items() if size > limit
    }
    assert all(kept.lines is not None for kept in alone.graphs.values())


def test_the_lines_naming_an_agreement_are_found_unchanged_or_changed() -> None:
    # rule 4 of digicoop.validate.changes: the resources whose lines name a node of an
    # added or removed agreement; unchanged lines are searched only when counted
    before, after = committed(), a_reuse_link_moved()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(context, "KEEP_LINES", 0)
        last = _read(before, digests={REUSE: "v1"}, deltas={})
        changed = {REUSE: delta(before, after, REUSE, since="v1")}
        now = _read(after, last, digests={REUSE: "v2"}, deltas=changed)
    for agreement_id in agreement_graphs(after):
        needle = f"<https://w3id.org/digicoop/id/agreement/{agreement_id}".encode()
        expected = {
            line
            for store in (before, after)
            for graph in _context_graphs(store)
            for line in _dumped(store, graph)
            if any(needle + end in line for end in (b">", b"/", b"#"))
        }
        found = set(context.naming(after, now, last.graphs, agreement_id))
        assert found == expected, agreement_id


def _twice(
    before: Callable[[], ox.Store],
    after: Callable[[], ox.Store],
    tmp_path: Path,
    changed: dict[str, Change],
    context_only: bool = True,
) -> tuple[object, object, object]:
    """The whole run of ``after()``; its incremental run from the state ``before()`` left,
    reading the context graphs' changes from ``changed``; and the same without them."""
    digests = {REUSE: "v1", SHARED: "s1"}
    handed = AgreementCache(tmp_path / "handed", "test")
    plain = AgreementCache(tmp_path / "plain", "test")
    validate_graph(
        before(), ROOT, incremental=True, cache=handed, graph_digests=digests, graph_changes={}
    )
    validate_graph(before(), ROOT, incremental=True, cache=plain, graph_digests=digests)
    moved = {name: "v2" if name in changed else value for name, value in digests.items()}
    if not context_only:  # the deltas of agreement graphs start from their content digests
        changed = {n: c for n, c in changed.items() if n in digests or c.since != "v1"}
    whole = validate_graph(after(), ROOT)
    again = validate_graph(
        after(), ROOT, incremental=True, cache=handed, graph_digests=moved, graph_changes=changed
    )
    dumped = validate_graph(after(), ROOT, incremental=True, cache=plain, graph_digests=moved)
    return whole, again, dumped


def test_validation_from_the_updates_changes_judges_what_comparing_dumps_judges(
    tmp_path: Path,
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(context, "KEEP_LINES", 0)
        changed = {REUSE: delta(committed(), a_reuse_link_moved(), REUSE, since="v1")}
        whole, again, dumped = _twice(committed, a_reuse_link_moved, tmp_path, changed)
    assert_same(whole, again)  # type: ignore[arg-type]
    assert again.judged == dumped.judged and again.judged  # type: ignore[attr-defined]
    assert again.resources == dumped.resources  # type: ignore[attr-defined]


def test_an_invalid_dataset_validated_from_changes_leaves_the_last_state(tmp_path: Path) -> None:
    # the next update's changes start from the dataset last published, which an invalid
    # build does not replace: its state must stay the one they start from
    cache = AgreementCache(tmp_path / "cache", "test")
    validate_graph(committed(), ROOT, incremental=True, cache=cache, graph_changes={})
    state = cache.get("state", cache.key("state"))
    assert isinstance(state, changes.State)
    broken = committed()
    broken.update(f"DELETE WHERE {{ GRAPH <{GRAPH}japan-denmark-moc> {{ ?s <{DCO}eId> ?e }} }}")
    result = validate_graph(broken, ROOT, incremental=True, cache=cache, graph_changes={})
    assert not result.conforms
    assert cache.get("state", cache.key("state")) == state
    result = validate_graph(broken, ROOT, incremental=True, cache=cache)
    assert cache.get("state", cache.key("state")) != state, "no changes handed: kept as ever"


def test_the_state_keeps_no_large_graph_whole_when_changes_are_handed_over(
    tmp_path: Path,
) -> None:
    cache = AgreementCache(tmp_path / "cache", "test")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(context, "KEEP_LINES", 1000)
        digests = {name: "v1" for name in _context_graphs(committed())}
        validate_graph(
            committed(), ROOT, incremental=True, cache=cache, graph_digests=digests,
            graph_changes={},
        )  # fmt: skip
    state = cache.get("state", cache.key("state"))
    assert isinstance(state, changes.State)
    assert state.context[f"<{REUSE}>"].lines is None
    assert all(len(kept.lines or b"") <= 1000 for key, kept in state.context.items() if key)


def _deltas(before: ox.Store, after: ox.Store, since: dict[str, str]) -> dict[str, Change]:
    """What an update from ``before`` to ``after`` did to each named graph that changed."""
    names = {g.value for s in (before, after) for g in s.named_graphs()}  # type: ignore[union-attr]
    found = {}
    for name in sorted(names):
        change = delta(before, after, name, since.get(name, "v1"))
        if change.removed or change.added:
            found[name] = change
    return found


def _without_agreement(agreement_id: str) -> ox.Store:
    """The committed dataset as a build without ``agreement_id`` would leave it: its graph
    gone, and every quad naming one of its nodes."""
    store = committed()
    store.remove_graph(ox.NamedNode(GRAPH + agreement_id))
    base = f"https://w3id.org/digicoop/id/agreement/{agreement_id}"
    for quad in list(store):
        if any(
            isinstance(t, ox.NamedNode) and (t.value == base or t.value.startswith(base + "/"))
            for t in (quad.subject, quad.object)
        ):
            store.remove(quad)
    return store


def test_a_removed_agreement_judges_only_the_resources_of_no_agreement_its_quads_reach(
    tmp_path: Path,
) -> None:
    # without the update's changes the quads a removed graph held are not known, and every
    # resource of no agreement is judged again; with them, those its quads reach
    gone = "japan-luxembourg-moc"
    graph = GRAPH + gone
    since = {graph: slices.graph_digest(committed(), ox.NamedNode(graph))}
    changed = _deltas(committed(), _without_agreement(gone), since)
    assert graph in changed and REUSE in changed
    whole, again, dumped = _twice(
        committed, lambda: _without_agreement(gone), tmp_path, changed, context_only=False
    )
    assert_same(whole, again)  # type: ignore[arg-type]
    assert again.judged == dumped.judged  # type: ignore[attr-defined]
    assert dumped.resources is None  # type: ignore[attr-defined]
    assert again.resources is not None  # type: ignore[attr-defined]
